"""quizgen new: a commented starter bank drawn from a source text, valid as written."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quizgen.authoring.examples import Example, Text, candidates, unused_first
from quizgen.authoring.language_guess import guess_language
from quizgen.authoring.starter_yaml import render_bank
from quizgen.bank.files import BANK_SUFFIXES, QUESTIONS_DIR
from quizgen.bank.loader import LANGUAGE_PATTERN, MAX_SOURCE_BYTES, load_bank
from quizgen.bank.node_reader import CONTROL_CHARACTER, ID_PATTERN
from quizgen.bank.schema import installed_schema
from quizgen.bank.source_text import QuoteFinder, parse_source, source_sentences
from quizgen.bank.strict_yaml import decode_text
from quizgen.check.grounding import check_bank
from quizgen.errors import Location, Problem, ProblemsFound, UsageError, closest
from quizgen.model import QUESTION_TYPES, SourceText

_MAX_SENTENCES = 2000  # an article has far fewer; a book would only slow the drawing down
_BANK_LINE = re.compile(r"^bank:\s*[\"']?([^\"'\s#]+)", re.MULTILINE)


@dataclass(frozen=True)
class StarterBank:
    """What quizgen new wrote, for the command line to say."""

    path: str  # as shown, relative to the project
    bank: str
    source: str
    language: str
    guessed: str  # how the language was guessed, or "" when it was given
    placeholders: tuple[str, ...]  # the types for which no example was found in the text


def write_starter_bank(
    root: Path, bank: str, source: str, language: str | None = None
) -> StarterBank:
    """Write questions/<bank>.yaml with an example of every question type drawn from source."""
    questions = root / QUESTIONS_DIR
    if not questions.is_dir():
        raise UsageError(
            f"{root}: no '{QUESTIONS_DIR}/' folder; make a project first (quizgen init), "
            "or name one with --project DIR"
        )
    _check_bank_id(root, bank)
    written, text = _read_source(root, source)
    guessed = ""
    if language is None:
        guess = guess_language(text.text)
        language, guessed = guess.language, guess.describe()
    elif not LANGUAGE_PATTERN.fullmatch(language):
        raise UsageError(
            f"--language '{language}' is not a BCP 47 tag; expected e.g. de, en, de-AT"
        )
    drawn = _drawn_text(text, language)
    path = questions / f"{bank}.yaml"
    header = {
        "bank": bank,
        "title": _title(text, bank),
        "language": language,
        "source": written if re.fullmatch(r"[\w./-]+", written) else json.dumps(written),
        "schema": Path(os.path.relpath(installed_schema(), questions)).as_posix(),
        "guessed": guessed,
    }
    sources: dict[Path, SourceText | None] = {}  # the source read once for every trial
    examples = _valid_examples(root, header, drawn, sources)
    content = render_bank(header, examples)
    problems = _problems(root, content, path.name, sources)
    if problems:  # no example at all passed (a text of one endless sentence, say)
        message = (
            "no example question can be drawn from this text (its sentences are too long, too "
            "short or too few to quote); write the bank by hand from the examples in "
            "docs/authoring.md"
        )
        raise ProblemsFound([Problem(Location(written), "error", message)])
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    except FileExistsError:  # made since the check above
        raise UsageError(_exists_message(bank)) from None
    except OSError as exc:
        raise UsageError(f"cannot write {QUESTIONS_DIR}/{path.name}: {exc.strerror}") from exc
    return StarterBank(
        path=f"{QUESTIONS_DIR}/{path.name}",
        bank=bank,
        source=written,
        language=language,
        guessed=guessed,
        placeholders=tuple(e.type for e in examples if e.placeholder),
    )


def _exists_message(bank: str) -> str:
    return (
        f"{QUESTIONS_DIR}/{bank}.yaml already exists; quizgen new overwrites nothing: choose "
        "another bank id, or delete the file to start it again"
    )


# German letters as German writes them without umlauts; other accents are dropped (é → e)
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _suggested_id(bank: str) -> str:
    """Return the id a teacher probably meant: 'Über Brücken' → 'ueber-bruecken'."""
    letters = unicodedata.normalize("NFKD", bank.lower().translate(_SPELLED_OUT))
    ascii_only = letters.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:64] or "article"


def _check_bank_id(root: Path, bank: str) -> None:
    """Refuse an id the loader would refuse, or one a bank of the project already has."""
    if not ID_PATTERN.fullmatch(bank):
        suggestion = _suggested_id(bank)
        raise UsageError(
            f"bank id '{bank}' must be 1–64 lowercase letters, digits and hyphens, starting "
            f"with a letter or digit, such as '{suggestion}'"
        )
    if any((root / QUESTIONS_DIR / f"{bank}{suffix}").exists() for suffix in BANK_SUFFIXES):
        raise UsageError(_exists_message(bank))
    for other in sorted((root / QUESTIONS_DIR).rglob("*")):
        if other.suffix not in BANK_SUFFIXES or not other.is_file():
            continue
        found = _BANK_LINE.search(other.read_text(encoding="utf-8", errors="replace"))
        if found and found.group(1) == bank:
            shown = other.relative_to(root).as_posix()
            raise UsageError(
                f"bank id '{bank}' is already used by {shown}; bank ids must be unique"
            )


def _read_source(root: Path, given: str) -> tuple[str, SourceText]:
    """Return the source's path as the bank writes it (relative to the project) and its text."""
    path = Path(given)
    if not path.is_absolute() and not (root / path).exists() and (Path.cwd() / path).exists():
        path = Path.cwd() / path  # typed relative to where the teacher stands
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise UsageError(
            f"source '{given}' lies outside the project; copy it into seeds/ and name the copy"
        )
    written = resolved.relative_to(root.resolve()).as_posix()
    if resolved.is_dir():
        raise UsageError(f"source '{given}' is a folder; expected the path of a text file")
    if not resolved.is_file():
        raise UsageError(f"source file '{given}' does not exist{_did_you_mean(root, written)}")
    size = resolved.stat().st_size
    if size > MAX_SOURCE_BYTES:
        message = f"source file is {size} bytes; at most {MAX_SOURCE_BYTES} are read"
        raise ProblemsFound([Problem(Location(written), "error", message)])
    decoded, problems = decode_text(resolved.read_bytes(), written, "source file")
    if decoded is None:
        raise ProblemsFound(problems)
    if not decoded.strip():
        message = "source file is empty; expected the text the questions quote"
        raise ProblemsFound([Problem(Location(written), "error", message)])
    return written, parse_source(resolved, written, decoded)


def _did_you_mean(root: Path, written: str) -> str:
    """Return '; did you mean …?' naming a text file of the project with a close path, or advice."""
    known = [
        p.relative_to(root).as_posix()
        for p in sorted(root.rglob("*.txt"))
        if p.is_file() and "output" not in p.relative_to(root).parts[:1]
    ]
    close = closest(written, known)
    if close:
        return f"; did you mean '{close}'?"
    return "; expected a UTF-8 text file in the project, such as seeds/article.txt"


def _title(text: SourceText, bank: str) -> str:
    """Return the source's first heading, else the bank id in words."""
    headings = [s.heading for s in text.sections if s.heading]
    return headings[0] if headings else bank.replace("-", " ").capitalize()


def _drawn_text(source: SourceText, language: str) -> Text:
    """Return the sentences that make good examples and the runs of them quotable as one."""
    finder = QuoteFinder(source)
    found: list[str] = []
    for piece in (" ".join(s.split()) for s in source_sentences(source)[:_MAX_SENTENCES]):
        # "… von Lockheed Martin Corp. hergestellt …": a split after an abbreviation
        joined = f"{found[-1]} {piece}" if found else ""
        if piece[:1].islower() and joined and finder.find(joined) is not None:
            found[-1] = joined
        elif piece and finder.find(piece) is not None:
            found.append(piece)
    good = [s for s in found if _usable(s)] or found or [_first_words(source.text)]
    runs: list[tuple[int, ...]] = []
    run: list[int] = []
    for index, sentence in enumerate(good):
        if run and finder.find(f"{good[index - 1]} {sentence}") is not None:
            run.append(index)
            continue
        if len(run) >= 2:
            runs.append(tuple(run))
        run = [index]
    if len(run) >= 2:
        runs.append(tuple(run))
    return Text(tuple(good), tuple(runs), language)


def _usable(sentence: str) -> bool:
    """Return whether a sentence is a fair example: a real sentence, no gap marks or controls."""
    words = len(sentence.split())
    return (
        5 <= words <= 45
        and len(sentence) <= 320
        and "[[" not in sentence
        and "]]" not in sentence
        and CONTROL_CHARACTER.search(sentence) is None
    )


def _first_words(text: str) -> str:
    """Return the text's first words, for a text with no sentence to speak of."""
    return " ".join(" ".join(text.split())[:200].split(" ")[:30])


def _valid_examples(
    root: Path, header: dict[str, str], text: Text, sources: dict[Path, SourceText | None]
) -> list[Example]:
    """Return one example per type: the first candidate the loader and checker pass alone."""
    chosen: list[Example] = []
    used: set[str] = set()
    for qtype in QUESTION_TYPES:
        for example in unused_first(candidates(qtype, text), used):
            if not _problems(root, render_bank(header, [example]), f"{qtype}.yaml", sources):
                chosen.append(example)
                used.add(str(example.fields["source"]))
                break
    return chosen


def _problems(
    root: Path, content: str, name: str, sources: dict[Path, SourceText | None]
) -> list[Problem]:
    """Return every problem the loader and checker find in a bank's text (warnings too)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        bank, problems = load_bank(path, root, sources)
        return problems + (check_bank(bank) if bank is not None else [])


def describe(made: StarterBank) -> list[tuple[str, bool]]:
    """Return what to tell the teacher, each line with whether it is a note (for stderr)."""
    lines = []
    if made.guessed:
        lines.append(
            (
                f"language: {made.language}, guessed from the text ({made.guessed}); "
                "--language TAG chooses another",
                True,
            )
        )
    examples = f"{len(QUESTION_TYPES)} example questions drawn from {made.source}"
    lines.append((f"wrote {made.path}: {examples}", False))
    if made.placeholders:
        lines.append(
            (
                f"no good example found for: {', '.join(made.placeholders)} (placeholders, "
                "marked in the file)",
                True,
            )
        )
    lines.append(
        (f"next: edit it, then quizgen check {made.bank} and quizgen build {made.bank}", False)
    )
    return lines

"""`quizgen draft`: read a source text, draft candidates, rank them, write a bank that checks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from quizgen.bank.files import QUESTIONS_DIR
from quizgen.bank.loader import load_bank, shown_path
from quizgen.bank.source_text import parse_source
from quizgen.bank.strict_yaml import decode_text
from quizgen.check.grounding import check_bank
from quizgen.draft.bank_file import bank_yaml
from quizgen.draft.candidates import Candidate, draft_candidates
from quizgen.draft.language import SUPPORTED, guess_language, language
from quizgen.draft.ranking import rank
from quizgen.draft.sentences import sentences
from quizgen.errors import Location, Problem, ProblemsFound, UsageError

log = logging.getLogger(__name__)
DEFAULT_OUTPUT = Path(QUESTIONS_DIR) / "draft.yaml"
_QUESTION_ID = re.compile(r"question '([^']+)'")


@dataclass(frozen=True)
class DraftReport:
    """What `draft` wrote."""

    path: Path
    candidates: int
    sentences: int
    kinds: dict[str, int]
    language: str


def draft_bank(
    root: Path, source: Path, code: str | None, output: Path | None, force: bool
) -> DraftReport:
    """Draft a bank of candidates from `source` into `output` (questions/draft.yaml)."""
    target = output if output is not None else root / DEFAULT_OUTPUT
    shown_source = shown_path(source, root)
    text = _read_text(source, shown_source)
    if code is not None and code.split("-")[0].lower() not in SUPPORTED:
        raise UsageError(f"--language '{code}' is not supported by draft; expected de or en")
    written_source = _inside(source, root, shown_source)
    if target.exists() and not force:
        _fail(
            shown_path(target, root),
            "already exists; pass --force to replace it, or -o to write another file",
        )
    code = code or guess_language(text)
    lang = language(code)
    found = sentences(text, lang.code)
    if not found:
        _fail(
            shown_source,
            "has no sentence to draft from: every line reads as a heading "
            "(a sentence ends with '.', '!' or '?')",
        )
    chosen = rank(draft_candidates(found, lang), [len(s.text.split()) for s in found])
    if not chosen:
        _fail(
            shown_source,
            f"nothing to ask in its {len(found)} sentence(s): draft gaps numbers, dates, names "
            "and acronyms, and asks about lists of countries",
        )
    title = _title(text, source, lang.code)
    bank_id = _bank_id(target)
    chosen = _write_checked(target, root, chosen, bank_id, title, code, written_source)
    kinds: dict[str, int] = {}
    for candidate in chosen:
        kinds[candidate.kind] = kinds.get(candidate.kind, 0) + 1
    return DraftReport(target, len(chosen), len(found), kinds, code)


def _read_text(source: Path, shown: str) -> str:
    """Return the source's text, or fail with a located error."""
    if source.is_dir():
        _fail(shown, "is a folder; expected the text file to draft questions from")
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        _fail(shown, "no such file; expected the text to draft questions from (seeds/article.txt)")
    except OSError as exc:
        _fail(shown, f"cannot read it: {exc.strerror}")
    text, problems = decode_text(data, shown, "source file")
    if text is None:
        raise ProblemsFound(problems)
    if not text.strip():
        _fail(shown, "is empty; expected the article to draft questions from")
    return text


def _inside(source: Path, root: Path, shown: str) -> str:
    """Return the source's path as a bank names it: relative to the project root."""
    try:
        return source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        _fail(
            shown,
            f"lies outside the project {root}; a bank's source must be inside it: "
            "copy the text into the project's seeds/ folder",
        )


def _fail(shown: str, message: str) -> NoReturn:
    raise ProblemsFound([Problem(Location(shown), "error", message)])


def _title(text: str, source: Path, code: str) -> str:
    """Return the bank's title: the text's first heading, else its file name."""
    parsed = parse_source(source, source.name, text)
    heading = next((s.heading for s in parsed.sections if s.heading), "") or source.stem
    return ("Entwurf: " if code.startswith("de") else "Draft: ") + heading


def _bank_id(target: Path) -> str:
    """Return a bank id made from the output file's name."""
    stem = re.sub(r"[^a-z0-9-]+", "-", target.stem.lower()).strip("-")
    return (stem or "draft")[:64]


def _write_checked(
    target: Path,
    root: Path,
    chosen: list[Candidate],
    bank_id: str,
    title: str,
    code: str,
    written_source: str,
) -> list[Candidate]:
    """Write the bank; leave out any candidate the checker would fault (none, by design)."""
    for _attempt in range(3):
        if not chosen:
            break
        content = bank_yaml(chosen, bank_id, title, code, written_source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        except OSError as exc:
            _fail(shown_path(target, root), f"cannot write it: {exc.strerror}")
        faulted = _faulted(target, root)
        if not faulted:
            return chosen
        log.info("left out candidates the checker faults: %s", ", ".join(sorted(faulted)))
        ids = _ids(chosen)
        chosen = [c for c, qid in zip(chosen, ids, strict=True) if qid not in faulted]
    # nothing left that passes check: no bank, rather than one that check refuses
    target.unlink(missing_ok=True)
    _fail(
        written_source,
        "nothing to ask that passes quizgen check (its sentences may be too long to quote); "
        "write the bank by hand",
    )


def _faulted(target: Path, root: Path) -> set[str]:
    """Return the ids of written questions that check reports a problem for (drafts aside)."""
    bank, problems = load_bank(target, root, {})
    if bank is not None:
        problems += check_bank(bank)
    faulted = set()
    for problem in problems:
        if "still marked 'draft: true'" in problem.message:
            continue
        match = _QUESTION_ID.search(problem.message)
        faulted.add(match.group(1) if match else "*")
    return faulted


def _ids(chosen: list[Candidate]) -> list[str]:
    """Return the ids bank_yaml gives the candidates."""
    numbers: dict[str, int] = {}
    ids = []
    for candidate in chosen:
        numbers[candidate.kind] = numbers.get(candidate.kind, 0) + 1
        ids.append(f"{candidate.kind}-{numbers[candidate.kind]}")
    return ids

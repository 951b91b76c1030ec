"""Turn a bank's YAML file into the model, locating every problem in it."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from quizgen.answers.numbers import uses_decimal_comma
from quizgen.bank.header import read_header
from quizgen.bank.node_reader import Entries, NodeReader
from quizgen.bank.questions import read_questions, read_scoring, read_tags
from quizgen.bank.source_text import parse_source
from quizgen.bank.strict_yaml import decode_text, read_yaml_file
from quizgen.bank.withdrawn import read_withdrawn
from quizgen.errors import Location, Problem, closest
from quizgen.model import Bank, SheetHeader, SourceText

LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
MAX_SOURCE_BYTES = 10 * 1024 * 1024
BANK_FIELDS = (
    "bank",
    "title",
    "language",
    "source",
    "description",
    "instructions",
    "time",
    "hyphenate",
    "header",
    "print_source",
    "tags",
    "deck",
    "withdrawn",
    "scoring",
    "questions",
)
BANK_REQUIRED = ("bank", "title", "language", "source", "questions")
RESERVED_IDS = ("site", "teacher")  # the output folders for students and for teachers


def load_bank(
    path: Path,
    root: Path,
    sources: dict[Path, SourceText | None],
    named: set[Path] | None = None,
) -> tuple[Bank | None, list[Problem]]:
    """Load one bank file; return the bank (None if invalid) and every problem found.

    `sources` caches source texts by resolved path across banks; `named` collects every source
    path a bank names, as written below the project, whether it exists or not.
    """
    bank, _checkable, problems = read_bank(path, root, sources, named)
    return bank, problems


def read_bank(
    path: Path,
    root: Path,
    sources: dict[Path, SourceText | None],
    named: set[Path] | None = None,
) -> tuple[Bank | None, Bank | None, list[Problem]]:
    """Load one bank file; return the bank (None if invalid), what of it can be checked, problems.

    The checkable bank holds the questions that were read without an error, even when others
    were not: their quotes are checked too, so that one run shows every problem of a bank.
    """
    display = shown_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(Location(display), "error", f"cannot read bank file: {exc.strerror}")
        return None, None, [problem]
    # the node tree and the model built from it hold no reference cycles, so the cyclic
    # collector, run over and over while they grow, would only walk them again (a quadratic
    # cost: half the time of reading 10,000 questions)
    with collector_paused():
        node, problems = read_yaml_file(data, display)
        if node is None:
            return None, None, problems
        reader = NodeReader(display, data)
        reader.problems.extend(problems)
        bank = _read_bank(reader, node, path, root, sources, named)
    if bank is not None and any(p.severity == "error" for p in reader.problems):
        return None, bank, reader.problems
    return bank, bank, reader.problems


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees what is dropped).

    What was made meanwhile goes to the oldest generation: else the first allocation after the
    pause would walk all of it as young objects, to find no cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # (unfreezing would thaw what a caller froze)
            gc.freeze()  # every object to the permanent generation, the young count to zero
            gc.unfreeze()  # and back, into the oldest generation
        if was_enabled:
            gc.enable()


def shown_path(path: Path, root: Path) -> str:
    """Return a path as the user should see it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_bank(
    reader: NodeReader,
    node: yaml.Node,
    path: Path,
    root: Path,
    sources: dict[Path, SourceText | None],
    named: set[Path] | None = None,
) -> Bank | None:
    entries = reader.mapping(node, "a bank file")
    if entries is None:
        return None
    reader.fields(entries, node, "bank", BANK_FIELDS, BANK_REQUIRED)
    bank_id = reader.identifier(entries["bank"][1], "bank id") if "bank" in entries else None
    if bank_id in RESERVED_IDS:
        # output/site/<bank>/ beside output/site/index.html: an older quizgen's output/site/
        # folder of that bank could not be told from the students' site
        reader.error(
            entries["bank"][1],
            f"bank id '{bank_id}' is the name of an output folder (output/site/, "
            f"output/teacher/); choose another, e.g. '{bank_id}-quiz'",
        )
        bank_id = None
    title = reader.text(entries["title"][1], "bank title") if "title" in entries else None
    description = _optional_text(reader, entries, "description")
    instructions = _optional_text(reader, entries, "instructions")
    minutes = (
        reader.integer(entries["time"][1], "bank time (minutes)", minimum=1)
        if "time" in entries
        else 0
    )
    hyphenate = (
        reader.boolean(entries["hyphenate"][1], "bank hyphenate")
        if "hyphenate" in entries
        else None
    )
    header = read_header(reader, entries["header"][1]) if "header" in entries else None
    print_source = (
        _read_print_source(reader, entries["print_source"][1])
        if "print_source" in entries
        else None
    )
    deck = _optional_text(reader, entries, "deck")
    language = _read_language(reader, entries["language"][1]) if "language" in entries else None
    tags = read_tags(reader, entries["tags"][1]) if "tags" in entries else ()
    scoring = (
        read_scoring(reader, entries["scoring"][1], "bank scoring")
        if "scoring" in entries
        else "all-or-nothing"
    )
    source = None
    if "source" in entries:
        source = _read_source(reader, entries["source"][1], root, sources, named)
    questions = None
    if "questions" in entries:
        decimal_comma = language is not None and uses_decimal_comma(language)
        questions = read_questions(reader, entries["questions"][1], decimal_comma)
    withdrawn = (
        read_withdrawn(reader, entries["withdrawn"][1], questions or [])
        if "withdrawn" in entries
        else ()
    )
    # A None below is a missing required field or a value already reported as an error; with
    # the source and some questions the bank is still returned (load_bank drops it) to be checked.
    if source is None or not questions:
        return None
    return Bank(
        id=bank_id or "bank",
        title=title or "",
        language=language or "en",
        source=source,
        questions=tuple(questions),
        description=description or "",
        instructions=instructions or "",
        time=minutes or 0,
        hyphenate=hyphenate,
        header=header or SheetHeader(),
        print_source=print_source,
        tags=tags or (),
        deck=deck or "",
        withdrawn=withdrawn or (),
        scoring=scoring or "all-or-nothing",
        path=path,
        display_path=reader.display_path,
        location=reader.at(node),
    )


def _optional_text(reader: NodeReader, entries: Entries, name: str) -> str | None:
    """Return an optional bank field's text, '' when it is absent, None when it is wrong."""
    if name not in entries:
        return ""
    return reader.text(entries[name][1], f"bank {name}", allow_empty=True)


def _read_print_source(reader: NodeReader, node: yaml.Node) -> bool | str | None:
    """Return where the PDFs print the source text: true, false or 'handout'."""
    value = reader.text(node, "bank print_source", prose=False)
    if value is None:
        return None
    written = value.strip()
    if written in ("true", "false", "handout"):
        return {"true": True, "false": False}.get(written, written)
    reader.error(
        node,
        f"bank print_source must be true (the text before the questions on the worksheet), "
        f"handout (the text as a PDF of its own) or false (not printed, the default), "
        f"got '{value}'",
    )
    return None


def _read_language(reader: NodeReader, node: yaml.Node) -> str | None:
    """Return the bank's BCP 47 language tag."""
    language = reader.text(node, "language")
    if language is not None and not LANGUAGE_PATTERN.fullmatch(language):
        reader.error(
            node, f"language '{language}' is not a BCP 47 tag; expected e.g. de, en, de-AT"
        )
        return None
    return language


def _read_source(
    reader: NodeReader,
    node: yaml.Node,
    root: Path,
    sources: dict[Path, SourceText | None],
    named: set[Path] | None = None,
) -> SourceText | None:
    """Resolve a bank's source path inside the project and read it (once per path)."""
    written = reader.text(node, "source")
    if written is None:
        return None
    if named is not None:  # as written: a link re-pointed, or a missing file made, is noticed
        named.add(root / written)
    try:
        resolved = (root / written).resolve()
        inside = resolved.is_relative_to(root.resolve())
        exists = inside and resolved.is_file()
        folder = inside and resolved.is_dir()
    except (OSError, ValueError):  # an over-long name
        inside, exists, folder = True, False, False
    if not inside:
        reader.error(
            node,
            f"source '{written}' lies outside the project; expected a path inside the project folder",
        )
        return None
    if folder:
        reader.error(node, f"source '{written}' is a folder; expected the path of a text file")
        return None
    if not exists:
        close = _close_source(root, written)
        hint = f"; did you mean '{close}'?" if close else ""
        reader.error(
            node,
            f"source file '{written}' does not exist; expected a text file relative to the "
            f"project root{hint}",
        )
        return None
    if resolved not in sources:
        sources[resolved] = _read_source_file(reader, node, resolved, written)
    elif sources[resolved] is None:
        reader.error(node, f"source file '{written}' cannot be used (see its first error)")
    return sources[resolved]


def _close_source(root: Path, written: str) -> str | None:
    """Return the project's text file whose path is most like a misspelt one, or None."""
    folders = {root, (root / written).parent, root / "seeds"}
    try:
        found = [
            path.relative_to(root).as_posix()
            for folder in folders
            if folder.is_dir() and folder.resolve().is_relative_to(root.resolve())
            for path in folder.iterdir()
            if path.is_file() and not path.name.startswith(".")
        ]
    except (OSError, ValueError):
        return None
    return closest(written, sorted(set(found)))


def _read_source_file(
    reader: NodeReader, node: yaml.Node, resolved: Path, written: str
) -> SourceText | None:
    try:
        size = resolved.stat().st_size
        data = resolved.read_bytes() if size <= MAX_SOURCE_BYTES else b""
    except OSError as exc:
        reader.error(node, f"cannot read source file '{written}': {exc.strerror}")
        return None
    if size > MAX_SOURCE_BYTES:
        reader.error(
            node, f"source file '{written}' is {size} bytes; at most {MAX_SOURCE_BYTES} are read"
        )
        return None
    text, problems = decode_text(data, written, "source file")
    if text is None:
        reader.problems.extend(problems)
        return None
    if not text.strip():
        reader.error(
            node, f"source file '{written}' is empty; expected the text the questions quote"
        )
        return None
    return parse_source(resolved, written, text)

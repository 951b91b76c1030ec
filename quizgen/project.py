"""A quizgen project: its root, its banks, and loading them all at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bank.files import BANK_SUFFIXES, QUESTIONS_DIR, bank_files
from quizgen.bank.header import header_defaults
from quizgen.bank.loader import collector_paused, shown_path
from quizgen.errors import Problem, UsageError, closest
from quizgen.model import Bank, SheetHeader
from quizgen.reading import read_banks


@dataclass
class LoadResult:
    """The valid banks of a run and every problem found, sorted."""

    banks: list[Bank] = field(default_factory=list)
    unselected: list[Bank] = field(default_factory=list)  # valid banks the run was not asked for
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every source path a bank names, found or not

    def failed(self, strict: bool) -> bool:
        """Return whether the run found an error (or, when strict, a warning)."""
        return any(p.severity == "error" or strict for p in self.problems)


def load_project(
    root: Path,
    selected: tuple[str, ...] = (),
    strict: bool = False,
    read: Callable[[], None] = lambda: None,
    jobs: int | None = None,
    outlines: bool = False,
) -> LoadResult:
    """Load and check every bank (or the selected ones, by id or path), collecting all problems.

    `read` is called after each bank file (the build's progress); `jobs` processes read many
    banks at once (all cores when None); with `outlines`, the banks come without their questions
    and source text (`Bank.outline`: what `check` needs).
    """
    result = LoadResult()
    named: set[Path] = set()
    owners: dict[str, tuple[Bank, bool]] = {}  # bank id -> the first valid bank using it, selected?
    files = bank_files(root)
    wanted_paths = {_bank_path(s, root) for s in selected if s.endswith(BANK_SUFFIXES)}
    # the banks hold no reference cycles: the cyclic collector, run again and again while they
    # grow, would only walk them (a third of the time of checking 10,000 questions)
    with collector_paused():
        reads = read_banks(files, root, jobs, read, outlines)
    # a name selects the banks of that id; one that no valid bank has as its id, the file of that
    # name (dup.yaml, which says `bank: atacms`: its duplicate id is told, not nothing selected)
    ids = {bank.id for bank, _problems, _names in reads if bank is not None}
    by_stem = {name for name in selected if name not in ids}
    defaults = header_defaults(root)
    in_sources: dict[str, list[Problem]] = {}  # problems located in a source text, by its path
    wanted_sources: set[str] = set()
    for path, (bank, problems, names) in zip(files, reads, strict=True):
        named |= names
        own = shown_path(path, root)
        for problem in problems:
            if problem.location.path != own:
                in_sources.setdefault(problem.location.path, []).append(problem)
        if strict:
            problems = [p.as_error() for p in problems]
        wanted = not selected or _is_selected(path, bank, selected, wanted_paths, by_stem)
        if wanted:
            wanted_sources |= {shown_path(source, root) for source in names}
        if bank is None or any(p.severity == "error" for p in problems):
            if wanted:
                result.problems.extend(problems)
            continue
        # ids are unique in the whole project, selected or not: they name the output folders
        first, first_wanted = owners.get(bank.id, (None, False))
        if first is not None:
            if wanted or first_wanted:
                result.problems += [*problems, _duplicate_id(bank, first)]
            continue
        if defaults != SheetHeader():
            bank = dataclasses.replace(bank, header=bank.header.over(defaults))
        owners[bank.id] = (bank, wanted)
        if wanted:
            result.problems.extend(problems)
        (result.banks if wanted else result.unselected).append(bank)
    # A source text's problems are reported by the first bank that reads it; the others are told
    # it "cannot be used (see its first error)": that first error is shown with them, even when
    # the bank that met it was not asked for.
    for source in sorted(wanted_sources):
        for problem in in_sources.get(source, []):
            problem = problem.as_error() if strict else problem
            if problem not in result.problems:
                result.problems.append(problem)
    _require_known(selected, files, ids, root)
    result.sources = sorted(str(path) for path in named)
    result.problems.sort()
    return result


def _duplicate_id(bank: Bank, first: Bank) -> Problem:
    """Return the error for a bank that reuses the id of an earlier bank file."""
    return Problem(
        bank.location,
        "error",
        f"bank id '{bank.id}' is already used by {first.display_path}; bank ids must be unique",
    )


def _is_selected(
    path: Path, bank: Bank | None, selected: tuple[str, ...], paths: set[Path], by_stem: set[str]
) -> bool:
    if path.resolve() in paths:
        return True
    if bank is None:  # unreadable: known by its file name only
        return path.stem in selected
    return bank.id in selected or path.stem in by_stem


def _bank_path(name: str, root: Path) -> Path:
    """Resolve a bank file named on the command line: from here, the project, or its questions/."""
    for folder in (Path.cwd(), root, root / QUESTIONS_DIR):
        if (folder / name).is_file():
            return (folder / name).resolve()
    return (Path.cwd() / name).resolve()


def _require_known(selected: tuple[str, ...], files: list[Path], ids: set[str], root: Path) -> None:
    """Fail with a usage error when a selected bank matches no file."""
    # every name that selects a bank: the ids of the valid banks, asked for or not, and the
    # files' names (an invalid bank's only name: it has no id to go by)
    known = ids | {p.stem for p in files}
    resolved = {p.resolve() for p in files}
    for name in selected:
        if name.endswith(BANK_SUFFIXES):
            if _bank_path(name, root) not in resolved:
                names = [p.relative_to(root / QUESTIONS_DIR).as_posix() for p in files]
                close = closest(Path(name).name, names)
                hint = f"; did you mean '{close}'?" if close else ""
                raise UsageError(f"no bank file '{name}' under {root / QUESTIONS_DIR}{hint}")
        elif name not in known:
            close = closest(name, sorted(known))
            hint = f"; did you mean '{close}'?" if close else ""
            listed = ", ".join(sorted(known)) or "none"
            raise UsageError(f"no bank '{name}'; known banks: {listed}{hint}")

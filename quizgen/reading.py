"""Read and check bank files: in this process, or in worker processes when there is much to read."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from quizgen.bank.loader import read_bank, shown_path
from quizgen.bank.source_text import QuoteMatch
from quizgen.check.catalogs import catalog_problems
from quizgen.check.grounding import check_bank, quote_finder
from quizgen.errors import Problem
from quizgen.model import Bank, SourceText

# Below this many bytes of banks in all, starting workers costs more than it saves: reading and
# checking takes about 0.7 s a megabyte, a forked worker about 10 ms to start and 0.1 s a megabyte
# to hand its banks back (bench/README.md, "Several banks at once").
PARALLEL_BYTES = 512 * 1024

Read = tuple[Bank | None, list[Problem], set[Path]]

_sources: dict[Path, SourceText | None] = {}  # a worker's source texts, shared by its banks


def _nothing() -> None:
    pass


def read_banks(
    files: list[Path],
    root: Path,
    jobs: int | None = None,
    read: Callable[[], None] = _nothing,
    outlines: bool = False,
) -> list[Read]:
    """Return, for each bank file in order, its bank (None if invalid), problems and named sources.

    With several bank files and more than PARALLEL_BYTES of them, `jobs` worker processes (all
    cores when None) read and check them at once, with the same results; `read` is called after
    each file. With `outlines`, each bank comes back as its outline (`Bank.outline`): all that
    `check` needs, and far less for the workers to hand back.
    """
    workers = min(jobs or cores(), len(files))
    if workers >= 2 and size_of(files) >= PARALLEL_BYTES and can_fork():
        try:
            reads = _read_in_workers(files, root, workers, read, outlines)
        except OSError:  # no process could be started (a full process table): one will do
            reads = None
        if reads is not None:
            if not _source_problems_repeated(files, reads, root):
                return reads
            read = _nothing  # (the progress has counted every file already)
    sources: dict[Path, SourceText | None] = {}
    reads = []
    for path in files:
        reads.append(_read_one(path, root, sources, outlines))
        read()
    return reads


def _read_in_workers(
    files: list[Path], root: Path, workers: int, read: Callable[[], None], outlines: bool
) -> list[Read]:
    from quizgen.workers import Workers  # here: most projects have too little to read for a pool

    with Workers(workers) as pool:
        running = [pool.submit(_read_in_worker, path, root, outlines) for path in files]
        reads = []
        for path, done in zip(files, running, strict=True):
            bank, problems, named, found = pool.result(done, f"reading {shown_path(path, root)}")
            if bank is not None and found:  # the targets find the quotes' paragraphs again
                quote_finder(bank.source).learn(found)
            reads.append((bank, problems, named))
            read()
    return reads


def _source_problems_repeated(files: list[Path], reads: list[Read], root: Path) -> bool:
    """Return whether two banks report the same problem of a source text they share.

    One process reports it once, and tells the other banks the source "cannot be used (see its
    first error)"; workers each read the source: then the banks are read again, in one process.
    """
    seen: set[Problem] = set()
    for path, (_bank, problems, _names) in zip(files, reads, strict=True):
        own = shown_path(path, root)
        elsewhere = {p for p in problems if p.location.path != own}
        if elsewhere & seen:
            return True
        seen |= elsewhere
    return False


def _read_one(
    path: Path, root: Path, sources: dict[Path, SourceText | None], outline: bool = False
) -> Read:
    """Load and check one bank file; with `outline`, return the bank's outline."""
    named: set[Path] = set()
    bank, checkable, problems = read_bank(path, root, sources, named)
    if checkable is not None:  # (the valid questions of an invalid bank too: every problem at once)
        problems += check_bank(checkable)
    if bank is not None:
        problems += catalog_problems(bank, root)
        if outline:
            bank = bank.outline()
    return bank, problems, named


def _read_in_worker(
    path: Path, root: Path, outline: bool
) -> tuple[Bank | None, list[Problem], set[Path], dict[str, QuoteMatch | None]]:
    """Load and check one bank file in a worker process; add where its quotes were found."""
    bank, problems, named = _read_one(path, root, _sources, outline)
    found = quote_finder(bank.source).known() if bank is not None and not outline else {}
    return bank, problems, named, found


def size_of(files: Iterable[Path]) -> int:
    """Return the bank files' size in bytes (a file that cannot be read counts nothing)."""
    total = 0
    for path in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def cores() -> int:
    """Return how many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Return whether this system forks processes (not Windows): workers are forked only."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()

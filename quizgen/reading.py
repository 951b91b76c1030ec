"""Read and check bank files: in this process, or in worker processes when there is much to read."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from quizgen.bank.loader import load_bank
from quizgen.check.grounding import check_bank
from quizgen.errors import Problem
from quizgen.model import Bank, SourceText

# Below this many bytes of banks in all, starting workers costs more than it saves: reading and
# checking takes about 0.7 s a megabyte, a forked worker about 10 ms to start and 0.1 s a megabyte
# to hand its banks back (bench/README.md, "Several banks at once").
PARALLEL_BYTES = 512 * 1024

Read = tuple[Bank | None, list[Problem], set[Path]]

_sources: dict[Path, SourceText | None] = {}  # a worker's source texts, shared by its banks


def read_banks(files: list[Path], root: Path, jobs: int | None = None) -> Iterator[Read]:
    """Yield, for each bank file in order, its bank (None if invalid), problems and named sources.

    With several bank files and more than PARALLEL_BYTES of them, `jobs` worker processes (all
    cores when None) read and check them at once; the results come in file order all the same.
    """
    workers = min(jobs or cores(), len(files))
    if workers < 2 or _size(files) < PARALLEL_BYTES or not can_fork():
        sources: dict[Path, SourceText | None] = {}
        for path in files:
            yield _read_one(path, root, sources)
        return
    import multiprocessing  # (only here: 20 ms of a small project's check)

    # fork: the workers start with every module this process has imported, in milliseconds
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_read_in_worker, [(path, root) for path in files])


def _read_one(path: Path, root: Path, sources: dict[Path, SourceText | None]) -> Read:
    """Load and check one bank file."""
    named: set[Path] = set()
    bank, problems = load_bank(path, root, sources, named)
    if bank is not None:
        problems += check_bank(bank)
    return bank, problems, named


def _read_in_worker(task: tuple[Path, Path]) -> Read:
    """Load and check one bank file in a worker process."""
    return _read_one(*task, _sources)


def _size(files: list[Path]) -> int:
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

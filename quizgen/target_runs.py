"""Run targets, several at once in worker processes when there is much to make.

Each worker is forked once the banks are read, so it starts with them and with every module
loaded; it runs one target on its part of the banks, sends back what the target staged, logged
and read, and ends (the next part gets a new worker). The build takes those in target order, as
if it had run the target itself: the same files, the same messages in the same order.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from quizgen.answers.solve import solve_bank
from quizgen.output.staging import StagedOutput
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import templates_read
from quizgen.progress import Progress
from quizgen.reading import can_fork

if TYPE_CHECKING:
    from concurrent.futures import Future

    from quizgen.context import BuildContext
    from quizgen.model import Bank
    from quizgen.targets import FileRole, Target
    from quizgen.workers import Workers, _Outcome


@dataclass
class TargetRun:
    """What one target did: the files it staged, what it logged, the templates it read."""

    files: dict[str, tuple[bytes, FileRole | None]] = field(default_factory=dict)
    logged: list[tuple[str, int, str]] = field(default_factory=list)  # logger, level, message
    templates: set[str] = field(default_factory=set)

    def replay(self, staged: StagedOutput) -> None:
        """Stage the files and log the messages here, in the order the target made them."""
        for relative, (data, role) in self.files.items():
            staged.write_placed(relative, data, role)  # (placed by the worker already)
        for name, level, message in self.logged:
            logging.getLogger(name).log(level, "%s", message)


# set in the parent just before the workers are forked: what they need, without pickling it
_work: dict[tuple[str, int], tuple[Target, Sequence[Bank]]] = {}  # by target and part
_staged: StagedOutput | None = None
_context: BuildContext | None = None


class TargetRunner:
    """Runs each target when the build asks for it: here, or in a worker started for many."""

    def __init__(self, staged: StagedOutput, context: BuildContext, workers: int) -> None:
        self.staged, self.context, self.workers = staged, context, workers
        self._started = False
        self._waiting: list[tuple[str, int]] = []  # (target, part) not started yet, next first
        self._running: dict[tuple[str, int], tuple[Workers, Future[_Outcome[TargetRun]]]] = {}
        self._done: dict[tuple[str, int], tuple[Workers, Future[_Outcome[TargetRun]]]] = {}

    def start(self, work: Mapping[str, tuple[Target, Sequence[Bank]]]) -> None:
        """Start workers on every target here that does not run processes of its own (once).

        A target whose banks can be made part by part (`by_bank`) is made in as many parts as
        there are workers, so that one target of many banks uses every core too.
        """
        if self._started:
            return
        self._started = True
        farmed = {n: w for n, w in work.items() if not getattr(w[0], "own_processes", False)}
        parts = {name: self._parts(target, banks) for name, (target, banks) in farmed.items()}
        if self.workers < 2 or sum(map(len, parts.values())) < 2 or not can_fork():
            return
        global _staged, _context
        if len(farmed) >= 2:  # what every target works out of the same banks: once, before the fork
            banks = {bank.id: bank for _t, banks in farmed.values() for bank in banks}.values()
            markup.prepare(banks)
            for bank in banks:
                strings = ui_strings(bank.language, self.context.template_dirs)
                solve_bank(bank, strings.get("common", {}))
        _work.clear()
        tasks = []
        for name, banks_in_parts in parts.items():
            for number, part in enumerate(banks_in_parts):
                _work[name, number] = farmed[name][0], part
                tasks.append((name, number))
        _staged, _context = self.staged, replace(self.context, progress=Progress())
        # the largest first, so that no worker is left with one long part at the end
        self._waiting = sorted(tasks, key=lambda t: -sum(len(b.questions) for b in _work[t][1]))
        try:
            self._start_next()
        except OSError:  # no process could be started (a full process table): run them here
            self.close(failed=True)

    def _start_next(self) -> None:
        """Start waiting parts while fewer than `workers` run: each in a worker of its own.

        A worker makes one part and ends: what a target leaves behind in a process (its heap
        grown to its largest moment, the pages of the banks it read copied from the build's)
        is given back before the next part starts, instead of adding up in a worker that makes
        part after part.
        """
        from quizgen.workers import Workers  # here: a build of one bank starts no worker

        while self._waiting and len(self._running) < self.workers:
            task = self._waiting[0]
            pool = Workers(1)
            try:
                self._running[task] = pool, pool.submit(_run_in_worker, task)
            except BaseException:
                pool.close(at_once=True)
                raise
            self._waiting.pop(0)

    def _made(self, task: tuple[str, int]) -> TargetRun:
        """Return what a part's worker made, once it is made; start the next parts meanwhile."""
        from concurrent.futures import FIRST_COMPLETED, wait

        while task not in self._done:
            try:
                self._start_next()
            except OSError:  # no process could be started (a full process table)
                if not self._running:  # (else tried again once a worker has ended)
                    self._waiting.remove(task)
                    return self._made_here(task)
            running = {future: key for key, (_pool, future) in self._running.items()}
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                key = running[future]
                pool, _future = self._done[key] = self._running.pop(key)
                pool.close()  # (its one part made: the worker ends)
        pool, future = self._done.pop(task)
        return pool.result(future, f"making the {task[0]} files")

    def _made_here(self, task: tuple[str, int]) -> TargetRun:
        """Make a part in this process, staging its files at once (nothing left to replay)."""
        target, banks = _work[task]
        with templates_read() as read:
            target.build(banks, self.staged, self.context)
        return TargetRun(templates=read)

    def _parts(self, target: Target, banks: Sequence[Bank]) -> list[Sequence[Bank]]:
        """Return the banks in the parts a target is made in: one, or one a worker, in order."""
        by_bank = getattr(target, "by_bank", None)
        if self.workers < 2 or len(banks) < 2 or by_bank is None or not by_bank(self.context):
            return [banks]
        # consecutive parts of about the same number of questions
        total = sum(len(bank.questions) for bank in banks) or 1
        count = min(self.workers, len(banks))
        parts: list[list[Bank]] = [[] for _ in range(count)]
        done = 0
        for bank in banks:
            parts[min(count - 1, done * count // total)].append(bank)
            done += len(bank.questions)
        return [part for part in parts if part]

    def run(self, name: str, target: Target, banks: Sequence[Bank]) -> set[str]:
        """Run (or take the workers' runs of) one target; return the templates it read."""
        parts = sorted(
            task for task in [*self._waiting, *self._running, *self._done] if task[0] == name
        )
        if parts:
            read: set[str] = set()
            for task in parts:  # the parts in bank order, as one run would make them
                done = self._made(task)
                done.replay(self.staged)
                read |= done.templates
            return read
        with templates_read() as read:
            target.build(banks, self.staged, self.context)
        return read

    def close(self, failed: bool) -> None:
        """Stop the workers: at once when the build failed, else once they are done."""
        for pool, _future in [*self._running.values(), *self._done.values()]:
            pool.close(at_once=failed)
        self._running, self._done, self._waiting = {}, {}, []


def _run_in_worker(task: tuple[str, int]) -> TargetRun:
    """Run one target in a worker on (a part of) the banks set before the fork; collect what it did."""
    name = task[0]
    target, banks = _work[task]
    assert _staged is not None and _context is not None
    done = TargetRun()
    # every logger's records go to the build, which says them in order (none to stderr here)
    logging.getLogger().handlers = [_Collect(done.logged)]
    logging.getLogger("quizgen").handlers = []
    _staged.target = name
    _staged.take(name)  # files of its other parts, staged by the build before this fork: not sent
    with templates_read() as read:
        target.build(banks, _staged, _context)
    done.templates = read
    # taken, not kept: the build stages them once they are sent, and a worker's memory is freed
    done.files = _staged.take(name)
    return done


class _Collect(logging.Handler):
    def __init__(self, into: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append((record.name, record.levelno, record.getMessage()))

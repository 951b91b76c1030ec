"""Forked worker processes: deaf to Ctrl-C, gone with the build, their failures brought back.

Reading banks and making targets use them when there is much to do. A worker starts with what
the build has loaded (fork); what it returns comes back pickled. An error it meets is returned
as text and raised again here as the same kind of error, so the user sees the message the same
work would give in one process; a worker that dies (the out-of-memory killer) stops the build
with a clear error instead of leaving it waiting.
"""

from __future__ import annotations

import contextlib
import ctypes  # (imported here, not in each new worker: the sooner it asks to end with the build)
import importlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

from quizgen.errors import QuizgenError

T = TypeVar("T")


@dataclass(frozen=True)
class _Failure:
    """An error a worker met, as text: its class by name, message, exit status and state."""

    kind: str  # "module:QualName", or "" for a bug (an error that is not quizgen's)
    message: str
    exit_code: int
    state: bytes  # the error's attributes pickled (a ProblemsFound's problems), or b""

    def error(self, doing: str) -> BaseException:
        """Return the error to raise in the build."""
        if not self.kind:
            return RuntimeError(f"a worker process failed while {doing}:\n{self.message}")
        try:
            module, name = self.kind.split(":")
            kind = getattr(importlib.import_module(module), name)
            error = kind.__new__(kind)
            Exception.__init__(error, self.message)  # (its own __init__ may want other arguments)
            error.__dict__.update(pickle.loads(self.state) if self.state else {})
            if isinstance(error, QuizgenError) and str(error) == self.message:
                return error
        except Exception:  # a class made in a function, or one that cannot be made so
            pass
        error = QuizgenError(self.message)
        error.exit_code = self.exit_code
        return error


@dataclass(frozen=True)
class _Outcome(Generic[T]):
    value: T | None = None
    failure: _Failure | None = None


def _caught(work: Callable[..., T], *args: object) -> _Outcome[T]:
    """Do the work in a worker; return its value, or the error it raised as a _Failure."""
    try:
        return _Outcome(work(*args))
    except QuizgenError as exc:
        try:
            state = pickle.dumps(exc.__dict__)
        except Exception:
            state = b""
        kind = f"{type(exc).__module__}:{type(exc).__qualname__}"
        return _Outcome(failure=_Failure(kind, str(exc), exc.exit_code, state))
    except Exception:
        return _Outcome(failure=_Failure("", traceback.format_exc(), 1, b""))


def _start_worker(build: int) -> None:
    # Ctrl-C goes to the whole process group: the build stops the workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # and a worker ends with the build, even when only the build is killed (Linux)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != build:  # killed before the line above: no signal will come
        os._exit(1)


def stop_at_once(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's processes where they are, and the pool (an error, Ctrl-C)."""
    # (ProcessPoolExecutor stops its processes itself only from Python 3.14 on, and forgets
    # them on shutdown: their table is taken first, and read once no other can be added to it)
    table = getattr(pool, "_processes", None)  # (the pool's own dict, even while empty)
    pool.shutdown(wait=False, cancel_futures=True)
    processes = list(table.values()) if table is not None else []
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


class Workers:
    """A pool of forked workers; use it in a `with` block, which stops them however it ends."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        self._pool = ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, work: Callable[..., T], *args: object) -> Future[_Outcome[T]]:
        """Start the work in a worker (`work` and `args` as pickle finds them: module-level)."""
        return self._pool.submit(_caught, work, *args)

    def result(self, done: Future[_Outcome[T]], doing: str) -> T:
        """Wait for the work; raise the error it met, as it would be raised here."""
        try:
            outcome = done.result()
        except BrokenProcessPool as exc:
            raise QuizgenError(
                f"a worker process ended while {doing} (out of memory?); try again with --jobs 1"
            ) from exc
        if outcome.failure is not None:
            raise outcome.failure.error(doing)
        return outcome.value  # type: ignore[return-value]

    def close(self, *, at_once: bool = False) -> None:
        """Wait for the workers to finish; `at_once`: stop them where they are (an error, Ctrl-C)."""
        if not at_once:
            self._pool.shutdown(wait=True)
            return
        stop_at_once(self._pool)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.close(at_once=kind is not None)

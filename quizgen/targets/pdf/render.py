"""Turn prepared HTML into PDF bytes with WeasyPrint, one render per document, in parallel."""

from __future__ import annotations

import contextvars
import gc
import multiprocessing
import multiprocessing.forkserver as forkserver
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.errors import TargetError
from quizgen.targets import FileRole
from quizgen.targets.pdf import engine
from quizgen.targets.pdf.urls import resource_problem
from quizgen.workers import stop_at_once

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

# how long a thread of the build holds the GIL while another waits, as PDFs render (seconds)
HANDOFF_INTERVAL = 0.0005


@dataclass(frozen=True)
class RenderJob:
    """One PDF to make: its HTML and what it may load."""

    output: str  # the path below the output folder
    role: FileRole  # what the document is for, as the site lists it
    where: str  # the bank file, for messages
    html: str
    base_url: str
    asset_roots: tuple[str, ...]
    created: str | None  # W3C date for the PDF's creation and modification dates


def render_pdf(job: RenderJob) -> bytes:
    """Render one document; a refused resource is a TargetError naming where it was asked for."""
    try:
        return _rendered(job)
    finally:  # (once written, or failed: its fonts are read from that folder until then)
        _forget_added_fonts()


def _rendered(job: RenderJob) -> bytes:
    engine.load()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from quizgen.targets.pdf.fetcher import AssetFetcher, RefusedResource

    fetcher = AssetFetcher(job.asset_roots)
    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
    try:
        document = html.render(font_config=_font_config())
    except RefusedResource as exc:
        reason = resource_problem(exc.url, job.base_url, job.asset_roots)
        # the HTML's own links were checked before rendering: this one comes from a stylesheet
        where = _stylesheet_location(exc.url, job.asset_roots) or job.where
        raise TargetError(f"{where}: error: {job.output}: {reason}") from None
    except FatalURLFetchingError as exc:
        cause = getattr(exc.__cause__, "reason", exc.__cause__) or exc
        raise TargetError(
            f"{job.where}: error: {job.output}: could not load '{fetcher.last_url}': {cause}"
        ) from None
    document.metadata.created = document.metadata.modified = job.created
    # tagged: a screen reader reads the worksheet in order, in the language of <html lang>
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf


# One font configuration for the renders of a build in this thread, as long as no document adds
# fonts of its own (@font-face): the same PDFs, each render about 25 ms quicker (fontconfig and
# Pango's font map set up once), and no font configuration freed (its __del__, where a Ctrl-C
# would be swallowed) after each document. A document that adds fonts leaves its configuration
# behind: the next one cannot see them. A build's end forgets it: `serve`'s next build reads an
# edited @font-face afresh.
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    found: FontConfiguration | None = getattr(_fonts, "config", None)
    if found is None:
        from weasyprint.text.fonts import FontConfiguration

        found = _fonts.config = FontConfiguration()
    return found


def _forget_fonts() -> None:
    """Forget this thread's font configuration."""
    _fonts.config = None


def _forget_added_fonts() -> None:
    """Forget this thread's font configuration if a document added fonts of its own to it."""
    config = getattr(_fonts, "config", None)
    # (WeasyPrint makes the folder of a configuration's own fonts at the first @font-face)
    if config is not None and getattr(config, "_folder", "unknown") is not None:
        _forget_fonts()


def _stylesheet_location(url: str, roots: tuple[str, ...]) -> str | None:
    """Return file:line:column of the first stylesheet on the asset path that names the URL."""
    for root in roots:
        for sheet in sorted(Path(root).rglob("*.css")):
            text = sheet.read_text(encoding="utf-8", errors="replace")
            index = text.find(url)
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                return f"{sheet}:{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"
    return None


def render_all(
    jobs: Iterable[RenderJob],
    count: int,
    workers: int,
    rendered: Callable[[], None] = lambda: None,
) -> list[tuple[RenderJob, bytes]]:
    """Render `count` jobs in up to `workers` processes, this one included; results in job order.

    With several workers, this process renders too, beside `workers - 1` render processes: one
    process fewer to start and to hold in memory, and no process making HTML while all cores
    render. Each renderer takes the next job when it is free, so the jobs are made as they are
    needed and the last one to finish waits for at most one render; while a render process
    works, the next job's HTML is made, so that it never waits for one. An exception from `jobs`
    or a render stops handing out jobs. `rendered` is called as each PDF is done (progress).
    """
    try:
        return _render_all(jobs, count, workers, rendered)
    finally:
        _forget_fonts()


def _render_all(
    jobs: Iterable[RenderJob], count: int, workers: int, rendered: Callable[[], None]
) -> list[tuple[RenderJob, bytes]]:
    workers = min(workers, count)
    if workers <= 1:
        results = []
        for job in list(jobs):  # every job made (and checked) first
            results.append((job, render_pdf(job)))
            rendered()
        return results
    # forkserver: safe when the caller has threads (pytest, servers), and weasyprint is imported
    # once in the server instead of once per worker.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(forkserver_preload())
    forkserver.ensure_running()  # the server imports WeasyPrint while this process does too
    engine.load()  # before the threads below start: the quick import needs to be alone
    # A pipe whose writing end only this process holds: when it dies, even by SIGKILL, the workers
    # read EOF and exit. Nothing else tells them (their task queue stays open), and the forkserver
    # lives as long as any of its workers holds its own pipe, so it exits after them.
    lifeline, keep_alive = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        max_workers=workers - 1,
        mp_context=context,
        initializer=exit_with_build,
        initargs=(lifeline,),
    )
    dispenser = _Dispenser(jobs, rendered)
    # one thread per render process hands it a job at a time (waiting releases the GIL)
    # each in a copy of this thread's context: what the templates read is noted there
    feeders = [
        threading.Thread(
            target=contextvars.copy_context().run, args=(dispenser.feed, pool), daemon=True
        )
        for _ in range(workers - 1)
    ]
    try:
        _quick_handoffs.enter()
        # this process takes the first job before the render processes' threads start: the
        # jobs go out in a known order (with variants, the grid of every variant is its own)
        first = dispenser.take()
        for feeder in feeders:
            feeder.start()
        dispenser.feed(None, first)  # this process renders too, until no job is left
        for feeder in feeders:
            feeder.join()
    except BaseException:  # Ctrl-C (only this thread gets it), or a bug: no render goes on
        dispenser.stop()
        stop_at_once(pool)
        raise
    finally:
        _quick_handoffs.leave()
        pool.shutdown()
        keep_alive.close()
        lifeline.close()
    return dispenser.results()


class _QuickHandoffs:
    """The switch interval made short while any render of this process runs, then as it was.

    A finished render reaches its feeder thread, and the next job its process, through four or
    five threads of this process taking the GIL in turn from this thread's render, each after up
    to the switch interval (5 ms): about 40 ms a job that a render process waited.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._before = 0.0

    def enter(self) -> None:
        """Start one render's share; the first one in shortens the interval."""
        with self._lock:
            if self._running == 0:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(HANDOFF_INTERVAL)
            self._running += 1

    def leave(self) -> None:
        """End one render's share; the last one out sets the interval back."""
        with self._lock:
            if self._running == 0:  # (a Ctrl-C before its enter was done)
                return
            self._running -= 1
            if self._running == 0:
                sys.setswitchinterval(self._before)


_quick_handoffs = _QuickHandoffs()


class _Dispenser:
    """Hands out the jobs one at a time to whichever renderer asks, and keeps what comes back."""

    def __init__(self, jobs: Iterable[RenderJob], rendered: Callable[[], None]) -> None:
        self._jobs = iter(jobs)
        self._rendered = rendered
        self._lock = threading.Lock()  # for everything below
        self._making = threading.Lock()  # for making a job (its HTML), one at a time
        self._made: list[RenderJob] = []
        self._ready: deque[tuple[int, RenderJob]] = deque()  # made, not yet handed out
        self._pdfs: dict[int, bytes] = {}
        self._errors: dict[int, BaseException] = {}  # -1: making the jobs failed

    def feed(
        self, pool: ProcessPoolExecutor | None, first: tuple[int, RenderJob] | None = None
    ) -> None:
        """Render jobs until none is left or one failed: in `pool`, or in this process if None.

        `first`, if given, is a job already taken (`take`), rendered before the others.
        """
        taken = first or self.take()
        while taken is not None:
            index, job = taken
            try:
                if pool is None:
                    pdf = render_pdf(job)
                else:
                    rendering = pool.submit(render_pdf, job)
                    # while it renders: the next job, ready for whichever renderer is free first
                    # (else the render process would wait for this thread to make its HTML
                    # between the main thread's renders, which hold the GIL)
                    self._next(ready=True)
                    pdf = rendering.result()
            except BaseException as exc:  # kept for the caller's thread, which raises it
                with self._lock:
                    self._errors[index] = exc
                _raise_ctrl_c(exc)
                return
            with self._lock:
                self._pdfs[index] = pdf
                self._rendered()
            taken = self.take()

    def take(self) -> tuple[int, RenderJob] | None:
        """Hand out the next job (its index and itself), or None when none is left or one failed."""
        with self._lock:
            if self._errors:
                return None
            if self._ready:
                return self._ready.popleft()
        return self._next(ready=False)

    def _next(self, ready: bool) -> tuple[int, RenderJob] | None:
        """Make the next job (to hand out, or to keep ready); None when none is left or failed."""
        with self._making:
            with self._lock:
                if self._errors:
                    return None
                if self._ready:  # made meanwhile by another thread: jobs go out in their order
                    return None if ready else self._ready.popleft()
            try:
                job = next(self._jobs)
            except StopIteration:
                return None
            except BaseException as exc:
                with self._lock:
                    self._errors[-1] = exc
                _raise_ctrl_c(exc)
                return None
            with self._lock:
                self._made.append(job)
                taken = len(self._made) - 1, job
                if ready:
                    self._ready.append(taken)
                    return None
                return taken

    def failure(self) -> BaseException | None:
        """Return the first failure so far, if any."""
        with self._lock:
            return min_error(self._errors) if self._errors else None

    def stop(self) -> None:
        """Hand out no more jobs."""
        with self._lock:
            self._errors.setdefault(-1, KeyboardInterrupt())

    def results(self) -> list[tuple[RenderJob, bytes]]:
        """Return each job with its PDF; raise the first failure, any in making the jobs first."""
        first = min_error(self._errors) if self._errors else None
        if isinstance(first, Exception) and -1 not in self._errors:
            for _ in self._jobs:  # as with one job: refused links (found at the end) are told first
                pass
        if first is not None:
            raise first
        return [(job, self._pdfs[index]) for index, job in enumerate(self._made)]


def _raise_ctrl_c(exc: BaseException) -> None:
    """Raise Ctrl-C again where it came (the main thread): the caller stops the renders at once.

    Any other failure is kept for the caller, which raises the earliest job's.
    """
    if not isinstance(exc, Exception) and threading.current_thread() is threading.main_thread():
        raise exc


def min_error(errors: dict[int, BaseException]) -> BaseException:
    """Return the failure of the earliest job."""
    return errors[min(errors)]


def forkserver_preload() -> list[str]:
    """Return the modules the fork server loads for its workers (preload first: from there on,
    the server and its workers are deaf to Ctrl-C)."""
    return ["quizgen.targets.pdf.preload", __name__]


def exit_with_build(lifeline: Connection) -> None:
    """Start a thread that ends this worker as soon as the build that started it has ended.

    Ctrl-C, which reaches the whole process group, is the build's to act on: it stops its render
    processes itself (else one waiting for its next job would print a traceback of that wait).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the fork server loaded (WeasyPrint, quizgen) lives as long as the worker: exempt from
    # the cyclic collector, whose full collections would walk it a few times a render (for 10
    # variants the collector took 2.8 s of 29.4 s of rendering, 2.2 s with this)
    gc.freeze()
    threading.Thread(target=_wait_for_eof, args=(lifeline,), daemon=True).start()


def _wait_for_eof(lifeline: Connection) -> None:
    with suppress(EOFError, OSError):
        lifeline.recv_bytes()  # nobody sends: this returns only at EOF, when the build is gone
    os._exit(1)

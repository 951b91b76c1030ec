"""Turn prepared HTML into PDF bytes with WeasyPrint, one render per document, in parallel."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from quizgen.errors import TargetError
from quizgen.targets import FileRole
from quizgen.targets.pdf import engine
from quizgen.targets.pdf.urls import resource_problem


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
    engine.load()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from quizgen.targets.pdf.fetcher import AssetFetcher, RefusedResource

    fetcher = AssetFetcher(job.asset_roots)
    try:
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render()
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
    pdf: bytes = document.write_pdf()
    return pdf


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
    """Render `count` jobs across up to `workers` processes; each job with its PDF, in job order.

    With several workers each job is handed over as soon as `jobs` yields it, so the workers
    render while the caller still prepares the next documents; an exception from `jobs` (or a
    render) cancels what has not started yet. `rendered` is called as each PDF is done (progress).
    """
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
    context.set_forkserver_preload([__name__, "quizgen.targets.pdf.preload"])
    # A pipe whose writing end only this process holds: when it dies, even by SIGKILL, the workers
    # read EOF and exit. Nothing else tells them (their task queue stays open), and the forkserver
    # lives as long as any of its workers holds its own pipe, so it exits after them.
    lifeline, keep_alive = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=exit_with_build,
        initargs=(lifeline,),
    )
    try:
        futures: list[tuple[RenderJob, Future[bytes]]] = [
            (job, pool.submit(render_pdf, job)) for job in jobs
        ]
        results = []
        for job, future in futures:
            results.append((job, future.result()))
            rendered()
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    finally:
        pool.shutdown()
        keep_alive.close()
        lifeline.close()
    return results


def exit_with_build(lifeline: Connection) -> None:
    """Start a thread that ends this worker as soon as the build that started it has ended."""
    threading.Thread(target=_wait_for_eof, args=(lifeline,), daemon=True).start()


def _wait_for_eof(lifeline: Connection) -> None:
    with suppress(EOFError, OSError):
        lifeline.recv_bytes()  # nobody sends: this returns only at EOF, when the build is gone
    os._exit(1)

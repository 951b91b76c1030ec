"""Time `quizgen build --only pdf` on the ATACMS bank for 1, 10 and 30 variants.

Usage: .venv/bin/python bench/bench_pdf.py [VARIANTS ...] [--jobs N ...]
Each row is the best of two builds (one warm-up import aside); output goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from quizgen.build import build
from quizgen.context import BuildContext
from quizgen.present.templates import template_dirs
from quizgen.project import load_project
from quizgen.targets import FileRole
from quizgen.targets.pdf import asset_base, document_html
from quizgen.targets.pdf.layout import KINDS
from quizgen.targets.pdf.render import RenderJob, render_pdf

REPO = Path(__file__).resolve().parent.parent


def timed_build(variants: int, jobs: int, runs: int = 2) -> tuple[float, int]:
    """Return the best wall time of `runs` PDF builds and how many PDFs each wrote."""
    best, written = float("inf"), 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            settings = {"out": out, "variants": variants, "jobs": jobs, "only": ["pdf"]}
            start = time.perf_counter()
            report = build(REPO, ("atacms",), settings)
            best = min(best, time.perf_counter() - start)
            written = sum(path.suffix == ".pdf" for path in report.written)
    return best, written


def render_cpu_seconds() -> dict[str, float]:
    """Return the CPU time of one in-process render of the ATACMS worksheet and key."""
    bank = next(b for b in load_project(REPO).banks if b.id == "atacms")
    dirs = template_dirs(REPO)
    options = BuildContext(project_root=REPO, out_dir=REPO / "output", template_dirs=dirs)
    base_url, roots = asset_base(dirs)
    seconds = {}
    for kind in KINDS:
        job = RenderJob(
            kind, FileRole(kind), kind, document_html(bank, kind, 0, options), base_url, roots, None
        )
        start = time.process_time()
        render_pdf(job)
        seconds[kind] = time.process_time() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", type=int, default=[1, 10, 30])
    parser.add_argument("--jobs", nargs="*", type=int, default=sorted({1, os.cpu_count() or 1}))
    args = parser.parse_args()
    timed_build(1, 1, runs=1)  # warm-up: imports, font cache
    for kind, seconds in render_cpu_seconds().items():
        print(f"one {kind} render: {seconds:.2f} CPU seconds")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'variants':>8} {'jobs':>4} {'PDFs':>5} {'seconds':>8} {'s/PDF':>6}")
    for variants in args.variants:
        for jobs in args.jobs:
            seconds, pdfs = timed_build(variants, jobs)
            print(
                f"{variants:>8} {jobs:>4} {pdfs:>5} {seconds:>8.2f} {seconds / pdfs:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

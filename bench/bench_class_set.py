"""What a class set and a roster cost beside the separate documents they replace (ATACMS).

Usage: .venv/bin/python bench/bench_class_set.py [--variants 30] [--students 30] [--runs 3]
Whole processes with one job (so that every CPU second is counted): `build --only pdf` with
--variants N renders 2N documents and the marking grid and joins them into the class set and its
key; the joins and the grid are then timed on their own, in this process, from the files it made.
A roster's cost is the same build with --roster minus the build without it.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pdf import REPO, adopt_orphans, environment, quizgen, run

from quizgen.answers.numbers import letter
from quizgen.context import BuildContext
from quizgen.present.search_path import template_dirs
from quizgen.project import load_project
from quizgen.targets import FileRole
from quizgen.targets.pdf import GRID, asset_base, document_html
from quizgen.targets.pdf.class_set import joined
from quizgen.targets.pdf.render import RenderJob, render_pdf


def cpu_of(command: list[str], runs: int) -> float:
    """Return the median CPU seconds of a whole build, its render workers included."""
    return statistics.median(run(command, environment(REPO))[1] for _ in range(runs))


def best(work: object, runs: int) -> float:
    """Return the best CPU time of a piece of work done in this process."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def grid_job(variants: int) -> RenderJob:
    """Return the class set key's grid of every variant as the build renders it."""
    bank = next(b for b in load_project(REPO).banks if b.id == "atacms")
    dirs = template_dirs(REPO)
    context = BuildContext(REPO, REPO / "output", dirs, settings={"variants": variants})
    base, roots = asset_base(dirs)
    html = document_html(bank, GRID, 0, context)
    return RenderJob("", FileRole(GRID, bank.id, "teacher"), "", html, base, roots, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=30)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    adopt_orphans()
    n = args.variants
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        total = cpu_of(quizgen(str(out), "--variants", str(n), "--jobs", "1", "atacms"), 1)
        teacher = out / "teacher" / "atacms"
        sheets = [
            (teacher.parent.parent / "site" / "atacms" / f"atacms-worksheet-{letter(i + 1)}.pdf")
            for i in range(n)
        ]
        keys = [teacher / f"atacms-key-{letter(i + 1)}.pdf" for i in range(n)]
        documents = [p.read_bytes() for p in sheets], [p.read_bytes() for p in keys]
        join = best(lambda: [joined(d, "class set") for d in documents], args.runs)
        job = grid_job(n)
        render_pdf(job)  # WeasyPrint's first render loads fonts and dictionaries: not the grid's
        grid = best(lambda: render_pdf(job), args.runs)
        pages = len(PdfReader(io.BytesIO(joined(documents[0], "x"))).pages)
        separate = total - join - grid
        print(f"--variants {n}, one job: {total:.1f} CPU s in all, {2 * n} documents")
        print(
            f"  the {2 * n} separate documents: {separate:.1f} CPU s ({separate / (2 * n):.2f} s each)"
        )
        print(
            f"  class set and key: joins {join:.2f} s (class set {pages} pages), grid {grid:.2f} s"
        )
        print(f"  the class set's share: {(join + grid) / separate:.1%} of the separate documents")

        roster = Path(folder) / "roster.csv"
        names = "".join(f"Schülerin {i:02d};9b\n" for i in range(1, args.students + 1))
        roster.write_text("Name;Klasse\n" + names, encoding="utf-8")
        plain = cpu_of(
            quizgen(str(Path(folder) / "a"), "--variants", "3", "--jobs", "1", "atacms"), 1
        )
        named = cpu_of(
            quizgen(
                str(Path(folder) / "b"),
                "--variants",
                "3",
                "--jobs",
                "1",
                "--roster",
                str(roster),
                "atacms",
            ),
            1,
        )
        extra = named - plain
        print(
            f"--roster of {args.students}, --variants 3, one job: {named:.1f} CPU s, "
            f"{plain:.1f} s without it"
        )
        print(
            f"  the roster: {extra:.1f} CPU s, {extra / (args.students + 1):.2f} s a document "
            f"({args.students} worksheets and the key), against {separate / (2 * n):.2f} s "
            "for a separate document"
        )


if __name__ == "__main__":
    main()

"""Time and measure `quizgen build --only pdf`: ATACMS against raw WeasyPrint, variants, a long key.

Usage: .venv/bin/python bench/bench_pdf.py [--runs 5] [--variants 1 10 30] [--jobs 1 2]
       [--key-pages 300] [--skip compare,variants,memory] [--before OTHER_CHECKOUT]
Every figure is a whole process (python -m quizgen ..., or python running WeasyPrint alone) and
the median of --runs runs, with the range; CPU is user + system of the process and its children,
peak memory the largest resident size of the process or any of its render workers.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PR_SET_CHILD_SUBREAPER = 36

# raw WeasyPrint: the same HTML quizgen renders, one process, no quizgen at all
RAW = """
import sys
from weasyprint import HTML
base = sys.argv[1]
for html in sys.argv[2:]:
    HTML(filename=html, base_url=base).write_pdf(html[:-5] + ".pdf")
"""

# writes the HTML of the ATACMS worksheet and key, exactly as the PDF target makes it
DUMP = """
import sys
from pathlib import Path
from quizgen.context import BuildContext
from quizgen.present.templates import template_dirs
from quizgen.project import load_project
from quizgen.targets.pdf import asset_base, document_html
root, out = Path(sys.argv[1]), Path(sys.argv[2])
bank = next(b for b in load_project(root).banks if b.id == "atacms")
dirs = template_dirs(root)
context = BuildContext(project_root=root, out_dir=out, template_dirs=dirs)
print(asset_base(dirs)[0])
for kind in ("worksheet", "key"):
    (out / f"{kind}.html").write_text(document_html(bank, kind, 0, context), encoding="utf-8")
"""


def adopt_orphans() -> None:
    """Become the parent of whatever our children leave behind (the render workers' fork server).

    The build never waits for its fork server, so the server's and its workers' CPU time and
    memory reach no one's rusage unless this process adopts and waits for it.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1)


Command = tuple[Callable[[], Sequence[str]], dict[str, str]]  # a fresh command line; its env


def run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a command; return its wall seconds, CPU seconds and peak KiB, descendants included."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    while True:  # the adopted fork server (its rusage includes the workers it waited for)
        try:
            _, _, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu, peak = cpu + usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss)
    return wall, cpu, peak


def measure(runs: int, commands: dict[str, Command]) -> None:
    """Run the commands in turn, `runs` rounds (a busy spell hits all alike); print each row."""
    figures = {label: {"wall": [], "cpu": [], "peak": []} for label in commands}
    for _ in range(runs):
        for label, (command, env) in commands.items():
            wall, cpu, peak = run(command(), env)
            figures[label]["wall"].append(wall)
            figures[label]["cpu"].append(cpu)
            figures[label]["peak"].append(peak / 1024)
    for label, values in figures.items():
        show(label, values)


def show(label: str, figures: dict[str, list[float]]) -> None:
    cells = []
    for name, unit in (("wall", "s"), ("cpu", "s CPU"), ("peak", " MiB")):
        values = figures[name]
        cells.append(f"{statistics.median(values):.2f}{unit} ({min(values):.2f}-{max(values):.2f})")
    print(f"{label:<36} " + "  ".join(cells), flush=True)


def environment(tree: Path) -> dict[str, str]:
    """Return the environment that runs the quizgen of `tree` (a checkout) with fixed dates."""
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(tree)}


def quizgen(out: str, *options: str, project: Path = REPO) -> list[str]:
    command = [sys.executable, "-m", "quizgen", "--project", str(project), "build"]
    return [*command, "--only", "pdf", "--out", out, *options]


def compare(runs: int, trees: dict[str, Path]) -> None:
    """ATACMS worksheet + key: quizgen (all cores, one job) against raw WeasyPrint, per tree."""
    with tempfile.TemporaryDirectory() as folder:
        commands: dict[str, Command] = {}
        for name, tree in trees.items():
            env = environment(tree)
            html = Path(folder) / name
            html.mkdir()
            dump = [sys.executable, "-c", DUMP, str(REPO), str(html)]
            base = subprocess.run(dump, env=env, check=True, capture_output=True, text=True)
            pages = [str(html / f"{kind}.html") for kind in ("worksheet", "key")]
            raw = [sys.executable, "-c", RAW, base.stdout.strip(), *pages]

            def fresh(*options: str) -> Callable[[], list[str]]:
                return lambda: quizgen(tempfile.mkdtemp(dir=folder), *options)

            commands[f"{name}: quizgen, all cores"] = (fresh(), env)
            commands[f"{name}: quizgen --jobs 1"] = (fresh("--jobs", "1"), env)
            commands[f"{name}: raw WeasyPrint, same HTML"] = (lambda raw=raw: raw, env)
        measure(runs, commands)


def variants(counts: Sequence[int], jobs: Sequence[int], runs: int) -> None:
    """N variants (2N PDFs) with each number of jobs."""
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            commands: dict[str, Command] = {}
            for job in jobs:
                options = ("--variants", str(count), "--jobs", str(job))

                def command(options: tuple[str, ...] = options) -> list[str]:
                    return quizgen(tempfile.mkdtemp(dir=folder), *options)

                commands[f"{count} variant(s), --jobs {job}"] = (command, environment(REPO))
            measure(runs, commands)


def synthetic(root: Path, questions: int) -> None:
    """Write a project with one bank of the ATACMS questions repeated `questions` times over."""
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "questions").mkdir()
    body = (REPO / "questions" / "atacms.yaml").read_text(encoding="utf-8")
    head, _, listed = body.partition("questions:\n")
    blocks = [b for b in listed.split("\n  - id: ") if b.strip() and not b.lstrip().startswith("#")]
    lines = [head.replace("id: atacms", "id: long") + "questions:\n"]
    for number in range(questions):
        first, rest = blocks[number % len(blocks)].split("\n", 1)
        lines.append(f"  - id: q{number}-{first.strip()}\n{rest}")
    (root / "questions" / "long.yaml").write_text("\n".join(lines), encoding="utf-8")


def memory(pages: int, runs: int) -> None:
    """Peak memory of one long key (and its worksheet), rendered in the build's own process."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        synthetic(root, round(pages * 45 / 13))  # the ATACMS key: 45 questions on 13 pages
        out = Path(folder) / "out"
        command = (lambda: quizgen(str(out), "--jobs", "1", project=root), environment(REPO))
        measure(runs, {"long key + worksheet, 1 job": command})
        key = next(out.rglob("*-key.pdf"))
        info = subprocess.run(["pdfinfo", key], capture_output=True, text=True, check=True)
        count = re.search(r"Pages:\s*(\d+)", info.stdout)
        print(f"(the long key has {count[1] if count else '?'} pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--variants", nargs="*", type=int, default=[1, 10, 30])
    parser.add_argument("--jobs", nargs="*", type=int, default=sorted({1, os.cpu_count() or 1}))
    parser.add_argument("--key-pages", type=int, default=300)
    parser.add_argument("--skip", default="", help="comma-separated: compare, variants, memory")
    parser.add_argument("--before", type=Path, help="another quizgen checkout to compare with")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    adopt_orphans()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, median (min-max)")
    if "compare" not in skip:
        trees = {"before": args.before, "now": REPO} if args.before else {"now": REPO}
        compare(args.runs, trees)
    if "variants" not in skip:
        variants(args.variants, args.jobs, args.runs)
    if "memory" not in skip:
        memory(args.key_pages, args.runs)


if __name__ == "__main__":
    main()

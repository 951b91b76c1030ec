"""The benchmark suite: quizgen against the tools a user would pick instead, whole process each.

Usage: ./tasks bench [--quick]   (or: .venv/bin/python bench/suite.py [--quick] [--output FILE])
Generates synthetic banks, times every command several times and writes docs/benchmarks.md
(a --quick smoke run writes nothing unless --output is given). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402  (bench/ is a folder of scripts, not a package)
import tables  # noqa: E402
from measure import (  # noqa: E402
    Measurement,
    Timed,
    load_average,
    machine,
    measure,
    measure_in_rounds,
    run_once,
)

import quizgen  # noqa: E402
from quizgen.targets import target_names  # noqa: E402

PDF_TARGET_MAX = (
    100  # the PDF target alone is timed up to this size (a 1,000-question key is 266 pages)
)
PDF_FULL_MAX = 100  # full builds include it up to this size (1,000 questions: 5 minutes, 1 GB)
KEY_QUESTIONS = 1150  # a bank whose answer key is about 300 pages
RAW = BENCH / "last-run.json"  # the full run's figures, from which the report is written
SOURCE_PADDING = (1, 5, 10)  # unquoted sentences per quoted one, for the source-length series


@dataclass
class Plan:
    """What a run measures: the full suite, or a smoke run of the smallest sizes."""

    sizes: tuple[int, ...] = (100, 1000, 10000)
    anki_sizes: tuple[int, ...] = (1000, 10000)
    qti_size: int = 1000
    variants: tuple[int, ...] = (1, 10, 30)
    runs: int = 5
    # start-up takes a tenth of a second, so one busy moment moves a median of 5: 21 runs
    startup_runs: int = 21
    key_questions: int = KEY_QUESTIONS
    single_bank: int = 10000


QUICK = Plan(
    sizes=(100,),
    anki_sizes=(100,),
    qti_size=100,
    variants=(1, 2),
    runs=1,
    startup_runs=1,
    key_questions=100,
    single_bank=100,
)


@dataclass
class Results:
    """Every measurement by key, and the facts the goals need besides times."""

    plan: Plan
    runs: dict[str, Measurement] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)


# the libraries `quizgen check` imports before it reads a bank: its command line, PyYAML (with
# libyaml), the model's dataclasses and numbers, TOML (the string catalogs), logging
FLOOR_IMPORTS = "import click, yaml, yaml._yaml, dataclasses, decimal, tomllib, logging"


def quizgen_command() -> list[str]:
    """Return how a user starts quizgen from this environment: its console script if installed."""
    script = Path(sys.executable).parent / "quizgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


def fresh(folder: Path) -> Callable[[], None]:
    """Return a function that removes `folder`, so each build starts from an empty output folder."""
    return lambda: shutil.rmtree(folder, ignore_errors=True)


class Suite:
    """Runs the measurements of a plan in one work folder."""

    def __init__(self, plan: Plan, work: Path, peers: Path) -> None:
        self.plan, self.work, self.peers = plan, work, peers
        self.quizgen = quizgen_command()
        self.results = Results(plan)

    def time(
        self,
        key: str,
        command: Sequence[str],
        runs: int | None = None,
        warmup: bool = True,
        before_each: Callable[[], None] | None = None,
    ) -> Measurement:
        """Measure a command (at most `runs` times, and never more than the plan says)."""
        most = min(runs or self.plan.runs, max(self.plan.runs, self.plan.startup_runs))
        result = measure(key, command, runs=most, warmup=warmup, before_each=before_each)
        self.results.runs[key] = result
        highest = float(str(self.results.facts.get("load-max", 0)))
        self.results.facts["load-max"] = max(highest, load_average())
        return result

    def build(
        self, key: str, project: Path, *args: str, runs: int | None = None, warmup: bool = True
    ) -> Measurement:
        """Time `quizgen build` into a fresh output folder each run."""
        _key, command, before_each = self.build_command(key, project, *args)
        return self.time(key, command, runs, warmup, before_each=before_each)

    def build_command(self, key: str, project: Path, *args: str) -> Timed:
        """Return `quizgen build` into its own output folder, emptied before each run."""
        out = self.work / "out" / key
        command = [*self.quizgen, "--project", str(project), "build", "--out", str(out), *args]
        return key, command, fresh(out)

    def in_rounds(
        self, commands: Sequence[Timed], runs: int | None = None, warmup: bool = True
    ) -> None:
        """Measure commands to be compared in rounds, one run of each in turn (A B A B …).

        `runs` given: that many rounds (at most the plan's), however long each takes.
        """
        most = min(runs or self.plan.runs, self.plan.runs)
        for result in measure_in_rounds(
            commands, runs=most, warmup=warmup, fewer_if_slow=runs is None
        ):
            self.results.runs[result.label] = result
        highest = float(str(self.results.facts.get("load-max", 0)))
        self.results.facts["load-max"] = max(highest, load_average())

    def project(
        self, name: str, count: int, types: Sequence[str] = synth.TYPES, **options: int
    ) -> Path:
        """Generate a synthetic project (once) and return its folder."""
        root = self.work / name
        if not root.exists():
            synth.write_project(root, count, types=types, **options)
        return root

    def peer(self, name: str) -> str | None:
        """Return a peer tool's executable in the peers' environment, or None if not installed."""
        path = self.peers / "bin" / name
        return str(path) if path.exists() else None

    def startup(self) -> None:
        """Time `--help` and `check` on the ATACMS project (the repository itself)."""
        runs = self.plan.startup_runs
        self.time("help", [*self.quizgen, "--help"], runs)
        self.time("check-atacms", [*self.quizgen, "--project", str(REPO), "check"], runs)
        # the floor under both: the interpreter, and what `check` cannot start without
        self.time("python-alone", [sys.executable, "-c", "pass"], runs)
        self.time("python-libraries", [sys.executable, "-c", FLOOR_IMPORTS], runs)

    def sizes(self) -> None:
        """Time check, each target alone and a full build at every size."""
        for size in self.plan.sizes:
            project = self.project(f"n{size}", size)
            self.time(f"check-{size}", [*self.quizgen, "--project", str(project), "check"])
            warm = size == self.plan.sizes[0]  # later sizes find the modules compiled and cached
            for target in target_names():
                if target != "pdf" or size <= PDF_TARGET_MAX:
                    self.build(f"{target}-{size}", project, "--only", target, warmup=warm)
            targets = [t for t in target_names() if t != "pdf" or size <= PDF_FULL_MAX]
            self.results.facts[f"full-{size}-targets"] = targets
            self.build(f"full-{size}", project, "--only", ",".join(targets), warmup=warm)

    def source_length(self) -> None:
        """Time check of the same questions with ever longer source texts."""
        size = self.plan.sizes[min(1, len(self.plan.sizes) - 1)]
        self.results.facts["source-size"] = size
        for padding in SOURCE_PADDING:
            project = self.project(f"n{size}-padding{padding}", size, padding=padding)
            chars = sum(len(p.read_text("utf-8")) for p in (project / "seeds").glob("*.txt"))
            self.results.facts[f"source-x{padding}-chars"] = chars
            self.time(
                f"check-source-x{padding}", [*self.quizgen, "--project", str(project), "check"]
            )

    def noop(self) -> None:
        """Build twice into the same folder and time the second build (ATACMS, largest size)."""
        largest = self.plan.sizes[-1]
        cases = [
            ("noop-atacms", REPO, ()),
            (f"noop-{largest}", self.work / f"n{largest}", ("--only", "anki,html")),
        ]
        for key, project, args in cases:
            out = self.work / "out" / key
            command = [*self.quizgen, "--project", str(project), "build", "--out", str(out), *args]
            first = run_once(command)
            before = mtimes(out)
            result = self.time(key, command, warmup=False)
            after = mtimes(out)
            self.results.facts[f"{key}-files"] = len(after)
            self.results.facts[f"{key}-rewritten"] = sum(
                before.get(p) != t for p, t in after.items()
            )
            self.results.facts[f"{key}-first"] = first[0]
            lines = result.output.strip().splitlines()
            self.results.facts[f"{key}-message"] = lines[-1] if lines else ""

    def anki_peers(self) -> None:
        """Time the Anki target, raw genanki and ankdown on the same notes, in rounds, at each size."""
        for size in self.plan.anki_sizes:
            project = self.project(f"n{size}", size)
            out = self.work / "out" / f"peers-{size}"
            out.mkdir(parents=True, exist_ok=True)
            notes = project / "peers" / "notes.json"
            script = str(BENCH / "peers" / "raw_genanki.py")
            commands = [
                self.build_command(f"anki-{size}", project, "--only", "anki"),
                (
                    f"genanki-{size}",
                    [sys.executable, script, str(notes), str(out / "raw.apkg")],
                    None,
                ),
            ]
            ankdown = self.peer("ankdown")
            if ankdown:
                cards = project / "peers" / "cards"
                command = [ankdown, "-r", str(cards), "-p", str(out / "ankdown.apkg")]
                commands.append((f"ankdown-{size}", command, None))
            self.in_rounds(commands)

    def qti_peer(self) -> None:
        """Time text2qti against quizgen on the same single-choice questions."""
        size = self.plan.qti_size
        project = self.project(f"single{size}", size, types=("single",))
        self.results.facts["qti-size"] = size
        if "qti" in target_names():
            ours = self.build_command("qti-quizgen", project, "--only", "qti")
        else:  # no QTI target yet: the goal is measured against `check` until it exists
            ours = ("qti-quizgen", [*self.quizgen, "--project", str(project), "check"], None)
        self.results.facts["qti-quizgen-command"] = (
            "build --only qti" if "qti" in target_names() else "check"
        )
        text2qti = self.peer("text2qti")
        peer = [("text2qti", [text2qti, str(project / "peers" / "quiz.txt")], None)]
        self.in_rounds([ours, *(peer if text2qti else [])])

    def pdf_peer(self) -> None:
        """Time the ATACMS worksheet and key: quizgen with one job, and raw WeasyPrint on its HTML."""
        folder = self.work / "atacms-html"
        base_url, files = write_atacms_html(folder)
        script = str(BENCH / "peers" / "raw_weasyprint.py")

        def raw(out: Path) -> list[str]:
            out.mkdir(exist_ok=True)
            return [sys.executable, script, base_url, str(out), *map(str, files)]

        ours = self.build_command("pdf-atacms-quizgen", REPO, "--only", "pdf", "--jobs", "1")
        # and the machine's own ceiling for the variants: the same renders twice at once, a core each
        pair = " & ".join(shlex.join(raw(folder / name)) for name in ("a", "b"))
        commands = [ours, ("pdf-atacms-raw", raw(folder), None)]
        commands.append(("pdf-atacms-raw-pair", ["sh", "-c", f"{pair} & wait"], None))
        self.in_rounds(commands, runs=3)

    def variants(self) -> None:
        """Time 1, 10 and 30 variants of the ATACMS worksheet with one job and with every core."""
        for count in self.plan.variants:
            commands = [
                self.build_command(
                    f"variants-{count}-jobs-{jobs}",
                    REPO,
                    *("--only", "pdf", "--variants", str(count), "--jobs", str(jobs)),
                )
                for jobs in sorted({1, os.cpu_count() or 1})
            ]
            # in rounds: the speed-up is each round's, the two builds a minute apart at most
            self.in_rounds(commands, runs=3 if count == 1 else 2, warmup=count == 1)

    def key_memory(self) -> None:
        """Render a worksheet and a ~300-page key in one process and keep its peak memory."""
        size = self.plan.key_questions
        project = self.project(f"key{size}", size, per_bank=size)
        result = self.build(
            "pdf-key", project, "--only", "pdf", "--jobs", "1", runs=1, warmup=False
        )
        key = self.work / "out" / "pdf-key" / "teacher" / "gemeinden" / "gemeinden-key.pdf"
        self.results.facts["pdf-key-questions"] = size
        self.results.facts["pdf-key-pages"] = pdf_pages(key) if result.ok else 0

    def bank_size(self) -> None:
        """Check one bank of 10,000 questions, and that alias bombs and deep nesting stay refused."""
        size = self.plan.single_bank
        project = self.project(f"single-bank{size}", size, per_bank=size)
        self.results.facts["single-bank-bytes"] = (
            (project / "questions" / "gemeinden.yaml").stat().st_size
        )
        self.time("bank-single", [*self.quizgen, "--project", str(project), "check"], runs=3)
        for name, text in synth.hostile_banks().items():
            hostile = self.work / f"hostile-{name}"
            shutil.copytree(project / "seeds", hostile / "seeds", dirs_exist_ok=True)
            (hostile / "questions").mkdir(exist_ok=True)
            (hostile / "questions" / "hostile.yaml").write_text(text, "utf-8")
            self.time(
                f"hostile-{name}",
                [*self.quizgen, "--project", str(hostile), "check"],
                runs=1,
                warmup=False,
            )

    def progress(self) -> None:
        """Run a build on a terminal and piped, and keep what each shows."""
        project = self.work / f"n{self.plan.sizes[-1]}"
        out = self.work / "out" / "progress"
        # every target but PDF: one target alone is now made in under the bar's delay (1 s)
        targets = ",".join(t for t in target_names() if t != "pdf")
        command = [
            *self.quizgen,
            "--project",
            str(project),
            "build",
            "--only",
            targets,
            "--out",
            str(out),
        ]
        shutil.rmtree(out, ignore_errors=True)
        self.results.facts["progress-terminal"] = on_terminal(command)
        shutil.rmtree(out, ignore_errors=True)
        piped = subprocess.run(command, capture_output=True, text=True, check=False)
        self.results.facts["progress-piped"] = piped.stdout + piped.stderr


def write_atacms_html(folder: Path) -> tuple[str, list[Path]]:
    """Write the HTML quizgen renders into the ATACMS worksheet and key; return base URL, files."""
    from quizgen.context import BuildContext
    from quizgen.present.templates import template_dirs
    from quizgen.project import load_project
    from quizgen.targets.pdf import asset_base, document_html
    from quizgen.targets.pdf.layout import KINDS

    bank = next(b for b in load_project(REPO).banks if b.id == "atacms")
    dirs = template_dirs(REPO)
    context = BuildContext(project_root=REPO, out_dir=folder, template_dirs=dirs)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for kind in KINDS:
        path = folder / f"atacms-{kind}.html"
        path.write_text(document_html(bank, kind, 0, context), "utf-8")
        files.append(path)
    return asset_base(dirs)[0], files


def mtimes(folder: Path) -> dict[str, int]:
    """Return every file's modification time (ns) below a folder."""
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def pdf_pages(path: Path) -> int:
    """Return a PDF's page count from poppler's pdfinfo (0 if it is not installed)."""
    if not shutil.which("pdfinfo"):
        return 0
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def on_terminal(command: Sequence[str]) -> str:
    """Return what a command writes when its output is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    # a terminal's size: a new pseudo-terminal has 0 columns, on which no bar can be drawn
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(command, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def save(results: Results, path: Path) -> None:
    """Write a run's raw figures as JSON, so the report can be written again without a run."""
    data = {
        "plan": asdict(results.plan),
        "runs": {key: asdict(m) for key, m in results.runs.items()},
        "facts": results.facts,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def load(path: Path) -> Results:
    """Read a run's raw figures written by save()."""
    data = json.loads(path.read_text("utf-8"))
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in data["plan"].items()}
    plan = Plan(**fields)  # type: ignore[arg-type]  # the JSON of a Plan
    results = Results(plan, facts=data["facts"])
    results.runs = {key: Measurement(**m) for key, m in data["runs"].items()}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 100 questions, one run each"
    )
    parser.add_argument(
        "--output", type=Path, help="the report (default: docs/benchmarks.md; none with --quick)"
    )
    parser.add_argument(
        "--peers", type=Path, default=BENCH / ".venv", help="the peers' virtual environment"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help=f"write the report again from the last full run's figures ({RAW.relative_to(REPO)})",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (generated banks, outputs)"
    )
    args = parser.parse_args()
    plan = QUICK if args.quick else Plan()
    output = args.output or (None if args.quick else REPO / "docs" / "benchmarks.md")
    if args.report_only:
        publish(tables.markdown(load(RAW)), output)
        return
    # as an installed package is: where PYTHONDONTWRITEBYTECODE is set (CI machines, containers),
    # an editable install would compile every module of quizgen in every run it times
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "quizgen")], check=True)
    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    started, load_before = time.perf_counter(), load_average()
    suite = Suite(plan, work, args.peers)
    try:
        for step in (
            suite.startup,
            suite.sizes,
            suite.source_length,
            suite.noop,
            suite.anki_peers,
            suite.qti_peer,
            suite.pdf_peer,
            suite.variants,
            suite.key_memory,
            suite.bank_size,
            suite.progress,
        ):
            print(f"== {step.__name__}", file=sys.stderr, flush=True)
            step()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work folder kept: {work}", file=sys.stderr)
    facts = suite.results.facts
    facts["load-before"], facts["load-after"] = load_before, load_average()
    facts["total-seconds"] = time.perf_counter() - started
    facts["quick"] = args.quick
    facts["machine"] = machine()
    facts["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    facts["version"] = f"quizgen {quizgen.__version__} at commit {commit()}"
    if not args.quick:
        save(suite.results, RAW)
    publish(tables.markdown(suite.results), output)


def publish(text: str, output: Path | None) -> None:
    """Write the report to its file, or print it."""
    if output:
        output.write_text(text, "utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        print(text)


def commit() -> str:
    """Return the checked-out commit (with '+' when the work tree has changes)."""
    git = ["git", "-C", str(REPO)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    )
    return (head.stdout.strip() or "?") + ("+" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    main()

"""The tables of docs/benchmarks.md, from a run's results."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from report import Report, cell, first_error, ratio, refused, seconds, table, times

from quizgen.targets import target_names

if TYPE_CHECKING:
    from suite import Results


def markdown(results: Results) -> str:
    """Return docs/benchmarks.md for a run."""
    report = Report(results)
    lines = header(report)
    for section in (goals, peers, startup, sizes, noop, variants, scaling, method):
        lines += ["", *section(report)]
    return "\n".join(lines) + "\n"


def header(report: Report) -> list[str]:
    facts = report.facts
    kind = "a `--quick` smoke run" if facts.get("quick") else "a full run"
    described = facts.get("machine", {})
    assert isinstance(described, dict)
    rows = [[name, str(value)] for name, value in described.items()]
    load = f"{facts['load-before']:.2f} at the start, {facts['load-after']:.2f} at the end"
    if "load-max" in facts:
        load += f", at most {float(str(facts['load-max'])):.2f} after a measurement"
    rows.append(["load average (1 min)", load])
    took = seconds(float(str(facts["total-seconds"])))
    return [
        "# Benchmarks",
        "",
        f"Written by `./tasks bench` from {kind} ({took} in all) on {facts.get('date')}, "
        f"{facts.get('version')}. Do not edit: run it again (`./tasks bench --report-only` writes "
        "this page again from the run's figures in `bench/last-run.json`). How it measures: "
        "[below](#how-it-measures); the suite: [`bench/`](../bench/README.md).",
        "",
        *table(["machine", ""], rows),
        "",
        "Other work on the machine while it ran (a load average above 0) makes every figure slower.",
    ]


def goals(report: Report) -> list[str]:
    lines = ["## Issue 9's goals", ""]
    for goal in report.goals():
        lines.append(f"- {goal.status}: {goal.title}. {goal.why}.")
    lines += [
        "",
        "Where the time of the goals not met goes, and why: [bench/README.md]"
        "(../bench/README.md#where-the-goals-not-met-stand-and-why).",
    ]
    return lines


def peers(report: Report) -> list[str]:
    get, plan = report.get, report.plan
    rows = []
    for size in plan.anki_sizes:
        mine = get(f"anki-{size}")
        rows.append(
            [
                f"{size:,} notes → .apkg",
                cell(mine),
                f"genanki {cell(get(f'genanki-{size}'))}; ankdown {cell(get(f'ankdown-{size}'))}",
                f"{times(ratio(mine, get(f'genanki-{size}')))} genanki, "
                f"{times(ratio(mine, get(f'ankdown-{size}')))} ankdown",
            ]
        )
    command = report.facts.get("qti-quizgen-command", "check")
    mine = get("qti-quizgen")
    rows.append(
        [
            f"{report.facts.get('qti-size', 0):,} single-choice → QTI",
            f"`{command}` {cell(mine)}",
            f"text2qti {cell(get('text2qti'))}",
            times(ratio(mine, get("text2qti"))),
        ]
    )
    mine, raw = get("pdf-atacms-quizgen"), get("pdf-atacms-raw")
    cpu = f"; {mine.cpu_median:.2f} CPU s" if mine and mine.ok else ""
    raw_cpu = f"; {raw.cpu_median:.2f} CPU s" if raw and raw.ok else ""
    rows.append(
        [
            "ATACMS worksheet + key → PDF, 1 job",
            cell(mine) + cpu,
            f"raw WeasyPrint on the same HTML {cell(raw)}{raw_cpu}",
            times(ratio(mine, raw)),
        ]
    )
    intro = (
        "Whole processes on the same questions: quizgen loads, checks and writes (and its index "
        "page); genanki gets the notes' front and back as ready HTML, ankdown the same cards as "
        "Markdown, text2qti the same questions in its text format, WeasyPrint the HTML quizgen "
        "made. Each comparison runs in rounds, one run of each tool in turn, and its ratio is the "
        "median of the rounds' ratios: two runs side by side see the same load of the machine. "
        "Median (min–max), peak memory."
    )
    return [
        "## quizgen and the tools a user would pick instead",
        "",
        intro,
        "",
        *table(["work", "quizgen", "peer", "ratio"], rows),
    ]


def startup(report: Report) -> list[str]:
    rows = [
        ["`quizgen --help`", cell(report.get("help"))],
        ["`quizgen check` on the ATACMS project (45 questions)", cell(report.get("check-atacms"))],
        ["(floor) Python starting, nothing imported", cell(report.get("python-alone"))],
        [
            "(floor) Python importing click, PyYAML, dataclasses, decimal, tomllib, logging",
            cell(report.get("python-libraries")),
        ],
    ]
    intro = (
        "The two floor rows are what no quizgen code can go below: `check` imports those "
        "libraries before it reads a bank."
    )
    return ["## Start-up", "", intro, "", *table(["command", "time"], rows)]


def sizes(report: Report) -> list[str]:
    plan, get = report.plan, report.get
    header = ["synthetic project", *(f"{n:,} questions" for n in plan.sizes)]
    rows = [["`check`", *(cell(get(f"check-{n}")) for n in plan.sizes)]]
    for target in target_names():
        rows.append([f"`build --only {target}`", *(cell(get(f"{target}-{n}")) for n in plan.sizes)])
    full = []
    for n in plan.sizes:
        targets = report.facts.get(f"full-{n}-targets", [])
        assert isinstance(targets, list)
        note = "" if "pdf" in targets else " (no PDF)"
        full.append(cell(get(f"full-{n}")) + note)
    rows.append(["`build` (every target)", *full])
    banks = ", ".join(f"{n:,}: {-(-n // 1000)} bank(s)" for n in plan.sizes)
    with_pdf = [n for n in plan.sizes if "pdf" in str(report.facts.get(f"full-{n}-targets"))]
    pdf_sizes = " and ".join(f"{n:,}" for n in with_pdf) + " questions"
    intro = (
        "Generated banks (`bench/synth.py`): the eight question types in turn, in German, each "
        "question quoting its own sentence of a generated source text (one unquoted sentence "
        f"between quoted ones), at most 1,000 questions per bank ({banks}), each bank with its own "
        "source. The PDF target alone only at 100 questions, in full builds at "
        f"{pdf_sizes} (a 1,000-question key is about 270 pages; see the key's memory below). A fresh output folder for every build."
    )
    return ["## By size", "", intro, "", *table(header, rows)]


def noop(report: Report) -> list[str]:
    rows = []
    largest = report.plan.sizes[-1]
    for key, what in (
        ("noop-atacms", "ATACMS project, every target"),
        (f"noop-{largest}", f"{largest:,} questions, anki + html"),
    ):
        facts = report.facts
        first = facts.get(f"{key}-first")
        rows.append(
            [
                what,
                seconds(float(str(first))) if first else "–",
                cell(report.get(key)),
                f"{facts.get(f'{key}-rewritten', '?')} of {facts.get(f'{key}-files', '?')}",
                f"{facts.get(f'{key}-message', '')}",
            ]
        )
    header = [
        "project",
        "first build",
        "same build again",
        "files rewritten",
        "last line it prints",
    ]
    return [
        "## No-op rebuild",
        "",
        "The same `quizgen build` twice into one folder; the second is timed.",
        "",
        *table(header, rows),
    ]


def variants(report: Report) -> list[str]:
    cores = os.cpu_count() or 1
    jobs = sorted({1, cores})
    rows = []
    for count in report.plan.variants:
        runs = [report.get(f"variants-{count}-jobs-{j}") for j in jobs]
        pdfs = 2 * count
        per_pdf = [f"{r.median / pdfs:.2f} s" if r and r.ok else "–" for r in runs]
        speedup = ratio(runs[0], runs[-1]) if len(runs) > 1 else None
        rows.append(
            [str(count), str(pdfs), *(cell(r) for r in runs), " / ".join(per_pdf), times(speedup)]
        )
    key = report.get("pdf-key")
    header = ["variants", "PDFs", *(f"{j} job(s)" for j in jobs), "per PDF", "speed-up"]
    lines = ["## PDF variants (ATACMS worksheet and key)", "", *table(header, rows), ""]
    ceiling = report.render_ceiling()
    if ceiling:
        lines += [
            f"What 2 cores allow here: raw WeasyPrint renders the ATACMS worksheet and key in "
            f"{cell(report.get('pdf-atacms-raw'))}, and twice at once (two processes) in "
            f"{cell(report.get('pdf-atacms-raw-pair'))}: {ceiling:.2f}× as fast as one after the "
            "other, the most that two jobs can gain on this machine.",
            "",
        ]
    lines.append(
        f"A {report.facts.get('pdf-key-questions', 0):,}-question bank with one job (worksheet, then a "
        f"{report.facts.get('pdf-key-pages', '?')}-page key, in one process): {cell(key)}."
    )
    return lines


def scaling(report: Report) -> list[str]:
    facts, get = report.facts, report.get
    size = facts.get("source-size", 0)
    rows = []
    for padding in (1, 5, 10):
        chars = int(str(facts.get(f"source-x{padding}-chars", 0)))
        rows.append(
            [
                f"{chars / 1e6:.2f} M characters ({padding} unquoted per quoted sentence)",
                cell(get(f"check-source-x{padding}")),
            ]
        )
    single = get("bank-single")
    lines = [
        "## Source length and bank size",
        "",
        f"`check` of {size:,} questions, their source ever longer:",
        "",
    ]
    lines += table(["source text", "check"], rows)
    size_bytes = int(str(facts.get("single-bank-bytes", 0)))
    lines += [
        "",
        f"One bank of {report.plan.single_bank:,} questions ({size_bytes / 1e6:.1f} MB): "
        + (
            f"`check` {cell(single)}. "
            if single is None or single.ok
            else f"refused: “{first_error(single.output.strip().splitlines())}”. "
        )
        + f"An alias bomb (9 levels of 9 aliases): {refused(get('hostile-alias-bomb'))}; "
        f"100,000 nested lists: {refused(get('hostile-deep-nesting'))}.",
    ]
    return lines


def method(report: Report) -> list[str]:
    return [
        "## How it measures",
        "",
        "- Every figure is a whole process started by `bench/suite.py` (`quizgen` is the console "
        "script a user runs), with quizgen's modules compiled first (`compileall`, as `pip "
        "install` does, and as the peers' are: where `PYTHONDONTWRITEBYTECODE` is set, an "
        "editable install compiles every module in every run), after one untimed warm-up run "
        "(for builds only at the smallest size): the median wall time of up to "
        f"{report.plan.runs} runs ({report.plan.startup_runs} for the start-up figures, 3 for "
        "commands over 2 s, 2 over 15 s, 1 over a minute), with min–max.",
        "- Each command is forked from a small launcher (`measure.LAUNCHER`) that reports its wall "
        "time and `wait4`'s figures. Memory is the peak resident set: of the process and the "
        "children it waited for, or, when larger, the proportional set size (Pss) summed over "
        "its process group, sampled every 0.1 s: the workers that read banks, make targets and "
        "render PDFs at once are forked, and a page they share counts once. CPU seconds are user + system time of the process and the children it "
        "waited for: complete for one-process commands (the PDF figures with 1 job).",
        "- The peers run from `bench/.venv` (`bench/peers/requirements.txt`), raw genanki and "
        "WeasyPrint from quizgen's own environment (the same versions quizgen uses), with the "
        "scripts in `bench/peers/`.",
        "- The goals' thresholds are constants at the top of `bench/report.py`.",
    ]

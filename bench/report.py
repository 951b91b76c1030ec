"""Write the suite's results as docs/benchmarks.md: the machine, issue 9's goals, the tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from measure import Measurement, paired_ratio

from quizgen.targets import target_names

if TYPE_CHECKING:
    from suite import Results

# Issue 9's goals. Times are seconds of the whole process (median), memory is peak RSS in MB (a process group's: Pss).
ANKI_1K_VS_GENANKI = 2.0  # and faster than ankdown
ANKI_10K_VS_GENANKI = 3.0
QTI_VS_TEXT2QTI = 0.5
CHECK_10K = 1.5
BUILD_10K = 4.0  # check + Anki + HTML + the LMS exports: here every target but PDF
BUILD_10K_MB = 300
LINEAR_SLACK = 1.25  # the cost of a question (or source character) may grow this much with size
LINEAR_NOISE = 0.05  # seconds of jitter that a "super-linear" verdict must exceed
NOOP_ATACMS = 0.3
NOOP_10K = 1.0
# the ATACMS worksheet + key when issue 9 was written: 3.4 CPU s, raw WeasyPrint 3.1 s on the
# same machine; against raw WeasyPrint measured in the same run, 20 % faster holds on any machine
PDF_TODAY_VS_RAW = 3.4 / 3.1
PDF_SPEEDUP = 0.8  # "at least 20 % faster"
PDF_VS_RAW = 1.05
VARIANTS_SPEEDUP = 1.8  # 30 variants, all cores against one, on 2 cores
HELP = 0.1
CHECK_ATACMS = 0.12
NOOP_MESSAGE = re.compile(r"up to date|unchanged|nothing to|skipp|no change", re.IGNORECASE)

# A progress bar redraws its line: a carriage return not followed by the terminal's own newline.
LIVE_LINE = re.compile(r"\r(?!\n)|[━█▏▎▍▌▋▊▉]")

MET, NOT_MET, UNKNOWN = "met", "**not met**", "not measured"


@dataclass
class Goal:
    """One of issue 9's goals, with where it stands and why."""

    title: str
    status: str
    why: str


def seconds(value: float) -> str:
    """Return seconds with as many decimals as a human reads at that size."""
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def cell(result: Measurement | None, memory: bool = True) -> str:
    """Return a table cell: median, min–max and peak memory, or why there is no figure."""
    if result is None:
        return "–"
    if not result.ok:
        return f"failed (exit {result.returncode})"
    text = seconds(result.median)
    if len(result.wall) > 1:
        text += f" ({result.spread()})"
    return text + (f", {result.peak:.0f} MB" if memory else "")


def ratio(a: Measurement | None, b: Measurement | None) -> float | None:
    """Return a's time over b's when both ran: run by run when they ran in rounds."""
    if a is None or b is None or not a.ok or not b.ok:
        return None
    return paired_ratio(a, b)


def times(value: float | None) -> str:
    """Return a ratio as '1.23×', or '–'."""
    return "–" if value is None else f"{value:.2f}×"


class Report:
    """Reads the results and states the goals and tables."""

    def __init__(self, results: Results) -> None:
        self.results, self.runs, self.facts = results, results.runs, results.facts
        self.plan = results.plan

    def get(self, key: str) -> Measurement | None:
        """Return a measurement that ran, or None."""
        return self.runs.get(key)

    def under(self, key: str, limit: float, what: str) -> tuple[str, str]:
        """Return status and text for 'median of `key` under `limit` seconds'."""
        result = self.get(key)
        if result is None or not result.ok:
            return UNKNOWN if result is None else NOT_MET, f"{what}: {cell(result, False)}"
        status = MET if result.median < limit else NOT_MET
        return status, f"{what}: {seconds(result.median)} (goal < {limit} s)"

    def linear(self, keys: Sequence[str], sizes: Sequence[float]) -> tuple[str, str]:
        """Return whether the cost per unit between the last two sizes stays near the first two's."""
        found = [self.get(k) for k in keys]
        if len(found) < 3 or any(r is None or not r.ok for r in found):
            return UNKNOWN, "needs three sizes"
        t = [r.median for r in found if r]
        first = (t[1] - t[0]) / (sizes[1] - sizes[0])
        second = (t[2] - t[1]) / (sizes[2] - sizes[1])
        allowed = LINEAR_SLACK * first * (sizes[2] - sizes[1]) + LINEAR_NOISE
        growth = second / first if first > 0 else float("inf")
        status = MET if t[2] - t[1] <= allowed else NOT_MET
        return status, f"cost per unit grows {growth:.2f}× from the small to the large step"

    def goals(self) -> list[Goal]:
        """Return every goal of issue 9 with its status."""
        return [
            self.goal_anki(),
            self.goal_qti(),
            self.goal_scale(),
            self.goal_noop(),
            self.goal_pdf(),
            self.goal_startup(),
            self.goal_bank_size(),
            self.goal_progress(),
        ]

    def goal_anki(self) -> Goal:
        title = "Anki: 1,000 notes faster than ankdown and ≤ 2× raw genanki; 10,000 ≤ 3× genanki"
        small, large = self.plan.anki_sizes[0], self.plan.anki_sizes[-1]
        vs_genanki = ratio(self.get(f"anki-{small}"), self.get(f"genanki-{small}"))
        vs_ankdown = ratio(self.get(f"anki-{small}"), self.get(f"ankdown-{small}"))
        vs_large = ratio(self.get(f"anki-{large}"), self.get(f"genanki-{large}"))
        if vs_genanki is None or vs_large is None or small != 1000:
            return Goal(title, UNKNOWN, "needs the 1,000 and 10,000 runs (not --quick)")
        parts = [
            f"1,000: {times(vs_genanki)} genanki (goal ≤ {ANKI_1K_VS_GENANKI}×)",
            f"{times(vs_ankdown)} ankdown (goal < 1×)",
            f"10,000: {times(vs_large)} genanki (goal ≤ {ANKI_10K_VS_GENANKI}×)",
        ]
        met = vs_genanki <= ANKI_1K_VS_GENANKI and vs_large <= ANKI_10K_VS_GENANKI
        met = met and vs_ankdown is not None and vs_ankdown < 1
        return Goal(title, MET if met else NOT_MET, "; ".join(parts))

    def goal_qti(self) -> Goal:
        title = "QTI: 1,000 single-choice questions end to end ≤ 0.5× text2qti"
        value = ratio(self.get("qti-quizgen"), self.get("text2qti"))
        if "qti" not in target_names():
            status = NOT_MET
            why = f"no QTI target yet; `check` alone is {times(value)} text2qti"
        elif value is None:
            status, why = UNKNOWN, "text2qti not installed or a run failed"
        else:
            status = MET if value <= QTI_VS_TEXT2QTI else NOT_MET
            why = f"{times(value)} text2qti"
        return Goal(title, status, why)

    def goal_scale(self) -> Goal:
        title = (
            "10,000 questions: check < 1.5 s; every target but PDF < 4 s and < 300 MB; linear cost"
        )
        largest = self.plan.sizes[-1]
        if largest != 10000:
            return Goal(title, UNKNOWN, "needs the 10,000-question run (not --quick)")
        check = self.under("check-10000", CHECK_10K, "check")
        build = self.under("full-10000", BUILD_10K, "build")
        full = self.get("full-10000")
        memory = full.peak if full and full.ok else float("inf")
        questions = self.linear([f"check-{n}" for n in self.plan.sizes], self.plan.sizes)
        padding = self.facts.get("source-size")
        lengths = [float(str(self.facts.get(f"source-x{p}-chars", 0))) for p in (1, 5, 10)]
        source = self.linear([f"check-source-x{p}" for p in (1, 5, 10)], lengths)
        statuses = [check[0], build[0], MET if memory < BUILD_10K_MB else NOT_MET]
        statuses += [questions[0], source[0]]
        why = f"{check[1]}; {build[1]}, {memory:.0f} MB (goal < {BUILD_10K_MB} MB); "
        why += f"check in questions: {questions[1]}; "
        why += f"check of {padding} questions in source length: {source[1]}"
        status = NOT_MET if NOT_MET in statuses else UNKNOWN if UNKNOWN in statuses else MET
        return Goal(title, status, why)

    def goal_noop(self) -> Goal:
        title = (
            "No-op rebuild: ATACMS < 0.3 s, 10,000 questions < 1 s, nothing rewritten, and said so"
        )
        largest = self.plan.sizes[-1]
        parts, statuses = [], []
        for key, limit in (("noop-atacms", NOOP_ATACMS), (f"noop-{largest}", NOOP_10K)):
            status, text = self.under(key, limit, key.removeprefix("noop-"))
            rewritten = self.facts.get(f"{key}-rewritten", 0)
            files = self.facts.get(f"{key}-files", 0)
            message = str(self.facts.get(f"{key}-message", ""))
            said = bool(NOOP_MESSAGE.search(message))
            statuses += [status, MET if rewritten == 0 else NOT_MET, MET if said else NOT_MET]
            parts.append(f"{text}, {rewritten} of {files} files rewritten, says “{message}”")
        if largest != 10000:
            statuses.append(UNKNOWN)
        status = NOT_MET if NOT_MET in statuses else UNKNOWN if UNKNOWN in statuses else MET
        why = (
            "; ".join(parts) + " (which outputs an edit rebuilds is for the tests, not timed here)"
        )
        return Goal(title, status, why)

    def goal_pdf(self) -> Goal:
        title = "PDF: ATACMS worksheet + key ≥ 20 % faster and ≤ 1.05× raw WeasyPrint; 30 variants ≥ 1.8× on 2 cores; key memory"
        quizgen_pdf, raw = self.get("pdf-atacms-quizgen"), self.get("pdf-atacms-raw")
        value = ratio(quizgen_pdf, raw)
        statuses, parts = [], []
        if quizgen_pdf and quizgen_pdf.ok and raw and raw.ok and raw.cpu_median > 0:
            cpu, limit = paired_ratio(quizgen_pdf, raw, cpu=True), PDF_TODAY_VS_RAW * PDF_SPEEDUP
            statuses.append(MET if cpu <= limit else NOT_MET)
            parts.append(
                f"{quizgen_pdf.cpu_median:.2f} CPU s, {cpu:.2f}× raw WeasyPrint's CPU time "
                f"(goal ≤ {limit:.2f}×: 80 % of the {PDF_TODAY_VS_RAW:.2f}× of 3.4 s against 3.1 s "
                "when the issue was written)"
            )
        else:
            statuses.append(UNKNOWN)
        statuses.append(UNKNOWN if value is None else MET if value <= PDF_VS_RAW else NOT_MET)
        parts.append(f"{times(value)} raw WeasyPrint (goal ≤ {PDF_VS_RAW}×)")
        cores = max(int(k.rsplit("-", 1)[1]) for k in self.runs if k.startswith("variants-"))
        most = self.plan.variants[-1]
        speedup = ratio(
            self.get(f"variants-{most}-jobs-1"), self.get(f"variants-{most}-jobs-{cores}")
        )
        if cores == 2 and most == 30 and speedup is not None:
            statuses.append(MET if speedup >= VARIANTS_SPEEDUP else NOT_MET)
        else:
            statuses.append(UNKNOWN)
        ceiling = self.render_ceiling()
        machine = (
            f", where two raw WeasyPrint renders at once are {ceiling:.2f}× as fast as one after the other"
            if ceiling
            else ""
        )
        parts.append(
            f"{most} variants, {cores} jobs: {times(speedup)} faster than 1 (goal ≥ {VARIANTS_SPEEDUP}×)"
            + machine
        )
        key = self.get("pdf-key")
        pages = self.facts.get("pdf-key-pages")
        if key and key.ok:
            parts.append(
                f"{pages}-page key (and its worksheet), one process: {key.peak:.0f} MB peak, measured"
            )
        status = NOT_MET if NOT_MET in statuses else UNKNOWN if UNKNOWN in statuses else MET
        return Goal(
            title, status, "; ".join(parts) + "; the look is compared by the PDF work, not here"
        )

    def render_ceiling(self) -> float | None:
        """Return how much faster two renders at once are than one after the other, here."""
        alone, pair = self.get("pdf-atacms-raw"), self.get("pdf-atacms-raw-pair")
        if not (alone and alone.ok and pair and pair.ok and pair.median > 0):
            return None
        return 2 / paired_ratio(pair, alone)

    def goal_startup(self) -> Goal:
        title = "`quizgen --help` < 0.1 s; `check` on the ATACMS project < 0.12 s"
        first, second = (
            self.under("help", HELP, "--help"),
            self.under("check-atacms", CHECK_ATACMS, "check"),
        )
        status = MET if first[0] == second[0] == MET else NOT_MET
        return Goal(title, status, f"{first[1]}; {second[1]}")

    def goal_bank_size(self) -> Goal:
        title = (
            "A 10,000-question bank (5 MB) is accepted; alias bombs and deep nesting stay refused"
        )
        single = self.get("bank-single")
        size = int(str(self.facts.get("single-bank-bytes", 0)))
        hostile = [self.get(f"hostile-{n}") for n in ("alias-bomb", "deep-nesting")]
        protected = all(h is not None and h.returncode == 1 and h.median < 5 for h in hostile)
        if single is None or self.plan.single_bank != 10000:
            return Goal(title, UNKNOWN, "needs the 10,000-question bank (not --quick)")
        lines = single.output.strip().splitlines()
        accepted = single.ok
        why = f"one bank of {size / 1e6:.1f} MB: " + (
            f"accepted, checked in {cell(single)}"
            if accepted
            else f"refused: “{first_error(lines)}”"
        )
        why += "; alias bomb and deep nesting " + (
            "refused in under 5 s" if protected else "NOT refused quickly"
        )
        return Goal(title, MET if accepted and protected else NOT_MET, why)

    def goal_progress(self) -> Goal:
        title = "Long builds show progress: a bar on a terminal, plain lines in CI logs, nothing when quiet"
        terminal = str(self.facts.get("progress-terminal", ""))
        bar = bool(LIVE_LINE.search(terminal))
        last = terminal.strip().splitlines()[-1] if terminal.strip() else ""
        why = f"a {self.plan.sizes[-1]:,}-question build on a terminal shows "
        why += "a bar" if bar else f"no bar, only “{last}”"
        return Goal(
            title, MET if bar else NOT_MET, why + " (CI and quiet output are for the tests)"
        )


def refused(result: Measurement | None) -> str:
    """Return how a hostile bank fared: refused (exit 1) in how long, or what happened instead."""
    if result is None:
        return "–"
    if result.returncode == 1:
        return f"refused in {seconds(result.median)}, {result.peak:.0f} MB"
    return f"**exit {result.returncode}** in {seconds(result.median)}"


def first_error(lines: Sequence[str]) -> str:
    """Return the first error line of quizgen's output (or its last line)."""
    errors = [line for line in lines if ": error: " in line]
    text = errors[0] if errors else (lines[-1] if lines else "")
    return text.split(": error: ", 1)[-1]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]

"""Size and first paint of the HTML quiz: the ATACMS quiz and a 1,000-question bank's, in Chromium.

Usage: .venv/bin/python bench/bench_quiz.py [RUNS]
Builds both quizzes in a temporary folder, then loads each from file:// in Debian's Chromium
(no cache between runs) and reports its bytes, gzip bytes and first-contentful-paint time
(median, min–max). Issue 12 asks for these before and after its changes: see bench/quiz.md.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FIRST_PAINT = """() => new Promise(done => {
  const seen = performance.getEntriesByName("first-contentful-paint");
  if (seen.length) return done(seen[0].startTime);
  new PerformanceObserver(list => done(list.getEntries()[0].startTime))
    .observe({type: "paint", buffered: true});
})"""


def build_quizzes(work: Path) -> dict[str, Path]:
    """Build the ATACMS quiz and a synthetic 1,000-question bank's; return their files."""
    atacms = work / "atacms"
    atacms.mkdir()
    shutil.copytree(REPO / "questions", atacms / "questions")
    shutil.copytree(REPO / "seeds", atacms / "seeds")
    big = work / "big"
    subprocess.run([sys.executable, str(REPO / "bench" / "synth.py"), str(big), "1000"], check=True)
    for root in (atacms, big):
        subprocess.run(
            [sys.executable, "-m", "quizgen", "build", "--only", "html", "-q"],
            cwd=root,
            check=True,
            capture_output=True,
        )
    return {
        "ATACMS (45 questions)": atacms / "output" / "site" / "atacms" / "atacms-quiz.html",
        "1,000 questions": next((big / "output" / "site").glob("*/*-quiz.html")),
    }


def first_paints(quiz: Path, runs: int) -> list[float]:
    """Return the first-contentful-paint times (ms) of `runs` fresh loads of a quiz."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(quiz.as_uri())
            times.append(float(page.evaluate(FIRST_PAINT)))
            context.close()
        browser.close()
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        for name, quiz in build_quizzes(Path(folder)).items():
            data = quiz.read_bytes()
            paints = first_paints(quiz, runs)
            print(
                f"{name}: {len(data) / 1024:.0f} KB ({len(gzip.compress(data)) / 1024:.0f} KB "
                f"gzip), first paint {statistics.median(paints):.0f} ms "
                f"({min(paints):.0f}–{max(paints):.0f}, n={runs})"
            )


if __name__ == "__main__":
    main()

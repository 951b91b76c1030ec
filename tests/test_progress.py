"""Progress of a long build: a bar on a terminal, lines in a log, nothing when quiet."""

from __future__ import annotations

import io

import pytest

from quizgen import progress
from quizgen.progress import Progress, mode_for


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_and_a_log_gets_lines() -> None:
    assert mode_for(Terminal(), quiet=False) == "bar"
    assert mode_for(io.StringIO(), quiet=False) == "lines"
    assert mode_for(Terminal(), quiet=True) == mode_for(io.StringIO(), quiet=True) == "off"


def test_the_bar_counts_the_steps(monkeypatch) -> None:
    monkeypatch.setattr(progress, "BAR_DELAY", 0)
    screen = Terminal()
    task = Progress("bar", screen).task("building", 4)
    shown = screen.getvalue()
    task.advance(3)
    task.close()
    assert "quizgen: building:   0%" in shown and "0/4" in shown
    assert screen.getvalue().endswith("\r")  # the bar is wiped: the summary line comes next


def test_a_log_gets_a_plain_line_now_and_then(monkeypatch) -> None:
    monkeypatch.setattr(progress, "LINE_DELAY", 0)
    log = io.StringIO()
    task = Progress("lines", log).task("rendering PDFs", 60)
    task.advance(12)
    task.advance(1)  # within LINE_INTERVAL of the last line: none
    task.advance(47)  # done: the summary says it
    task.close()
    assert log.getvalue() == "quizgen: rendering PDFs: 12 of 60\n"


def test_short_work_shows_nothing() -> None:
    log = io.StringIO()
    task = Progress("lines", log).task("building", 3)
    task.advance(3)
    task.close()
    assert log.getvalue() == ""


@pytest.mark.parametrize(("quiet", "shown"), [((), True), (("--quiet",), False)])
def test_build_shows_progress_in_a_log_unless_quiet(
    make_project, run_quizgen, monkeypatch, quiet, shown
) -> None:
    monkeypatch.setattr(progress, "LINE_DELAY", 0)
    root = make_project("mini", add=["german"])
    result = run_quizgen(root, "build", "--only", "html,cards", *quiet)
    assert result.exit_code == 0
    assert ("quizgen: building: 2 of 4" in result.stderr) is shown


@pytest.mark.slow
def test_the_pdf_target_counts_each_document(make_project, run_quizgen, monkeypatch) -> None:
    monkeypatch.setattr(progress, "LINE_DELAY", 0)
    monkeypatch.setattr(progress, "LINE_INTERVAL", 0)
    root = make_project("mini")
    result = run_quizgen(root, "build", "--only", "pdf", "--variants", "2", "--jobs", "1")
    assert result.exit_code == 0
    counted = [line for line in result.stderr.splitlines() if "rendering PDFs" in line]
    # two worksheets, two keys, and the class set's grid of both variants
    assert counted == [f"quizgen: rendering PDFs: {n} of 5" for n in (1, 2, 3, 4)]

"""Targets made in worker processes give the same files and messages as made in one process."""

from __future__ import annotations

import errno
import logging
import os
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizgen import reading, target_runs, targets, workers
from quizgen.errors import TargetError
from quizgen.targets import FileRole
from tests.harness import overlay

LMS_AND_SCREEN = "anki,html,cards,gift,moodle,qti"


@dataclass(frozen=True)
class NoOptions:
    """The process target has none."""


PARENT = os.getpid()


class OddError(TargetError):
    """An error whose __init__ takes other arguments than its message."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: error: {what}")


class ProcessTarget:
    """Writes, per bank, the id of the process that made the file (or fails as FAIL says)."""

    name = "process"
    options = NoOptions
    labels = ("deck",)

    def build(self, banks, out, context) -> None:
        if os.environ.get("FAIL") == "die" and os.getpid() != PARENT:
            os._exit(9)  # as the out-of-memory killer ends a process
        if os.environ.get("FAIL") == "odd":
            raise OddError(banks[0].display_path, "odd")
        for bank in banks:
            out.write(f"{bank.id}/{bank.id}.pid", str(os.getpid()), FileRole("deck", bank.id))


TARGET = ProcessTarget()


def _files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".quizgen-record.json"
    }


@pytest.mark.parametrize("only", [LMS_AND_SCREEN, "anki", "gift"])  # (one target: in parts)
def test_workers_make_the_same_files_and_say_the_same(
    only: str, make_project, run_quizgen, monkeypatch, caplog
) -> None:
    root = make_project("repo", add=["mini", "gift-traps"])
    alone = run_quizgen(root, "build", "--only", only, "--jobs", "1", "--out", "one")
    said_alone = [r for r in caplog.record_tuples if r[1] >= logging.WARNING]
    caplog.clear()
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    together = run_quizgen(root, "build", "--only", only, "--jobs", "2", "--out", "two")
    said_together = [r for r in caplog.record_tuples if r[1] >= logging.WARNING]
    assert alone.exit_code == together.exit_code == 0
    assert len(said_alone) >= (3 if only == LMS_AND_SCREEN else 1)  # (anki's tags, GIFT's gaps)
    assert said_together == said_alone
    assert together.stderr.replace("two/", "one/") == alone.stderr
    assert _files(root / "two") == _files(root / "one")


@pytest.mark.parametrize(
    "jobs, threshold, in_workers", [(2, 0, True), (1, 0, False), (2, 10**9, False)]
)
def test_targets_go_to_workers_only_when_asked_and_worth_it(
    jobs: int, threshold: int, in_workers: bool, make_project, run_quizgen, monkeypatch
) -> None:
    modules = {"process": __name__, "fake": "tests.fake_target"}
    monkeypatch.setattr(targets, "TARGET_MODULES", modules)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", threshold)
    root = make_project("mini")
    assert run_quizgen(root, "build", "--jobs", str(jobs)).exit_code == 0
    made_by = (root / "output" / "site" / "lighthouse" / "lighthouse.pid").read_text()
    assert (made_by != str(os.getpid())) is in_workers


def test_a_target_failing_in_a_worker_fails_the_build_as_it_would_alone(
    make_project, run_quizgen, monkeypatch
) -> None:
    monkeypatch.setattr(
        targets, "TARGET_MODULES", {"process": __name__, "fake": "tests.fake_target"}
    )
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    root = make_project("mini")
    overlay(root, "exploding-bank")  # its title makes the fake target fail
    result = run_quizgen(root, "build", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr.startswith("questions/boom.yaml:1:1: error: this bank cannot be built")
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    "fail, message",
    [
        (
            "die",
            "quizgen: error: a worker process ended while making the process files (out of memory?); try again with --jobs 1",
        ),
        ("odd", "questions/lighthouse.yaml: error: odd"),
    ],
)
def test_a_worker_that_fails_stops_the_build_with_a_clear_error(
    fail: str, message: str, make_project, run_quizgen, monkeypatch
) -> None:
    monkeypatch.setattr(
        targets, "TARGET_MODULES", {"process": __name__, "fake": "tests.fake_target"}
    )
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    monkeypatch.setenv("FAIL", fail)
    root = make_project("mini")
    result = run_quizgen(root, "build", "--jobs", "2")
    assert result.exit_code == 1
    assert message in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


class PartsTarget(ProcessTarget):
    """The process target, its banks made part by part when the build can."""

    def by_bank(self, context) -> bool:
        return True

    def build(self, banks, out, context) -> None:
        if os.getpid() != PARENT:
            time.sleep(0.5)  # (so that the other worker takes the other part)
        super().build(banks, out, context)


@pytest.mark.parametrize("jobs, processes", [(2, 2), (1, 1)])
def test_one_target_of_many_banks_is_made_in_parts_by_several_workers(
    jobs: int, processes: int, make_project, run_quizgen, monkeypatch
) -> None:
    monkeypatch.setattr(targets, "TARGET_MODULES", {"process": __name__})
    monkeypatch.setattr(sys.modules[__name__], "TARGET", PartsTarget())
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    root = make_project("repo", add=["mini", "gift-traps"])
    assert run_quizgen(root, "build", "--jobs", str(jobs)).exit_code == 0
    made_by = {p.read_text() for p in (root / "output" / "site").rglob("*.pid")}
    assert len(made_by) == processes
    assert (str(os.getpid()) in made_by) is (jobs == 1)


class OtherPartsTarget(PartsTarget):
    """A second target made part by part: its files end in .pid2."""

    name = "process2"

    def build(self, banks, out, context) -> None:
        for bank in banks:
            out.write(f"{bank.id}/{bank.id}.pid2", str(os.getpid()), FileRole("deck", bank.id))


def test_each_part_is_made_by_a_worker_of_its_own(make_project, run_quizgen, monkeypatch) -> None:
    # a worker's memory grows with each part it makes: one part each gives it back in between
    other = types.ModuleType("tests.other_parts_target")
    other.TARGET = OtherPartsTarget()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, other.__name__, other)
    modules = {"process": __name__, "process2": other.__name__}
    monkeypatch.setattr(targets, "TARGET_MODULES", modules)
    monkeypatch.setattr(sys.modules[__name__], "TARGET", PartsTarget())
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    root = make_project("repo", add=["mini", "gift-traps"])
    assert run_quizgen(root, "build", "--jobs", "2").exit_code == 0
    site = root / "output" / "site"
    made_by = [{p.read_text() for p in site.rglob(f"*.{kind}")} for kind in ("pid", "pid2")]
    assert [len(pids) for pids in made_by] == [2, 2]  # two parts of each target
    assert len(made_by[0] | made_by[1]) == 4 and str(os.getpid()) not in made_by[0] | made_by[1]


def test_parts_no_worker_can_be_started_for_are_made_here(
    make_project, run_quizgen, monkeypatch, caplog
) -> None:
    # a full process table mid-build: the build goes on in its own process, with the same result
    root = make_project("repo", add=["mini", "gift-traps"])
    alone = run_quizgen(root, "build", "--only", LMS_AND_SCREEN, "--jobs", "1", "--out", "one")
    said_alone = [r for r in caplog.record_tuples if r[1] >= logging.WARNING]
    caplog.clear()
    started: list[None] = []
    real_submit = workers.Workers.submit

    def submit(self, work, *args):
        if work is target_runs._run_in_worker:  # (the workers that read banks start as ever)
            if len(started) >= 3:  # the first parts' workers start, no later one
                raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
            started.append(None)
        return real_submit(self, work, *args)

    monkeypatch.setattr(workers.Workers, "submit", submit)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    together = run_quizgen(root, "build", "--only", LMS_AND_SCREEN, "--jobs", "2", "--out", "two")
    assert alone.exit_code == together.exit_code == 0
    assert len(started) == 3
    assert [r for r in caplog.record_tuples if r[1] >= logging.WARNING] == said_alone
    assert _files(root / "two") == _files(root / "one")

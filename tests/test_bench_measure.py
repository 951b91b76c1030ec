"""The benchmark suite compares quizgen with its peers run by run, in rounds (not timed)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from measure import Measurement, measure_in_rounds, paired_ratio  # bench/ holds scripts


def test_commands_in_rounds_run_one_after_the_other(tmp_path: Path) -> None:
    log = tmp_path / "log"
    cleaned: list[str] = []
    commands = [
        (name, ["sh", "-c", f"echo {name} >> {log}"], lambda name=name: cleaned.append(name))
        for name in ("a", "b")
    ]
    results = measure_in_rounds(commands, runs=3, warmup=False)
    # A B, B A, A B: neither command always runs right after the other
    assert log.read_text().split() == ["a", "b", "b", "a", "a", "b"]
    assert cleaned == ["a", "b", "b", "a", "a", "b"]  # each one's preparation, before each run
    assert [r.label for r in results] == ["a", "b"]
    assert all(len(r.wall) == 3 and r.rounds == "a" and r.ok for r in results)


def test_rounds_stop_when_a_command_fails(tmp_path: Path) -> None:
    commands = [("fine", ["true"], None), ("broken", ["sh", "-c", "exit 3"], None)]
    fine, broken = measure_in_rounds(commands, runs=5, warmup=False)
    assert broken.returncode == 3 and not broken.ok
    assert len(fine.wall) == len(broken.wall) == 1


def test_ratio_of_rounds_is_the_median_of_each_rounds_ratio() -> None:
    # the machine got twice as slow for the last two rounds: each round's ratio is still 2
    ours = Measurement("ours", [], wall=[2.0, 2.0, 2.0, 4.0, 4.0], rounds="ours")
    theirs = Measurement("theirs", [], wall=[1.0, 1.0, 1.0, 2.0, 2.0], rounds="ours")
    assert paired_ratio(ours, theirs) == 2.0
    apart = Measurement("theirs", [], wall=[1.0, 1.0, 2.0, 2.0, 2.0])
    assert paired_ratio(ours, apart) == 1.0  # measured apart: the medians' ratio


def test_ratio_of_cpu_times_in_rounds() -> None:
    ours = Measurement("ours", [], wall=[9.0, 9.0, 9.0], cpu=[1.0, 3.0, 1.5], rounds="ours")
    theirs = Measurement("theirs", [], wall=[1.0, 1.0, 1.0], cpu=[2.0, 2.0, 2.0], rounds="ours")
    assert paired_ratio(ours, theirs, cpu=True) == 0.75

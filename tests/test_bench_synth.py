"""The benchmark suite's generated banks are valid, and its peers get the same questions (not timed)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from quizgen.project import load_project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # bench/ holds scripts, not a package


def test_generated_banks_pass_a_strict_check(tmp_path: Path, run_quizgen) -> None:
    project = synth.write_project(tmp_path / "p", 40, per_bank=16)
    result = run_quizgen(project.root, "check", "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "3 bank(s) valid, 0 error(s), 0 warning(s)"
    banks = load_project(project.root).banks
    types = Counter(q.type for bank in banks for q in bank.questions)
    assert types == dict.fromkeys(synth.TYPES, 5)
    assert all(any(c in bank.source.text for c in "äöüß") for bank in banks)


def test_single_choice_project_and_padded_source_pass(tmp_path: Path, run_quizgen) -> None:
    short = synth.write_project(tmp_path / "short", 8, types=("single",))
    padded = synth.write_project(tmp_path / "padded", 8, types=("single",), padding=10)
    assert run_quizgen(padded.root, "check", "--strict").exit_code == 0
    lengths = [
        len((p.root / "seeds" / "gemeinden.txt").read_text("utf-8")) for p in (short, padded)
    ]
    assert lengths[1] > 3 * lengths[0]


def test_the_peers_get_every_question(tmp_path: Path) -> None:
    synth.write_project(tmp_path, 24)
    peers = tmp_path / "peers"
    notes = json.loads((peers / "notes.json").read_text("utf-8"))
    assert len(notes) == 24
    assert len({n["id"] for n in notes}) == 24
    cards = (peers / "cards" / "gemeinden-01.md").read_text("utf-8")
    assert cards.count("\n---\n") == 23  # ankdown's card separator
    quiz = (peers / "quiz.txt").read_text("utf-8")
    assert quiz.count("\n*") == 3  # one marked correct choice per single-choice question


def test_hostile_banks_are_refused(tmp_path: Path, run_quizgen) -> None:
    base = synth.write_project(tmp_path / "base", 8)
    for name, text in synth.hostile_banks().items():
        root = tmp_path / name
        (root / "questions").mkdir(parents=True)
        (root / "questions" / "hostile.yaml").write_text(text, "utf-8")
        (root / "seeds").symlink_to(base.root / "seeds")
        result = run_quizgen(root, "check")
        assert result.exit_code == 1, name
        assert ": error: " in result.stderr, name

"""The scoring rule a teacher chooses: read from the bank, decided once, shown in the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.answers.solve import solve_bank
from quizgen.model import Bank
from quizgen.project import load_project
from quizgen.targets.pdf.layout import document_view
from tests.harness import REPO, copy_project
from tests.test_quiz_progress_browser import edit

PARTIAL_BANK = (
    "source: seeds/lighthouse.txt\n",
    "source: seeds/lighthouse.txt\nscoring: partial\n",
)
DAY_ITEMS = (
    "    items: [light the lamp at dusk, keep it burning through the night, put it out at dawn]\n"
)
DAY_KEEPS_ALL = (DAY_ITEMS, f"{DAY_ITEMS}    scoring: all-or-nothing\n")


def lighthouse(tmp_path: Path, *replacements: tuple[str, str]) -> Bank:
    root = copy_project(tmp_path, "mini")
    if replacements:
        edit(root, "lighthouse", *replacements)
    project = load_project(root)
    assert not [p for p in project.problems if p.severity == "error"]
    return project.banks[0]


def partial_by_question(bank: Bank) -> dict[str, bool]:
    return {s.question.id: s.scoring.partial for s in solve_bank(bank, {"true": "T", "false": "F"})}


def test_all_or_nothing_is_the_default(tmp_path: Path) -> None:
    bank = lighthouse(tmp_path)
    assert bank.scoring == "all-or-nothing"
    assert not any(partial_by_question(bank).values())


def test_a_partial_bank_gives_its_rule_to_the_questions_with_parts_only(tmp_path: Path) -> None:
    partial = partial_by_question(lighthouse(tmp_path, PARTIAL_BANK))
    assert partial == {
        "builder": False,  # single: one answer
        "residents": True,
        "rock": False,
        "lamp": True,
        "year": False,
        "distance": False,
        "roles": True,
        "day": True,
    }


def test_a_question_overrides_the_bank_either_way(tmp_path: Path) -> None:
    kept = partial_by_question(lighthouse(tmp_path / "a", PARTIAL_BANK, DAY_KEEPS_ALL))
    assert (kept["day"], kept["lamp"]) == (False, True)
    own = (DAY_ITEMS, f"{DAY_ITEMS}    scoring: partial\n")
    alone = partial_by_question(lighthouse(tmp_path / "b", own))
    assert (alone["day"], alone["lamp"]) == (True, False)


def test_scoring_on_a_question_of_one_answer_is_not_for_its_type(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    edit(
        root,
        "lighthouse",
        ("    correct: Mary Ellis\n", "    correct: Mary Ellis\n    scoring: partial\n"),
    )
    problems = [str(p) for p in load_project(root).problems]
    assert any(
        "questions/lighthouse.yaml:13:5: error: question 'builder': field 'scoring' is not used "
        "by this question type" in p
        for p in problems
    ), problems


def key_notes(
    bank: Bank, language_strings: dict[str, dict[str, str]]
) -> tuple[str, dict[str, str]]:
    view = document_view(bank, "key", 0, 0, "a4", language_strings)
    return view.scoring_rule, {q.id: q.scoring for q in view.questions}


@pytest.fixture
def english() -> dict[str, dict[str, str]]:
    from quizgen.present.strings import ui_strings

    return ui_strings("en", (REPO / "templates",))


def test_the_key_says_the_bank_rule_once_and_each_partial_share(tmp_path: Path, english) -> None:
    rule, notes = key_notes(lighthouse(tmp_path, PARTIAL_BANK, DAY_KEEPS_ALL), english)
    assert rule == "Marking: a question of several parts earns partial credit, as given under it."
    assert notes == {
        "builder": "",
        "residents": "Partial credit: 0.67 points for each right tick, 0.67 points off for each "
        "wrong tick, never below 0.",
        "rock": "",
        "lamp": "Partial credit: 0.5 points for each right gap.",
        "year": "",
        "distance": "",
        "roles": "Partial credit: 0.33 points for each right pair.",
        "day": "Points only for a wholly right answer.",  # it keeps all or nothing
    }


def test_an_all_or_nothing_key_says_so_once(tmp_path: Path, english) -> None:
    rule, notes = key_notes(lighthouse(tmp_path), english)
    assert rule == "Marking: a question of several parts scores only when it is wholly right."
    assert set(notes.values()) == {""}
    worksheet = document_view(
        lighthouse(tmp_path / "w", PARTIAL_BANK), "worksheet", 0, 0, "a4", english
    )
    assert worksheet.scoring_rule == "" and {q.scoring for q in worksheet.questions} == {""}


def test_shares_read_as_the_bank_language_writes_points(tmp_path: Path) -> None:
    from quizgen.present.strings import ui_strings

    bank = lighthouse(tmp_path, PARTIAL_BANK, ("    points: 2\n", "    points: 3\n"))
    _rule, notes = key_notes(bank, ui_strings("de", (REPO / "templates",)))
    assert notes["residents"] == (
        "Teilpunkte: je richtiges Kreuz 1 Punkt, je falsches Kreuz 1 Punkt Abzug, nie unter 0."
    )
    root = copy_project(tmp_path / "brot", "german")
    edit(root, "brot", ("source: seeds/brot.txt\n", "source: seeds/brot.txt\nscoring: partial\n"))
    _rule, notes = key_notes(load_project(root).banks[0], ui_strings("de", (REPO / "templates",)))
    assert notes["zutaten"] == (
        "Teilpunkte: je richtiges Kreuz 0,33 Punkte, je falsches Kreuz 0,33 Punkte Abzug, "
        "nie unter 0."
    )


def test_a_key_of_mostly_all_or_nothing_says_where_partial_credit_is_given(
    tmp_path: Path, english
) -> None:
    day_partial = (DAY_ITEMS, f"{DAY_ITEMS}    scoring: partial\n")
    rule, notes = key_notes(lighthouse(tmp_path, day_partial), english)
    assert rule == (
        "Marking: a question of several parts scores only when it is wholly right, unless "
        "partial credit is given under it."
    )
    assert notes["day"] == "Partial credit: 0.33 points for each item in its right place."
    assert notes["residents"] == notes["lamp"] == ""


def test_the_rule_changes_neither_saved_quiz_progress_nor_anki_notes(tmp_path: Path) -> None:
    """A saved answer stays the same answer under another rule, and cards do not score."""
    from quizgen.targets.html.quiz import answer_key, question_hashes, question_views

    def hashes(bank: Bank) -> dict[str, str]:
        solved = solve_bank(bank, {"true": "T", "false": "F"})
        return question_hashes(question_views(solved), answer_key(solved), bank.language)

    before = lighthouse(tmp_path / "a")
    after = lighthouse(tmp_path / "b", PARTIAL_BANK)
    assert hashes(before) == hashes(after)
    keys = answer_key(solve_bank(after, {"true": "T", "false": "F"}))
    assert keys["lamp"]["partial"] is True  # the quiz does get the rule
    assert "partial" not in keys["builder"]


def test_anki_notes_stay_the_same_under_another_rule(tmp_path: Path) -> None:
    from tests.harness import run_cli
    from tests.test_golden import note_fields

    fields = []
    for name, edits in (("a", ()), ("b", (PARTIAL_BANK,))):
        root = copy_project(tmp_path / name, "mini")
        if edits:
            edit(root, "lighthouse", *edits)
        assert run_cli(root, "build", "--only", "anki").exit_code == 0
        deck = root / "output" / "site" / "lighthouse" / "lighthouse.apkg"
        fields.append(note_fields(deck, tmp_path / name))
    assert fields[0] == fields[1]


def test_a_bank_is_solved_once_for_every_target_of_a_build(tmp_path: Path) -> None:
    bank = lighthouse(tmp_path)
    labels = {"true": "T", "false": "F"}
    solved = solve_bank(bank, labels)
    assert solve_bank(bank, dict(labels)) is solved  # the same words: the same solutions
    assert solve_bank(bank, {"true": "W", "false": "F"}) is not solved
    assert solve_bank(bank, labels, seed=1) is not solved
    assert solve_bank(bank, labels, variant=1) is not solved  # (variants are not kept)
    again = lighthouse(tmp_path / "again")  # a bank read again is another Bank: solved anew
    assert solve_bank(again, labels) is not solved
    assert [s.solution for s in solve_bank(again, labels)] == [s.solution for s in solved]

"""The key's marking grid: each right answer as a student writes it, per place and variant."""

from __future__ import annotations

import pytest

from quizgen.answers.solve import solve_bank
from quizgen.answers.written import written_answer
from quizgen.model import Bank
from quizgen.present.strings import ui_strings
from quizgen.project import load_project
from quizgen.targets.pdf.layout import document_view, marking_grid
from tests.harness import PROJECTS, REPO

DIRS = (REPO / "templates",)


@pytest.fixture(scope="module")
def lighthouse() -> Bank:
    return load_project(PROJECTS / "mini").banks[0]


def written(bank: Bank, variant: int = 0) -> dict[str, str]:
    labels = ui_strings(bank.language, DIRS)["common"]
    return {s.question.id: written_answer(s) for s in solve_bank(bank, labels, variant)}


def test_each_type_is_written_as_on_the_sheet(lighthouse: Bank) -> None:
    assert written(lighthouse) == {
        "builder": "A",  # the letter of the option to tick (shown order)
        "residents": "A, B, D",  # shuffle: false, the engineer is C
        "rock": "T",
        "lamp": "dusk / dawn",
        "year": "1887",
        "distance": "2.5 km (± 0.1 km)",
        "roles": "1-B 2-A 3-C",
        "day": "2-3-1",  # the places written in the boxes, from the top
    }


def test_letters_follow_each_variant_shown_order(lighthouse: Bank) -> None:
    labels = ui_strings("en", DIRS)["common"]
    for variant in (1, 2, 3):
        solved = {s.question.id: s for s in solve_bank(lighthouse, labels, variant)}
        builder = solved["builder"].solution
        right = next(o.letter for o in builder.options if o.correct)
        assert written(lighthouse, variant)["builder"] == right
        day = solved["day"].solution
        assert written(lighthouse, variant)["day"] == "-".join(str(i.position) for i in day.shown)


def test_true_false_writes_the_initials_in_the_bank_language() -> None:
    bank = load_project(PROJECTS / "geheim").banks[0]
    answers = [
        a
        for qid, a in written(bank).items()
        if qid in {q.id for q in bank.questions if q.type == "truefalse"}
    ]
    assert answers and set(answers) <= {"R", "F"}


def test_the_grid_has_a_row_per_place_and_a_column_per_variant(lighthouse: Bank) -> None:
    strings = ui_strings("en", DIRS)
    grid = marking_grid(lighthouse, (1, 2, 3), 0, strings)
    assert grid.columns == ("Variant A", "Variant B", "Variant C")
    assert [row.number for row in grid.rows] == list(range(1, 9))
    labels = strings["common"]
    for column, variant in enumerate((1, 2, 3)):
        sheet = solve_bank(lighthouse, labels, variant)
        assert [row.answers[column] for row in grid.rows] == [written_answer(s) for s in sheet]
        assert [row.points[column] for row in grid.rows] == [s.question.points for s in sheet]
    # the 2-point question sits at other places in other variants: points per variant
    assert not grid.same_points
    assert grid.total == 9


def test_a_key_opens_with_its_own_grid_and_a_worksheet_has_none(lighthouse: Bank) -> None:
    strings = ui_strings("en", DIRS)
    key = document_view(lighthouse, "key", 0, 0, "a4", strings)
    assert key.grid is not None and key.grid.columns == ("Answer",) and key.grid.same_points
    assert [row.answers[0] for row in key.grid.rows] == list(written(lighthouse).values())
    variant = document_view(lighthouse, "key", 2, 0, "a4", strings)
    assert variant.grid is not None and variant.grid.columns == ("Variant B",)
    assert document_view(lighthouse, "worksheet", 0, 0, "a4", strings).grid is None


def test_the_worksheet_head_says_the_time_and_the_instructions(tmp_path) -> None:
    from tests.harness import copy_project
    from tests.test_quiz_progress_browser import edit

    root = copy_project(tmp_path, "mini")
    edit(
        root,
        "lighthouse",
        (
            "source: seeds/lighthouse.txt\n",
            "source: seeds/lighthouse.txt\ntime: 20\ninstructions: Read the text **first**.\n",
        ),
    )
    bank = load_project(root).banks[0]
    view = document_view(bank, "worksheet", 0, 0, "a4", ui_strings("de", DIRS))
    assert view.time_text == "Bearbeitungszeit: 20 Minuten"
    assert str(view.instructions) == "<p>Read the text <strong>first</strong>.</p>"
    plain = document_view(lighthouse_bank(), "worksheet", 0, 0, "a4", ui_strings("en", DIRS))
    assert plain.time_text == "" and str(plain.instructions) == ""


def lighthouse_bank() -> Bank:
    return load_project(PROJECTS / "mini").banks[0]


def test_hyphenation_is_off_for_english_unless_the_bank_asks(tmp_path) -> None:
    from quizgen.targets.pdf.layout import hyphenates
    from tests.harness import copy_project
    from tests.test_quiz_progress_browser import edit

    assert not hyphenates(lighthouse_bank())  # English
    assert hyphenates(load_project(PROJECTS / "german").banks[0])
    for value, expected in (("true", True), ("false", False)):
        root = copy_project(tmp_path / value, "mini")
        edit(root, "lighthouse", ("language: en\n", f"language: en\nhyphenate: {value}\n"))
        assert hyphenates(load_project(root).banks[0]) is expected


def test_a_short_answer_gets_the_lines_the_bank_asks_for(tmp_path) -> None:
    from quizgen.targets.pdf.layout import answer_lines
    from tests.harness import copy_project
    from tests.test_quiz_progress_browser import edit

    def lines(bank: Bank) -> int:
        solved = {s.question.id: s for s in solve_bank(bank, {"true": "T", "false": "F"})}
        return answer_lines(solved["year"].solution)

    assert lines(lighthouse_bank()) == 1  # "1887": one line by its length
    root = copy_project(tmp_path, "mini")
    edit(root, "lighthouse", ('    answer: ["1887"]\n', '    answer: ["1887"]\n    lines: 4\n'))
    assert lines(load_project(root).banks[0]) == 4


def long_bank(count: int) -> str:
    """Return a bank of `count` true/false questions on the lighthouse text."""
    head = (
        "bank: long\ntitle: A long grid\nlanguage: en\nsource: seeds/lighthouse.txt\nquestions:\n"
    )
    return head + "".join(
        f"  - id: q{n}\n    type: truefalse\n    prompt: Statement {n} about the lighthouse.\n"
        "    source: The old lighthouse stands on a rock\n    answer: true\n"
        for n in range(1, count + 1)
    )


@pytest.mark.slow  # renders the PDFs
def test_a_grid_over_two_pages_gives_its_total_once_at_the_end(tmp_path) -> None:
    from tests.harness import copy_project
    from tests.test_pdf import build, pages

    root = copy_project(tmp_path, "mini", {"long.yaml": long_bank(45)})
    (root / "questions" / "lighthouse.yaml").unlink()
    build(root)
    key = pages(root / "output" / "teacher" / "long" / "long-key.pdf")
    grid = [page for page in key if "No. Answer Score" in page]  # the head repeats on each page
    assert len(grid) == 2
    totals = [page.splitlines().count("Total 45") for page in grid]
    assert totals == [0, 1]
    assert "\n45 T 1\nTotal 45\n" in grid[1]  # after the last row

"""The Moodle XML file, read back by a checker and reader written from Moodle's importer."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from quizgen.answers.keys import answer_key_entry
from quizgen.answers.solve import solve_bank
from quizgen.model import Bank
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import template_dirs
from quizgen.project import load_project
from tests.lms.moodle_check import check, errors
from tests.lms.moodle_read import (
    Question,
    category_names,
    html_text,
    literal,
    parse,
    read_questions,
)

PROJECTS = ["repo", "mini", "hostile", "gift-specials", "moodle-gaps", "gift-traps"]
MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse"}
MOODLE_TYPES |= {"short": "shortanswer", "numeric": "numerical", "match": "matching"}
MOODLE_TYPES |= {"cloze": "cloze", "order": "ordering"}


def build_moodle(root: Path, run_quizgen) -> tuple[bytes, Bank]:
    result = run_quizgen(root, "build", "--only", "moodle")
    assert result.exit_code == 0, result.stderr
    bank = load_project(root).banks[0]
    return (root / "output" / "teacher" / bank.id / f"{bank.id}-moodle.xml").read_bytes(), bank


@pytest.mark.parametrize("project", PROJECTS)
def test_every_export_passes_the_checker(project: str, make_project, run_quizgen) -> None:
    data, bank = build_moodle(make_project(project), run_quizgen)
    assert errors(data) == []
    notices = [p for p in check(data) if p.severity != "error"]
    # a match of two pairs imports and works; only Moodle's edit form wants a third answer
    two_pairs = [q.id for q in bank.questions if q.type == "match" and len(q.pairs) < 3]
    assert [p.where.split("'")[1] for p in notices] == two_pairs


@pytest.mark.parametrize("project", PROJECTS)
def test_every_question_reads_back_as_written(project: str, make_project, run_quizgen) -> None:
    data, bank = build_moodle(make_project(project), run_quizgen)
    category, *questions = read_questions(parse(data))
    assert category.type == "category"
    assert category_names(category.texts["category"][1]) == ["$course$", "top", _title(bank)]
    solved = solve_bank(bank, {"true": "true", "false": "false"})
    assert [q.fields["idnumber"] for q in questions] == [s.question.id for s in solved]
    for got, s in zip(questions, solved, strict=True):
        question = s.question
        assert got.type == MOODLE_TYPES[question.type]
        assert html.unescape(got.name).startswith(f"{question.id}: ")
        assert got.fields["defaultgrade"] == str(question.points)
        assert got.tags == list(dict.fromkeys((*bank.tags, *question.tags)))
        feedback_format, feedback = got.texts["generalfeedback"]
        assert feedback_format == "html" and got.texts["questiontext"][0] == "html"
        assert feedback.startswith(str(markup.block(question.explanation)))
        assert question.source in html_text(feedback) and _title(bank) in html_text(feedback)
        READ_BACK[question.type](got, s)


def _title(bank: Bank) -> str:
    return " ".join(bank.title.split())


def _choices(got: Question, s) -> None:
    options = s.solution.options
    assert got.text == str(markup.inline(s.question.prompt))
    assert [a.text for a in got.answers] == [str(markup.inline(o.text)) for o in options]
    assert got.fields["single"] == ("false" if s.solution.multiple else "true")
    assert got.fields["shuffleanswers"] == ("1" if s.question.shuffle else "0")
    fractions = [Decimal(a.fraction) for a in got.answers]
    if not s.solution.multiple:
        assert fractions == [Decimal(100 if o.correct else 0) for o in options]
        return
    assert [f > 0 for f in fractions] == [o.correct for o in options]
    assert abs(sum(f for f in fractions if f > 0) - 100) < Decimal("0.0001")
    assert all(abs(f - wrong_fraction(s)) < Decimal("0.0001") for f in fractions if f <= 0)


def wrong_fraction(s) -> Decimal:
    """A wrong tick takes off a right one's share (scoring: partial), else everything."""
    right = sum(o.correct for o in s.solution.options)
    return -Decimal(100) / right if s.scoring.partial else Decimal(-100)


def _true_false(got: Question, s) -> None:
    assert got.text == str(markup.inline(s.question.prompt))
    by_text = {a.text: a.fraction for a in got.answers}
    assert by_text == {
        "true": "100" if s.solution.value else "0",
        "false": "0" if s.solution.value else "100",
    }


def _short(got: Question, s) -> None:
    assert got.text == str(markup.inline(s.question.prompt))
    assert [literal(a.text) for a in got.answers] == list(s.solution.accepted)
    assert {a.fraction for a in got.answers} == {"100"} and got.fields["usecase"] == "0"


def _numeric(got: Question, s) -> None:
    solution = s.solution
    assert html_text(got.text).startswith(html_text(str(markup.inline(s.question.prompt))))
    (answer,) = got.answers
    assert Decimal(answer.text) == solution.value and answer.fraction == "100"
    assert Decimal(answer.fields["tolerance"]) == solution.tolerance
    assert "," not in answer.text + answer.fields["tolerance"]  # machine numbers, also in German
    assert got.units == ([(solution.unit, "1")] if solution.unit else [])
    assert html_text(got.text).endswith(f"(in {solution.unit})" if solution.unit else "")


def _match(got: Question, s) -> None:
    assert got.text == str(markup.inline(s.question.prompt))
    assert got.subquestions == [
        (str(markup.inline(row.text)), markup.plain_text(row.partner.text))
        for row in s.solution.rows
    ]


def _cloze(got: Question, s) -> None:
    gaps = s.solution.gaps
    assert [[literal(a.answer) for a in gap.alternatives] for gap in got.gaps] == [
        list(gap.accepted) for gap in gaps
    ]
    assert all(a.fraction == 100 for gap in got.gaps for a in gap.alternatives)
    assert {gap.kind for gap in got.gaps} == {"SHORTANSWER"}
    weights = [gap.weight for gap in got.gaps]
    points = s.question.points
    assert weights == [points // len(gaps) if points % len(gaps) == 0 else 1] * len(gaps)
    prompt = markup.plain_text(s.question.prompt) if s.has_prompt else ""
    parts = [
        markup.plain_text(p) if isinstance(p, str) else f"{{#{p.number}}}" for p in s.solution.parts
    ]
    # the prompt and the text are paragraphs of their own: compare them without white space
    assert "".join(html_text(got.text_outside_gaps).split()) == "".join(
        (prompt + "".join(parts)).split()
    )


def _order(got: Question, s) -> None:
    assert got.text == str(markup.inline(s.question.prompt))
    assert [a.text for a in got.answers] == [
        str(markup.inline(item.text)) for item in s.solution.sequence
    ]
    assert got.fields["selecttype"] == "ALL"


READ_BACK = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _true_false,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "cloze": _cloze,
    "order": _order,
}


def test_the_special_characters_reach_moodle_as_written(make_project, run_quizgen) -> None:
    data, _ = build_moodle(make_project("moodle-gaps"), run_quizgen)
    _, cloze, short = read_questions(parse(data))
    assert [[a.answer for a in gap.alternatives] for gap in cloze.gaps] == [
        ["a~b", "c#d", "e}f"],
        ["\\}", "x\\#", '"q"/s'],
        ["a\\*b", "&amp;", "R&"],  # Moodle's short answer reads "\*" as a star, not a wildcard
        ["ende\\"],
        ["%50%x", "=y", "<b>z</b>"],
    ]
    # the text's own "{1:SA:=x}" and the prompt's "{{c1::x}}" stay text
    assert len(cloze.gaps) == 5 and "{1:SA:=x}" in html_text(cloze.text_outside_gaps)
    assert "{{c1::x}}" in html_text(cloze.text)
    assert [literal(a.text) for a in short.answers] == ["a*b", "\\*", "&amp;", "~#}"]


def test_a_german_bank_has_machine_numbers(make_project, run_quizgen) -> None:
    data, _ = build_moodle(make_project("gift-specials"), run_quizgen)
    (number,) = [q for q in read_questions(parse(data)) if q.type == "numerical"]
    assert (number.answers[0].text, number.answers[0].fields["tolerance"]) == ("2.5", "0.1")


def test_the_file_is_the_same_bytes_every_time(make_project, run_quizgen) -> None:
    root = make_project("mini")
    first, _ = build_moodle(root, run_quizgen)
    second, _ = build_moodle(root, run_quizgen)
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<quiz>")


def test_hostile_text_stays_text(make_project, run_quizgen) -> None:
    data, _ = build_moodle(make_project("hostile"), run_quizgen)
    questions = [q for q in read_questions(parse(data)) if q.type != "category"]
    texts = [
        text
        for q in questions
        for text in (q.text, *(a.text for a in q.answers), q.texts["generalfeedback"][1])
    ]
    assert not any("<script" in t.lower() or "<img" in t.lower() for t in texts)
    assert any("&lt;script&gt;" in t for t in texts)


MANY = """\
bank: many
title: Many right options
language: en
source: seeds/lighthouse.txt
questions:
  - id: many
    type: multiple
    prompt: Which are numbers?
    source: It was built in 1887
    correct: [one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve]
    wrong: [red, blue, green]
"""


def test_more_than_ten_right_options_still_share_exactly_100(make_project, run_quizgen) -> None:
    """No grade on Moodle's list is 100/12: some get 10 and the others 5, never 120 in all."""
    root = make_project("mini", {"many.yaml": MANY})
    assert run_quizgen(root, "build", "--only", "moodle,gift", "many").exit_code == 0
    xml = parse((root / "output/teacher/many/many-moodle.xml").read_bytes())
    fractions = [Decimal(a.get("fraction")) for a in xml.iter("answer")]
    assert sum(f for f in fractions if f > 0) == 100
    assert [f for f in fractions if f < 0] == [-100] * 3  # all or nothing: a wrong tick takes all
    assert sorted(f for f in fractions if f > 0) == [5] * 4 + [10] * 8
    assert errors((root / "output/teacher/many/many-moodle.xml").read_bytes()) == []
    gift = (root / "output/teacher/many/many.gift").read_text(encoding="utf-8")
    weights = [Decimal(w) for w in re.findall(r"~%(-?[\d.]+)%", gift)]
    assert sorted(weights) == sorted(fractions)


def test_every_question_type_has_a_moodle_writer() -> None:
    from quizgen.model import QUESTION_TYPES
    from quizgen.targets.moodle.questions import WRITERS

    assert set(WRITERS) == set(QUESTION_TYPES) == set(MOODLE_TYPES)


def test_an_exact_short_answer_is_case_sensitive_in_moodle_and_in_the_quiz_key(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    bank_file = root / "questions" / "lighthouse.yaml"
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(
        text.replace('    answer: ["1887"]\n', '    answer: ["1887"]\n    exact: true\n')
    )
    data, bank = build_moodle(root, run_quizgen)
    short = next(q for q in read_questions(parse(data)) if q.type == "shortanswer")
    assert short.fields["usecase"] == "1"
    labels = ui_strings("en", template_dirs(root))["common"]
    (year,) = [q for q in solve_bank(bank, labels) if q.question.id == "year"]
    assert answer_key_entry(year.scoring) == {
        "points": 1,
        "kind": "text",
        "accepted": [["1887"]],
        "exact": True,
    }


def test_moodle_grades_follow_the_bank_scoring_rule(make_project, run_quizgen) -> None:
    """Partial: a wrong tick takes off a right one's share, orders score per place; else all."""
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "moodle,gift").exit_code == 0
    before = (root / "output/teacher/lighthouse/lighthouse-moodle.xml").read_bytes()
    bank = root / "questions" / "lighthouse.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("\nquestions:", "\nscoring: partial\nquestions:", 1), "utf-8")
    assert run_quizgen(root, "build", "--only", "moodle,gift").exit_code == 0
    after = (root / "output/teacher/lighthouse/lighthouse-moodle.xml").read_bytes()
    for xml, wrong, grading in (
        (before, "-100", "ALL_OR_NOTHING"),
        (after, "-33.33333", "ABSOLUTE_POSITION"),
    ):
        questions = {q.findtext("idnumber"): q for q in parse(xml).iter("question")}
        residents = questions["residents"]  # three right options, the engineer wrong
        assert [a.get("fraction") for a in residents.iter("answer")] == [
            "33.33333",
            "33.33333",
            wrong,
            "33.33333",
        ]
        assert questions["day"].findtext("gradingtype") == grading
        assert errors(xml) == []
    gift = (root / "output/teacher/lighthouse/lighthouse.gift").read_text(encoding="utf-8")
    assert "~%-33.33333%the engineer" in gift

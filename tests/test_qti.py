"""The Canvas QTI package, read back with zipfile and ElementTree and checked by tests/lms."""

from __future__ import annotations

import html
import io
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from quizgen.answers.solve import solve_bank
from quizgen.model import QUESTION_TYPES
from quizgen.present import markup
from quizgen.project import load_project
from quizgen.targets.qti.items import ITEM_BUILDERS
from tests.lms.qti_check import QTI, check_package

CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "short": "short_answer_question",
    "numeric": "numerical_question",
    "cloze": "fill_in_multiple_blanks_question",
    "match": "matching_question",
    "order": "matching_question",
}


def build_qti(root: Path, run_quizgen, bank_id: str = "") -> tuple[bytes, object]:
    result = run_quizgen(root, "build", "--only", "qti")
    assert result.exit_code == 0, result.stderr
    banks = load_project(root).banks
    bank = next(b for b in banks if b.id == bank_id) if bank_id else banks[0]
    return (root / "output" / "teacher" / bank.id / f"{bank.id}-qti.zip").read_bytes(), bank


def read(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read(name))


def text(element: ET.Element, path: str) -> str:
    return element.findtext(path.replace("q:", QTI)) or ""


def labels(response: ET.Element) -> dict[str, str]:
    return {
        str(label.get("ident")): text(label, "q:material/q:mattext")
        for label in response.iter(f"{QTI}response_label")
    }


def wanted(item: ET.Element) -> list[tuple[str, str]]:
    """Return the (response, value) pairs the scoring conditions test, none negated."""
    found = []
    for condition in item.iter(f"{QTI}respcondition"):
        negated = {id(v) for n in condition.iter(f"{QTI}not") for v in n.iter(f"{QTI}varequal")}
        found += [
            (str(v.get("respident")), v.text or "")
            for v in condition.iter(f"{QTI}varequal")
            if id(v) not in negated
        ]
    return found


@pytest.mark.parametrize(
    ("project", "add", "bank_id"),
    [
        ("repo", (), ""),
        ("mini", (), ""),
        ("gift-specials", (), ""),
        ("hostile", (), ""),
        ("gift-traps", (), ""),
        ("mini", ("anki-hostile",), "hostile"),
    ],
)
def test_every_question_reads_back_as_written(
    project: str, add: tuple[str, ...], bank_id: str, make_project, run_quizgen
) -> None:
    data, bank = build_qti(make_project(project, add=add), run_quizgen, bank_id)
    assert check_package(data) == []
    assessment = read(data, f"{bank.id}/{bank.id}.xml")
    items = {i.get("ident"): i for i in assessment.iter(f"{QTI}item")}
    assert assessment.find(f"{QTI}assessment").get("title") == bank.title
    for solved in solve_bank(bank, {"true": "True", "false": "False"}):
        question, solution = solved.question, solved.solution
        item = items.pop(f"{bank.id}_{question.id}")
        fields = {
            text(f, "q:fieldlabel"): text(f, "q:fieldentry")
            for f in item.iter(f"{QTI}qtimetadatafield")
        }
        assert fields["question_type"] == CANVAS_TYPES[question.type]
        assert fields["points_possible"] == str(question.points)
        assert item.get("title").startswith(f"{question.id}: ")
        stem = text(item, "q:presentation/q:material/q:mattext")
        feedback = html.unescape(text(item, "q:itemfeedback/q:flow_mat/q:material/q:mattext"))
        assert html.unescape(str(markup.block(question.explanation))) in feedback
        assert question.source in feedback and bank.title in feedback
        responses = {
            r.get("ident"): r
            for r in (*item.iter(f"{QTI}response_lid"), *item.iter(f"{QTI}response_str"))
        }
        right = wanted(item)
        if question.type in ("single", "multiple", "truefalse"):
            choices = labels(responses["response1"])
            correct = {choices[value] for respident, value in right}
            if question.type == "truefalse":
                assert correct == {"True" if solution.value else "False"}
            else:
                assert list(choices.values()) == [
                    str(markup.inline(o.text)) for o in solution.options
                ]
                assert correct == {str(markup.inline(o.text)) for o in solution.right}
        elif question.type == "short":
            assert [value for _, value in right] == list(solution.accepted)
        elif question.type == "numeric":
            exact = [Decimal(value) for _, value in right]
            assert exact == [solution.value]
            if solution.tolerance:
                low = Decimal(text(item, ".//q:vargte"))
                high = Decimal(text(item, ".//q:varlte"))
                assert (low, high) == (
                    solution.value - solution.tolerance,
                    solution.value + solution.tolerance,
                )
            assert stem.startswith(str(markup.inline(question.prompt)))
        elif question.type == "cloze":
            for gap in solution.gaps:
                assert f"[blank{gap.number}]" in stem
                accepted = labels(responses[f"response_blank{gap.number}"])
                assert list(accepted.values()) == list(gap.accepted)
                assert {v for r, v in right if r == f"response_blank{gap.number}"} == set(accepted)
        elif question.type in ("match", "order"):
            rows = [r for r in item.iter(f"{QTI}response_lid")]
            pairs = []
            for row in rows:
                choices = labels(row)
                (value,) = [v for r, v in right if r == row.get("ident")]
                pairs.append((text(row, "q:material/q:mattext"), choices[value]))
            if question.type == "match":
                assert pairs == [
                    (str(markup.inline(r.text)), markup.plain_text(r.partner.text))
                    for r in solution.rows
                ]
            else:
                assert pairs == [
                    (str(markup.inline(i.text)), str(i.position)) for i in solution.shown
                ]
        if question.type in ("single", "multiple", "truefalse", "short", "match"):
            assert stem == str(markup.inline(question.prompt))
    assert items == {}


def test_every_question_type_has_an_item_builder() -> None:
    assert set(ITEM_BUILDERS) == set(QUESTION_TYPES) == set(CANVAS_TYPES)


def test_the_package_holds_what_canvas_reads(make_project, run_quizgen, caplog) -> None:
    caplog.set_level(logging.INFO)
    data, _ = build_qti(make_project("mini"), run_quizgen)
    assert (
        "questions/lighthouse.yaml: Canvas shuffles per quiz, not per question: a question with "
        "'shuffle: false' turns shuffling off for the whole quiz"
    ) in caplog.text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "imsmanifest.xml",
            "lighthouse/lighthouse.xml",
            "lighthouse/assessment_meta.xml",
        ]
    meta = read(data, "lighthouse/assessment_meta.xml")
    canvas = "{http://canvas.instructure.com/xsd/cccv1p0}"
    assert meta.findtext(f"{canvas}title") == "The Lighthouse <Test> & Co"
    assert meta.findtext(f"{canvas}points_possible") == "9"
    # 'residents' says shuffle: false, and Canvas shuffles per quiz only
    assert meta.findtext(f"{canvas}shuffle_answers") == "false"
    quiz = read(data, "lighthouse/lighthouse.xml")
    shuffle = {
        item.get("ident"): item.find(f".//{QTI}render_choice").get("shuffle")
        for item in quiz.iter(f"{QTI}item")
        if item.find(f".//{QTI}render_choice[@shuffle]") is not None
    }
    assert shuffle == {
        "lighthouse_builder": "Yes",
        "lighthouse_residents": "No",
        "lighthouse_rock": "No",
    }


def test_a_bank_that_shuffles_everything_lets_canvas_shuffle(make_project, run_quizgen) -> None:
    data, bank = build_qti(make_project("gift-specials"), run_quizgen)
    meta = read(data, f"{bank.id}/assessment_meta.xml")
    assert meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}shuffle_answers") == "true"


def test_the_zip_is_the_same_bytes_on_every_build(make_project, run_quizgen) -> None:
    root = make_project("mini")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    path = root / "output/teacher/lighthouse/lighthouse-qti.zip"
    assert run_quizgen(root, "build", "--only", "qti", env=env).exit_code == 0
    first = path.read_bytes()
    path.unlink()
    assert run_quizgen(root, "build", "--only", "qti", env=env).exit_code == 0
    assert path.read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_numbers_are_machine_numbers_in_a_german_bank(make_project, run_quizgen) -> None:
    data, _ = build_qti(make_project("gift-specials"), run_quizgen)
    quiz = read(data, "zeichen/zeichen.xml")
    (item,) = [i for i in quiz.iter(f"{QTI}item") if i.get("ident") == "zeichen_zahl"]
    values = [
        e.text for e in item.iter() if e.tag.split("}")[1] in ("varequal", "vargte", "varlte")
    ]
    assert values == ["2.5", "2.4", "2.6"]
    # what the student reads stays German
    assert "(in Meter {m})" in text(item, "q:presentation/q:material/q:mattext")


def test_hostile_text_stays_text(make_project, run_quizgen) -> None:
    data, _ = build_qti(make_project("hostile"), run_quizgen)
    raw = zipfile.ZipFile(io.BytesIO(data)).read("hostile/hostile.xml").decode()
    assert "]]>" not in raw
    quiz = read(data, "hostile/hostile.xml")
    for mattext in quiz.iter(f"{QTI}mattext"):
        if mattext.get("texttype") == "text/html":
            # the HTML Canvas shows: bank text arrives escaped, never as a tag or a link
            shown = mattext.text or ""
            assert "<script" not in shown and "<img" not in shown and "<iframe" not in shown
            assert "href" not in shown


def test_a_catalog_that_still_sets_the_gift_quote_sets_the_qti_quote(make_project, run_quizgen):
    root = make_project("mini")
    (root / "templates/i18n").mkdir(parents=True)
    (root / "templates/i18n/en.toml").write_text('[gift]\nquote = "From {title}: {quote}"\n')
    data, _ = build_qti(root, run_quizgen)
    quiz = read(data, "lighthouse/lighthouse.xml")
    feedback = html.unescape(text(quiz, ".//q:itemfeedback/q:flow_mat/q:material/q:mattext"))
    assert "From The Lighthouse <Test> & Co: It was built in 1887" in feedback


def test_the_index_lists_the_package_for_teachers(make_project, run_quizgen) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "qti").exit_code == 0
    index = (root / "output/teacher/index.html").read_text(encoding="utf-8")
    assert 'href="lighthouse/lighthouse-qti.zip"' in index and "Canvas quiz (QTI)" in index
    assert not (root / "output/site/index.html").exists()  # no file for students, no page


def test_brackets_in_a_cloze_are_no_blank_for_canvas(make_project, run_quizgen) -> None:
    """Canvas reads any [word] in a fill-in-blanks text as a blank: only the gaps are."""
    data, _ = build_qti(make_project("gift-traps"), run_quizgen)
    quiz = read(data, "traps/traps.xml")
    (item,) = [i for i in quiz.iter(f"{QTI}item") if i.get("ident") == "traps_brackets"]
    stem = text(item, "q:presentation/q:material/q:mattext")
    assert re.findall(r"\[[^\]]*\]", stem) == ["[blank1]"]
    assert html.unescape(stem) == "A note in brackets [sic] stays [blank1]."

"""Side by side with text2qti (PyPI): the same choice questions, written by both, read the same."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from markupsafe import Markup

from quizgen.answers.solve import solve_bank
from quizgen.project import load_project
from tests.lms.qti_check import QTI, check_package

text2qti = pytest.importorskip("text2qti.quiz", reason="text2qti is in the test extras")


def text2qti_source(solved) -> str:
    """Return the choice questions in text2qti's own text format."""
    lines = ["Quiz title: side by side", ""]
    for number, q in enumerate(solved, start=1):
        lines.append(f"Points: {q.scoring.points}")
        lines.append(f"{number}.  {q.question.prompt}")
        for letter, option in zip("abcdefghij", q.solution.options, strict=False):
            if q.solution.multiple:
                lines.append(f"[{'*' if option.correct else ' '}] {option.text}")
            else:
                lines.append(f"{'*' if option.correct else ''}{letter}) {option.text}")
        lines.append("")
    return "\n".join(lines)


def read_items(data: bytes) -> list[dict[str, object]]:
    """Return type, points, stem, choices and right choices of every item, as plain text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = next(
            n for n in archive.namelist() if n.endswith(".xml") and "/" in n and "meta" not in n
        )
        root = ET.fromstring(archive.read(name))
    items = []
    for item in root.iter(f"{QTI}item"):
        fields = {
            f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
            for f in item.iter(f"{QTI}qtimetadatafield")
        }
        labels = {
            label.get("ident"): plain(label.findtext(f".//{QTI}mattext"))
            for label in item.iter(f"{QTI}response_label")
        }
        scoring = [
            c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None
        ]
        negated = {
            id(v) for c in scoring for n in c.iter(f"{QTI}not") for v in n.iter(f"{QTI}varequal")
        }
        right = {
            labels[v.text]
            for c in scoring
            for v in c.iter(f"{QTI}varequal")
            if id(v) not in negated
        }
        items.append(
            {
                "type": fields["question_type"],
                "points": float(fields["points_possible"]),
                "stem": plain(item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")),
                "choices": list(labels.values()),
                "right": right,
            }
        )
    return items


def plain(html: str | None) -> str:
    return " ".join(Markup(html or "").striptags().split())


@pytest.mark.parametrize("project", ["repo", "mini"])
def test_choice_questions_read_the_same_as_text2qtis(project: str, make_project, run_quizgen):
    from text2qti.config import Config
    from text2qti.qti import QTI as Text2qtiPackage

    root = make_project(project)
    assert run_quizgen(root, "build", "--only", "qti").exit_code == 0
    bank = load_project(root).banks[0]
    solved = [
        q
        for q in solve_bank(bank, {"true": "True", "false": "False"})
        if q.type in ("single", "multiple")
    ]
    theirs = Text2qtiPackage(text2qti.Quiz(text2qti_source(solved), config=Config())).zip_bytes()
    # the checker is not quizgen's own idea of a package: it accepts text2qti's
    assert check_package(theirs) == []
    ours = (root / "output" / "teacher" / bank.id / f"{bank.id}-qti.zip").read_bytes()
    wanted = {f"{bank.id}_{q.question.id}" for q in solved}
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        quiz = ET.fromstring(archive.read(f"{bank.id}/{bank.id}.xml"))
    section = quiz.find(f".//{QTI}section")
    for item in section.findall(f"{QTI}item"):
        if item.get("ident") not in wanted:
            section.remove(item)
    only_choices = io.BytesIO()
    with zipfile.ZipFile(only_choices, "w") as archive:
        archive.writestr(f"{bank.id}/{bank.id}.xml", ET.tostring(quiz))
    assert read_items(only_choices.getvalue()) == read_items(theirs)
    assert len(read_items(theirs)) == len(solved) > 0

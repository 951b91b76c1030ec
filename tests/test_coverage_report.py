"""`quizgen coverage BANK`: the source text with each quote marked and linked, and the gaps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.check.grounding import quote_finder
from quizgen.coverage_report import Sentence, bank_report
from quizgen.present.pages import source_hash
from quizgen.project import load_project
from tests.harness import copy_project, run_cli
from tests.test_html_browser import axe_violations, open_page

GAPS = [
    "Its water is cold & clear all year.",
    "Nobody has forgotten it.",
    "Since then, a wall protects Brimley.",
    "Fishing is allowed from May to October.",
]


def sentences(report) -> list[Sentence]:
    return [
        item
        for section in report.sections
        for paragraph in section.paragraphs
        for item in paragraph
        if isinstance(item, Sentence)
    ]


@pytest.mark.parametrize("name", ["coverage-gaps", "repo"])
def test_every_quoted_sentence_is_marked_and_linked_to_its_question(
    tmp_path: Path, name: str
) -> None:
    root = copy_project(tmp_path, name)
    bank = load_project(root).banks[0]
    report = bank_report(bank)
    finder = quote_finder(bank.source)
    text = bank.source.text
    for question in bank.questions:
        match = finder.find(question.source)
        assert match is not None
        marked = "".join(
            piece.text
            for sentence in sentences(report)
            for piece in sentence.pieces
            if question.id in piece.questions
        )
        # the marks of a question hold its passage (the spaces between sentences stay unmarked)
        assert re.sub(r"\s", "", marked) == re.sub(r"\s", "", text[match.start : match.end])
        ends = [p for s in sentences(report) for p in s.pieces if question.id in p.ends]
        assert len(ends) == 1, question.id  # its link follows its quote, once
    for sentence in sentences(report):
        assert sentence.covered == any(p.questions for p in sentence.pieces)
    result = run_cli(root, "coverage", bank.id)
    assert result.exit_code == 0, result.output
    page = (root / "output" / "teacher" / bank.id / f"{bank.id}-coverage.html").read_text(
        encoding="utf-8"
    )
    for question in bank.questions:
        assert page.count(f'<a href="#q-{question.id}">{question.id}</a>') == 1
        assert page.count(f'<li id="q-{question.id}">') == 1


def test_the_sentences_no_question_quotes_are_listed(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "coverage-gaps")
    report = bank_report(load_project(root).banks[0])
    assert [sentence.text for _heading, sentence in report.uncovered] == GAPS
    assert [heading for heading, _ in report.uncovered] == ["The River Tam", *["Floods"] * 3]
    assert report.sentences == 8
    result = run_cli(root, "coverage", "river", "-o", str(tmp_path / "report.html"))
    assert result.exit_code == 0
    assert result.stdout.startswith("wrote ") and result.stdout.endswith("report.html\n")
    assert result.stderr == "4 of 8 sentence(s) quoted, 4 not\n"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    gaps = page[
        page.index('<ol class="gaps"') : page.index("</ol>", page.index('<ol class="gaps"'))
    ]
    for gap in GAPS:
        assert gap.replace("&", "&amp;") in gaps
    assert page.count('class="sentence uncovered"') == 4


def test_the_report_is_escaped_self_contained_and_under_a_policy(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "coverage-gaps")
    out = tmp_path / "report.html"
    assert run_cli(root, "coverage", "river", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<old>" not in page and "the &lt;old&gt; mill" in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="(?!#|data:)', page)  # nothing fetched, links inside only
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert f"style-src {source_hash(style[1])}".replace("'", "&#39;") in policy[1]
    assert "script-src &#39;none&#39;" in policy[1]


def test_an_invalid_bank_gets_no_report_and_its_errors(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "coverage-gaps")
    bank = root / "questions" / "river.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("42 kilometres", "43 km"), "utf-8")
    result = run_cli(root, "coverage", "river")
    assert result.exit_code == 1
    assert (
        "questions/river.yaml:9:13: error: question 'length': source quote does not occur"
        in result.stderr
    )
    assert not (root / "output").exists()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["coverage-gaps", "repo"])
def test_the_report_passes_axe(browser, tmp_path: Path, name: str) -> None:
    root = copy_project(tmp_path, name)
    bank = load_project(root).banks[0]
    out = tmp_path / "report.html"
    assert run_cli(root, "coverage", bank.id, "-o", str(out)).exit_code == 0
    with open_page(browser, out.as_uri(), bypass_csp=True) as session:
        assert axe_violations(session.page) == []
    with open_page(browser, out.as_uri()) as session:  # no complaint under its own policy
        session.page.click(f'a[href="#q-{bank.questions[0].id}"]')
        assert session.requests == [out.as_uri()]

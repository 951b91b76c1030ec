"""What the PDF templates are given: order, blanks, points, no answers on a worksheet; golden HTML.

Regenerate the golden files with QUIZGEN_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from quizgen.answers.solutions import GapSolution
from quizgen.check.links import bank_link_problems
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.present.strings import ui_strings
from quizgen.present.templates import builtin_template_dir
from quizgen.project import load_project
from quizgen.targets.pdf import document_html, documents, output_path, pdf_date
from quizgen.targets.pdf.layout import (
    BLANK_WIDTHS_EM,
    blank_width_em,
    css_counter_text,
    css_string,
    document_view,
)

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "fixtures" / "pdf" / "golden"
DIRS = (builtin_template_dir().resolve(),)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_project(TESTS / "fixtures" / "projects" / "mini").banks[0]


@pytest.fixture(scope="module")
def atacms() -> Bank:
    return next(b for b in load_project(TESTS.parent).banks if b.id == "atacms")


@pytest.fixture(scope="module")
def german() -> Bank:
    return load_project(TESTS / "fixtures" / "projects" / "geheim").banks[0]


def view(bank: Bank, kind: str, variant: int = 0, seed: int = 0, paper: str = "a4"):
    return document_view(bank, kind, variant, seed, paper, ui_strings(bank.language, DIRS))


def test_worksheet_html_shows_no_answer(bank: Bank, german: Bank, atacms: Bank) -> None:
    for source in (bank, german, atacms):
        options = BuildContext(project_root=TESTS, out_dir=TESTS, template_dirs=DIRS)
        html = document_html(source, "worksheet", 2, options)
        assert '<span class="box">✓' not in html and "choice-text correct" not in html
        assert 'class="q-notes"' not in html and 'class="alternatives"' not in html
        for box in ("blank", "number-box", "letter-box", "line"):
            filled = re.findall(rf'class="{box}"[^>]*>([^<]+)<', html)
            assert filled == [], f"{source.id}: a {box} is filled in on the worksheet"
        key = document_html(source, "key", 2, options)
        assert '<span class="box">✓' in key and 'class="q-notes"' in key


def test_key_view_has_the_same_order_as_its_worksheet(bank: Bank) -> None:
    for variant in (0, 1, 2):
        sheet, key = view(bank, "worksheet", variant), view(bank, "key", variant)
        assert [q.id for q in sheet.questions] == [q.id for q in key.questions]
        for a, b in zip(sheet.questions, key.questions, strict=True):
            assert a.solution == b.solution  # the same options, partners and items in one order


def test_seed_decides_the_variants(bank: Bank) -> None:
    def order(seed: int) -> list[str]:
        return [q.id for q in view(bank, "worksheet", 1, seed).questions]

    authored = [q.id for q in bank.questions]
    assert sorted(order(0)) == sorted(authored)  # every question once
    assert order(0) != authored  # variant A is shuffled
    assert order(0) != order(7)
    assert [q.id for q in view(bank, "worksheet", 0, 7).questions] == [q.id for q in bank.questions]


def test_numbering_points_and_total(german: Bank) -> None:
    doc = view(german, "worksheet", 1)
    assert [q.number for q in doc.questions] == list(range(1, 9))
    assert doc.total_points == 9
    assert doc.summary == "8 Fragen · 9 Punkte"
    assert {q.id: q.points_text for q in doc.questions}["fahrzeuge"] == "2 Punkte"
    assert {q.id: q.points_text for q in doc.questions}["laenge"] == "1 Punkt"
    assert doc.variant_label == "Variante A"
    assert doc.page.size == "A4"


def test_blank_width_hides_the_exact_length() -> None:
    widths = [blank_width_em(GapSolution(1, "x" * n, ())) for n in range(1, 60)]
    assert widths == sorted(widths)
    assert set(widths) <= set(BLANK_WIDTHS_EM)
    assert len(set(widths)) < 10  # many lengths share a width
    assert all(w >= 0.75 * n for n, w in enumerate(widths[:40], start=1))
    assert blank_width_em(GapSolution(1, "dusk", ("nightfall",))) == blank_width_em(
        GapSolution(1, "nightfall", ())
    )


def test_match_and_order_never_show_the_solution(bank: Bank) -> None:
    key = view(bank, "key")
    day = next(q for q in key.questions if q.type == "order")
    positions = [item.position for item in day.solution.shown]
    assert positions != sorted(positions)
    pairs = next(q for q in key.questions if q.type == "match").solution
    assert [p.value for p in pairs.partners] != sorted(p.value for p in pairs.partners)
    letters = [row.partner.letter for row in pairs.rows]  # each left item's partner, in row order
    assert sorted(letters) == ["A", "B", "C"] and letters != ["A", "B", "C"]


def test_css_values_cannot_break_out_of_the_stylesheet() -> None:
    assert css_string('a "b" \\ </style> c') == (
        '"a\\000020\\000022b\\000022\\000020\\00005c\\000020\\00003c\\00002fstyle\\00003e\\000020c"'
    )
    assert css_string("Größe") == '"Größe"'
    assert css_counter_text("Seite {page} von {pages}") == (
        '"Seite\\000020" counter(page) "\\000020von\\000020" counter(pages)'
    )


def test_numbers_in_the_banks_language(german: Bank) -> None:
    meters = next(q for q in view(german, "key").questions if q.type == "numeric").solution
    assert (meters.value_text, meters.tolerance_text, meters.unit) == ("148,5", "0,5", "Meter")
    options = BuildContext(project_root=TESTS, out_dir=TESTS, template_dirs=DIRS)
    assert "Toleranz: ± 0,5 Meter" in document_html(german, "key", 0, options)


def test_documents_and_names(bank: Bank) -> None:
    assert documents(1) == [("worksheet", 0), ("key", 0)]
    assert documents(2) == [("worksheet", 1), ("key", 1), ("worksheet", 2), ("key", 2)]
    assert output_path(bank, "key", 2) == "lighthouse/lighthouse-key-B.pdf"
    assert output_path(bank, "worksheet", 0) == "lighthouse/lighthouse-worksheet.pdf"
    assert pdf_date(0) == "1970-01-01T00:00:00Z"


def test_clean_banks_have_no_link_problems(bank: Bank, german: Bank) -> None:
    assert bank_link_problems(bank) == bank_link_problems(german) == []


@pytest.mark.parametrize(("kind", "variant"), [("worksheet", 0), ("key", 2)])
def test_golden_html(bank: Bank, kind: str, variant: int) -> None:
    options = BuildContext(project_root=TESTS, out_dir=TESTS / "unused", template_dirs=DIRS)
    html = document_html(bank, kind, variant, options)
    golden = GOLDEN / f"lighthouse-{kind}-{variant}.html"
    if os.environ.get("QUIZGEN_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), f"{golden} differs; see module docstring"

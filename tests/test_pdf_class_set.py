"""Class sets: every variant's worksheet in one PDF for duplex printing, and their key."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.harness import copy_project
from tests.test_pdf import build

pytestmark = pytest.mark.slow  # renders PDFs with WeasyPrint

SDE = {"SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("classset"), "mini")
    build(root, "--variants", "3", env=SDE)
    return root / "output"


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def starts(pages: list[str], marker: str) -> list[int]:
    """Return the 1-based pages on which a document starts (its title block's label)."""
    return [number for number, text in enumerate(pages, 1) if text.startswith(marker)]


def test_the_class_set_holds_every_variant_each_starting_on_an_odd_page(variants: Path) -> None:
    pages = texts(variants / "teacher/lighthouse/lighthouse-class-set.pdf")
    sheets = {v: texts(variants / f"site/lighthouse/lighthouse-worksheet-{v}.pdf") for v in "ABC"}
    assert starts(pages, "WORKSHEET") == [1, 3, 5]  # two pages each: no blank page needed
    assert pages == [page for v in "ABC" for page in sheets[v]]
    for number, text in enumerate(pages, 1):  # the variant on every page
        assert f"Variant {'ABC'[(number - 1) // 2]}" in text


def test_an_odd_page_count_gets_a_blank_page_so_that_no_sheet_holds_two_students(
    variants: Path,
) -> None:
    pages = texts(variants / "teacher/lighthouse/lighthouse-class-set-key.pdf")
    # the grid of every variant (1 page + blank), then each key (3 pages + blank)
    assert len(pages) == 2 + 3 * 4
    assert starts(pages, "ANSWER KEY") == [1, 3, 7, 11]
    assert [pages[i].strip() for i in (1, 5, 9, 13)] == ["", "", "", ""]
    grid = pages[0]
    assert "All variants" in grid and "Marking grid" in grid
    for v in "ABC":
        assert f"Variant {v}" in grid
        key = texts(variants / f"teacher/lighthouse/lighthouse-key-{v}.pdf")
        start = 2 + 4 * "ABC".index(v)
        assert pages[start : start + 3] == key


def test_each_document_of_a_class_set_keeps_its_bookmarks_at_its_own_pages(
    variants: Path,
) -> None:
    reader = PdfReader(variants / "teacher/lighthouse/lighthouse-class-set-key.pdf")
    marks = [m for m in reader.outline if not isinstance(m, list)]
    first = [reader.get_destination_page_number(m) + 1 for m in marks]
    assert first == [1, 3, 7, 11]  # the grid, then each variant's key
    alone = PdfReader(variants / "teacher/lighthouse/lighthouse-key-B.pdf")
    inner = [m.title for m in alone.outline if isinstance(m, list) for m in m]
    kept = reader.outline[reader.outline.index(marks[2]) + 1]
    assert inner and [m.title for m in kept] == inner
    assert all(7 <= reader.get_destination_page_number(m) + 1 <= 9 for m in kept)


def test_class_sets_are_teacher_material_and_the_same_bytes_each_build(
    variants: Path, tmp_path: Path
) -> None:
    assert not list((variants / "site").rglob("*class-set*"))
    teacher = (variants / "teacher" / "index.html").read_text(encoding="utf-8")
    assert "lighthouse-class-set.pdf" in teacher and "lighthouse-class-set-key.pdf" in teacher
    root = copy_project(tmp_path, "mini")
    build(root, "--variants", "3", "--jobs", "1", env=SDE)
    for name in ("lighthouse-class-set.pdf", "lighthouse-class-set-key.pdf"):
        again = (root / "output" / "teacher" / "lighthouse" / name).read_bytes()
        assert again == (variants / "teacher" / "lighthouse" / name).read_bytes(), name


def test_one_variant_makes_no_class_set(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    build(root)
    assert not list((root / "output").rglob("*class-set*"))

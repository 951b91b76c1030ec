"""Roster PDFs, rendered: one named worksheet per student, and a key listing who got which variant."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.harness import copy_project
from tests.test_pdf import build

pytestmark = pytest.mark.slow  # renders PDFs with WeasyPrint

SDE = {"SOURCE_DATE_EPOCH": "1700000000"}
NAMES = ["Anna Schmidt", "Ben Öztürk", "Cem Yılmaz", "Dora <b>Kraus</b>", "Emil Weiß"]
ROSTER = "Name;Klasse\n" + "".join(f"{n};9{'ab'[i % 2]}\n" for i, n in enumerate(NAMES))


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def rostered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("roster"), "mini")
    (root / "quizgen.toml").write_text('[header]\nschool = "Hill School"\n', "utf-8")
    (root / "klasse.csv").write_text(ROSTER, encoding="utf-8")
    build(root, "--variants", "3", "--roster", str(root / "klasse.csv"), env=SDE)
    return root


def test_each_student_gets_a_named_worksheet_on_an_odd_page_variants_in_turn(
    rostered: Path,
) -> None:
    pages = texts(rostered / "output/teacher/lighthouse/lighthouse-roster.pdf")
    starts = [number for number, text in enumerate(pages, 1) if text.startswith("School:")]
    assert starts == [1, 3, 5, 7, 9]  # two pages each
    for place, (start, name) in enumerate(zip(starts, NAMES, strict=True)):
        first = pages[start - 1]
        assert f"Name {name}" in first and f"Class 9{'ab'[place % 2]}" in first
        letter = "ABC"[place % 3]
        for text in pages[start - 1 : start + 1]:  # the variant on every page
            assert f"Variant {letter}" in text
        # the variant's own second page, the name added to its running title
        sheet = texts(rostered / f"output/site/lighthouse/lighthouse-worksheet-{letter}.pdf")
        assert pages[start].replace(f"Worksheet · {name}", "Worksheet") == sheet[1]


def test_the_key_lists_who_got_which_variant_then_every_key(rostered: Path) -> None:
    pages = texts(rostered / "output/teacher/lighthouse/lighthouse-roster-key.pdf")
    listing = pages[0].splitlines()
    rows = [line for line in listing if line[:1].isdigit() and "Variant" in line]
    assert rows == [
        f"{n} {name} 9{'ab'[(n - 1) % 2]} Variant {'ABC'[(n - 1) % 3]}"
        for n, name in enumerate(NAMES, 1)
    ]
    assert pages[1].strip() == ""  # the list is one page: a blank keeps the keys on odd pages
    class_set_key = texts(rostered / "output/teacher/lighthouse/lighthouse-class-set-key.pdf")
    assert pages[2:] == class_set_key  # the marking grid of every variant, then each key


def test_roster_files_are_teacher_material_the_same_each_build(
    rostered: Path, tmp_path: Path
) -> None:
    out = rostered / "output"
    assert not list((out / "site").rglob("*roster*"))
    site = "".join(p.read_text("utf-8", "replace") for p in (out / "site").rglob("*.html"))
    assert "Schmidt" not in site
    teacher = (out / "teacher" / "index.html").read_text(encoding="utf-8")
    assert "lighthouse-roster.pdf" in teacher and "lighthouse-roster-key.pdf" in teacher
    root = copy_project(tmp_path, "mini")
    (root / "quizgen.toml").write_text('[header]\nschool = "Hill School"\n', "utf-8")
    (root / "klasse.csv").write_text(ROSTER, encoding="utf-8")
    build(root, "--variants", "3", "--jobs", "1", "--roster", str(root / "klasse.csv"), env=SDE)
    for name in ("lighthouse-roster.pdf", "lighthouse-roster-key.pdf"):
        again = (root / "output" / "teacher" / "lighthouse" / name).read_bytes()
        assert again == (out / "teacher" / "lighthouse" / name).read_bytes(), name


def test_without_variants_every_student_gets_the_same_worksheet(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    (root / "klasse.txt").write_text("Anna Schmidt\nBen Öztürk\n", encoding="utf-8")
    build(root, "--roster", str(root / "klasse.txt"), env=SDE)
    teacher = root / "output/teacher/lighthouse"
    pages = texts(teacher / "lighthouse-roster.pdf")
    sheet = texts(root / "output/site/lighthouse/lighthouse-worksheet.pdf")
    assert len(pages) == 2 * len(sheet) and "Variant" not in "".join(pages)
    assert "Name Anna Schmidt" in pages[0] and "Name Ben Öztürk" in pages[len(sheet)]
    key = texts(teacher / "lighthouse-roster-key.pdf")
    assert "1 Anna Schmidt" in key[0] and "Variant" not in key[0]
    assert key[2:] == [*texts(teacher / "lighthouse-key.pdf"), ""]  # 3 pages and a blank
    # an edited roster is a new build of the PDFs; none given, the roster files go
    (root / "klasse.txt").write_text("Anna Schmidt\nCem Yılmaz\n", encoding="utf-8")
    build(root, "--roster", str(root / "klasse.txt"), env=SDE)
    assert "Cem Yılmaz" in texts(teacher / "lighthouse-roster.pdf")[len(sheet)]
    build(root, env=SDE)
    assert not list(teacher.glob("*roster*"))


def test_an_edited_header_in_quizgen_toml_makes_the_pdfs_again(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    build(root, env=SDE)
    sheet = root / "output/site/lighthouse/lighthouse-worksheet.pdf"
    assert not texts(sheet)[0].startswith("School:")
    (root / "quizgen.toml").write_text('[header]\nteacher = "Ms Brown"\n', "utf-8")
    build(root, env=SDE)
    assert texts(sheet)[0].startswith("Teacher: Ms Brown")
    assert texts(root / "output/teacher/lighthouse/lighthouse-key.pdf")[0].startswith("Teacher:")

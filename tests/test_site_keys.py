"""The students' folder holds no answer key: a build of the ATACMS bank crawled link by link.

The quiz, the Anki deck and the flash cards are exempt: they hold answers to work at all, and
docs/site.md says so. Everything else under output/site/ must show nothing a key shows.
"""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from quizgen.project import load_project
from tests.harness import copy_project, run_cli

pytestmark = pytest.mark.slow

# what only the key prints: its title, the explanation label and the marks of the right options
KEY_MARKERS = ("Lösungsschlüssel", "Bewertungsraster", "Erklärung:", "Quelle, Abs.", "✓")
LINK_MARKERS = ["Lösungen"]  # the key's link on an index page
ANSWERS_TO_WORK = re.compile(r"-quiz\.html$|\.apkg$|-cards\.tsv$")


class Links(html.parser.HTMLParser):
    """Collects the href of every link of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Build the repository's ATACMS bank; return the output folder and its explanations."""
    root = copy_project(tmp_path_factory.mktemp("keys"), "repo")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    (bank,) = load_project(root).banks
    explanations = [q.explanation for q in bank.questions if q.explanation]
    assert len(explanations) > 40
    return root / "output", explanations


def text_of(path: Path) -> str:
    """Return a file's text as a reader sees it: a PDF's through pdftotext."""
    if path.suffix == ".pdf":
        tool = shutil.which("pdftotext")
        assert tool, "pdftotext is missing: install poppler-utils (./tasks test does)"
        done = subprocess.run([tool, str(path), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return path.read_bytes().decode("utf-8", errors="replace")


def squeezed(text: str) -> str:
    """Return text without spaces, line breaks and hyphens: the PDF breaks lines anywhere."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def key_text_in(text: str, explanations: list[str]) -> list[str]:
    """Return what of a key a text shows: its markers and the start of each explanation."""
    flat = squeezed(text)
    found = [marker for marker in KEY_MARKERS if marker.casefold() in text.casefold()]
    found += [e[:60] for e in explanations if squeezed(e)[:40] in flat]
    return found


def test_the_students_index_links_only_files_in_the_students_folder_and_no_key(built) -> None:
    out, explanations = built
    site = out / "site"
    parser = Links()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    files = [href for href in parser.hrefs if not href.startswith("data:")]
    assert len(files) == 4  # quiz, worksheet, deck, cards
    for href in files:
        target = (site / href).resolve()
        assert target.is_relative_to(site.resolve()) and target.is_file(), href
        assert "-key" not in target.name, href
        if not ANSWERS_TO_WORK.search(target.name):
            assert key_text_in(text_of(target), explanations) == [], href
    page = text_of(site / "index.html")
    assert [m for m in (*KEY_MARKERS, *LINK_MARKERS) if m in page] == []


def test_no_file_in_the_students_folder_shows_key_text(built) -> None:
    out, explanations = built
    site = out / "site"
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"index.html", "atacms-worksheet.pdf"}
    assert [
        p.name for p in files if "-key" in p.name or p.suffix in (".gift", ".xml", ".zip")
    ] == []
    for path in files:
        if not ANSWERS_TO_WORK.search(path.name):
            assert key_text_in(text_of(path), explanations) == [], path


def test_the_markers_are_what_the_key_shows(built) -> None:
    """Without this, a marker no key prints would find nothing anywhere and prove nothing."""
    out, explanations = built
    key = text_of(out / "teacher" / "atacms" / "atacms-key.pdf")
    assert len(key_text_in(key, explanations)) == len(KEY_MARKERS) + len(explanations)
    assert key_text_in(text_of(out / "site" / "atacms" / "atacms-quiz.html"), explanations)


def test_the_teachers_index_links_the_key_and_everything_else(built) -> None:
    out, _explanations = built
    teacher = out / "teacher"
    parser = Links()
    page = (teacher / "index.html").read_text(encoding="utf-8")
    parser.feed(page)
    hrefs = [href for href in parser.hrefs if not href.startswith("data:")]
    assert hrefs == [
        "../site/index.html",
        "../site/atacms/atacms-quiz.html",
        "../site/atacms/atacms-worksheet.pdf",
        "../site/atacms/atacms.apkg",
        "../site/atacms/atacms-cards.tsv",
        "atacms/atacms-key.pdf",
        "atacms/atacms.gift",
        "atacms/atacms-moodle.xml",
        "atacms/atacms-qti.zip",
    ]
    assert all((teacher / href).is_file() for href in hrefs)
    assert [m for m in LINK_MARKERS if m in page] == LINK_MARKERS


def test_an_invalid_bank_leaves_no_key_in_the_students_folder(make_project, run_quizgen) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "pdf,html").exit_code == 0
    out = root / "output"
    assert (out / "teacher" / "lighthouse" / "lighthouse-key.pdf").is_file()
    bank = root / "questions" / "lighthouse.yaml"
    bank.write_text(bank.read_text(encoding="utf-8") + "  - [\n", encoding="utf-8")
    assert run_quizgen(root, "build", "--only", "pdf,html").exit_code == 1
    # its files stay as they were (a broken save is no reason to lose them), keys only in teacher/
    site = sorted(p.relative_to(out).as_posix() for p in (out / "site").rglob("*") if p.is_file())
    assert site == [
        "site/index.html",
        "site/lighthouse/lighthouse-quiz.html",
        "site/lighthouse/lighthouse-worksheet.pdf",
    ]
    assert "lighthouse-key" not in (out / "site" / "index.html").read_text(encoding="utf-8")

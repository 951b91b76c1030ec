"""The two index pages in Chromium: both themes, a phone and a laptop, checked by axe-core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.harness import copy_project, run_cli
from tests.test_html_browser import axe_violations, open_page
from tests.test_quiz_look_browser import DARK, LUMINANCE

pytestmark = pytest.mark.browser

# what sticks out of the page sideways on a phone
WIDER = "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + '.' + e.className)"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two banks, German and English, built with every target and two variants of each sheet."""
    root = copy_project(tmp_path_factory.mktemp("site"), "repo", add=["mini"])
    result = run_cli(root, "build", "--variants", "2", "--combine")
    assert result.exit_code == 0, result.output
    return root / "output"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("folder", ["site", "teacher"])
def test_both_index_pages_pass_axe_in_either_theme(browser, output, folder, width, scheme) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    url = (output / folder / "index.html").as_uri()
    try:
        with open_page(browser, url, context=context) as session:
            page = session.page
            assert (page.evaluate(LUMINANCE, "body") < DARK) == (scheme == "dark")
            assert (page.evaluate(LUMINANCE, ".bank") < DARK) == (scheme == "dark")
            assert page.evaluate(WIDER) == []
            assert axe_violations(page) == []
            assert session.requests == [url]
            shots = os.environ.get("QUIZGEN_SCREENSHOTS")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/index-{folder}-{scheme}-{width}.png", full_page=True)
    finally:
        context.close()


def test_the_teachers_page_heads_the_files_students_must_not_get(browser, output) -> None:
    with open_page(browser, (output / "teacher" / "index.html").as_uri()) as session:
        page = session.page
        card = page.locator(".bank[data-bank=atacms]")
        teacher_only = card.get_by_role(
            "list", name="ATACMS: Verhandlungen mit Drittländern Nur für Lehrkräfte"
        )
        assert teacher_only.get_by_role("link").all_inner_texts() == [
            "Lösungen – Variante A",
            "Lösungen – Variante B",
            "Klassensatz (alle Varianten in einer Datei)",
            "Lösungen des Klassensatzes",
            "Moodle-Fragen (GIFT)",
            "Moodle-Fragen (Moodle-XML)",
            "Canvas-Test (QTI)",
        ]
        page.get_by_role(
            "link", name="Die Seite für Schülerinnen und Schüler (site/index.html)"
        ).click()
        assert page.url == (output / "site" / "index.html").as_uri()

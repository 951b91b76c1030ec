"""`quizgen serve` in Chromium: the open page reloads by itself, within its Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import copy_project
from tests.test_html_browser import axe_violations, open_page
from tests.test_serve import PROMPT, QUIZ, Running, eventually, running

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Running]:
    with running(copy_project(tmp_path, "mini")) as site:
        yield site


def test_the_open_quiz_reloads_itself_after_a_change(browser, served: Running) -> None:
    url = served.site.url.rstrip("/") + QUIZ
    text = served.bank.read_text(encoding="utf-8")
    with open_page(browser, url) as session:  # it fails on any CSP complaint in the console
        page = session.page
        assert page.locator("#q-builder .q-prompt").inner_text() == PROMPT
        page.wait_for_timeout(500)  # the script has asked the server at least once
        with page.expect_navigation(timeout=15_000):
            served.bank.write_text(text.replace(PROMPT, "Who designed it?"), encoding="utf-8")
        assert page.locator("#q-builder .q-prompt").inner_text() == "Who designed it?"
        with page.expect_navigation(timeout=15_000):
            served.bank.write_text(text.replace("type: single", "type: singel", 1), "utf-8")
        banner = page.locator("#quizgen-serve-problems")
        assert "unknown type 'singel'" in banner.inner_text()
        assert banner.is_visible()


def test_the_problems_box_passes_axe(browser, served: Running) -> None:
    text = served.bank.read_text(encoding="utf-8")
    served.bank.write_text(text.replace("type: single", "type: singel", 1), "utf-8")
    eventually(lambda: "quizgen-serve-problems" in served.get(QUIZ)[1])
    url = served.site.url.rstrip("/") + QUIZ
    with open_page(browser, url, bypass_csp=True) as session:
        assert session.page.locator("#quizgen-serve-problems").count() == 1
        assert axe_violations(session.page) == []

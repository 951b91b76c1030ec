"""The source text at the top of the quiz: folded, opens, numbered as the solutions cite it.

QUIZGEN_SCREENSHOTS=<folder> also saves screenshots of the opened text in both themes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizgen.answers.solve import solve_bank
from quizgen.project import load_project
from tests.harness import copy_project
from tests.test_html_browser import Built, axe_violations, build, open_page
from tests.test_quiz_look_browser import DARK, LUMINANCE

pytestmark = pytest.mark.browser

NUMBERS = (
    "() => [...document.querySelectorAll('.source-text .para-number')].map(n => n.textContent)"
)
# where a paragraph's number and its first line stand: on one line, their middles are level
PLACES = """() => [...document.querySelectorAll('.source-text .para')].map(p => {
  const number = p.querySelector('.para-number').getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(p.childNodes[1]);  // the text after the number
  const first = range.getClientRects()[0];
  return [(number.top + number.bottom) / 2, (first.top + first.bottom) / 2, number.right, first.left];
})"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The repository's ATACMS bank (German, six paragraphs) and the hostile fixture."""
    result = {}
    for name in ("repo", "hostile"):
        root = copy_project(tmp_path_factory.mktemp("source"), name)
        bank = next(b for b in load_project(root).banks if name != "repo" or b.id == "atacms")
        result[name] = Built(bank, build(root))
    return result


def test_the_text_is_folded_opens_and_shows_the_numbers_the_solutions_cite(browser, built) -> None:
    target = built["repo"]
    paragraphs = target.bank.source.paragraphs
    with open_page(browser, target.url, width=390) as session:
        page = session.page
        details = page.locator("details.source-text")
        assert details.count() == 1
        assert details.get_attribute("open") is None
        assert not page.locator(".source-text .para").first.is_visible()
        page.click(".source-text > summary")
        assert details.get_attribute("open") == ""
        assert page.locator(".source-text .para").nth(len(paragraphs) - 1).is_visible()
        assert page.evaluate(NUMBERS) == [str(n) for n in range(1, len(paragraphs) + 1)]
        shown = page.locator(".source-text .para").all_inner_texts()
        for number, (paragraph, text) in enumerate(zip(paragraphs, shown, strict=True), start=1):
            written = " ".join(target.bank.source.text[paragraph.start : paragraph.end].split())
            assert " ".join(text.split()) == f"{number} {written}"
        headings = page.locator(".source-text h2").all_inner_texts()
        assert headings == [s.heading for s in target.bank.source.sections if s.heading]
        # each solution cites the number of the paragraph its quote stands in
        solved = {s.question.id: s for s in solve_bank(target.bank, {"true": "", "false": ""})}
        for qid, question in solved.items():
            caption = page.locator(f"#q-{qid}-feedback figcaption").inner_text()
            assert caption.endswith(f"(Abs. {question.paragraphs[0]})"), (qid, caption)
        page.click(".source-text > summary")
        assert details.get_attribute("open") is None


@pytest.mark.parametrize("width", [390, 1280])
def test_each_number_stands_on_the_first_line_of_its_paragraph(browser, built, width) -> None:
    with open_page(browser, built["repo"].url, width=width) as session:
        page = session.page
        page.click(".source-text > summary")
        for number_middle, line_middle, number_right, text_left in page.evaluate(PLACES):
            assert abs(number_middle - line_middle) < 2
            assert number_right <= text_left


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_opened_text_has_no_axe_violations_in_either_theme(
    browser, built, scheme, width
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    try:
        with open_page(browser, built["repo"].url, context=context) as session:
            page = session.page
            assert (page.evaluate(LUMINANCE, "body") < DARK) == (scheme == "dark")
            assert axe_violations(page) == []  # folded
            page.click(".source-text > summary")
            assert axe_violations(page) == []
            # no sideways scrolling on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            folder = os.environ.get("QUIZGEN_SCREENSHOTS")
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
                page.locator("details.source-text").screenshot(
                    path=Path(folder) / f"source-{scheme}-{width}.png"
                )
    finally:
        context.close()


def test_a_hostile_text_stays_text(browser, built) -> None:
    with open_page(browser, built["hostile"].url) as session:
        page = session.page
        page.click(".source-text > summary")
        text = page.locator(".source-text .source-body").inner_text()
        assert "<script>alert(1)</script>" in text
        assert "<img src=x onerror=alert(2)>" in text
        assert "[klick](javascript:alert(3))" in text
        assert page.locator(".source-text img, .source-text script, .source-text a").count() == 0

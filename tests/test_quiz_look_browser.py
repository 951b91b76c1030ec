"""How the quiz looks: true/false feedback, print, the dark theme, phones (Debian's Chromium).

QUIZGEN_SCREENSHOTS=<folder> also saves screenshots (and the printed quiz as PDF pages) to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from quizgen.model import Match, Numeric, Order, TrueFalse
from quizgen.project import load_project
from tests.harness import copy_project
from tests.test_html_browser import (
    Built,
    apply,
    axe_violations,
    build,
    correct_answers,
    open_page,
    wrong_answers,
)

pytestmark = pytest.mark.browser

TRUTH = {
    "de": ("Die Aussage stimmt.", "Die Aussage stimmt nicht."),
    "en": (
        "The statement is true.",
        "The statement is false.",
    ),
}
# darker than this relative luminance reads as a dark page (white is 1, black 0)
DARK = 0.05
LUMINANCE = """selector => {
  const [r, g, b] = getComputedStyle(document.querySelector(selector)).backgroundColor
    .match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(c => c / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The repository's ATACMS bank (German) and the mini fixture (English, every type)."""
    root = copy_project(tmp_path_factory.mktemp("look"), "repo")
    atacms = next(b for b in load_project(root).banks if b.id == "atacms")
    result = {"atacms": Built(atacms, build(root))}
    root = copy_project(tmp_path_factory.mktemp("look"), "mini")
    result["mini"] = Built(load_project(root).banks[0], build(root))
    return result


@pytest.fixture
def shots() -> Path | None:
    folder = os.environ.get("QUIZGEN_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def half_right(target: Built) -> list[tuple[str, str, str]]:
    """Every other question answered right, the rest wrong (so both kinds of feedback show)."""
    half = {q.id for q in target.bank.questions[::2]}

    def qid(step: tuple[str, str, str]) -> str:
        return step[0].split("-", 1)[1].rsplit("-", 1)[0]

    right = [s for s in correct_answers(target.bank) if qid(s) in half]
    return right + [s for s in wrong_answers(target.bank) if qid(s) not in half]


# --- feedback that cannot contradict itself ---------------------------------------------------


@pytest.mark.parametrize("name", ["atacms", "mini"])
@pytest.mark.parametrize("answered", ["right", "wrong"])
def test_true_false_feedback_names_the_statements_truth_beside_the_verdict(
    browser, built, shots, name, answered
) -> None:
    target = built[name]
    is_true, is_false = TRUTH[target.bank.language]
    statements = [q for q in target.bank.questions if isinstance(q, TrueFalse)]
    steps = correct_answers(target.bank) if answered == "right" else wrong_answers(target.bank)
    ids = {f"q-{q.id}-true" for q in statements} | {f"q-{q.id}-false" for q in statements}
    with open_page(browser, target.url) as session:
        page = session.page
        apply(page, [s for s in steps if s[0] in ids])
        for q in statements:
            page.click(f"#q-{q.id} .check-question")
            card = page.locator(f"#q-{q.id}")
            assert card.get_attribute("data-result") == answered
            solution = card.locator(".solution")
            assert solution.is_visible(), q.id
            assert (is_true if q.answer else is_false) in solution.inner_text()
            # the explanation explains; the verdict alone says whether the student was right
            words = card.locator(".explanation").inner_text().split("\n")[-1]
            assert not words.startswith(("Richtig:", "Falsch:", "True:", "False:")), q.id
        if shots and name == "atacms":
            page.locator(f"#q-{statements[0].id}").screenshot(
                path=shots / f"truefalse-{answered}.png"
            )


def test_other_types_show_their_solution_only_when_wrong(browser, built) -> None:
    target = built["mini"]
    with open_page(browser, target.url) as session:
        page = session.page
        apply(page, correct_answers(target.bank))
        check_everything(page)
        for q in target.bank.questions:
            shown = page.locator(f"#q-{q.id} .solution").is_visible()
            assert shown == isinstance(q, TrueFalse), q.id


# --- print ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["atacms", "mini"])
def test_printed_match_and_order_show_every_option_as_text_with_a_box(
    browser, built, shots, name
) -> None:
    target = built[name]
    choose = "– bitte wählen –" if target.bank.language == "de" else "– choose –"
    with open_page(browser, target.url) as session:
        page = session.page
        page.emulate_media(media="print")
        for q in target.bank.questions:
            card = page.locator(f"#q-{q.id}")
            if isinstance(q, Match):
                choices = card.locator(".print-choices li")
                assert choices.count() == len(q.pairs)
                shown = {choices.nth(i).inner_text() for i in range(choices.count())}
                letters = [text.split(None, 1)[0] for text in shown]
                assert sorted(letters) == [chr(ord("A") + i) for i in range(len(q.pairs))]
                assert {text.split(None, 1)[1] for text in shown} == {right for _, right in q.pairs}
            elif not isinstance(q, Order):
                continue
            rows = len(q.pairs if isinstance(q, Match) else q.items)
            assert card.locator(".write-box:visible").count() == rows, q.id
            assert card.locator("select:visible").count() == 0, q.id
            assert card.locator(".print-note").is_visible()
        assert choose not in page.locator("main").inner_text()
        pdf = page.pdf()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert choose not in text
        for q in target.bank.questions:
            if isinstance(q, Match):
                for _, right in q.pairs:
                    assert right.split()[0] in text
    if shots and shutil.which("pdftoppm"):
        (shots / f"{name}-print.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", shots / f"{name}-print.pdf", shots / f"{name}-print"],
            check=True,
        )


def test_a_printed_match_keeps_a_chosen_answer_and_boxes_the_rest(browser, built, shots) -> None:
    target = built["atacms"]
    q = next(q for q in target.bank.questions if isinstance(q, Match))
    with open_page(browser, target.url) as session:
        page = session.page
        page.select_option(f"#q-{q.id}-m0", "0")
        page.emulate_media(media="print")
        card = page.locator(f"#q-{q.id}")
        assert card.locator(f"#q-{q.id}-m0").is_visible()
        assert card.locator(".write-box:visible").count() == len(q.pairs) - 1
        if shots:
            card.screenshot(path=shots / "printed-match.png")


def test_printing_in_the_dark_theme_is_black_on_white(browser, built) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        with open_page(browser, built["mini"].url, context=context) as session:
            page = session.page
            assert page.evaluate(LUMINANCE, "body") < DARK
            page.emulate_media(media="print")
            assert page.evaluate(LUMINANCE, "body") == 1
            assert page.evaluate(LUMINANCE, "fieldset.question") == 1
    finally:
        context.close()


# --- long answers ------------------------------------------------------------------------------


# what quiz.js is to do once a question is checked (see _options.html.j2): copy each typed answer
# into the .typed beside its box, and empty it again on "try again"
MIRROR = """() => document.querySelectorAll('input[type=text]:disabled').forEach(i => {
  i.parentElement.querySelector('.typed').textContent = i.value;
})"""
# a typed answer, in its box or in its copy, that is wider than what shows of it
CUT_OFF = """() => [...document.querySelectorAll('fieldset input[type=text]')].filter(i => {
  const copy = i.parentElement.querySelector('.typed');
  const shown = copy && copy.textContent ? copy : i;
  const card = i.closest('fieldset').getBoundingClientRect();
  return i.value && (shown.scrollWidth > shown.clientWidth + 1 ||
    shown.getBoundingClientRect().right > card.right);
}).map(i => i.id)"""
LONG_ANSWERS = (
    ("#q-cloze-langform-g1", "Army Tactical Missile Systems"),
    ("#q-hersteller-answer", "Lockheed Martin Corporation, ein Rüstungskonzern aus den USA"),
    ("#q-raketenname-answer", "ATACMS, Army Tactical Missile Systems"),
    ("#q-cloze-drittlaender-g1", "die scheidende Biden-Administration der Vereinigten Staaten"),
)


def check_everything(page) -> None:
    """Press "Check all answers", and "Check anyway" when it asks about open questions."""
    page.click("#check-quiz")
    if page.is_visible("#check-confirm-yes"):
        page.click("#check-confirm-yes")


def type_long_answers_and_check(page) -> None:
    for control, text in LONG_ANSWERS:
        page.fill(control, text)
    check_everything(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_long_typed_answers_wrap_once_checked(browser, built, shots, width) -> None:
    """A typed answer copied into .typed wraps inside its card, on screen and on paper."""
    target = built["atacms"]
    with open_page(browser, target.url, width=width) as session:
        page = session.page
        type_long_answers_and_check(page)
        page.evaluate(MIRROR)
        assert page.evaluate(CUT_OFF) == []
        assert page.get_attribute("#q-cloze-langform", "data-result") == "right"
        for control, text in LONG_ANSWERS:
            copy = page.locator(f"{control} + .typed")
            assert copy.is_visible() and copy.inner_text() == text
            assert page.locator(control).get_attribute("aria-hidden") is None
        if shots:
            for qid in ("cloze-langform", "hersteller", "cloze-drittlaender"):
                page.locator(f"#q-{qid}").screenshot(path=shots / f"long-{qid}-{width}.png")
        page.emulate_media(media="print")
        assert page.evaluate(CUT_OFF) == []


def test_the_page_itself_copies_a_checked_answer_so_it_wraps(browser, built) -> None:
    target = built["atacms"]
    with open_page(browser, target.url, width=390) as session:
        page = session.page
        type_long_answers_and_check(page)
        assert page.evaluate(CUT_OFF) == []


# --- dark theme and axe ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["atacms", "mini"])
def test_axe_finds_no_violations_in_either_theme_before_and_after_checking(
    browser, built, shots, scheme, width, name
) -> None:
    target = built[name]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    try:
        with open_page(browser, target.url, context=context) as session:
            page = session.page
            dark = page.evaluate(LUMINANCE, "body") < DARK
            assert dark == (scheme == "dark")
            assert axe_violations(page) == []
            if shots and name == "atacms":
                page.screenshot(path=shots / f"{scheme}-{width}-before.png")
            apply(page, half_right(target))
            check_everything(page)
            assert page.locator("fieldset[data-result=wrong]").count() > 0
            assert page.locator("fieldset[data-result=right]").count() > 0
            assert axe_violations(page) == []
            if shots and name == "atacms":
                page.locator("fieldset.question").first.scroll_into_view_if_needed()
                page.screenshot(path=shots / f"{scheme}-{width}-after.png")
                page.locator("#quiz-result").scroll_into_view_if_needed()
                page.screenshot(path=shots / f"{scheme}-{width}-result.png")
    finally:
        context.close()


# --- phones ------------------------------------------------------------------------------------


def test_answer_boxes_turn_off_autocorrect_and_numbers_allow_a_minus(browser, built) -> None:
    target = built["mini"]
    numbers = [q for q in target.bank.questions if isinstance(q, Numeric)]
    assert numbers
    with open_page(browser, target.url, width=390) as session:
        page = session.page
        boxes = page.locator("fieldset input[type=text]")
        assert boxes.count() > 0
        for i in range(boxes.count()):
            box = boxes.nth(i)
            for name, value in (("autocorrect", "off"), ("autocapitalize", "off")):
                assert box.get_attribute(name) == value, box.get_attribute("id")
            assert box.get_attribute("spellcheck") == "false"
            # a numeric or decimal keypad has no minus sign on an iPhone
            assert box.get_attribute("inputmode") in (None, "text")
            assert box.get_attribute("pattern") is None
        for q in numbers:
            page.locator(f"#q-{q.id}-answer").press_sequentially("-2,5")
            assert page.input_value(f"#q-{q.id}-answer") == "-2,5"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_confirmations_are_readable_in_either_theme(browser, built, shots, scheme) -> None:
    target = built["atacms"]
    context = browser.new_context(
        viewport={"width": 390, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    try:
        with open_page(browser, target.url, context=context) as session:
            page = session.page
            page.click("#check-quiz")  # every question open: it asks first
            assert page.is_visible("#check-confirm-yes")
            assert axe_violations(page) == []
            page.click("#check-confirm-yes")
            page.click("#reset-quiz")
            assert page.is_visible("#reset-confirm-yes")
            assert axe_violations(page) == []
            if shots:
                page.screenshot(path=shots / f"reset-confirm-{scheme}.png")
    finally:
        context.close()

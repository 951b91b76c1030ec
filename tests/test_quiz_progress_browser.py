"""The quiz keeps a student's work and does what the keyboard promises, in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizgen.model import Bank
from quizgen.project import load_project
from tests.harness import copy_project
from tests.test_html_browser import (
    apply,
    axe_violations,
    build,
    correct_answers,
    open_page,
    result,
)

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement.id || document.activeElement.className"
NOTE = "#changed-note"


def quiz_url(out: Path, bank: str) -> str:
    return (out / bank / f"{bank}-quiz.html").as_uri()


def edit(root: Path, bank: str, *replacements: tuple[str, str]) -> None:
    path = root / "questions" / f"{bank}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def assert_note(page, expected: str) -> None:
    """The changed-questions note, which the page writes a moment after loading, says this."""
    if expected:
        page.locator(NOTE).filter(has_text=expected).wait_for(timeout=5000)
    else:
        page.wait_for_timeout(500)
    assert page.inner_text(NOTE) == expected


def leave(page) -> None:
    """Let the page's last writes reach the browser before the test closes it at machine speed."""
    # Chromium passes localStorage writes to the other pages asynchronously; a page closed within
    # milliseconds of a write has now and then lost it for the next page (no student is that fast)
    page.wait_for_timeout(200)


def shot(page, name: str) -> None:
    """Save a screenshot to look at when QUIZGEN_SCREENSHOTS names a folder."""
    folder = os.environ.get("QUIZGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(folder) / f"{name}.png", full_page=True)


@pytest.fixture
def context(browser) -> Iterator[object]:
    """One browser profile: its pages share localStorage as a student's tabs do."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def lighthouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Bank, str]:
    """The mini project's bank, built once for the tests that do not edit it, and its quiz."""
    root = copy_project(tmp_path_factory.mktemp("progress"), "mini")
    return load_project(root).banks[0], quiz_url(build(root), "lighthouse")


@pytest.fixture
def mini(lighthouse: tuple[Bank, str]) -> str:
    return lighthouse[1]


# --- nothing lost ------------------------------------------------------------------------------


def test_an_edited_question_alone_is_reset_and_the_page_says_so_once(
    browser, context, make_project
) -> None:
    root = make_project("mini")
    url = quiz_url(build(root), "lighthouse")
    with open_page(browser, url, context=context) as session:
        page = session.page
        page.check("#q-builder-c0")  # whichever option: it is reset
        page.click("#q-builder .check-question")
        page.fill("#q-year-answer", "1887")
        page.click("#q-year .check-question")
        page.check("#q-rock-true")  # answered, not checked
        assert_note(page, "")
        leave(page)
    edit(root, "lighthouse", ("Who built the lighthouse?", "Who designed the lighthouse?"))
    build(root)
    with open_page(browser, url, context=context) as session:
        page = session.page
        assert_note(page, "Question 1 was changed and reset.")
        assert page.get_attribute(f"{NOTE} a", "href") == "#q-builder"
        assert page.get_attribute(NOTE, "role") == "status"
        assert page.locator(NOTE).is_visible()
        shot(page, "changed-one")
        assert page.locator("#q-builder input:checked").count() == 0
        assert page.get_attribute("#q-builder", "data-result") is None
        assert page.input_value("#q-year-answer") == "1887"
        assert page.get_attribute("#q-year", "data-result") == "right"
        assert page.is_checked("#q-rock-true")
        assert page.get_attribute("#q-rock", "data-result") is None
        assert page.inner_text("#progress-text") == "2 of 8 answered"
    with open_page(browser, url, context=context) as session:
        assert_note(session.page, "")  # said once
        assert session.page.input_value("#q-year-answer") == "1887"
    edit(
        root,
        "lighthouse",
        ("In which year was", "In what year was"),
        ("stands on a rock.", "stands on a rock in the sea."),
    )
    build(root)
    with open_page(browser, url, context=context) as session:
        page = session.page
        assert_note(page, "2 questions were changed and reset: Question 3, Question 5")
        assert page.input_value("#q-year-answer") == ""
        assert not page.is_checked("#q-rock-true")
        assert page.inner_text("#progress-text") == "0 of 8 answered"
        shot(page, "changed-two")


def test_the_note_is_in_the_bank_language(browser, context, make_project) -> None:
    root = make_project("german")
    url = quiz_url(build(root), "brot")
    with open_page(browser, url, context=context) as session:
        session.page.fill("#q-grad-answer", "220")
        session.page.check("#q-ruhe-c0")
        leave(session.page)
    edit(
        root,
        "brot",
        ("Bei wie viel Grad", "Bei wie vielen Grad"),
        ("Wo ruht der Teig?", "Wo ruht der Teig vor dem Backen?"),
    )
    build(root)
    with open_page(browser, url, context=context) as session:
        assert_note(session.page, "2 Fragen wurden geändert und zurückgesetzt: Frage 2, Frage 4")


def test_an_old_and_a_new_copy_keep_their_own_progress(browser, context, make_project) -> None:
    """Two e-mail attachments of the same quiz, an old and an edited one, opened from disk."""
    root = make_project("mini")
    out = build(root)
    old = out.parent / "old-quiz.html"
    shutil.copy(out / "lighthouse/lighthouse-quiz.html", old)
    edit(root, "lighthouse", ("Who built the lighthouse?", "Who designed the lighthouse?"))
    new = quiz_url(build(root), "lighthouse")
    with open_page(browser, old.as_uri(), context=context) as session:
        session.page.check("#q-builder-c1")
        session.page.fill("#q-year-answer", "1887")
        leave(session.page)
    with open_page(browser, new, context=context) as session:
        page = session.page
        assert_note(page, "Question 1 was changed and reset.")
        assert page.input_value("#q-year-answer") == "1887"  # the same question in both
        page.check("#q-builder-c2")
        leave(page)
    with open_page(browser, old.as_uri(), context=context) as session:
        assert session.page.is_checked("#q-builder-c1")
        assert not session.page.is_checked("#q-builder-c2")
        assert_note(session.page, "")
    with open_page(browser, new, context=context) as session:
        assert session.page.is_checked("#q-builder-c2")
        assert_note(session.page, "")


def test_two_banks_from_disk_keep_their_own_progress(
    browser, context, make_project, tmp_path
) -> None:
    english = quiz_url(build(make_project("mini")), "lighthouse")
    german = quiz_url(build(copy_project(tmp_path / "other", "german")), "brot")
    with open_page(browser, english, context=context) as session:
        session.page.fill("#q-year-answer", "1887")
        session.page.click("#q-year .check-question")
        leave(session.page)
    with open_page(browser, german, context=context) as session:
        session.page.fill("#q-grad-answer", "220")
        session.page.click("#reset-quiz")
        session.page.click("#reset-confirm-yes")  # resetting one quiz leaves the other
        session.page.fill("#q-name-answer", "Bauernbrot")
        leave(session.page)
    with open_page(browser, english, context=context) as session:
        assert session.page.input_value("#q-year-answer") == "1887"
        assert session.page.get_attribute("#q-year", "data-result") == "right"
    with open_page(browser, german, context=context) as session:
        assert session.page.input_value("#q-name-answer") == "Bauernbrot"
        assert session.page.input_value("#q-grad-answer") == ""


def test_two_tabs_stay_in_step_and_lose_no_answer(browser, context, lighthouse) -> None:
    bank, mini = lighthouse
    with (
        open_page(browser, mini, context=context) as first,
        open_page(browser, mini, context=context) as second,
    ):
        one, two = first.page, second.page
        one.fill("#q-year-answer", "1887")
        two.wait_for_function("() => document.getElementById('q-year-answer').value === '1887'")
        two.check("#q-rock-true")  # each tab answers another question
        one.wait_for_function("() => document.getElementById('q-rock-true').checked")
        one.click("#q-year .check-question")
        two.wait_for_function("() => document.getElementById('q-year').dataset.result === 'right'")
        assert two.inner_text("#q-year .verdict") == "Right!"
        assert two.inner_text("#progress-text") == "2 of 8 answered"
        two.click("#q-year .retry-question")
        one.wait_for_function("() => !document.getElementById('q-year').dataset.result")
        assert one.input_value("#q-year-answer") == ""
        two.fill("#q-year-answer", "1888")
        one.wait_for_function("() => document.getElementById('q-year-answer').value === '1888'")
        apply(one, [step for step in correct_answers(bank) if not step[0].startswith("q-year")])
        one.click("#check-quiz")
        two.wait_for_function("() => document.getElementById('quiz-result').dataset.score")
        assert result(two) == result(one) == ("8", "9")
        two.click("#reset-quiz")
        two.click("#reset-confirm-yes")
        one.wait_for_function("() => !document.getElementById('quiz-result').dataset.score")
        assert one.locator("fieldset[data-result]").count() == 0
        assert one.input_value("#q-year-answer") == ""
        one.fill("#q-year-answer", "1887")
        leave(one)
    with open_page(browser, mini, context=context) as session:
        assert session.page.input_value("#q-year-answer") == "1887"


# --- the keyboard -------------------------------------------------------------------------------


def test_enter_in_a_gap_moves_to_the_next_and_checks_from_the_last(browser, mini) -> None:
    with open_page(browser, mini) as session:
        page = session.page
        page.focus("#q-lamp-g1")
        page.keyboard.type("dusk")
        page.keyboard.press("Enter")
        assert page.evaluate(FOCUSED) == "q-lamp-g2"
        assert page.get_attribute("#q-lamp", "data-result") is None
        page.keyboard.type("dawn")
        page.keyboard.press("Enter")
        assert page.get_attribute("#q-lamp", "data-result") == "right"
        assert page.evaluate(FOCUSED) == "verdict"
        assert page.evaluate("document.activeElement.textContent") == "Right!"


@pytest.mark.parametrize("typed", ["1887", "1888"])
def test_enter_again_after_checking_never_erases_the_answer(browser, mini, typed) -> None:
    with open_page(browser, mini) as session:
        page = session.page
        page.focus("#q-year-answer")
        page.keyboard.type(typed)
        for _ in range(3):
            page.keyboard.press("Enter")
        assert page.input_value("#q-year-answer") == typed
        assert page.get_attribute("#q-year", "data-result") == (
            "right" if typed == "1887" else "wrong"
        )
        # "try again" wants a press of its own, and a double click on "check" is none
        page.click("#q-year .retry-question")
        assert page.input_value("#q-year-answer") == ""
        page.fill("#q-year-answer", typed)
        page.dblclick("#q-year .check-question")
        assert page.get_attribute("#q-year", "data-result") is not None
        # were "try again" to take the place of "check", the second click would land on it
        page.evaluate("""() => document.querySelector('#q-year .retry-question')
          .dispatchEvent(new MouseEvent('click', {bubbles: true, detail: 2}))""")
        assert page.input_value("#q-year-answer") == typed
        assert page.get_attribute("#q-year", "data-result") is not None


# --- no surprises -------------------------------------------------------------------------------


def test_check_without_an_answer_shows_a_visible_hint(browser, mini) -> None:
    with open_page(browser, mini) as session:
        page = session.page
        hint = page.locator("#q-builder .answer-first")
        page.click("#q-builder .check-question")
        hint.filter(has_text="Answer the question first.").wait_for()
        assert hint.is_visible() and hint.get_attribute("role") == "status"
        assert hint.bounding_box()["height"] > 10
        assert page.get_attribute("#q-builder", "data-result") is None
        shot(page, "answer-first")
        page.check("#q-builder-c0")
        assert hint.inner_text() == ""
        page.focus("#q-year-answer")
        page.keyboard.press("Enter")  # Enter in an empty box says the same
        page.locator("#q-year .answer-first").filter(
            has_text="Answer the question first."
        ).wait_for()
        assert page.get_attribute("#q-year", "data-result") is None


def test_check_all_with_open_questions_asks_first(browser, mini) -> None:
    with open_page(browser, mini) as session:
        page = session.page
        dialog = page.locator("#check-confirm")
        page.fill("#q-year-answer", "1887")
        page.click("#check-quiz")
        assert dialog.is_visible()
        assert page.inner_text("#check-confirm-text").startswith(
            "7 questions are not answered yet. If you check now, they score 0 points"
        )
        assert page.evaluate(FOCUSED) == "check-confirm-open"  # the safe choice first
        assert page.locator("fieldset[data-result]").count() == 0
        shot(page, "check-confirm")
        page.keyboard.press("Enter")  # "keep answering": to the first open question
        assert dialog.is_hidden()
        assert page.evaluate(FOCUSED) == "q-builder-c0"
        assert page.locator("fieldset[data-result]").count() == 0
        page.click("#check-quiz")
        page.keyboard.press("Escape")  # the same as "keep answering"
        assert dialog.is_hidden() and result(page) == (None, None)
        assert page.evaluate(FOCUSED) == "q-builder-c0"
        page.click("#check-quiz")
        page.click("#check-confirm-yes")
        assert dialog.is_hidden()
        assert page.locator("fieldset[data-result]").count() == 8
        assert result(page) == ("1", "9")
        assert page.inner_text("#q-builder .verdict") == "Not answered."
        assert session.dialogs == []


def test_check_all_with_one_open_question_names_it_and_with_none_just_checks(
    browser, lighthouse
) -> None:
    bank, url = lighthouse
    steps = correct_answers(bank)
    with open_page(browser, url) as session:
        page = session.page
        apply(page, [s for s in steps if not s[0].startswith("q-day")])
        page.click("#check-quiz")
        assert page.inner_text("#check-confirm-text").startswith(
            "Question 8 is not answered yet. If you check now, it scores 0 points"
        )
        page.click("#check-confirm-open")
        apply(page, steps)
        page.click("#check-quiz")
        assert page.locator("#check-confirm").is_hidden()
        assert result(page) == ("9", "9")


@pytest.mark.parametrize("width", [390, 1280])
def test_reset_everything_asks_first_and_sits_apart_from_check_all(browser, mini, width) -> None:
    with open_page(browser, mini, width=width) as session:
        page = session.page
        dialog = page.locator("#reset-confirm")
        page.fill("#q-year-answer", "1887")
        check, reset = page.locator("#check-quiz"), page.locator("#reset-quiz")
        above, below = check.bounding_box(), reset.bounding_box()
        assert below["y"] - (above["y"] + above["height"]) >= 40  # no slip of the finger
        page.click("#reset-quiz")
        assert dialog.is_visible()
        assert page.evaluate(FOCUSED) == "reset-confirm-no"
        shot(page, f"reset-confirm-{width}")
        page.keyboard.press("Enter")  # the safe choice: nothing lost
        assert dialog.is_hidden() and page.input_value("#q-year-answer") == "1887"
        page.click("#reset-quiz")
        page.keyboard.press("Escape")
        assert dialog.is_hidden() and page.input_value("#q-year-answer") == "1887"
        page.click("#reset-quiz")
        page.click("#reset-confirm-yes")
        assert dialog.is_hidden() and page.input_value("#q-year-answer") == ""
        assert page.inner_text("#progress-text") == "0 of 8 answered"
        assert session.dialogs == []  # never window.confirm


# --- accessibility of the new states ------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violations_in_the_notes_and_confirmations(
    browser, make_project, width
) -> None:
    root = make_project("mini")
    url = quiz_url(build(root), "lighthouse")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        with open_page(browser, url, context=context) as session:
            session.page.fill("#q-year-answer", "1887")
            session.page.check("#q-rock-true")
            leave(session.page)
        edit(
            root,
            "lighthouse",
            ("In which year was", "In what year was"),
            ("stands on a rock.", "stands on a rock in the sea."),
        )
        build(root)
        with open_page(browser, url, context=context) as session:
            page = session.page
            assert_note(page, "2 questions were changed and reset: Question 3, Question 5")
            page.click("#q-builder .check-question")
            page.locator("#q-builder .answer-first").filter(
                has_text="Answer the question"
            ).wait_for()
            page.fill("#q-year-answer", "1887")
            page.press("#q-year-answer", "Enter")  # the verdict focused
            assert axe_violations(page) == []
            shot(page, f"notes-{width}")
            page.click("#check-quiz")
            assert axe_violations(page) == []
            page.keyboard.press("Escape")
            page.click("#reset-quiz")
            assert axe_violations(page) == []
    finally:
        context.close()


def test_a_full_storage_still_gives_back_what_it_holds_and_keeps_no_stale_answer(
    browser, mini
) -> None:
    fill = """() => { let i = 0;
      for (let size = 1 << 20; size >= 1; size = size >> 1) {
        try { for (;;) localStorage.setItem("filler" + i++, "x".repeat(size)); } catch (e) {}
      } }"""
    with open_page(browser, mini) as session:
        page = session.page
        page.fill("#q-year-answer", "1887")
        page.click("#q-year .check-question")
        leave(page)
        page.evaluate(fill)  # every file:// page shares this storage: now it is full
        page.reload()
        assert page.get_attribute("#q-year", "data-result") == "right"  # still there
        page.click("#q-year .retry-question")
        page.fill("#q-year-answer", "1887 and a much longer answer " * 2000)
        leave(page)
        page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('filler')).forEach(k => localStorage.removeItem(k))"
        )
        page.reload()
        assert page.input_value("#q-year-answer") != "1887"  # not the old answer in its place

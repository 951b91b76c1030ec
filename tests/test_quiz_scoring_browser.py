"""Partial credit in the quiz, chosen by the teacher: each type's half-right answer, in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_project
from tests.test_html_browser import apply, axe_violations, build, open_page, result
from tests.test_quiz_progress_browser import edit, quiz_url, shot

pytestmark = pytest.mark.browser

# (question, steps that answer it half right or so, points earned under `scoring: partial`)
HALF_RIGHT = {
    # the cook and the boy: two of the three right options, of 2 points
    "residents": ([("q-residents-c0", "check", ""), ("q-residents-c1", "check", "")], "1.33"),
    "lamp": ([("q-lamp-g1", "fill", "dusk"), ("q-lamp-g2", "fill", "noon")], "0.5"),
    # two of the three pairs and places right, the third left open
    "roles": ([("q-roles-m0", "select", "0"), ("q-roles-m1", "select", "1")], "0.67"),
    "day": ([("q-day-o0", "select", "1"), ("q-day-o1", "select", "2")], "0.67"),
}
MAX = {"residents": "2", "lamp": "1", "roles": "1", "day": "1"}
CARD = """qid => {
  const f = document.querySelector(`fieldset[data-qid="${qid}"]`);
  return {result: f.dataset.result, points: f.dataset.points,
          verdict: f.querySelector('.verdict').innerText,
          solution: f.querySelector('.solution').checkVisibility()};
}"""


def mini(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    """Build the mini project, its bank edited so, and return its quiz's address."""
    root = copy_project(tmp_path, "mini")
    if replacements:
        edit(root, "lighthouse", *replacements)
    return quiz_url(build(root), "lighthouse")


PARTIAL_BANK = (
    "source: seeds/lighthouse.txt\n",
    "source: seeds/lighthouse.txt\nscoring: partial\n",
)


def check(page, qid: str) -> dict[str, object]:
    page.click(f'fieldset[data-qid="{qid}"] .check-question')
    return page.evaluate(CARD, qid)


@pytest.fixture(scope="module")
def partial_quiz(tmp_path_factory: pytest.TempPathFactory) -> str:
    return mini(tmp_path_factory.mktemp("partial"), PARTIAL_BANK)


@pytest.mark.parametrize("qid", list(HALF_RIGHT))
def test_partial_scoring_gives_a_half_right_answer_its_share(browser, partial_quiz, qid) -> None:
    steps, earned = HALF_RIGHT[qid]
    with open_page(browser, partial_quiz) as session:
        apply(session.page, steps)
        card = check(session.page, qid)
        assert card["result"] == "partial"
        assert f"{float(card['points']):.2f}".rstrip("0").rstrip(".") == earned
        unit = "point" if MAX[qid] == "1" else "points"
        assert card["verdict"] == f"Partly right: {earned} of {MAX[qid]} {unit}."
        assert card["solution"]  # what would have been wholly right
        hint = session.page.inner_text(f"#q-{qid}-hint")
        assert "Partial credit: each" in hint and "counts" in hint  # told before answering
        shot(session.page, f"partial-{qid}")


@pytest.mark.parametrize("qid", list(HALF_RIGHT))
def test_all_or_nothing_is_the_default_and_a_half_right_answer_earns_nothing(
    browser, tmp_path, qid
) -> None:
    steps, _earned = HALF_RIGHT[qid]
    with open_page(browser, mini(tmp_path)) as session:
        apply(session.page, steps)
        card = check(session.page, qid)
        assert (card["result"], card["points"], card["verdict"]) == ("wrong", "0", "Not quite.")
        assert "Partial credit" not in session.page.inner_text(f"#q-{qid}-hint")


def test_partial_multiple_choice_takes_a_wrong_tick_off_and_never_goes_below_zero(
    browser, partial_quiz
) -> None:
    with open_page(browser, partial_quiz) as session:
        page = session.page
        # two right ticks and the engineer: (2 - 1) / 3 of 2 points
        apply(page, [(f"q-residents-c{i}", "check", "") for i in (0, 1, 2)])
        assert check(page, "residents")["verdict"] == "Partly right: 0.67 of 2 points."
        page.click('fieldset[data-qid="residents"] .retry-question')
        apply(page, [("q-residents-c2", "check", "")])  # the engineer alone
        card = check(page, "residents")
        assert (card["result"], card["points"], card["verdict"]) == ("wrong", "0", "Not quite.")


def test_the_total_adds_the_shares_and_a_question_can_keep_all_or_nothing(
    browser, tmp_path
) -> None:
    url = mini(
        tmp_path,
        PARTIAL_BANK,
        (
            "    shuffle: false\n    points: 2\n",
            "    shuffle: false\n    points: 2\n    scoring: all-or-nothing\n",
        ),
    )
    with open_page(browser, url) as session:
        page = session.page
        for steps, _earned in HALF_RIGHT.values():
            apply(page, steps)
        page.click("#check-quiz")
        page.click("#check-confirm-yes")  # the other questions are open
        assert page.evaluate(CARD, "residents")["points"] == "0"  # its own rule
        assert result(page) == ("1.84", "9")  # 0.5 + 0.67 + 0.67, each rounded as shown
        assert page.inner_text("#quiz-result .score") == "1.84 of 9 points"
        shot(page, "partial-total")


def test_german_points_have_a_decimal_comma(browser, tmp_path) -> None:
    root = copy_project(tmp_path, "german")
    edit(root, "brot", ("source: seeds/brot.txt\n", "source: seeds/brot.txt\nscoring: partial\n"))
    with open_page(browser, quiz_url(build(root), "brot")) as session:
        page = session.page
        apply(page, [("q-zutaten-c0", "check", ""), ("q-zutaten-c1", "check", "")])  # Mehl, Wasser
        card = check(page, "zutaten")
        assert card["verdict"] == "Zum Teil richtig: 0,67 von 1 Punkt."


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_partly_right_questions_pass_axe_in_either_theme(
    browser, partial_quiz, scheme, width
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    try:
        with open_page(browser, partial_quiz, context=context) as session:
            page = session.page
            for qid, (steps, _earned) in HALF_RIGHT.items():
                apply(page, steps)
                check(page, qid)
            assert page.locator("fieldset[data-result=partial]").count() == len(HALF_RIGHT)
            assert axe_violations(page) == []
            page.locator('fieldset[data-qid="residents"] .feedback').scroll_into_view_if_needed()
            shot(page, f"partial-{scheme}-{width}")
    finally:
        context.close()

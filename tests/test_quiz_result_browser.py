"""The result a student hands in: saved as a file from file://, opened, printed; in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.project import load_project
from tests.harness import copy_project
from tests.test_html_browser import apply, axe_violations, build, correct_answers, open_page
from tests.test_quiz_progress_browser import edit, quiz_url, shot

pytestmark = pytest.mark.browser

HOSTILE_NAME = 'Ada <img src=x onerror="window.pwned=1"></script><script>window.pwned=1</script>'
SHEET = """() => {
  const sheet = document.querySelector('.result-sheet');
  return {
    title: sheet.querySelector('h1').innerText,
    name: sheet.querySelector('.result-name').innerText,
    date: sheet.querySelector('.result-date').innerText,
    rows: [...sheet.querySelectorAll('tbody tr')].map(r => [r.dataset.qid, ...[...r.cells].map(c => c.innerText)]),
    total: sheet.querySelector('.result-total').innerText,
    code: sheet.querySelector('.result-code').innerText,
    verify: sheet.querySelector('.result-verify') && sheet.querySelector('.result-verify').innerText,
  };
}"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with partial credit, built once."""
    root = copy_project(tmp_path_factory.mktemp("result"), "mini")
    edit(
        root,
        "lighthouse",
        ("source: seeds/lighthouse.txt\n", "source: seeds/lighthouse.txt\nscoring: partial\n"),
    )
    build(root)
    return root


def finish(page, root: Path, name: str = "Ada Lovelace") -> None:
    """Answer all but two questions right, one half right, check everything, give a name."""
    bank = load_project(root).banks[0]
    steps = [s for s in correct_answers(bank) if not s[0].startswith(("q-year", "q-lamp"))]
    apply(page, [*steps, ("q-lamp-g1", "fill", "dusk"), ("q-lamp-g2", "fill", "noon")])
    page.click("#check-quiz")
    page.click("#check-confirm-yes")  # "year" is still open
    page.fill("#student-name", name)


def download(page, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click("#save-result")
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def test_the_result_appears_only_once_the_whole_quiz_is_checked(browser, project) -> None:
    with open_page(browser, quiz_url(project / "output" / "site", "lighthouse")) as session:
        page = session.page
        assert not page.is_visible("#save-result")
        page.click("#q-builder .check-question")
        assert not page.is_visible("#save-result")
        finish(page, project)
        assert page.is_visible("#save-result") and page.is_visible("#print-result")
        page.click("#reset-quiz")
        page.click("#reset-confirm-yes")
        assert not page.is_visible("#save-result")
        # a shared computer: the next student does not hand in under this name
        assert page.input_value("#student-name") == ""
        assert page.evaluate("() => localStorage.getItem('quizgen/lighthouse/name')") is None


def test_every_question_checked_one_by_one_is_the_whole_quiz_checked(browser, project) -> None:
    bank = load_project(project).banks[0]
    with open_page(browser, quiz_url(project / "output" / "site", "lighthouse")) as session:
        page = session.page
        apply(page, correct_answers(bank))
        for question in bank.questions[:-1]:
            page.click(f"#q-{question.id} .check-question")
        assert not page.is_visible("#save-result")
        page.click(f"#q-{bank.questions[-1].id} .check-question")
        assert page.is_visible("#save-result")
        assert page.inner_text("#quiz-result .score") == "9 of 9 points"


def test_a_saved_result_shows_name_points_and_total_and_its_code_fits(
    browser, project, tmp_path
) -> None:
    with open_page(browser, quiz_url(project / "output" / "site", "lighthouse")) as session:
        finish(session.page, project)
        saved = download(session.page, tmp_path)
        assert session.requests == [quiz_url(project / "output" / "site", "lighthouse")]
    assert saved.name == "lighthouse-result-Ada-Lovelace.html"
    with open_page(browser, saved.as_uri()) as result:
        page = result.page
        sheet = page.evaluate(SHEET)
        assert sheet["title"] == "The Lighthouse <Test> & Co"
        assert sheet["name"] == "Ada Lovelace"
        assert re.search(r"\d{4}", sheet["date"])  # a date, in the page's language
        rows = {row[0]: row[1:] for row in sheet["rows"]}
        assert list(rows) == [q.id for q in load_project(project).banks[0].questions]
        assert rows["builder"] == ["1", "Who built the lighthouse?", "Mary Ellis", "1 of 1"]
        assert rows["residents"][2:] == ["the cook; the boy; the Head Keeper", "2 of 2"]
        assert rows["lamp"][2:] == ["dusk; noon", "0.5 of 1"]
        assert rows["year"][2:] == ["–", "0 of 1"]
        assert rows["roles"][2] == (
            "Mary Ellis \u2192 engineer; 1887 \u2192 year built; her brother \u2192 built it with her"
        )
        assert rows["day"][2] == (
            "keep it burning through the night \u2192 2; put it out at dawn \u2192 3; "
            "light the lamp at dusk \u2192 1"
        )
        assert sheet["total"] == "7.5 of 9"
        assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", sheet["code"])
        assert sheet["verify"] == "✓ The verification code fits this result."
        assert result.requests == [saved.as_uri()]  # the file asks for nothing
        assert axe_violations_in(browser, saved) == []
        shot(page, "result-file")


def axe_violations_in(browser, path: Path) -> list[str]:
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        return axe_violations(page)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<td class="result-p">0 of 1</td>', '<td class="result-p">1 of 1</td>'),  # a score
        ("7.5 of 9", "8.5 of 9"),  # the total
        ("Ada Lovelace", "Ada Byron"),  # the name
    ],
    ids=["score", "total", "name"],
)
def test_a_result_edited_by_hand_no_longer_fits_its_code(
    browser, project, tmp_path, old, new
) -> None:
    with open_page(browser, quiz_url(project / "output" / "site", "lighthouse")) as session:
        finish(session.page, project)
        saved = download(session.page, tmp_path)
    text = saved.read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / "edited.html"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    with open_page(browser, saved.as_uri()) as first:
        code = first.page.evaluate(SHEET)["code"]
        recomputed = first.page.evaluate(
            "() => ResultCode.code(ResultCode.fieldsOf(document.querySelector('.result-sheet')))"
        )
        assert recomputed == code
    gone = tmp_path / "no-code.html"
    gone.write_text(re.sub(r'<span class="result-code">[^<]*</span>', "", text), encoding="utf-8")
    with open_page(browser, gone.as_uri()) as third:
        status = third.page.inner_text(".result-verify")
        assert status.startswith("✗ The verification code does not fit")
    with open_page(browser, edited.as_uri()) as second:
        page = second.page
        sheet = page.evaluate(SHEET)
        assert sheet["code"] == code  # as written; what the file says now gives another
        assert (
            page.evaluate(
                "() => ResultCode.code(ResultCode.fieldsOf(document.querySelector('.result-sheet')))"
            )
            != code
        )
        assert sheet["verify"].startswith("✗ The verification code does not fit")
        shot(page, f"result-edited-{old[:5]}")


def test_a_hostile_name_is_shown_as_text_in_the_page_and_the_file(
    browser, project, tmp_path
) -> None:
    with open_page(browser, quiz_url(project / "output" / "site", "lighthouse")) as session:
        finish(session.page, project, HOSTILE_NAME)
        saved = download(session.page, tmp_path)
        assert session.page.evaluate("() => window.pwned") is None
    assert saved.name.startswith("lighthouse-result-Ada-img-src-x-onerror")
    assert "<script>window.pwned" not in saved.read_text(encoding="utf-8")
    with open_page(browser, saved.as_uri()) as result:
        assert result.page.evaluate(SHEET)["name"] == HOSTILE_NAME
        assert result.page.evaluate("() => window.pwned") is None


def test_the_name_is_kept_and_a_result_without_one_says_so(browser, project, tmp_path) -> None:
    url = quiz_url(project / "output" / "site", "lighthouse")
    context = browser.new_context()
    try:
        with open_page(browser, url, context=context) as session:
            finish(session.page, project, "  ")
            saved = download(session.page, tmp_path)
            assert saved.name == "lighthouse-result.html"
            session.page.fill("#student-name", "Grace")
            session.page.wait_for_timeout(200)
        with open_page(browser, url, context=context) as again:
            assert again.page.input_value("#student-name") == "Grace"
    finally:
        context.close()
    with open_page(browser, saved.as_uri()) as result:
        assert result.page.evaluate(SHEET)["name"] == "(no name given)"


def test_print_shows_the_result_sheet_alone(browser, project) -> None:
    # window.print() would wait for a dialog: the test notes the call instead
    stub = "window.print = () => { window.printed = (window.printed || 0) + 1; };"
    with open_page(
        browser, quiz_url(project / "output" / "site", "lighthouse"), init_script=stub
    ) as session:
        page = session.page
        finish(page, project)
        page.click("#print-result")
        assert page.evaluate("() => window.printed") == 1
        page.emulate_media(media="print")
        assert page.is_visible(".result-print .result-sheet")
        assert not page.is_visible("#questions") and not page.is_visible(".page-header")
        sheet = page.evaluate(SHEET)
        assert sheet["name"] == "Ada Lovelace" and sheet["total"] == "7.5 of 9"
        assert sheet["verify"] is None  # just made: nothing to check on paper
        shot(page, "result-print")
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert page.is_visible("#questions")  # a later Ctrl+P prints the quiz again

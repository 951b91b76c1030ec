"""The quiz pages in a real browser: Debian's Chromium driven by Playwright, never a downloaded one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quizgen.answers.numbers import format_decimal
from quizgen.model import Bank, ChoiceQuestion, Cloze, Match, Numeric, Order, ShortAnswer, TrueFalse
from quizgen.project import load_project
from tests.harness import copy_project, run_cli
from tests.http_recorder import serve

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parent
AXE = TESTS / "js" / "node_modules" / "axe-core" / "axe.min.js"
FIXTURES = ("mini", "german", "hostile")
QUIZZES = ["mini", "german", "atacms"]

ACTIVE_ELEMENT = """() => {
  const e = document.activeElement;
  const ring = getComputedStyle(e.closest('.option') || e);
  return {
    id: e.id, type: e.type || e.tagName.toLowerCase(), name: e.name || '', checked: !!e.checked,
    group: e.type === 'radio' ? [...document.getElementsByName(e.name)].map(r => r.id) : [],
    options: e.tagName === 'SELECT' ? [...e.options].map(o => o.value) : [],
    selected: e.tagName === 'SELECT' ? e.selectedIndex : -1,
    ring: ring.outlineStyle !== 'none' && parseFloat(ring.outlineWidth) >= 2,
  };
}"""
SET_CONTROLS = """steps => {
  for (const [id, action, value] of steps) {
    const control = document.getElementById(id);
    if (action === 'check') control.checked = true; else control.value = value;
    control.dispatchEvent(new Event(action === 'fill' ? 'input' : 'change', {bubbles: true}));
  }
}"""
CARDS = """() => Object.fromEntries([...document.querySelectorAll('fieldset[data-qid]')].map(f => [
  f.dataset.qid, {
    result: f.dataset.result,
    wrongMarks: f.querySelectorAll('[data-mark=wrong]').length,
    verdict: f.querySelector('.verdict').innerText,
    solution: f.querySelector('.solution').checkVisibility(),
    source: f.querySelector('.source blockquote').innerText,
    explanation: !!f.querySelector('.explanation') && f.querySelector('.explanation').checkVisibility(),
  }]))"""
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""


@dataclass(frozen=True)
class Built:
    """A bank whose html target was built, and where its files are."""

    bank: Bank
    out: Path

    @property
    def quiz(self) -> Path:
        return self.out / self.bank.id / f"{self.bank.id}-quiz.html"

    @property
    def url(self) -> str:
        return self.quiz.as_uri()


@dataclass
class Session:
    """A page and what it did: requests, dialogs, errors and CSP complaints in the console."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def build(root: Path) -> Path:
    result = run_cli(root, "build", "--only", "html")
    assert result.exit_code == 0, result.output
    return root / "output" / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Build the fixture projects and the repository's ATACMS bank."""
    result = {}
    for name in FIXTURES:
        root = copy_project(tmp_path_factory.mktemp("html"), name)
        result[name] = Built(load_project(root).banks[0], build(root))
    root = copy_project(tmp_path_factory.mktemp("html"), "repo")
    bank = next(b for b in load_project(root).banks if b.id == "atacms")
    result["atacms"] = Built(bank, build(root))
    return result


def quiz(built: dict[str, Built], name: str) -> Built:
    return built[name]


@contextmanager
def open_page(
    browser,
    url: str,
    *,
    width: int = 1280,
    bypass_csp: bool = False,
    init_script: str = "",
    context=None,
) -> Iterator[Session]:
    """Open a page, recording what it requests and complains about; it must not complain."""
    own = context is None
    context = context or browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=bypass_csp
    )
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    session = Session(page)
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("pageerror", lambda error: session.problems.append(str(error)))
    page.on(
        "console",
        lambda m: session.problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("dialog", lambda dialog: (session.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    try:
        yield session
        assert session.problems == []
    finally:
        page.close()
        if own:
            context.close()


def correct_answers(bank: Bank) -> list[tuple[str, str, str]]:
    """Return (control id, action, value) steps that answer every question right."""
    steps: list[tuple[str, str, str]] = []
    for q in bank.questions:
        base = f"q-{q.id}"
        if isinstance(q, ChoiceQuestion):
            steps += [(f"{base}-c{i}", "check", "") for i, c in enumerate(q.choices) if c.correct]
        elif isinstance(q, TrueFalse):
            steps.append((f"{base}-{'true' if q.answer else 'false'}", "check", ""))
        elif isinstance(q, Cloze):
            steps += [
                (f"{base}-g{i}", "fill", sloppy(gap.answers[-1])) for i, gap in enumerate(q.gaps, 1)
            ]
        elif isinstance(q, ShortAnswer):
            steps.append((f"{base}-answer", "fill", sloppy(q.answers[-1])))
        elif isinstance(q, Numeric):
            steps.append((f"{base}-answer", "fill", format_decimal(q.answer, bank.language)))
        elif isinstance(q, Match):
            steps += [(f"{base}-m{i}", "select", str(i)) for i in range(len(q.pairs))]
        elif isinstance(q, Order):
            steps += [(f"{base}-o{i}", "select", str(i + 1)) for i in range(len(q.items))]
    return steps


def wrong_answers(bank: Bank) -> list[tuple[str, str, str]]:
    """Return steps that answer every question wrong."""
    steps: list[tuple[str, str, str]] = []
    for q in bank.questions:
        base = f"q-{q.id}"
        if isinstance(q, ChoiceQuestion):
            steps.append(
                (
                    f"{base}-c{next(i for i, c in enumerate(q.choices) if not c.correct)}",
                    "check",
                    "",
                )
            )
        elif isinstance(q, TrueFalse):
            steps.append((f"{base}-{'false' if q.answer else 'true'}", "check", ""))
        elif isinstance(q, Cloze):
            steps += [(f"{base}-g{i}", "fill", "zzz") for i in range(1, len(q.gaps) + 1)]
        elif isinstance(q, ShortAnswer):
            steps.append((f"{base}-answer", "fill", "zzz"))
        elif isinstance(q, Numeric):
            steps.append(
                (
                    f"{base}-answer",
                    "fill",
                    format_decimal(q.answer + q.tolerance + 1, bank.language),
                )
            )
        elif isinstance(q, Match):
            steps += [
                (f"{base}-m{i}", "select", str((i + 1) % len(q.pairs))) for i in range(len(q.pairs))
            ]
        elif isinstance(q, Order):
            steps += [
                (f"{base}-o{i}", "select", str(len(q.items) - i)) for i in range(len(q.items))
            ]
    return steps


def sloppy(text: str) -> str:
    """Return an answer typed carelessly: other case, extra spaces (both must not matter)."""
    upper = text.upper() if text.upper().lower() == text.lower() else text
    return "  " + upper.replace(" ", "   ") + " "


def apply(page, steps: list[tuple[str, str, str]]) -> None:
    """Set the controls as a student would leave them, firing the events the page listens to."""
    page.evaluate(SET_CONTROLS, steps)


def apply_by_hand(page, steps: list[tuple[str, str, str]]) -> None:
    """Click, type and choose through Playwright's actions (slower: each waits for the element)."""
    for control, action, value in steps:
        locator = page.locator(f"#{control}")
        if action == "check":
            locator.check()
        elif action == "fill":
            locator.fill(value)
        else:
            locator.select_option(value)


def result(page) -> tuple[str | None, str | None]:
    box = page.locator("#quiz-result")
    return box.get_attribute("data-score"), box.get_attribute("data-max")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


# --- every built quiz --------------------------------------------------------------------------


@pytest.mark.parametrize("name", QUIZZES)
def test_all_right_gives_full_points_with_no_request_but_the_file(browser, built, name) -> None:
    target = quiz(built, name)
    with open_page(browser, target.url) as session:
        page = session.page
        assert result(page) == (None, None)
        # the long ATACMS quiz is answered by hand in the keyboard test
        (apply if name == "atacms" else apply_by_hand)(page, correct_answers(target.bank))
        page.click("#check-quiz")
        points = str(target.bank.max_points)
        assert result(page) == (points, points)
        assert page.locator("fieldset[data-result=right]").count() == len(target.bank.questions)
        assert session.requests == [target.url]


@pytest.mark.parametrize("name", QUIZZES)
def test_wrong_answers_are_marked_wrong_with_their_explanation(browser, built, name) -> None:
    target = quiz(built, name)
    with open_page(browser, target.url) as session:
        page = session.page
        apply(page, wrong_answers(target.bank))
        first = target.bank.questions[0]
        page.click(f"#q-{first.id} .check-question")
        assert page.get_attribute(f"#q-{first.id}", "data-result") == "wrong"
        page.click("#check-quiz")
        assert result(page) == ("0", str(target.bank.max_points))
        cards = page.evaluate(CARDS)
        for question in target.bank.questions:
            card = cards[question.id]
            assert card["result"] == "wrong" and card["wrongMarks"] >= 1, question.id
            assert card["verdict"] in ("Not quite.", "Leider falsch.")
            assert card["solution"] and card["source"] == question.source
            assert card["explanation"] == bool(question.explanation)


@pytest.mark.parametrize("name", QUIZZES)
def test_keyboard_alone_completes_the_quiz_with_visible_focus(browser, built, name) -> None:
    target = quiz(built, name)
    wanted = {control: value for control, _, value in correct_answers(target.bank)}
    with open_page(browser, target.url) as session:
        page = session.page
        keys = page.keyboard
        done: set[str] = set()
        keys.press("Tab")
        for _ in range(20 * len(wanted) + 100):
            element = page.evaluate(ACTIVE_ELEMENT)
            assert element["ring"], f"no visible focus on #{element['id']}"
            if element["id"] == "check-quiz":
                keys.press("Enter")
                break
            if element["type"] == "radio" and element["name"] not in done:
                done.add(element["name"])
                steps = next(i for i, r in enumerate(element["group"]) if r in wanted)
                for _ in range(steps - element["group"].index(element["id"])):
                    keys.press("ArrowDown")
                if steps == 0:
                    keys.press("Space")
            elif element["type"] == "checkbox" and (element["id"] in wanted) != element["checked"]:
                keys.press("Space")
            elif element["type"] == "text" and element["id"] in wanted:
                keys.type(wanted[element["id"]])
            elif element["type"] == "select-one" and element["id"] in wanted:
                for _ in range(
                    element["options"].index(wanted[element["id"]]) - element["selected"]
                ):
                    keys.press("ArrowDown")
            keys.press("Tab")
        else:
            pytest.fail("Tab never reached #check-quiz")
        points = str(target.bank.max_points)
        assert result(page) == (points, points)


@pytest.mark.parametrize("name", QUIZZES)
def test_axe_finds_no_violations_before_and_after_checking(browser, built, name) -> None:
    target = quiz(built, name)
    with open_page(browser, target.url, bypass_csp=True) as session:
        page = session.page
        assert axe_violations(page) == []
        right, wrong = correct_answers(target.bank), wrong_answers(target.bank)
        half = {q.id for q in target.bank.questions[::2]}
        apply(page, [s for s in right if s[0].split("-", 1)[1].rsplit("-", 1)[0] in half])
        apply(page, [s for s in wrong if s[0].split("-", 1)[1].rsplit("-", 1)[0] not in half])
        page.click("#check-quiz")
        assert page.locator("fieldset[data-result=wrong]").count() > 0
        assert axe_violations(page) == []


def test_index_passes_axe_and_requests_nothing(browser, built) -> None:
    target = quiz(built, "atacms")
    index = (target.out / "index.html").as_uri()
    with open_page(browser, index, bypass_csp=True) as session:
        assert (
            session.page.locator("a.quiz-link").get_attribute("href") == "atacms/atacms-quiz.html"
        )
        assert session.requests == [index]
        assert axe_violations(session.page) == []


@pytest.mark.parametrize("name", ["mini", "atacms"])
def test_served_over_http_the_page_asks_the_server_for_itself_only(browser, built, name) -> None:
    target = quiz(built, name)
    with serve(target.out) as (base, paths):
        path = f"/{target.bank.id}/{target.bank.id}-quiz.html"
        with open_page(browser, base + path) as session:
            page = session.page
            apply(page, correct_answers(target.bank))
            page.click("#check-quiz")
            assert result(page)[0] == str(target.bank.max_points)
            page.wait_for_load_state("networkidle")
        with open_page(browser, base + "/index.html") as session:
            session.page.wait_for_load_state("networkidle")
    assert paths == [path, "/index.html"]


# --- numbers, safety, progress, try again ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "typed", "right"),
    [
        ("german", "2,5", True),
        ("german", " 2,5 kg ", True),
        ("german", "2.5", True),
        ("german", "2,4", False),
        ("german", "zwei", False),
        ("mini", "2.5", True),
        ("mini", "2.6", True),  # within the tolerance of 0.1, despite binary fractions
        ("mini", "2.61", False),
        ("mini", "2,5", False),
    ],
)
def test_numbers_are_read_as_the_bank_language_writes_them(
    browser, built, name, typed, right
) -> None:
    target = quiz(built, name)
    numeric = next(q for q in target.bank.questions if isinstance(q, Numeric))
    with open_page(browser, target.url) as session:
        page = session.page
        page.fill(f"#q-{numeric.id}-answer", typed)
        page.click(f"#q-{numeric.id} .check-question")
        assert page.get_attribute(f"#q-{numeric.id}", "data-result") == (
            "right" if right else "wrong"
        )
        if typed == "zwei":
            assert "„zwei“ ist keine Zahl" in page.inner_text(f"#q-{numeric.id} .verdict")


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Bauern-Brot", True),
        ("  bauern–BROT ", True),
        ("Bauern -Brot", True),  # a hyphen counts as a space
        ("Bauern Brot.", True),
        ("Bauernbrot", False),
    ],
)
def test_short_answers_ignore_case_spaces_hyphens_and_dash_style(
    browser, built, typed, right
) -> None:
    target = built["german"]
    with open_page(browser, target.url) as session:
        page = session.page
        page.fill("#q-name-answer", typed)
        page.click("#q-name .check-question")
        assert page.get_attribute("#q-name", "data-result") == ("right" if right else "wrong")


def test_hostile_bank_text_is_shown_as_text_and_never_runs(browser, built) -> None:
    target = built["hostile"]
    with open_page(browser, target.url) as session:
        page = session.page
        apply(page, correct_answers(target.bank))
        page.click("#check-quiz")
        points = str(target.bank.max_points)
        assert result(page) == (points, points)  # answers like </script> are compared as text
        assert page.title() == target.bank.title
        assert page.inner_text("#q-tag .q-prompt") == target.bank.questions[0].prompt
        assert "<script>alert('explanation')</script>" in page.inner_text("#q-tag .explanation")
        assert "<img src=x onerror=alert('choice')>" in page.inner_text("#q-tag .options")
        found = page.evaluate("""() => ({
          scripts: document.scripts.length,
          images: document.images.length,
          handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
            .filter(a => a.name.startsWith('on')).length,
          scriptLinks: [...document.links].filter(a => /^\\s*javascript:/i.test(a.href)).length,
        })""")
        assert found == {"scripts": 2, "images": 0, "handlers": 0, "scriptLinks": 0}
        page.hover("#q-pairs label")
        assert session.dialogs == []
    with open_page(browser, (target.out / "index.html").as_uri()) as session:
        assert session.page.inner_text("h2") == target.bank.title
        assert session.dialogs == []


def test_progress_survives_a_reload_and_an_edit_to_another_question(browser, make_project) -> None:
    root = make_project("mini")
    url = (build(root) / "lighthouse/lighthouse-quiz.html").as_uri()
    context = browser.new_context()
    try:
        with open_page(browser, url, context=context) as session:
            page = session.page
            page.fill("#q-year-answer", "1887")
            page.check("#q-rock-true")
            page.click("#q-year .check-question")
        with open_page(browser, url, context=context) as session:
            page = session.page
            assert page.input_value("#q-year-answer") == "1887"
            assert page.is_checked("#q-rock-true")
            assert page.get_attribute("#q-year", "data-result") == "right"
            assert page.inner_text("#progress-text") == "2 of 8 answered"
        bank = root / "questions/lighthouse.yaml"
        bank.write_text(
            bank.read_text(encoding="utf-8").replace("Who built", "Who designed"), encoding="utf-8"
        )
        build(root)
        with open_page(browser, url, context=context) as session:
            page = session.page
            # the edited question had no answer: nothing to reset, nothing to say
            assert page.input_value("#q-year-answer") == "1887"
            assert page.get_attribute("#q-year", "data-result") == "right"
            assert page.inner_text("#progress-text") == "2 of 8 answered"
            page.wait_for_timeout(300)
            assert page.inner_text("#changed-note") == ""
    finally:
        context.close()


def test_quiz_works_where_storage_is_refused(browser, built) -> None:
    target = built["mini"]
    refuse = """Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""
    with open_page(browser, target.url, init_script=refuse) as session:
        page = session.page
        assert page.inner_text("#storage-note").startswith(
            "This browser does not keep your answers"
        )
        apply(page, correct_answers(target.bank))
        page.click("#check-quiz")
        assert result(page)[0] == str(target.bank.max_points)


def test_try_again_resets_a_question_and_the_whole_quiz(browser, built) -> None:
    target = built["mini"]
    with open_page(browser, target.url) as session:
        page = session.page
        page.click("#q-builder .check-question")  # nothing chosen yet: nothing is checked
        assert page.get_attribute("#q-builder", "data-result") is None
        apply(page, wrong_answers(target.bank))
        page.click("#q-builder .check-question")
        # focus on the verdict, which is read out; a second Enter there undoes nothing
        assert page.evaluate("document.activeElement.className") == "verdict"
        assert page.evaluate("document.activeElement.textContent") == "Not quite."
        page.keyboard.press("Enter")
        assert page.get_attribute("#q-builder", "data-result") == "wrong"
        assert page.get_attribute("#quiz-result", "aria-live") == "polite"
        page.focus("#q-builder .retry-question")
        page.keyboard.press("Enter")
        assert page.get_attribute("#q-builder", "data-result") is None
        assert page.locator("#q-builder input:checked").count() == 0
        assert page.locator("#q-builder input:disabled").count() == 0
        assert page.locator("#q-builder .feedback").is_hidden()
        page.click("#check-quiz")
        page.click("#check-confirm-yes")  # Question 1 is open again
        assert result(page)[0] == "0"
        page.click("#reset-quiz")
        page.click("#reset-confirm-yes")
        assert result(page) == (None, None)
        assert page.locator("fieldset[data-result]").count() == 0
        assert page.locator("[data-control]:disabled").count() == 0
        assert page.input_value("#q-year-answer") == ""
        assert page.inner_text("#progress-text") == "0 of 8 answered"
        page.fill("#q-year-answer", "1887")
        page.press("#q-year-answer", "Enter")  # Enter in a text box checks its question
        assert page.get_attribute("#q-year", "data-result") == "right"


def test_print_shows_questions_without_buttons(browser, built) -> None:
    target = built["mini"]
    with open_page(browser, target.url) as session:
        page = session.page
        page.emulate_media(media="print")
        assert page.locator("fieldset.question").first.is_visible()
        for hidden in (".progress", ".q-actions", "#check-quiz", "footer", ".quiz-end"):
            assert page.locator(hidden).first.is_hidden(), hidden


@pytest.mark.parametrize("width", [1280, 390])
def test_atacms_fits_desktop_and_phone_before_and_after_checking(browser, built, width) -> None:
    """No sideways scrolling; QUIZGEN_SCREENSHOTS=<folder> also saves screenshots to look at."""
    target = quiz(built, "atacms")
    folder = (
        Path(os.environ["QUIZGEN_SCREENSHOTS"]) if os.environ.get("QUIZGEN_SCREENSHOTS") else None
    )
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    with open_page(browser, target.url, width=width) as session:
        page = session.page
        assert page.evaluate(overflow) == 0
        if folder:
            page.screenshot(path=folder / f"atacms-{width}-before.png", full_page=True)
        apply(page, correct_answers(target.bank)[::2])
        page.click("#check-quiz")
        assert page.evaluate(overflow) == 0
        if folder:
            page.screenshot(path=folder / f"atacms-{width}-after.png", full_page=True)


def test_without_javascript_the_page_says_so_and_shows_no_dead_buttons(browser, built) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        with open_page(browser, built["mini"].url, context=context) as session:
            page = session.page
            note = page.locator("noscript strong")
            assert note.is_visible() and note.inner_text().startswith("This quiz needs JavaScript")
            assert page.locator(".q-actions").first.is_hidden()
            assert page.locator("#check-quiz").is_hidden()
            assert page.locator("fieldset.question").count() == 8
    finally:
        context.close()


FITS = """() => {
  const page = document.documentElement.scrollWidth <= window.innerWidth;
  const sticking = [];
  for (const card of document.querySelectorAll('fieldset.question')) {
    const edge = card.getBoundingClientRect();
    for (const e of card.querySelectorAll('*')) {
      const box = e.getBoundingClientRect();
      if (box.width && (box.right > edge.right + 0.5 || box.left < edge.left - 0.5)) {
        sticking.push(`${card.dataset.qid} ${e.tagName.toLowerCase()}.${e.className}`);
      }
    }
  }
  return {page, sticking};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_long_words_wrap_instead_of_scrolling_sideways(browser, built, width) -> None:
    """Words of 60 and 160 letters and a long address in every kind of text stay inside the cards."""
    target = built["german"]
    folder = os.environ.get("QUIZGEN_SCREENSHOTS")
    with open_page(browser, target.url, width=width) as session:
        page = session.page
        assert page.evaluate(FITS) == {"page": True, "sticking": []}
        # wrong answers show everything: solutions, explanations and quotes
        apply(page, wrong_answers(target.bank))
        page.click("#check-quiz")
        assert page.locator("#q-gesetz .solution").is_visible()
        assert page.locator("#q-laenger .solution").is_visible()
        assert page.evaluate(FITS) == {"page": True, "sticking": []}
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(folder) / f"long-words-{width}.png", full_page=True)


def test_result_stays_and_follows_a_question_checked_again(browser, built) -> None:
    """Once the whole quiz is checked, trying one question again updates the result, not empties it."""
    target = built["mini"]
    points = str(target.bank.max_points)
    year = next(q for q in target.bank.questions if q.id == "year")
    with open_page(browser, target.url) as session:
        page = session.page
        apply(page, correct_answers(target.bank))
        page.click("#check-quiz")
        assert result(page) == (points, points)
        page.click("#q-year .retry-question")
        assert result(page) == (str(target.bank.max_points - year.points), points)
        assert "Question 5" in page.inner_text("#quiz-result .review")
        page.fill("#q-year-answer", "1888")
        page.click("#q-year .check-question")
        assert result(page) == (str(target.bank.max_points - year.points), points)
        page.click("#q-year .retry-question")
        page.fill("#q-year-answer", "1887")
        page.click("#q-year .check-question")
        assert result(page) == (points, points)
        assert page.locator("#quiz-result .review").count() == 0
        page.reload()
        assert result(page) == (points, points)  # kept with the answers
        page.click("#reset-quiz")
        page.click("#reset-confirm-yes")
        assert result(page) == (None, None)
        assert page.inner_text("#quiz-result") == ""
        page.fill("#q-year-answer", "1887")
        page.click("#q-year .check-question")
        assert result(page) == (None, None)  # a single check before "Check all" shows no total


# --- documented details: digit grouping, the "missed" mark ----------------------------------------


@pytest.fixture(scope="module")
def thousands(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A German and an English bank, each asking for a number whose answer is 1000."""
    return build(copy_project(tmp_path_factory.mktemp("html"), "thousands"))


@pytest.mark.parametrize(
    ("bank", "typed", "right"),
    [
        ("tausend", "1.000", True),  # German groups thousands with a point
        ("tausend", "1000", True),
        ("tausend", "1,000", False),  # one, with three decimals
        ("thousand", "1,000", True),  # English groups thousands with a comma
        ("thousand", "1000", True),
        ("thousand", "1.000", False),
    ],
)
def test_thousands_are_grouped_as_the_bank_language_groups_them(
    browser, thousands, bank, typed, right
) -> None:
    url = (thousands / bank / f"{bank}-quiz.html").as_uri()
    with open_page(browser, url) as session:
        page = session.page
        card = page.locator("fieldset[data-qid]")  # the bank's only question
        card.locator("input[type=text]").fill(typed)
        card.locator(".check-question").click()
        assert card.get_attribute("data-result") == ("right" if right else "wrong")


MARKS = """qid => Object.fromEntries([...document.querySelectorAll(
  `fieldset[data-qid="${qid}"] .option`)].map(o => [o.innerText.trim(), o.dataset.mark || null]))"""


def test_right_option_left_unchosen_is_marked_missed(browser, built) -> None:
    with open_page(browser, built["mini"].url) as session:
        page = session.page
        card = page.locator(
            'fieldset[data-qid="residents"]'
        )  # right: the cook, the boy, the Head Keeper
        for chosen in ("the cook", "the engineer"):
            card.locator("label.option", has_text=chosen).click()
        card.locator(".check-question").click()
        assert card.get_attribute("data-result") == "wrong"
        assert page.evaluate(MARKS, "residents") == {
            "the cook": "right",
            "the boy": "missed",
            "the engineer": "wrong",
            "the Head Keeper": "missed",
        }

"""Real quizgen cards in Debian's Chromium: decks built by quizgen, imported with the official
`anki` package, rendered by Anki's own renderer and shown as Anki desktop's reviewer shows them.

The reviewer (qt/aqt/reviewer.py) puts a side into <div id="qa"> of a page whose body has the
classes `card cardN` (at night desktop adds `nightMode night_mode`, AnkiDroid `night_mode`), and
replaces `[[type:Answer]]`: on the front with an <input id=typeans>, on the back with
`col.compare_answer(expected, typed)`, the expected text being the note's Answer field. Its own
styles (ts/reviewer/reviewer.scss) are in REVIEWER_CSS. Typed answers are judged by the card's
scripts; contrast is measured on every text.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Card, Collection

from tests.harness import REPO, copy_project, run_cli
from tests.test_anki import import_package

pytestmark = pytest.mark.browser

GERMAN = tomllib.loads((REPO / "templates" / "i18n" / "de.toml").read_text("utf-8"))["anki"]
ACCEPTED, NOT_ACCEPTED = GERMAN["typed_accepted"], GERMAN["typed_not_accepted"]
# what Anki desktop's reviewer adds around a card (ts/reviewer/reviewer.scss), its night palette
# resolved (--canvas: darkgray 5, --fg: lightgray 0): at night it sets the body's colours itself
REVIEWER_CSS = """
hr { background-color: #737373; margin: 1em 0; border: none; height: 1px; }
body { margin: 20px; overflow-wrap: break-word; }
body.nightMode { background-color: #2c2c2c; color: #fcfcfc; }
li { text-align: start; }
#typeans { width: 100%; box-sizing: border-box; line-height: 1.75; }
code#typeans { white-space: pre-wrap; font-variant-ligatures: none; }
.typeGood { background: #afa; color: black; }
.typeBad { color: black; background: #faa; }
.typeMissed { color: black; background: #ccc; }
"""
# the body's classes besides `card cardN`: Anki desktop and AnkiMobile say nightMode, AnkiDroid
# night_mode (and only desktop's reviewer CSS above sets the body's colours for nightMode)
MODES = {"day": "", "night": "nightMode", "ankidroid-night": "night_mode"}
TYPE_PATTERN = re.compile(r"\[\[type:(.+?)\]\]")  # Reviewer.typeAnsPat
EPOCH = 1700000000
# the zaun bank's edits after the first import: gap 2 taken out, question `mai` withdrawn (and
# deleted: it is the bank's last)
ZAUN_EDITS = (
    (
        "[[grün]], am Montag [[rot]] und am Dienstag [[blau]]",
        "[[1: grün]], am Montag rot und am Dienstag [[3: blau]]",
    ),
    ("source: seeds/zaun.txt\n", "source: seeds/zaun.txt\nwithdrawn: [mai]\n"),
)
# WCAG 2 contrast of every visible text (text nodes, ::before/::after content, filled inputs)
# against its effective background: the first opaque background up the tree, with the
# translucent ones above it laid over, and the canvas white when no element has one
CONTRAST = r"""() => {
  const parse = s => {
    const m = s.match(/rgba?\(([^)]*)\)/);
    if (!m) throw new Error('unexpected colour ' + s);
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== 'none') throw new Error('a background image on ' + where(e));
      const c = parse(style.backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255, 1]);
  };
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const where = e => {
    const names = [];
    for (; e && e.id !== 'qa'; e = e.parentElement) {
      names.unshift(e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join(''));
    }
    return names.slice(-3).join(' > ');
  };
  const css = c => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  const samples = [];
  const sample = (el, text, color) => {
    const bg = background(el), fg = over(parse(color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    samples.push({ratio: (hi + 0.05) / (lo + 0.05), text: text.trim().slice(0, 50),
                  where: where(el), fg: css(fg), bg: css(bg)});
  };
  const shown = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const qa = document.getElementById('qa');
  const walker = document.createTreeWalker(qa, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (node.nodeValue.trim() && shown(el)) sample(el, node.nodeValue, getComputedStyle(el).color);
  }
  for (const el of qa.querySelectorAll('*')) {
    if (!shown(el)) continue;
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (style.display !== 'none' && !['none', 'normal', '""'].includes(style.content)) {
        sample(el, pseudo + ' ' + style.content, style.color);
      }
    }
  }
  for (const input of qa.querySelectorAll('input')) {
    if (input.value && shown(input)) sample(input, input.value, getComputedStyle(input).color);
  }
  return samples;
}"""
SEEN = """() => {
  const v = document.querySelector('.qg-typed-verdict');
  const code = document.querySelector('code#typeans');
  return {visible: v.checkVisibility(), text: v.innerText, classes: v.className,
          typeans: code && code.checkVisibility() ? code.innerText : null};
}"""


@dataclass
class Viewer:
    """One page showing card after card, as Anki desktop keeps its page; and what went wrong."""

    page: Any
    troubles: list[str] = field(default_factory=list)

    def show(self, side: str, css: str, body_class: str) -> Any:
        """Open a page as Anki's reviewer builds it; fail on any error, dialog or request."""
        self.troubles.clear()
        self.page.set_content(reviewer_page(side, css, body_class))
        assert self.troubles == [], self.troubles
        return self.page

    def listen(self) -> Viewer:
        page, troubles = self.page, self.troubles
        page.on("dialog", lambda d: (troubles.append(f"dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: troubles.append(f"error {e}"))
        page.on("console", lambda m: troubles.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: troubles.append(f"request {r.url}"))
        return self


def reviewer_page(side: str, css: str, body_class: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{REVIEWER_CSS}</style>'
        f'<style>{css}</style></head><body class="{body_class}"><div id="qa">{side}</div>'
        "</body></html>"
    )


def body_class(card: Card, mode: str) -> str:
    """Return the body's classes as Anki sets them for a card in a mode."""
    return " ".join(filter(None, ["card", f"card{card.ord + 1}", MODES[mode]]))


def typed_field(card: Card, side: str) -> tuple[str, str, int] | None:
    """Return the field a side's [[type:…]] names, its font and size; None without one."""
    match = TYPE_PATTERN.search(side)
    if match is None:
        return None
    name = match.group(1)
    (found,) = [f for f in card.note_type()["flds"] if f["name"] == name]
    return name, found["font"], found["size"]


def front(card: Card) -> str:
    """Return the front as the reviewer shows it: an input box where the card says [[type:…]]."""
    side = card.render_output().question_text
    typed = typed_field(card, side)
    if typed is None:
        return side
    name, font, size = typed
    if not card.note()[name]:
        return TYPE_PATTERN.sub("", side)
    box = (
        '\n<center>\n<input type=text id=typeans onkeypress="_typeAnsPress();"\n'
        f"   style=\"font-family: '{font}'; font-size: {size}px;\">\n</center>\n"
    )
    return TYPE_PATTERN.sub(lambda _: box, side)


def back(col: Collection, card: Card, typed: str = "") -> str:
    """Return the back as the reviewer shows it after `typed` was typed on the front."""
    side = card.render_output().answer_text
    found = typed_field(card, side)
    if found is None:
        return side
    name, font, size = found
    expected = card.note()[name]
    if not expected:
        return TYPE_PATTERN.sub("", side)
    output = col.compare_answer(expected, typed, combining=True)
    shown = f"\n<div style=\"font-family: '{font}'; font-size: {size}px\">{output}</div>"
    return TYPE_PATTERN.sub(lambda _: shown, side)


# --- the decks and the browser, once per module ---------------------------------------------------


@dataclass
class Decks:
    """One student's collection with the ATACMS deck, the mini deck and the zaun deck."""

    col: Collection

    def card(self, qid: str, number: int = 1) -> Card:
        (note_id,) = self.col.find_notes(f'"Id:{qid}"')
        cards = [self.col.get_card(c) for c in self.col.card_ids_of_note(note_id)]
        (card,) = [c for c in cards if c.ord == number - 1]
        return card

    def cards(self, bank: str) -> list[Card]:
        return [self.col.get_card(c) for c in sorted(self.col.find_cards(f'"Id:{bank}/*"'))]


def build(root: Path, epoch: int) -> Path:
    result = run_cli(root, "build", "--only", "anki", env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.exit_code == 0, result.output
    (package,) = (root / "output").rglob("*.apkg")
    return package


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Decks]:
    tmp = tmp_path_factory.mktemp("decks")
    col = Collection(str(tmp / "student.anki2"))
    try:
        for name in ("repo", "mini"):
            log = import_package(col, build(copy_project(tmp, name), EPOCH))
            assert list(log.conflicting) == [] and len(log.new) > 0
        # the zaun deck as a student who had it before gap 2 and question `mai` went
        zaun = copy_project(tmp, "typed-de")
        import_package(col, build(zaun, EPOCH))
        bank = zaun / "questions" / "zaun.yaml"
        text = bank.read_text("utf-8")
        for old, new in ZAUN_EDITS:
            assert old in text
            text = text.replace(old, new)
        bank.write_text(text[: text.index("  - id: mai\n")], encoding="utf-8")  # the last one
        log = import_package(col, build(zaun, EPOCH + 3600))
        assert list(log.conflicting) == [] and len(log.updated) > 0
        yield Decks(col)
    finally:
        col.close()


def viewer(browser: Any, *, js: bool = True) -> Iterator[Viewer]:
    context = browser.new_context(java_script_enabled=js, viewport={"width": 700, "height": 600})
    yield Viewer(context.new_page()).listen()
    context.close()


@pytest.fixture(scope="module")
def scripted(browser: Any) -> Iterator[Viewer]:
    yield from viewer(browser)


@pytest.fixture(scope="module")
def scriptless(browser: Any) -> Iterator[Viewer]:
    yield from viewer(browser, js=False)


def review(decks: Decks, view: Viewer, card: Card, typed: str, mode: str = "day") -> Any:
    """Type on the card's real front, then show its back with what the input box held."""
    css = card.render_output().css
    page = view.show(front(card), css, body_class(card, mode))
    if typed:
        page.fill("input#typeans", typed)
        typed = page.input_value("input#typeans")
    return view.show(back(decks.col, card, typed), css, body_class(card, mode))


# --- typed answers --------------------------------------------------------------------------------

FAIR = [
    ("atacms/reichweite", "190 Meilen"),
    ("atacms/hersteller", "lockheed martin corp."),
    ("atacms/hersteller", "Lockheed Martin Corp."),
    ("atacms/raketenname", "ATACMS."),
    ("zaun/hoehe", "2.5"),
    ("zaun/nachbar", "Putin"),
]
WRONG = [("atacms/hersteller", "Raytheon"), ("zaun/hoehe", "3,5"), ("zaun/nachbar", "Merkel")]


@pytest.mark.parametrize(("qid", "typed"), FAIR, ids=[f"{q}:{t}" for q, t in FAIR])
def test_a_fair_typed_answer_is_accepted_on_the_real_card(
    decks: Decks, scripted: Viewer, qid: str, typed: str
) -> None:
    seen = review(decks, scripted, decks.card(qid), typed).evaluate(SEEN)
    assert seen["visible"] and seen["classes"] == "qg-typed-verdict qg-typed-ok", seen
    assert seen["text"] == ACCEPTED
    assert seen["typeans"] and "↓" in seen["typeans"]  # Anki's letter diff stays above it


@pytest.mark.parametrize(("qid", "typed"), WRONG, ids=[f"{q}:{t}" for q, t in WRONG])
def test_a_wrong_typed_answer_is_not_accepted_on_the_real_card(
    decks: Decks, scripted: Viewer, qid: str, typed: str
) -> None:
    seen = review(decks, scripted, decks.card(qid), typed).evaluate(SEEN)
    assert seen["visible"] and seen["classes"] == "qg-typed-verdict qg-typed-wrong", seen
    assert seen["text"].startswith(NOT_ACCEPTED)


@pytest.mark.parametrize(("qid", "typed"), FAIR[1:2] + FAIR[4:], ids=["hersteller", "2.5", "Putin"])
def test_without_scripts_the_real_card_shows_ankis_comparison(
    decks: Decks, scriptless: Viewer, qid: str, typed: str
) -> None:
    card = decks.card(qid)
    css = card.render_output().css
    page = scriptless.show(back(decks.col, card, typed), css, body_class(card, "day"))
    seen = page.evaluate(SEEN)  # Playwright's own evaluate runs where the page's scripts do not
    assert not seen["visible"] and seen["text"] == "", seen
    typed_line, arrow, expected = seen["typeans"].split("\n")
    assert typed_line.endswith(typed) and arrow == "↓"  # Anki may pad it: ---------Putin
    assert expected == html.unescape(card.note()["Answer"])


# --- contrast -------------------------------------------------------------------------------------

TYPED_KINDS = {"short", "numeric"}


def sides(decks: Decks, card: Card) -> Iterator[tuple[str, str, str | None]]:
    """Yield every side a student sees of a card: (name, HTML, text to type on the front)."""
    yield "front", front(card), "Lockheed"
    if card.note()["Kind"] in TYPED_KINDS:
        yield "back typed ok", back(decks.col, card, html.unescape(card.note()["Answer"])), None
        yield "back typed wrong", back(decks.col, card, "Raytheon"), None
    yield "back", back(decks.col, card), None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("bank", ["atacms", "lighthouse", "zaun"])
def test_every_text_on_every_card_has_contrast(
    decks: Decks, scripted: Viewer, bank: str, mode: str
) -> None:
    samples: list[tuple[float, str]] = []
    kinds = set()
    for card in decks.cards(bank):
        kinds.add(card.note()["Kind"])
        css = card.render_output().css
        for name, side, typed in sides(decks, card):
            page = scripted.show(side, css, body_class(card, mode))
            if typed and page.locator("input#typeans").count():
                page.fill("input#typeans", typed)
            label = f"{card.note()['Id']} #{card.ord + 1} {name}"
            for s in page.evaluate(CONTRAST):
                samples.append(
                    (s["ratio"], f"{label}: {s['where']} {s['fg']} on {s['bg']} «{s['text']}»")
                )
    if bank == "zaun":
        assert kinds == {"numeric", "short", "cloze", "withdrawn"}
    elif bank == "lighthouse":
        assert kinds == {
            "single",
            "multiple",
            "truefalse",
            "cloze",
            "short",
            "numeric",
            "match",
            "order",
        }
    lowest = min(samples)
    print(f"lowest contrast, {bank} {mode}: {lowest[0]:.2f}:1 ({lowest[1]}), {len(samples)} texts")
    failing = sorted(s for s in samples if s[0] < 4.5)
    assert failing == [], "\n".join(f"{ratio:.2f}:1 {what}" for ratio, what in failing)


# --- what the backs look like ---------------------------------------------------------------------

# (picture name, question, card number, typed text, mode)
SHOTS = [
    ("single", "atacms/ziel-der-gespraeche", 1, "", "day"),
    ("truefalse", "atacms/tf-kurzstrecke", 1, "", "day"),
    ("cloze", "atacms/cloze-drittlaender", 2, "", "day"),
    ("typed-ok", "atacms/hersteller", 1, "Lockheed Martin Corp.", "day"),
    ("typed-wrong", "zaun/hoehe", 1, "3,5", "day"),
    ("removed-gap", "zaun/farben", 2, "", "day"),
    ("withdrawn", "zaun/mai", 1, "", "day"),
    ("night-multiple", "atacms/gespraeche-inhalt", 1, "", "night"),
    ("night-typed-ok", "zaun/nachbar", 1, "Putin", "night"),
    ("ankidroid-night-match", "atacms/match-akteure", 1, "", "ankidroid-night"),
]
SHOTS_ENV = "QUIZGEN_CARD_SCREENSHOTS"  # a folder to keep the pictures in, to look at them


@pytest.mark.parametrize(
    ("name", "qid", "number", "typed", "mode"), SHOTS, ids=[s[0] for s in SHOTS]
)
def test_a_back_fits_the_screen(  # and its picture is taken, to look at
    decks: Decks,
    scripted: Viewer,
    tmp_path: Path,
    name: str,
    qid: str,
    number: int,
    typed: str,
    mode: str,
) -> None:
    card = decks.card(qid, number)
    page = review(decks, scripted, card, typed, mode)
    picture = tmp_path / f"cards-{name}.png"
    page.screenshot(path=str(picture), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 700  # no sideways scrolling
    if os.environ.get(SHOTS_ENV):
        shutil.copy(picture, Path(os.environ[SHOTS_ENV]) / picture.name)


def test_a_true_false_back_says_the_statements_truth_without_a_bare_pill(
    decks: Decks, scripted: Viewer
) -> None:
    card = decks.card("atacms/tf-kurzstrecke")
    page = scripted.show(back(decks.col, card), card.render_output().css, body_class(card, "day"))
    texts = page.evaluate(
        """() => [...document.querySelectorAll('#qa *')].filter(e => e.checkVisibility())
                 .map(e => e.innerText.trim())"""
    )
    assert GERMAN["statement_false"] in texts
    assert not {"Falsch", "Richtig", "Wahr"} & set(texts)


@pytest.mark.parametrize(
    ("qid", "number", "notice"),
    [("zaun/farben", 2, "removed_gap"), ("zaun/mai", 1, "withdrawn")],
    ids=["removed gap", "withdrawn"],
)
def test_a_card_the_question_no_longer_has_shows_its_notice_alone(
    decks: Decks, scripted: Viewer, qid: str, number: int, notice: str
) -> None:
    card = decks.card(qid, number)
    css = card.render_output().css
    for side in (front(card), back(decks.col, card)):
        page = scripted.show(side, css, body_class(card, "day"))
        assert page.inner_text("#qa").strip() == GERMAN[notice]

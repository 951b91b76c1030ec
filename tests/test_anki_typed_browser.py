"""The typed-answer verdict on an Anki card back, in Debian's Chromium, on Anki's own comparison markup.

The back is put together as Anki's reviewer does it: the comparison that `compare_answer` of the
official `anki` package returns, in the wrapper Anki desktop puts around it, then the verdict element
and the two inline scripts (templates/html/quiz-check.js, templates/anki/typed-answer.js).
"""

from __future__ import annotations

import html
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = [
    REPO / "templates" / "html" / "quiz-check.js",
    REPO / "templates" / "anki" / "typed-answer.js",
]
CARD_CSS = REPO / "templates" / "anki" / "card.css"
FIXTURES = json.loads((REPO / "tests" / "js" / "fixtures" / "anki-typeans.json").read_text("utf-8"))
HOSTILE = "<img src=x onerror=alert(1)>"
GERMAN = {
    "accepted": "Deine Antwort gilt als richtig.",
    "not_accepted": "Deine Antwort gilt nicht als richtig.",
    "not_a_number": "„{value}“ ist keine Zahl, die das Quiz versteht.",
    "number_example": "Schreibe sie zum Beispiel so: {example}",
}
# the styles proposed for templates/anki/card.css (the lead's file): text in the card's own colour
# on a tint, the verdict's colour in the bar and the mark only
VERDICT_CSS = """
.card { --qg-bad: #b42318; --qg-bad-bg: #fdecea; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --qg-bad: #ff8f85; --qg-bad-bg: #3a2224;
}
.qg-typed-verdict {
  margin: 0.6em 0; padding: 0.35em 0.8em; border-left: 4px solid var(--qg-line);
  border-radius: 4px; font-weight: 600; color: var(--qg-fg);
}
.qg-typed-verdict[hidden] { display: none; }
.qg-typed-ok { border-left-color: var(--qg-right); background: var(--qg-right-bg); }
.qg-typed-wrong { border-left-color: var(--qg-bad); background: var(--qg-bad-bg); }
.qg-typed-ok::before { content: "\\2713\\00a0"; color: var(--qg-right); }
.qg-typed-wrong::before { content: "\\2717\\00a0"; color: var(--qg-bad); }
"""
# what Anki's reviewer adds (ts/reviewer/reviewer.scss), so that screenshots look like Anki
ANKI_CSS = """
code#typeans { white-space: pre-wrap; font-variant-ligatures: none; }
.typeGood { background: #afa; color: black; }
.typeBad { color: black; background: #faa; }
.typeMissed { color: black; background: #ccc; }
"""
# (fixture, the question's key entry as quizgen's answer key writes it)
ACCEPTED = [
    (
        "case",
        {"kind": "text", "points": 1, "accepted": [["Lockheed Martin Corp.", "Lockheed Martin"]]},
    ),
    ("second accepted", {"kind": "text", "points": 1, "accepted": [["Wladimir Putin", "Putin"]]}),
    ("unit", {"kind": "number", "points": 1, "answer": 190, "tolerance": 0, "unit": "Meilen"}),
    ("decimal point", {"kind": "number", "points": 1, "answer": 2.5, "tolerance": 0, "unit": ""}),
    ("full stop", {"kind": "text", "points": 1, "accepted": [["ATACMS"]]}),
]
WRONG = ("nothing in common", {"kind": "text", "points": 1, "accepted": [["Kiew", "Kyjiw"]]})
SEEN = """() => {
  const v = document.querySelector('.qg-typed-verdict'), code = document.querySelector('#typeans');
  return {visible: v.checkVisibility(), text: v.innerText, classes: v.className,
          images: document.images.length, typeans: code.checkVisibility() ? code.innerText : null};
}"""
# WCAG contrast of the verdict's text and of its mark, each on the verdict's own background
CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const v = document.querySelector('.qg-typed-verdict'), style = getComputedStyle(v);
  return {text: ratio(style.color, style.backgroundColor),
          mark: ratio(getComputedStyle(v, '::before').color, style.backgroundColor)};
}"""


@pytest.fixture(scope="module")
def anki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    col = Collection(str(tmp_path_factory.mktemp("anki") / "typed.anki2"))
    try:
        yield col
    finally:
        col.close()


def card_back(comparison: str, key: dict[str, Any], *, strings: dict[str, str] = GERMAN) -> str:
    """Return a back as Anki desktop shows it: its comparison, the verdict and the scripts."""
    data = {"key": key, "lang": "de", "decimalComma": True, "strings": strings}
    scripts = "".join(f"<script>{path.read_text('utf-8')}</script>" for path in SCRIPTS)
    return (
        '<div class="qg qg-back"><div class="qg-prompt">Wer oder was ist gemeint?</div>'
        '<hr id="answer"><div class="qg-typein">'
        f"<div style=\"font-family: 'Arial'; font-size: 20px\">{comparison}</div></div>"
        f'<p class="qg-typed-verdict" hidden data-key="{html.escape(json.dumps(data))}"></p>'
        '<div class="qg-solution">Lösung: <strong>…</strong></div></div>'
        f"{scripts}<script>QuizgenTyped.show(document);</script>"
    )


def page_html(back: str, *, night: bool = False) -> str:
    css = ANKI_CSS + CARD_CSS.read_text("utf-8") + VERDICT_CSS
    body = "card nightMode" if night else "card"
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><style>{css}</style></head>'
        f'<body class="{body}"><div id="qa">{back}</div></body></html>'
    )


def open_back(
    browser: Any, tmp_path: Path, back: str, *, js: bool = True, night: bool = False
) -> tuple[Any, list[str]]:
    """Open a back in a new page; return it and the dialogs, errors and requests it made."""
    context = browser.new_context(java_script_enabled=js, viewport={"width": 700, "height": 420})
    page = context.new_page()
    troubles: list[str] = []
    page.on("dialog", lambda d: (troubles.append(f"dialog {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: troubles.append(f"error {e}"))
    page.on("console", lambda m: troubles.append(m.text) if m.type == "error" else None)
    target = tmp_path / f"back-{len(list(tmp_path.glob('back-*')))}.html"
    target.write_text(page_html(back, night=night), encoding="utf-8")
    page.on("request", lambda r: None if r.url == target.as_uri() else troubles.append(r.url))
    page.goto(target.as_uri())
    return page, troubles


def comparison(anki: Collection, expected: str, typed: str) -> str:
    return anki.compare_answer(expected, typed, combining=True)


def case(name: str) -> dict[str, str]:
    found: dict[str, str] = next(c for c in FIXTURES["cases"] if c["name"] == name)
    return found


@pytest.mark.parametrize(("name", "key"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_a_fair_answer_is_accepted(
    browser: Any, anki: Collection, tmp_path: Path, name: str, key: dict[str, Any]
) -> None:
    c = case(name)
    page, troubles = open_back(
        browser, tmp_path, card_back(comparison(anki, c["expected"], c["typed"]), key)
    )
    seen = page.evaluate(SEEN)
    assert seen["visible"] and seen["classes"] == "qg-typed-verdict qg-typed-ok", seen
    assert seen["text"] == "Deine Antwort gilt als richtig."  # the ✓ is CSS, not text
    assert seen["typeans"] and "↓" in seen["typeans"]  # Anki's own diff is still there, above
    assert troubles == []
    page.context.close()


def test_a_wrong_answer_is_not_accepted(browser: Any, anki: Collection, tmp_path: Path) -> None:
    name, key = WRONG
    c = case(name)
    page, troubles = open_back(
        browser, tmp_path, card_back(comparison(anki, c["expected"], c["typed"]), key)
    )
    seen = page.evaluate(SEEN)
    assert seen["visible"] and seen["classes"] == "qg-typed-verdict qg-typed-wrong", seen
    assert seen["text"] == "Deine Antwort gilt nicht als richtig."
    assert troubles == []
    page.context.close()


def test_nothing_typed_shows_no_verdict(browser: Any, anki: Collection, tmp_path: Path) -> None:
    key = {"kind": "text", "points": 1, "accepted": [["ATACMS"]]}
    page, troubles = open_back(browser, tmp_path, card_back(comparison(anki, "ATACMS", ""), key))
    seen = page.evaluate(SEEN)
    assert not seen["visible"] and seen["typeans"] == "ATACMS"
    assert troubles == []
    page.context.close()


def test_hostile_bank_text_stays_text(browser: Any, anki: Collection, tmp_path: Path) -> None:
    key = {"kind": "text", "points": 1, "accepted": [["Kiew", HOSTILE]]}
    strings = GERMAN | {"accepted": HOSTILE}
    back = card_back(comparison(anki, "Kiew", HOSTILE), key, strings=strings)
    page, troubles = open_back(browser, tmp_path, back)
    seen = page.evaluate(SEEN)
    assert seen["visible"] and seen["text"] == HOSTILE, seen
    assert seen["images"] == 0
    assert troubles == []  # no dialog, no request for "x", no error
    page.context.close()


def test_without_scripts_the_card_is_ankis_comparison(
    browser: Any, anki: Collection, tmp_path: Path
) -> None:
    name, key = ACCEPTED[0]
    c = case(name)
    back = card_back(comparison(anki, c["expected"], c["typed"]), key)
    page, troubles = open_back(browser, tmp_path, back, js=False)
    seen = page.evaluate(SEEN)  # evaluate runs even when the page's own scripts may not
    assert not seen["visible"] and seen["text"] == ""
    assert seen["typeans"] == "lockheed martin corp.\n↓\nLockheed Martin Corp."
    assert troubles == []
    page.context.close()


def test_the_next_card_in_the_same_page_gets_its_own_verdict(
    browser: Any, anki: Collection, tmp_path: Path
) -> None:
    # Anki desktop keeps the page and swaps the card in, running its scripts again
    name, key = ACCEPTED[0]
    c = case(name)
    page, troubles = open_back(
        browser, tmp_path, card_back(comparison(anki, c["expected"], c["typed"]), key)
    )
    wrong_name, wrong_key = WRONG
    w = case(wrong_name)
    page.evaluate(
        """back => {
          const qa = document.getElementById('qa');
          qa.innerHTML = back;
          for (const old of qa.querySelectorAll('script')) {
            const script = document.createElement('script');
            script.text = old.text;
            old.replaceWith(script);
          }
        }""",
        card_back(comparison(anki, w["expected"], w["typed"]), wrong_key),
    )
    seen = page.evaluate(SEEN)
    assert seen["classes"] == "qg-typed-verdict qg-typed-wrong", seen
    assert troubles == []
    page.context.close()


def test_chromium_reads_every_fixture_as_node_does(browser: Any, tmp_path: Path) -> None:
    page, troubles = open_back(
        browser, tmp_path, f"<script>{SCRIPTS[1].read_text('utf-8')}</script>"
    )
    read = page.evaluate(
        """cases => cases.map(c => {
          const box = document.createElement('div');
          box.innerHTML = c.html;
          return QuizgenTyped.typedText(box.querySelector('#typeans'));
        })""",
        FIXTURES["cases"],
    )
    assert read == [unicodedata.normalize("NFC", c["typed"]) for c in FIXTURES["cases"]]
    assert troubles == []
    page.context.close()


@pytest.mark.parametrize("night", [False, True], ids=["day", "night"])
@pytest.mark.parametrize("verdict", ["ok", "wrong"])
def test_the_proposed_styles_keep_the_verdict_readable(
    browser: Any, anki: Collection, tmp_path: Path, night: bool, verdict: str
) -> None:
    name, key = ACCEPTED[0] if verdict == "ok" else WRONG
    c = case(name)
    back = card_back(comparison(anki, c["expected"], c["typed"]), key)
    page, troubles = open_back(browser, tmp_path, back, night=night)
    contrast = page.evaluate(CONTRAST)
    assert contrast["text"] >= 4.5 and contrast["mark"] >= 4.5, contrast
    page.screenshot(path=str(tmp_path / f"verdict-{verdict}-{'night' if night else 'day'}.png"))
    assert troubles == []
    page.context.close()

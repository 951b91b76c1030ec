"""Anki's own comparison markup for typed answers, kept in tests/js/fixtures/ for the card script's tests.

The markup comes from the official `anki` package, so the fixtures cannot drift from Anki's: this
test makes them again and compares. Regenerate with QUIZGEN_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.buildinfo import version as anki_version
from anki.collection import Collection

FIXTURE = Path(__file__).resolve().parent / "js" / "fixtures" / "anki-typeans.json"
# (name, the card's expected text, what the student typed)
CASES = [
    ("exact", "ATACMS", "ATACMS"),
    ("empty", "ATACMS", ""),
    ("case", "Lockheed Martin Corp.", "lockheed martin corp."),
    ("second accepted", "Wladimir Putin", "Putin"),
    ("unit", "190", "190 Meilen"),
    ("decimal point", "2,5", "2.5"),
    ("full stop", "ATACMS", "ATACMS."),
    ("markup characters", "a < b & c", "a<b & c > d"),
    ("quotes", 'Kiew\'s "Herz"', 'Kiew\'s "Herz"'),
    ("umlauts", "Müller-Lüdenscheidt", "Mueller-Lüdenscheid"),
    ("decomposed umlaut", "Müller", "Mu\u0308ller"),
    ("lone combining mark", "qx", "q\u0301x"),
    ("hostile", "Kiew", "<img src=x onerror=alert(1)>"),
    ("dashes only", "Wladimir Putin", "---"),
    ("trailing space", "ATACMS", "ATACMS "),
    ("nothing in common", "Kiew", "Odessa"),
]


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    col = Collection(str(tmp_path / "typed.anki2"))
    try:
        yield col
    finally:
        col.close()


def fixtures(col: Collection) -> list[dict[str, str]]:
    """Return every case with the HTML Anki's reviewer puts on the back for it ({{type:Answer}})."""
    return [
        {
            "name": name,
            "expected": expected,
            "typed": typed,
            "html": col.compare_answer(expected, typed, combining=True),
        }
        for name, expected, typed in CASES
    ]


def test_the_fixtures_are_what_anki_renders(collection: Collection) -> None:
    data = {"anki": anki_version, "cases": fixtures(collection)}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("QUIZGEN_UPDATE_GOLDEN"):
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.write_text(text, encoding="utf-8")
    assert text == FIXTURE.read_text(encoding="utf-8"), f"{FIXTURE} differs; see module docstring"


def test_the_fixtures_show_each_form_of_anki_markup(collection: Collection) -> None:
    # the three forms the card script reads: bare expected text, one good span, the two lines
    html = {case["name"]: case["html"] for case in fixtures(collection)}
    assert html["empty"] == "<code id=typeans>ATACMS</code>"
    assert html["exact"] == "<code id=typeans><span class=typeGood>ATACMS</span></code>"
    assert "<span class=typeMissed>---------</span>" in html["second accepted"]
    assert "<br><span id=typearrow>&darr;</span><br>" in html["unit"]
    assert "&lt;" in html["hostile"] and "<img" not in html["hostile"]
    assert "<span class=typeBad>\u00a0\u0301</span>" in html["lone combining mark"]

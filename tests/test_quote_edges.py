"""The quote checker at its edges: lists, ellipses, numbers as each language writes them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from quizgen.bank.source_text import QuoteFinder, parse_source
from quizgen.check.grounding import _number_in, differences

SOURCE = """Lieferungen

Die USA lieferten folgende Waffen:

- ATACMS-Raketen mit einer Reichweite von 300 Kilometern
- HIMARS-Raketenwerfer für die Front
- Patriot-Systeme zur Luftabwehr

Die Ukraine meldete Erfolge … und Verluste. Es waren 3,600 Soldaten, bei –5 Grad.
"""


@pytest.fixture
def finder() -> QuoteFinder:
    return QuoteFinder(parse_source(Path("a.txt"), "a.txt", SOURCE))


def test_the_closest_passage_of_a_list_item_is_that_item(finder: QuoteFinder) -> None:
    assert finder.closest("Patriot-System zur Luftabwehr") == "Patriot-Systeme zur Luftabwehr"


@pytest.mark.parametrize("quote", ["Erfolge ... und", "Erfolge... und", "Erfolge …und"])
def test_an_ellipsis_matches_however_it_is_spaced(quote: str, finder: QuoteFinder) -> None:
    assert finder.find(quote) is not None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("3600", "3,600 soldiers"),
        ("3600", "3.600 Soldaten"),
        ("3.6", "3,6 km"),
        ("-5", "bei –5 Grad"),
    ],
    ids=["english-thousands", "german-thousands", "decimal-comma", "en-dash-minus"],
)
def test_a_number_is_found_as_it_is_written(value: str, text: str) -> None:
    assert _number_in(Decimal(value), text)


def test_the_differing_words_are_named() -> None:
    passage = "Die USA haben zwölf Raketen geliefert, sagte er."
    assert (
        differences("Die USA haben elf Raketen geliefert", passage)
        == '; they differ at: "elf" (the text has "zwölf")'
    )
    assert differences("haben zwölf Raketen geliefert", passage) == ""  # a part is no difference

"""Numbers are written as the bank's language writes them, in every output."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizgen.answers.numbers import format_decimal, letter, uses_decimal_comma
from quizgen.answers.shuffle import scrambled


@pytest.mark.parametrize(
    ("value", "language", "written"),
    [
        ("2.5", "de", "2,5"),
        ("2.5", "de-AT", "2,5"),
        ("2.50", "de", "2,50"),
        ("190", "de", "190"),
        ("-0.25", "en", "-0.25"),
        ("2.5", "en-GB", "2.5"),
    ],
)
def test_format_decimal(value: str, language: str, written: str) -> None:
    assert format_decimal(Decimal(value), language) == written


def test_decimal_comma_follows_the_primary_language() -> None:
    assert uses_decimal_comma("DE-ch") and uses_decimal_comma("fr")
    assert not uses_decimal_comma("en") and not uses_decimal_comma("ja")


def test_letters_count_like_spreadsheet_columns() -> None:
    assert [letter(n) for n in (0, 1, 26, 27, 30, 52, 53)] == ["", "A", "Z", "AA", "AD", "AZ", "BA"]


def test_scrambled_never_gives_the_solution() -> None:
    for seed in range(40):
        assert scrambled(["a", "b"], "bank", "q", seed) == ["b", "a"]

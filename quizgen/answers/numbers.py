"""Numbers as a bank's language writes them: 2,5 in German, 2.5 in English."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the CLI imports MAX_VARIANTS before it knows whether it reads any number)
    from decimal import Decimal

MAX_VARIANTS = 99  # worksheet variants A … CU, e.g. one per student

# languages that write 2,5 for two and a half
DECIMAL_COMMA_LANGUAGES = frozenset(
    {"de", "fr", "es", "it", "nl", "pt", "pl", "cs", "da", "sv", "nb", "fi", "ru"}
)


def uses_decimal_comma(language: str) -> bool:
    """Return whether the language (a BCP 47 tag) writes a decimal comma."""
    return language.split("-")[0].lower() in DECIMAL_COMMA_LANGUAGES


def machine_number(value: Decimal) -> str:
    """Write a number as files for machines need it (2.5, never 2,5), with the bank's digits."""
    return format(value, "f")


def format_decimal(value: Decimal, language: str) -> str:
    """Write a number as the bank does (2.50 keeps its zero), with the language's decimal separator."""
    text = machine_number(value)
    return text.replace(".", ",") if uses_decimal_comma(language) else text


def letter(number: int) -> str:
    """Return the label of a 1-based position as spreadsheets name columns: A … Z, AA, AB …"""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(ord("A") + rest) + name
    return name

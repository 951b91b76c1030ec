"""Numbers with their units, and dates, in a sentence; and a number changed for a false statement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from quizgen.draft.language import Language, word_set

_NUMBER = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w]|[.,]\d)"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_YEAR_LEAD = {
    "de": r"(?:im Jahre?|seit|bis|ab|von|zwischen|Anfang|Ende|Mitte|vor|nach)",
    "en": r"(?:in|since|by|until|from|between|before|after|early|late|mid-?)",
}


@dataclass(frozen=True)
class Quantity:
    """A number (the gap) at character offsets, and the unit after it (stays visible)."""

    start: int
    end: int
    text: str
    unit: str


@dataclass(frozen=True)
class Date:
    """A date at character offsets: "17. November 2024", "December 25, 2021", a bare year."""

    start: int
    end: int
    text: str


@cache
def _months(code: str) -> list[str]:
    from babel import Locale  # here: Babel's locale data loads only when a text is drafted

    return list(Locale(code).months["format"]["wide"].values())


@cache
def _date_pattern(code: str) -> re.Pattern[str]:
    month = "(?:" + "|".join(_months(code)) + ")"
    if code == "de":
        forms = [rf"\d{{1,2}}\.\s?{month}(?:\s{_YEAR})?", rf"{month}\s{_YEAR}"]
    else:
        forms = [
            rf"{month}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,\s{_YEAR})?",
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s{month}(?:\s{_YEAR})?",
            rf"{month}\s{_YEAR}",
        ]
    year = rf"(?<!\w){_YEAR_LEAD[code]}\s(?P<year>{_YEAR})"
    return re.compile(r"(?<![\w.])(?:" + "|".join([*forms, year]) + r")(?!\w)")


def find_dates(sentence: str, language: Language) -> list[Date]:
    """Return the dates of a sentence."""
    dates = []
    for match in _date_pattern(language.code).finditer(sentence):
        group = "year" if match.group("year") else 0
        dates.append(Date(match.start(group), match.end(group), match.group(group)))
    return dates


def find_quantities(
    sentence: str, language: Language, taken: list[tuple[int, int]]
) -> list[Quantity]:
    """Return numbers followed by a unit ("190 Meilen", "3,600 soldiers", "12 %"), not in `taken`."""
    found = []
    for match in _NUMBER.finditer(sentence):
        start, end = match.span(1)
        if any(a < end and start < b for a, b in taken):
            continue
        before = sentence[:start].rstrip()
        previous = before.split(" ")[-1] if before else ""
        if previous[:1].isupper() and previous not in language.function_words:
            # "Ariane 5", "Boeing 737": a number in a name; but a German noun after an article
            # or adjective is none ("der Stadt 2,5 Milliarden", "den letzten Monaten 3.600")
            earlier = before.split(" ")[-2:-1]
            if not (language.code == "de" and earlier and earlier[0][:1].islower()):
                continue
        unit = _unit(sentence[end:], language)
        if unit and (match.group(1) not in ("0", "1") or unit.split()[0] in language.scale_words):
            found.append(Quantity(start, end, match.group(1), unit))
    return found


def _unit(after: str, language: Language) -> str:
    """Return the unit right after a number ("Meilen", "Millionen Euro", "%"), or ''."""
    match = re.match(r"\s?(%|Prozent|percent|per cent)(?!\w)", after)
    if match:
        return match.group(1)
    words = after.split()
    if not words or not after.startswith(" "):
        return ""
    unit: list[str] = []
    for position, word in enumerate(words[:3]):
        bare = word.rstrip(",.;:!?)")
        if not bare.isalpha() or bare in language.function_words:
            break
        if bare in language.scale_words:
            unit.append(bare)
            if bare != word:
                break
            continue
        noun = bare[0].isupper() if language.code == "de" else bare.islower()
        if noun and bare.lower() not in language.articles and bare.lower() not in _NOT_UNITS:
            unit.append(bare)
            return " ".join(unit + _plural_after(bare, word, words[position + 1 :], language))
        if language.code == "de" and bare.islower() and re.search(r"(e|en|er|es|em)$", bare):
            unit.append(bare)  # an adjective before the noun: "190 weitere Meilen"
            continue
        break
    return " ".join(unit) if unit and unit[-1] in language.scale_words else ""


def _plural_after(first: str, written: str, rest: list[str], language: Language) -> list[str]:
    """Return the plural noun an English unit word qualifies ("48 member cities"), or []."""
    if language.code != "en" or first.endswith("s") or written != first or not rest:
        return []
    bare = rest[0].rstrip(",.;:!?)")
    if bare.isalpha() and bare.islower() and bare.endswith("s") and bare not in _NOT_UNITS:
        return [bare]
    return []


# units whose values stop at a bound: doubling 40 minutes gives no time of day
_BOUNDS = {
    unit: Decimal(bound)
    for bound, units in ((100, "% Prozent percent cent"), (60, "Minuten Sekunden minutes seconds"))
    for unit in units.split(" ")
}
_NOT_UNITS = word_set(
    "and or to of in on at by for with from than as is are was were has have had be und oder bis zu "
    "this his its thus plus does"
)


def changed_number(written: str, unit: str, language: Language) -> str:
    """Return the number changed for a false statement: doubled (a share above 50 % halved)."""
    grouping, decimal = (".", ",") if language.decimal_comma else (",", ".")
    plain = written.replace(grouping, "").replace(decimal, ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return ""
    bound = _BOUNDS.get(unit.split()[-1]) if unit else None
    changed = value / 2 if bound is not None and value * 2 >= bound else value * 2
    places = len(plain.split(".")[1]) if "." in plain and changed != changed.to_integral() else 0
    grouped = grouping in written or changed >= (10000 if language.decimal_comma else 1000)
    text = f"{changed:,.{places}f}" if grouped else f"{changed:.{places}f}"
    if language.decimal_comma:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def bank_number(written: str, language: Language) -> str:
    """Return a number as a numeric answer is written: no grouping, the language's decimal mark."""
    grouping = "." if language.decimal_comma else ","
    return written.replace(grouping, "")


def is_year(written: str) -> bool:
    """Return whether a bare number reads as a year ("seit 2019 begonnene …"): not a quantity."""
    return re.fullmatch(_YEAR, written) is not None

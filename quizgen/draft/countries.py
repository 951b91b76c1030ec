"""Countries: where a text names them, and plausible other countries for distractors.

Names come from the CLDR data Babel ships; the regions and the order of prominence inside each
(the countries news mention most first) are ours: a distractor from the same region and of about
the same prominence is plausible, one a student never heard of is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from quizgen.draft.language import word_set

# Prominent countries by region, the most mentioned first.
REGIONS = {
    "western-europe": "DE FR GB IT ES NL BE AT CH PT IE DK SE NO FI LU IS",
    "eastern-europe": "RU UA PL RO HU CZ BG GR SK HR RS BY LT LV EE MD SI AL MK BA",
    "east-asia": "CN JP KR KP TW MN",
    "southeast-asia": "IN PK VN TH ID PH MY SG BD MM KH AF LK NP",
    "middle-east": "TR IL IR SA EG IQ AE SY QA JO LB KW YE OM",
    "americas": "US CA MX BR AR CL CO VE PE CU EC UY BO",
    "africa": "ZA NG KE ET MA DZ GH TN SN TZ UG",
    "oceania": "AU NZ",
}
# Babel's territories that are no country (groupings, codes for testing).
_NOT_COUNTRIES = word_set("EU EZ UN QO XA XB XK ZZ")
# German names that take an article ("die Ukraine"); they do not fit an article-free list.
_ARTICLE_DE = word_set("AE CH GB IQ IR LB MN NL PH SK TR UA US VA YE")
_ALIASES = {
    "de": {"USA": "US", "US": "US", "Großbritannien": "GB", "Tschechische Republik": "CZ"},
    "en": {
        "USA": "US",
        "US": "US",
        "U.S.": "US",
        "America": "US",
        "UK": "GB",
        "Britain": "GB",
        "Great Britain": "GB",
        "Czech Republic": "CZ",
    },
}


@dataclass(frozen=True)
class Mention:
    """A country named in a sentence, as written, at character offsets."""

    code: str
    start: int
    end: int
    text: str
    base: bool  # written exactly as its name (not inflected): it can be swapped for another


def country_name(code: str, language: str) -> str:
    """Return a country's name in the language."""
    return _names(language)[code]


def needs_article(code: str, language: str) -> bool:
    """Return whether the country's name is said with an article ("die Ukraine", "the UK")."""
    if language == "de":
        return code in _ARTICLE_DE
    name = country_name(code, language)
    return bool(re.search(r"\b(United|Republic|Kingdom|Islands)\b|s$", name))


def find_countries(sentence: str, language: str) -> list[Mention]:
    """Return the countries a sentence names, in order (not those inside a compound)."""
    pattern, spelled = _mention_pattern(language)
    mentions = []
    for match in pattern.finditer(sentence):
        text = match.group(1)
        code = spelled.get(text) or spelled.get(_uninflected(text, spelled))
        if code is None:
            continue
        mentions.append(Mention(code, match.start(1), match.end(1), text, text in spelled))
    return mentions


def _uninflected(text: str, spelled: dict[str, str]) -> str:
    """Return the name an inflected mention stands for ("Vereinigten Arabischen Emirate")."""
    words = text.split()
    for name in spelled:
        parts = name.split()
        if len(parts) == len(words) and all(
            _same_word(w, p, last=i == len(parts) - 1)
            for i, (w, p) in enumerate(zip(words, parts, strict=True))
        ):
            return name
    return text


def _same_word(word: str, name: str, last: bool) -> bool:
    if word == name:
        return True
    if last:
        return word in (name + "s", name + "es", name + "n")
    stem = re.sub(r"(es|e)$", "", name)
    return stem != name and word in {stem + end for end in ("e", "es", "en", "er", "em")}


def similar_countries(code: str, language: str, avoid: set[str], count: int) -> list[str]:
    """Return up to `count` article-free countries like `code`: same region, similar prominence."""
    region = _region(code)
    ranked: list[tuple[int, int, str]] = []
    for name, codes in REGIONS.items():
        order = codes.split()
        home = order.index(code) if code in order else len(order) // 2
        for index, other in enumerate(order):
            if other == code or other in avoid or needs_article(other, language):
                continue
            ranked.append((0 if name == region else 1, abs(index - home), other))
    return [other for _near, _distance, other in sorted(ranked)[:count]]


def closest(code: str, others: list[str]) -> str:
    """Return the one of `others` most like `code`: of its region first, then the first."""
    region = _region(code)
    return min(others, key=lambda other: (_region(other) != region, others.index(other)))


def _region(code: str) -> str:
    return next((r for r, codes in REGIONS.items() if code in codes.split()), "")


@cache
def _names(language: str) -> dict[str, str]:
    from babel import Locale  # here: Babel's locale data loads only when a text is drafted

    territories = Locale(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


@cache
def _mention_pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a pattern for any country's name (inflected too) and each spelling's code."""
    spelled = {name: code for code, name in _names(language).items()}
    spelled.update(_ALIASES[language])
    alternatives = []
    for name in sorted(spelled, key=len, reverse=True):
        words = [re.escape(w) for w in name.split()]
        if language == "de":
            words = [
                re.sub(r"(es|e)$", "(?:e|es|en|er|em)", w) if i < len(words) - 1 else w
                for i, w in enumerate(words)
            ]
            words[-1] += "(?:s|es|n)?"
        alternatives.append(r"\s+".join(words))
    # not inside a word or a compound ("US-Politik"); an English "’s" stays outside
    pattern = re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-]|\.\w)")
    return pattern, spelled

"""Tell German from English by their commonest words, for a bank whose language was not given."""

from __future__ import annotations

import re
from dataclasses import dataclass

# common short words of each language that the other does not write (not 'in', 'was', 'will')
STOP_WORDS = {
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "von",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "einer",
            "eines",
            "auf",
            "für",
            "sich",
            "auch",
            "zu",
            "im",
            "sie",
            "es",
            "wird",
            "werden",
            "wurde",
            "hat",
            "haben",
            "aus",
            "bei",
            "nach",
            "oder",
            "wie",
            "noch",
            "nur",
            "über",
            "dass",
            "sind",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "is",
            "not",
            "with",
            "from",
            "of",
            "a",
            "on",
            "for",
            "it",
            "to",
            "they",
            "were",
            "has",
            "have",
            "had",
            "by",
            "after",
            "or",
            "how",
            "only",
            "over",
            "that",
            "this",
            "which",
            "are",
            "be",
            "been",
            "their",
            "its",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    """The guessed language and the counts it rests on."""

    language: str
    counts: dict[str, int]

    def describe(self) -> str:
        """Return how the guess was made, in a few words."""
        names = {"de": "German", "en": "English"}
        found = " and ".join(f"{self.counts[tag]} {names[tag]}" for tag in sorted(self.counts))
        return f"{found} common words"


def guess_language(text: str) -> LanguageGuess:
    """Return de or en, whichever language's common words the text uses more (en when even)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    counts = {tag: sum(w in stop for w in words) for tag, stop in STOP_WORDS.items()}
    return LanguageGuess("de" if counts["de"] > counts["en"] else "en", counts)

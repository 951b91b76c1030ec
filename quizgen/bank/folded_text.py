"""Fold a text as quotes are compared (whitespace, quotes, dashes, "…", case) and search it fast."""

from __future__ import annotations

import re
from bisect import bisect_right

_QUOTES = dict.fromkeys(map(ord, "„“”«»″"), '"') | dict.fromkeys(map(ord, "‚‘’‹›′`´"), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_ELLIPSIS = {ord("…"): "..."}  # the same three dots, typed or set by a word processor
_INVISIBLE = "\u00ad\u200b\ufeff"  # soft hyphen, zero-width space, BOM
_TRANSLATE = _QUOTES | _DASHES | _ELLIPSIS | dict.fromkeys(map(ord, _INVISIBLE))
# the same as replacements: str.replace finds a character far faster than str.translate maps
# every one, and no replacement holds a character that is replaced
_REPLACE = [(chr(code), text or "") for code, text in _TRANSLATE.items()]

# the index keys every _STEP-th run of _GRAM folded characters: any _STEP consecutive runs of a
# quote (_GRAM + _STEP - 1 characters or more) hold one of them wherever the quote occurs
_GRAM = 8
_STEP = 8
_MAX_CANDIDATES = 64  # past this many places to try, a direct search is as fast
# building the index costs about as much as this many direct searches through the whole text
# (measured on 1 MB: 88 ms against 0.4 ms)
_INDEX_COST_IN_SCANS = 250


def fold(text: str) -> str:
    """Fold whitespace, typographic quotes, dashes, "…" and case, as quotes and sources compare."""
    for char, replacement in _REPLACE:
        if char in text:
            text = text.replace(char, replacement)
    # no replacement holds a space, so replacing before collapsing whitespace changes nothing
    return " ".join(text.split()).casefold()


class FoldedText:
    """A text folded once, searchable fast, with the way back to the original's offsets."""

    def __init__(self, text: str) -> None:
        self.text = fold(text)
        self._starts, self._bases, self._steps = _origins(text)
        self._index: dict[str, list[int]] | None = None
        self._scanned = 0  # characters searched directly so far

    def find(self, needle: str) -> int:
        """Return the first index of a folded needle in the folded text, or -1."""
        if self._index is None:
            found = self.text.find(needle)
            # a few quotes are found fastest directly; many, in a long text, with the index,
            # built once the direct searches have cost about as much (so never twice the least)
            self._scanned += len(self.text) if found < 0 else found + len(needle)
            if self._scanned > _INDEX_COST_IN_SCANS * len(self.text):
                self._index = self._build_index()
            return found
        return self._find_indexed(self._index, needle)

    def origin(self, index: int) -> int:
        """Return the original offset of the folded character at index (not a space)."""
        segment = bisect_right(self._starts, index) - 1
        return self._bases[segment] + (index - self._starts[segment]) * self._steps[segment]

    def _build_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for position in range(0, len(self.text) - _GRAM + 1, _STEP):
            index.setdefault(self.text[position : position + _GRAM], []).append(position)
        return index

    def _find_indexed(self, index: dict[str, list[int]], needle: str) -> int:
        # of the needle's grams at offsets first … first + _STEP - 1, one is indexed wherever the
        # needle occurs: try them at the first such offsets where they are not too common
        for first in range(0, len(needle) - _GRAM - _STEP + 2, _STEP):
            offsets = range(first, first + _STEP)
            places = [index.get(needle[j : j + _GRAM], []) for j in offsets]
            if sum(len(positions) for positions in places) <= _MAX_CANDIDATES:
                found = [
                    position - j
                    for j, positions in zip(offsets, places, strict=True)
                    for position in positions
                    if position >= j and self.text.startswith(needle, position - j)
                ]
                return min(found, default=-1)
        return self.text.find(needle)  # short, or made of common grams only


def _origins(text: str) -> tuple[list[int], list[int], list[int]]:
    """Map folded offsets back to the text's, as segments: (folded start, original start, step).

    Most characters fold to exactly one: runs of them are one segment of step 1. A run of
    whitespace (and invisible characters) folds to one space or none, "…" to three dots, "ß" to
    "ss": each such place starts a segment of step 0. A lone space between words needs none.
    """
    present = set(text)
    spaces = "".join(sorted(c for c in present if c.isspace() and c != " "))
    odd = "".join(
        sorted(c for c in present if c not in _INVISIBLE and not c.isspace() and len(fold(c)) != 1)
    )
    gap = f"[\\s{_INVISIBLE}]"
    places = [f"[{re.escape(spaces + _INVISIBLE)}]{gap}*", f" {gap}+"]
    places += [f"[{re.escape(odd)}]"] if odd else []
    # what folds to nothing at either end is left out: every gap in between stands between words
    edge = " " + spaces + _INVISIBLE
    start, end = len(text) - len(text.lstrip(edge)), len(text.rstrip(edge))
    starts, bases, steps = [0], [start], [1]
    folded = 0  # length of the folded text so far

    def segment(base: int, step: int) -> None:
        if starts[-1] == folded:  # the previous segment is empty
            bases[-1], steps[-1] = base, step
        else:
            starts.append(folded)
            bases.append(base)
            steps.append(step)

    position = start
    for match in re.compile("|".join(places)).finditer(text, start, end):
        folded += match.start() - position  # the characters before fold one to one
        position = match.end()
        run = match.group()
        if run[0] not in edge:
            segment(match.start(), 0)
            folded += len(fold(run))
        elif any(c.isspace() for c in run):
            segment(position, 0)  # one space, standing for the word after it
            folded += 1
        segment(position, 1)
    return starts, bases, steps

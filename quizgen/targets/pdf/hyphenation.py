"""Read pyphen's hyphenation dictionaries five times faster, into the very same patterns.

WeasyPrint hyphenates with pyphen, which parses a `hyph_*.dic` file line by line in Python the
first time a process hyphenates a language: 0.8-1 s for German (66,000 patterns), a fifth of
rendering a worksheet and its key, once per process and so once per render worker. A pattern's
values depend only on where its digits stand among its letters, and 66,000 German patterns have
2,465 such shapes: so the letters and the shapes of all lines are cut out at once (a bytes
`translate`), and only each distinct shape goes through pyphen's own parsing. Files this does not
cover (characters beyond Latin-1, digits other than 0-9, `^^` escapes, `/` alternatives) are
read by pyphen itself. tests/test_pdf_hyphenation.py compares the result with pyphen's for every
dictionary pyphen ships.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyphen

ASCII_DIGITS = b"0123456789"
# every byte but a digit or a line break becomes "x": what stays is the pattern's shape
SHAPE = bytes(c if c in ASCII_DIGITS + b"\n" else ord("x") for c in range(256))
DIGIT = re.compile(r"\d").fullmatch  # what pyphen's parser counts as a digit


class HyphDict(pyphen.HyphDict):  # type: ignore[misc]  # pyphen is untyped
    """pyphen's hyphenation patterns of one dictionary file, read faster when possible."""

    def __init__(self, path: Path) -> None:
        patterns = read_patterns(path)
        if patterns is None:
            super().__init__(path)
            return
        self.patterns = patterns
        self.cache: dict[str, list[int]] = {}
        self.maxlen = max(map(len, patterns))


def install() -> None:
    """Make pyphen (and so WeasyPrint) read its dictionaries with HyphDict."""
    pyphen.HyphDict = HyphDict


Values = tuple[int, tuple[int, ...]]


def read_patterns(path: Path) -> dict[str, Values] | None:
    """Return pattern -> (offset, values) as pyphen reads them, or None for an unusual file."""
    with path.open("rb") as file:  # the first line names the encoding, as pyphen reads it
        encoding = file.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = (line.strip() for line in path.read_text(encoding).split("\n")[1:])
    text = "\n".join(line for line in lines if line and not line.startswith(pyphen.ignored))
    characters = set(text) - {"\n"}
    digits = {c for c in characters if DIGIT(c)}
    if (
        not text
        or "^^" in text
        or "/" in text
        or not digits <= set("0123456789")
        or max(text) > "\xff"
    ):
        return None
    data = text.encode("latin-1")
    keys = data.translate(None, ASCII_DIGITS).decode("latin-1").split("\n")
    shapes = data.translate(SHAPE).decode("ascii").split("\n")
    values = {shape: _shape_values(shape) for shape in set(shapes)}
    # in file order: a later line with the same letters replaces an earlier one, as in pyphen
    return {key: value for key, shape in zip(keys, shapes, strict=True) if (value := values[shape])}


def _shape_values(shape: str) -> Values | None:
    """Return (offset, values) of a pattern as pyphen's parser makes them; None if all zeros."""
    values = [int(digit or "0") for digit, _ in pyphen.parse(shape)]
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])

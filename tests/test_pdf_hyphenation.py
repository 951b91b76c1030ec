"""pyphen's dictionaries read the fast way give exactly the patterns pyphen itself reads."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from quizgen.targets.pdf import engine, hyphenation

# pyphen's own class, whatever an earlier test installed
PYPHEN_HYPHDICT = next(c for c in hyphenation.HyphDict.__mro__[1:] if c.__name__ == "HyphDict")
DICTIONARIES = sorted(set(pyphen.LANGUAGES.values()))


def same(path: Path) -> None:
    """Assert that both readers give the same patterns, value types and search length."""
    theirs, ours = PYPHEN_HYPHDICT(path), hyphenation.HyphDict(path)
    assert ours.patterns == theirs.patterns
    assert ours.maxlen == theirs.maxlen
    for key, (_, values) in theirs.patterns.items():  # DataInt (alternatives) keep their data
        mine = ours.patterns[key][1]
        assert [(type(v), getattr(v, "data", None)) for v in mine] == [
            (type(v), getattr(v, "data", None)) for v in values
        ]


@pytest.mark.parametrize("path", DICTIONARIES, ids=lambda path: path.stem)
def test_every_shipped_dictionary_reads_the_same(path: Path) -> None:
    same(path)


def test_german_takes_the_fast_way() -> None:
    assert hyphenation.read_patterns(pyphen.LANGUAGES["de_DE"]) is not None


@pytest.mark.parametrize(
    ("lines", "fast"),
    [
        (["ab1c", "1ab", "ab1", ".ab1c.", "a12b", "abc", "a0b0c", "ab1c", "ab3c"], True),
        (["  x1y \r", "# a comment 2006", "%x1z", "LEFTHYPHENMIN 2", "", "ä1ö", "ß2ü1"], True),
        (["ab1c", "x^^e4y1z"], False),  # ^^hh escapes
        (["ab1c", "c1k/k=k,1,2"], False),  # a non-standard alternative
        (["ab1c", "я1б"], False),  # beyond Latin-1
        (["ab1c", "a٣b"], False),  # an Arabic-Indic digit
    ],
)
def test_unusual_lines_read_the_same(tmp_path: Path, lines: list[str], fast: bool) -> None:
    path = tmp_path / "hyph_xx.dic"
    path.write_text("\n".join(["UTF-8", *lines]), encoding="utf-8")
    assert (hyphenation.read_patterns(path) is not None) == fast  # else pyphen reads it
    same(path)


def test_weasyprint_hyphenates_with_the_fast_reader() -> None:
    engine.load()
    pyphen.hdcache.pop(pyphen.LANGUAGES["de_DE"], None)
    assert pyphen.HyphDict is hyphenation.HyphDict
    assert pyphen.Pyphen(lang="de_DE").inserted("Silbentrennung") == "Sil-ben-tren-nung"
    assert type(pyphen.hdcache[pyphen.LANGUAGES["de_DE"]]) is hyphenation.HyphDict

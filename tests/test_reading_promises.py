"""What docs/format.md promises about finding banks and reading banks and source texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.bank.source_text import QuoteFinder, parse_source

PROJECTS = Path(__file__).resolve().parent / "fixtures" / "projects"


def list_rows(stdout: str) -> dict[str, list[str]]:
    """Return `quizgen list`'s rows by bank id: the cells after the title (lang … paragraphs)."""
    lines = stdout.split("\n\n")[0].splitlines()[1:]
    return {line.split()[0]: line.split()[-12:] for line in lines}


def coverage_of(stdout: str, bank: str) -> list[str]:
    """Return a bank's sections and paragraphs columns of `quizgen list`."""
    return list_rows(stdout)[bank][-2:]


# --- quotes: whitespace, typographic quotes, dashes, the ellipsis and case are folded ----------


def test_quotes_match_across_dashes_case_spaces_and_ellipses(make_project, run_quizgen) -> None:
    root = make_project("quote-folding")
    result = run_quizgen(root, "check", "--strict", "folding")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["1 bank(s) valid, 0 error(s), 0 warning(s)"]
    # every paragraph is found where its quotes stand
    assert coverage_of(run_quizgen(root, "list").stdout, "folding") == ["2/2", "3/3"]


def test_quotes_that_differ_in_more_than_that_are_not_found(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("quote-folding"), "check", "not-folded")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "questions/not-folded.yaml:9:13: error: question 'two-dots': source quote does not occur "
        'in seeds/harbour.txt; the closest passage is: "Its lamps were lit by hand… and put out '
        'at dawn."',
        "questions/not-folded.yaml:14:13: error: question 'comma': source quote does not occur in "
        'seeds/harbour.txt; the closest passage is: "The pier – built in 1903 – reaches far into '
        'the bay."',
        "0 bank(s) valid, 2 error(s), 0 warning(s)",
    ]


@pytest.mark.parametrize(
    ("quote", "found", "place"),
    [
        ("lit by hand... and put out", "lit by hand… and put out", (0, 0)),
        ("and put out at dawn", "and put out at dawn", (0, 0)),  # after the folded "…"
        ("by hand...", "by hand…", (0, 0)),
        ("lost its end… Nobody", "lost its end... Nobody", (1, 0)),
        ("Nobody was hurt.", "Nobody was hurt.", (1, 0)),
        ("moored in the inner harbour, safe", "moored in the inner harbour,\nsafe", (1, 1)),
    ],
)
def test_a_folded_quote_is_found_at_its_place_in_the_source(
    quote: str, found: str, place: tuple[int, int]
) -> None:
    path = PROJECTS / "quote-folding" / "seeds" / "harbour.txt"
    finder = QuoteFinder(parse_source(path, "seeds/harbour.txt", path.read_text(encoding="utf-8")))
    match = finder.find(quote)
    assert match is not None
    assert finder.source.text[match.start : match.end] == found
    assert finder.paragraph_of(match) == place

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
        'the bay."; they differ at: "pier," (the text has "pier –"), "1903," (the text has '
        '"1903 –")',
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


# --- source texts: `#` headings ----------------------------------------------------------------

HEADINGS = [
    "The keepers' house.",
    "Their work, as the log of 1890 describes it in much detail over many pages, day after day, "
    "year after year.",
    "Today",
]


@pytest.mark.parametrize("name", ["lines", "blocks"])
def test_hash_lines_are_headings_even_when_they_end_like_a_sentence(name: str) -> None:
    path = PROJECTS / "source-headings" / "seeds" / f"{name}.txt"
    source = parse_source(path, name, path.read_text(encoding="utf-8"))
    assert [section.heading for section in source.sections] == HEADINGS
    assert [len(section.paragraphs) for section in source.sections] == [1, 1, 1]


def test_list_counts_the_sections_of_hash_headings(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("source-headings"), "list")
    assert result.exit_code == 0
    # the quotes stand in the first and the last of three sections
    assert coverage_of(result.stdout, "lines") == ["2/3", "2/3"]
    assert coverage_of(result.stdout, "blocks") == ["2/3", "2/3"]


# --- files: a byte-order mark, .yml, sub-folders -------------------------------------------------


def test_bank_and_source_with_a_byte_order_mark_are_read(make_project, run_quizgen) -> None:
    root = make_project("byte-order-mark")
    assert (root / "questions" / "notice.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (root / "seeds" / "notice.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    result = run_quizgen(root, "check", "notice")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["1 bank(s) valid, 0 error(s), 0 warning(s)"]
    # "# Notice." after the mark is still a heading: one section with one paragraph
    assert coverage_of(run_quizgen(root, "list").stdout, "notice") == ["1/1", "1/1"]


def test_a_byte_order_mark_does_not_shift_error_columns(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("byte-order-mark"), "check", "located")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "questions/located.yaml:1:7: error: bank id 'Located Bank' must be 1–64 lowercase "
        "letters, digits and hyphens, starting with a letter or digit"
    )


def test_yml_files_and_banks_in_sub_folders_are_found(make_project, run_quizgen) -> None:
    root = make_project("bank-folders")
    result = run_quizgen(root, "check")
    assert result.exit_code == 0
    # notes.txt and draft.yaml.bak are not banks: no error for them
    assert result.stderr.splitlines() == ["4 bank(s) valid, 0 error(s), 0 warning(s)"]
    listed = run_quizgen(root, "list").stdout
    assert list(list_rows(listed)) == ["extra", "top", "deepest", "nested"]  # by path


def test_a_bank_in_a_sub_folder_is_selected_by_its_path(
    make_project, run_quizgen, monkeypatch
) -> None:
    root = make_project("bank-folders")
    monkeypatch.chdir(root / "questions")
    result = run_quizgen(root, "check", "unit-1/deeper/deepest.yml")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["1 bank(s) valid, 0 error(s), 0 warning(s)"]


# --- answer_in_quote: false on cloze and short ----------------------------------------------------


def test_answer_in_quote_false_leaves_worked_out_answers_alone(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("answer-not-in-quote"), "check", "--strict", "worked-out")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["1 bank(s) valid, 0 error(s), 0 warning(s)"]


def test_the_same_answers_without_it_are_warned_about(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("answer-not-in-quote"), "check", "in-quote")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "questions/in-quote.yaml:8:11: warning: question 'keepers-gap': answer '3' does not occur "
        "in its source quote",
        "questions/in-quote.yaml:14:13: warning: question 'keepers-count': answer '3' does not "
        "occur in its source quote",
        "1 bank(s) valid, 0 error(s), 2 warning(s)",
    ]


def test_answer_in_quote_false_still_checks_the_quote(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("answer-not-in-quote"), "check", "bad-quote")
    assert result.exit_code == 1
    closest = (
        'the closest passage is: "Three keepers lived in the tower: the "Head Keeper", the cook '
        'and the boy."; they differ at: "Four" (the text has "Three")'
    )
    assert result.stderr.splitlines() == [
        "questions/bad-quote.yaml:9:13: error: question 'keepers-gap': source quote does not "
        f"occur in seeds/lighthouse.txt; {closest}",
        "questions/bad-quote.yaml:14:13: error: question 'keepers-count': source quote does not "
        f"occur in seeds/lighthouse.txt; {closest}",
        "0 bank(s) valid, 2 error(s), 0 warning(s)",
    ]

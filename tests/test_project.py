"""Which banks a run loads: bank ids are unique in the whole project, whatever the selection."""

from __future__ import annotations

import re

import pytest

DUPLICATE = (
    "questions/b.yaml:1:1: error: bank id 'lighthouse' is already used by questions/a.yaml; "
    "bank ids must be unique"
)
SELECTIONS = pytest.mark.parametrize(
    "selection",
    [(), ("questions/a.yaml",), ("questions/b.yaml",), ("lighthouse",)],
    ids=["all", "first-by-path", "second-by-path", "by-id"],
)


@SELECTIONS
def test_check_reports_a_duplicate_bank_id(
    selection: tuple[str, ...], make_project, run_quizgen, monkeypatch
) -> None:
    root = make_project("duplicate-bank-id")
    monkeypatch.chdir(root)  # paths on the command line are relative to the working folder
    result = run_quizgen(root, "check", *selection)
    assert result.exit_code == 1
    assert DUPLICATE in result.stderr.splitlines()
    valid = 0 if selection == ("questions/b.yaml",) else 1
    assert result.stderr.splitlines()[-1] == f"{valid} bank(s) valid, 1 error(s), 0 warning(s)"


@SELECTIONS
def test_build_builds_a_duplicate_bank_id_once(
    selection: tuple[str, ...], make_project, run_quizgen, monkeypatch
) -> None:
    root = make_project("duplicate-bank-id")
    monkeypatch.chdir(root)
    result = run_quizgen(root, "build", "--only", "html", *selection)
    assert result.exit_code == 1
    assert DUPLICATE in result.stderr.splitlines()
    quiz = root / "output" / "site" / "lighthouse" / "lighthouse-quiz.html"
    if selection == ("questions/b.yaml",):  # only the duplicate was asked for: nothing to build
        assert not (root / "output").exists()
        return
    # the first file owns the id, as without a selection; the duplicate writes nothing
    assert "The first lighthouse bank" in quiz.read_text(encoding="utf-8")
    index = (root / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="bank-lighthouse"[^>]*>([^<]*)', index) == [
        "The first lighthouse bank"
    ]
    assert "The second lighthouse bank" not in index


def test_a_bank_asked_for_alone_shows_the_first_error_of_a_source_it_shares(
    make_project, run_quizgen
) -> None:
    root = make_project("source-latin1-shared")
    result = run_quizgen(root, "check", "b")  # a.yaml, not asked for, reads the source first
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "questions/b.yaml:4:9: error: source file 'seeds/latin1.txt' cannot be used (see its first error)",
        "seeds/latin1.txt:1:4: error: source file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
        "0 bank(s) valid, 2 error(s), 0 warning(s)",
    ]

"""One test per loader/checker error message: each bad fixture bank names its expected error."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from quizgen.bank.strict_yaml import MAX_BANK_BYTES
from tests.harness import FIXTURES, PROJECTS

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+): error: (.*)")


@pytest.mark.parametrize("bank", BAD, ids=[p.stem for p in BAD])
def test_bad_bank_reports_located_error(bank: Path, make_project, run_quizgen) -> None:
    line, column, message = EXPECT.match(bank.read_text(encoding="utf-8")).groups()
    root = make_project("cat", {bank.name: bank.read_bytes()})
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert f"questions/{bank.name}:{line}:{column}: error: {message}" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        (b"bank: caf\xe9\n", "1:10", "file is not valid UTF-8 (byte 0xe9)"),
        (b"bank: a\ntitle: b\x00\n", "2:1", "file contains a NUL byte"),
        (b"bank: a\ntitle: \x07\n", "2:8", "control character U+0007 is not allowed"),
        (b"# " + b"x" * MAX_BANK_BYTES + b"\n", "1:1", "is 10.0 MiB; a bank may be at most 10 MiB"),
    ],
    ids=["not-utf8", "nul-byte", "control-character", "too-large"],
)
def test_unreadable_bank_file(
    data: bytes, location: str, message: str, make_project, run_quizgen
) -> None:
    root = make_project("cat", {"broken.yaml": data})
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert f"questions/broken.yaml:{location}: error:" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("escape", ["\\uffff", "\\ufffe", "\\ud800"])
def test_an_escape_that_writes_no_character_is_an_error(
    escape: str, make_project, run_quizgen
) -> None:
    bank = (PROJECTS / "mini" / "questions" / "lighthouse.yaml").read_text(encoding="utf-8")
    title = f'title: "Leuchtturm {escape}"'
    bank = re.sub(r"^title: .*$", lambda _: title, bank, count=1, flags=re.M)
    root = make_project("cat", {"odd.yaml": bank.encode()})
    result = run_quizgen(root, "check")
    code = escape[2:].upper()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"questions/odd.yaml:2:8: error: bank title contains U+{code}, which is no character any "
        'output can hold (an escape such as "\\uffff" writes it); remove it'
    ) in result.stderr


def test_a_bank_of_the_largest_size_is_read(make_project, run_quizgen) -> None:
    bank = (PROJECTS / "mini" / "questions" / "lighthouse.yaml").read_bytes()
    padding = b"# " + b"x" * (MAX_BANK_BYTES - len(bank) - 3) + b"\n"
    root = make_project("mini", {"lighthouse.yaml": bank + padding})
    assert len((root / "questions" / "lighthouse.yaml").read_bytes()) == MAX_BANK_BYTES
    result = run_quizgen(root, "check")
    assert result.exit_code == 0, result.stderr


def test_source_not_utf8(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["source-latin1"])  # "Café" in Latin-1
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert "seeds/latin1.txt:1:28: error: source file is not valid UTF-8" in result.stderr


def test_bad_source_shared_by_two_banks_names_first_error(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["source-latin1-shared"])
    result = run_quizgen(root, "check")
    assert (
        "questions/b.yaml:4:9: error: source file 'seeds/latin1.txt' cannot be used"
        in result.stderr
    )


def test_source_too_large(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["source-huge"])
    with (root / "seeds" / "huge.txt").open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)
    result = run_quizgen(root, "check")
    assert (
        "questions/a.yaml:4:9: error: source file 'seeds/huge.txt' is 10485761 bytes"
        in result.stderr
    )


def test_duplicate_bank_id(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["duplicate-bank-id-overlay"])
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert (
        "questions/b.yaml:1:1: error: bank id 'same' is already used by questions/a.yaml"
        in result.stderr
    )


def test_bank_selected_by_its_file_name_when_its_id_is_another_banks(
    make_project, run_quizgen
) -> None:
    root = make_project("cat", add=["duplicate-bank-id-overlay"])
    for command in ("check", "build"):  # the build selects as check does
        result = run_quizgen(root, command, "b")  # b.yaml says `bank: same`, as a.yaml does
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            "questions/b.yaml:1:1: error: bank id 'same' is already used by questions/a.yaml; "
            "bank ids must be unique"
        )
    assert "built 0 bank(s), 0 file(s)" in result.stderr


def test_all_problems_reported_at_once_sorted(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["typos"])
    result = run_quizgen(root, "check")
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        "questions/a.yaml:1:1: error: bank: missing required field 'title'",
        "questions/a.yaml:2:1: error: bank: unknown field 'titel'; did you mean 'title'?",
        "questions/a.yaml:9:5: error: question 'q1': unknown field 'point'; did you mean 'points'?",
    ]


def test_unknown_bank_selected_is_usage_error(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["one-bank"])
    result = run_quizgen(root, "check", "nope")
    assert result.exit_code == 2
    assert "quizgen: error: no bank 'nope'; known banks: a" in result.stderr


def test_an_unknown_bank_name_lists_every_name_that_selects_one(make_project, run_quizgen) -> None:
    # a.yaml and b.yaml say `bank: same`: "same" selects a.yaml, which no selection asked for
    root = make_project("cat", add=["duplicate-bank-id-overlay"])
    for command in ("check", "build"):
        result = run_quizgen(root, command, "sme")
        assert result.exit_code == 2
        assert result.stderr == (
            "quizgen: error: no bank 'sme'; known banks: a, b, same; did you mean 'same'?\n"
        )
        assert not (root / "output").exists()


def test_unknown_bank_file_selected_is_usage_error(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["one-bank"])
    result = run_quizgen(root, "check", "questions/missing.yaml")
    assert result.exit_code == 2
    assert "quizgen: error: no bank file 'questions/missing.yaml'" in result.stderr


def test_no_questions_folder_is_usage_error(tmp_path: Path, run_quizgen) -> None:
    result = run_quizgen(tmp_path, "check")
    assert result.exit_code == 2
    assert "no 'questions/' folder; is this a quizgen project?" in result.stderr


@pytest.mark.parametrize(
    ("line", "qid", "answer"),
    [(8, "gap", "dog"), (14, "typed", "dog"), (19, "number", "4.5")],
    ids=["cloze", "short", "numeric"],
)
def test_answer_outside_quote_is_warning(
    line: int, qid: str, answer: str, make_project, run_quizgen
) -> None:
    root = make_project("cat", add=["answer-warnings"])
    result = run_quizgen(root, "check")
    assert result.exit_code == 0
    expected = f"questions/w.yaml:{line}:"
    assert any(
        entry.startswith(expected)
        and f"warning: question '{qid}': answer '{answer}' does not occur in its source quote"
        in entry
        for entry in result.stderr.splitlines()
    )


def test_strict_turns_warnings_into_errors(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["answer-warnings"])
    result = run_quizgen(root, "check", "--strict")
    assert result.exit_code == 1
    assert "questions/w.yaml:8:11: error: question 'gap': answer 'dog'" in result.stderr


def test_numeric_answer_in_quote_with_decimal_comma_is_clean(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["numeric-in-quote"])
    result = run_quizgen(root, "check", "--strict")
    assert result.exit_code == 0, result.stderr


def test_a_negative_number_in_the_quote_counts(make_project, run_quizgen) -> None:
    bank = """bank: w
title: W
language: de
source: seeds/cold.txt
questions:
  - id: cold
    type: numeric
    prompt: Wie kalt?
    source: Es war −3,75 Grad kalt, von 10-20 Uhr.
    answer: -3,75
  - id: hours
    type: numeric
    prompt: Bis wann?
    source: Es war −3,75 Grad kalt, von 10-20 Uhr.
    answer: 20
"""
    root = make_project("cat", {"w.yaml": bank})
    (root / "seeds" / "cold.txt").write_text(
        "Kalt\nEs war −3,75 Grad kalt, von 10-20 Uhr.\n", "utf-8"
    )
    result = run_quizgen(root, "check", "--strict")
    assert result.exit_code == 0, result.stderr


def test_alias_is_reported_where_it_is_used(make_project, run_quizgen) -> None:
    bank = FIXTURES / "bad" / "alias.yaml"
    root = make_project("cat", {bank.name: bank.read_bytes()})
    result = run_quizgen(root, "check")
    assert (
        "questions/alias.yaml:13:12: error: alias '*t' is not allowed; write the value out"
        in result.stderr
    )


def test_an_alias_bomb_is_refused_without_expanding_it(make_project, run_quizgen) -> None:
    # "billion laughs": nine lists of nine aliases of the list before, 9**9 texts if expanded
    names = "abcdefghi"
    levels = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    levels += [
        f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]"
        for before, name in itertools.pairwise(names)
    ]
    bank = "bank: bomb\nlaughs:\n" + "".join(f"  {level}\n" for level in levels) + "tags: *i\n"
    root = make_project("cat", {"bomb.yaml": bank})
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert "questions/bomb.yaml:12:7: error: alias '*i' is not allowed" in result.stderr


def test_deep_nesting_is_a_problem_not_a_crash(make_project, run_quizgen) -> None:
    root = make_project("cat", {"deep.yaml": b"bank: " + b"[" * 5000 + b"]" * 5000 + b"\n"})
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert "questions/deep.yaml:1:1: error: nesting is too deep" in result.stderr


def test_unreadable_source_file(make_project, run_quizgen, monkeypatch) -> None:
    root = make_project("cat", add=["one-bank"])
    real_read = Path.read_bytes

    def refuse_seeds(path: Path) -> bytes:
        if path.name == "text.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_seeds)
    result = run_quizgen(root, "check")
    assert (
        "questions/a.yaml:4:9: error: cannot read source file 'seeds/text.txt': Permission denied"
        in result.stderr
    )


def test_answer_worked_out_from_the_quote_can_be_declared(make_project, run_quizgen) -> None:
    root = make_project("cat", add=["answer-warnings"])
    bank = root / "questions" / "w.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(
        text.replace("    answer: 4,5\n", "    answer: 4,5\n    answer_in_quote: false\n")
    )
    result = run_quizgen(root, "check", "--strict")
    assert "question 'number'" not in result.stderr
    assert "question 'gap'" in result.stderr  # the others are still checked


def test_a_schema_error_does_not_hide_the_quote_errors_of_the_bank(
    make_project, run_quizgen
) -> None:
    bank = """bank: both
title: Both
language: en
source: seeds/text.txt
questions:
  - id: typo
    type: single
    prompt: Who?
    source: The cat sat on the mat.
    corect: cat
  - id: misquoted
    type: short
    prompt: Who?
    source: The dog sat on the mat.
    answer: dog
"""
    root = make_project("cat", {"both.yaml": bank})
    result = run_quizgen(root, "check")
    assert result.exit_code == 1
    assert (
        "questions/both.yaml:10:5: error: question 'typo': unknown field 'corect'" in result.stderr
    )
    assert (
        "questions/both.yaml:14:13: error: question 'misquoted': source quote does not occur"
        in result.stderr
    )
    assert "0 bank(s) valid" in result.stderr

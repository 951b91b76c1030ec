"""The `draft: true` field: check warns about drafts left in a bank, --strict fails on them."""

from __future__ import annotations

BANK = """\
bank: cats
title: Cats
language: en
source: seeds/text.txt
questions:
  - id: q1
    type: truefalse
    prompt: The cat sat.
    answer: true
    source: The cat sat on the mat.
  - id: q2
    type: truefalse
    prompt: The cat stood.
    answer: false
    source: The cat sat on the mat.
    draft: true
  - id: q3
    type: truefalse
    prompt: The cat lay.
    answer: false
    source: The cat sat on the mat.
    draft: true
  - id: q4
    type: truefalse
    prompt: The cat sat down.
    answer: true
    source: The cat sat on the mat.
    draft: false
"""

WARNING = (
    "questions/cats.yaml:16:12: warning: 2 question(s) still marked 'draft: true' (q2, q3); "
    "read each one, delete it or edit it, then remove its 'draft: true' line"
)


def test_check_warns_once_per_bank_listing_the_drafts(make_project, run_quizgen) -> None:
    root = make_project("cat", {"cats.yaml": BANK})
    result = run_quizgen(root, "check")
    assert result.exit_code == 0
    assert result.stderr.count("still marked") == 1
    assert WARNING in result.stderr


def test_strict_fails_on_drafts(make_project, run_quizgen) -> None:
    root = make_project("cat", {"cats.yaml": BANK})
    result = run_quizgen(root, "check", "--strict")
    assert result.exit_code == 1
    assert WARNING.replace("warning:", "error:") in result.stderr


def test_a_curated_bank_has_no_draft_warning(make_project, run_quizgen) -> None:
    root = make_project("cat", {"cats.yaml": BANK.replace("    draft: true\n", "")})
    result = run_quizgen(root, "check", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "draft" not in result.stderr


def test_many_drafts_are_counted_not_all_listed(make_project, run_quizgen) -> None:
    questions = "".join(
        f"  - id: d{n}\n    type: truefalse\n    prompt: The cat sat.\n    answer: true\n"
        f"    source: The cat sat on the mat.\n    draft: true\n"
        for n in range(12)
    )
    head = BANK.split("questions:\n")[0]
    root = make_project("cat", {"cats.yaml": head + "questions:\n" + questions})
    result = run_quizgen(root, "check")
    assert "12 question(s) still marked 'draft: true' (d0, d1," in result.stderr
    assert "d9 and 2 more)" in result.stderr

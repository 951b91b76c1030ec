"""One test per warning of the loader and the checker: each fixture bank names its expected warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness import FIXTURES

WARN = sorted((FIXTURES / "warn").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+): warning: (.*)")


@pytest.mark.parametrize("bank", WARN, ids=[p.stem for p in WARN])
def test_fixture_bank_warns_where_expected(bank: Path, make_project, run_quizgen) -> None:
    line, column, message = EXPECT.match(bank.read_text(encoding="utf-8")).groups()
    root = make_project("cat", {bank.name: bank.read_bytes()})
    result = run_quizgen(root, "check")
    assert f"questions/{bank.name}:{line}:{column}: warning: {message}" in result.stderr
    assert result.exit_code == 0, result.stderr
    strict = run_quizgen(root, "check", "--strict")
    assert f"questions/{bank.name}:{line}:{column}: error: {message}" in strict.stderr
    assert strict.exit_code == 1

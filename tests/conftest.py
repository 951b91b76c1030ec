"""Shared fixtures: fixture projects copied to a temporary folder, and the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Copy a fixture project (tests/fixtures/projects/<name>) or the repository's own banks."""

    def make(name: str = "mini", extra_banks: dict[str, str] | None = None) -> Path:
        root = tmp_path / name
        if name == "repo":
            root.mkdir()
            shutil.copytree(REPO / "questions", root / "questions")
            shutil.copytree(REPO / "seeds", root / "seeds")
        else:
            shutil.copytree(FIXTURES / "projects" / name, root)
        for filename, text in (extra_banks or {}).items():
            (root / "questions" / filename).write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def run_quizgen() -> Callable[..., Result]:
    """Run the CLI in-process on a project; returns click's Result (exit_code, output, stderr)."""

    def run(project: Path, *args: str) -> Result:
        return CliRunner().invoke(cli, ["--project", str(project), *args], catch_exceptions=False)

    return run

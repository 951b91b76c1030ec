"""The two ways a test meets quizgen: a copy of a fixture project, and the CLI run on it."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from quizgen.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECTS = FIXTURES / "projects"


def copy_project(
    parent: Path,
    name: str = "mini",
    extra_banks: Mapping[str, str | bytes] | None = None,
    *,
    add: Sequence[str] = (),
) -> Path:
    """Copy tests/fixtures/projects/<name> (or "repo": the repository's banks) into parent.

    Each name in `add` is another fixture folder copied over it (a scenario that only adds a bank
    or a file to a base project); `extra_banks` writes bank files read elsewhere, such as
    tests/fixtures/bad/*.yaml, into questions/.
    """
    root = parent / name
    if name == "repo":
        root.mkdir()
        shutil.copytree(REPO / "questions", root / "questions")
        shutil.copytree(REPO / "seeds", root / "seeds")
    else:
        shutil.copytree(PROJECTS / name, root)
    for layer in add:
        overlay(root, layer)
    for filename, data in (extra_banks or {}).items():
        path = root / "questions" / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def overlay(root: Path, name: str) -> None:
    """Copy the files of tests/fixtures/projects/<name> into an existing project."""
    shutil.copytree(PROJECTS / name, root, dirs_exist_ok=True)


def run_cli(project: Path, *args: str, env: Mapping[str, str] | None = None) -> Result:
    """Run `quizgen --project PROJECT ARGS…` in-process; an unexpected exception fails the test."""
    return CliRunner().invoke(
        cli, ["--project", str(project), *args], catch_exceptions=False, env=env
    )

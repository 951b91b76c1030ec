"""Shared fixtures: fixture projects copied to a temporary folder, the CLI runner, Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from click.testing import Result

from tests.browser_gate import CHROMIUM, decide_here
from tests.harness import copy_project, run_cli


@pytest.fixture(autouse=True)
def compiled_templates_in_the_session(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates go to one cache folder per test session, not to the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Copy a fixture project (tests/fixtures/projects/<name>) or the repository's own banks."""

    def make(
        name: str = "mini",
        extra_banks: Mapping[str, str | bytes] | None = None,
        *,
        add: Sequence[str] = (),
    ) -> Path:
        return copy_project(tmp_path, name, extra_banks, add=add)

    return make


@pytest.fixture
def run_quizgen() -> Callable[..., Result]:
    """Run the CLI in-process on a project; returns click's Result (exit_code, output, stderr)."""
    return run_cli


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium; without it the tests skip, or fail under CI (see browser_gate)."""
    action, reason = decide_here()
    if action == "fail":
        pytest.fail(reason, pytrace=False)
    if action == "skip":
        pytest.skip(reason)
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()

"""The browser suite is skipped on a machine without a browser, but never silently under CI."""

from __future__ import annotations

import pytest

from tests.browser_gate import decide


def test_everything_present_runs_whatever_the_environment() -> None:
    assert decide({}, True, True) == ("run", "")
    assert decide({"CI": "true"}, True, True) == ("run", "")


@pytest.mark.parametrize(
    ("playwright", "chromium", "missing"),
    [
        (False, True, "playwright"),
        (True, False, "Chromium at /usr/bin/chromium"),
        (False, False, "playwright (pip install -e '.[test]') and Chromium"),
    ],
    ids=["no-playwright", "no-chromium", "neither"],
)
def test_missing_browser_skips_outside_ci_and_fails_under_ci(
    playwright: bool, chromium: bool, missing: str
) -> None:
    action, reason = decide({}, playwright, chromium)
    assert action == "skip" and missing in reason and reason.endswith("./tasks test installs both")
    action, reason = decide({"CI": "true"}, playwright, chromium)
    assert action == "fail" and missing in reason and "under CI (CI=true)" in reason


@pytest.mark.parametrize(
    ("value", "action"),
    [("true", "fail"), ("1", "fail"), ("TRUE", "fail"), ("false", "skip"), ("", "skip")],
)
def test_ci_is_read_from_the_ci_variable(value: str, action: str) -> None:
    assert decide({"CI": value}, False, True)[0] == action

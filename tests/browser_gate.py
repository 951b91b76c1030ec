"""Whether the browser suite can run here, and what to do when it cannot: skip, or fail under CI."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

CHROMIUM = Path("/usr/bin/chromium")


def in_ci(environ: Mapping[str, str]) -> bool:
    """Return whether the environment says it is CI (CI=true, as CI services and .ci/run set it)."""
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def decide(
    environ: Mapping[str, str], has_playwright: bool, has_chromium: bool
) -> tuple[Literal["run", "skip", "fail"], str]:
    """Return what the browser suite does, and why: a missing browser skips it, except under CI."""
    missing = [
        what
        for what, present in (
            ("the Python package playwright (pip install -e '.[test]')", has_playwright),
            (f"Chromium at {CHROMIUM} (apt-get install chromium)", has_chromium),
        )
        if not present
    ]
    if not missing:
        return "run", ""
    reason = "browser tests need " + " and ".join(missing)
    if in_ci(environ):
        return "fail", f"{reason}; under CI (CI=true) they must run, so the run fails"
    return "skip", f"{reason}; ./tasks test installs both"


def decide_here() -> tuple[Literal["run", "skip", "fail"], str]:
    """Return the decision for this machine and environment."""
    has_playwright = importlib.util.find_spec("playwright") is not None
    return decide(os.environ, has_playwright, CHROMIUM.is_file())

"""Read quizgen.toml: per-command defaults for command-line options."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from quizgen.errors import Location, Problem, ProblemsFound

CONFIG_NAME = "quizgen.toml"


def load_config(root: Path, options: dict[str, set[str]]) -> dict[str, dict[str, object]]:
    """Return {command: {option: value}} from quizgen.toml, checked against known options.

    `options` maps each command to the option names it takes.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "Invalid value (at line 2, column 10)"
        found = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise ProblemsFound(
            [Problem(Location(CONFIG_NAME, line, column), "error", f"invalid TOML: {message}")]
        ) from exc
    problems = []
    for command, values in data.items():
        if command not in options or not isinstance(values, dict):
            expected = ", ".join(f"[{c}]" for c in sorted(options))
            problems.append(
                Problem(
                    _find(text, rf"\[\s*{re.escape(command)}\s*\]|^{re.escape(command)}\s*="),
                    "error",
                    f"unknown section '{command}'; expected one of: {expected}",
                )
            )
            continue
        for key in values:
            if key.replace("-", "_") not in options[command]:
                expected = ", ".join(sorted(o.replace("_", "-") for o in options[command]))
                problems.append(
                    Problem(
                        _find(text, rf"^\s*{re.escape(key)}\s*="),
                        "error",
                        f"[{command}]: unknown option '{key}'; expected one of: {expected}",
                    )
                )
    if problems:
        raise ProblemsFound(problems)
    return {c: {k.replace("-", "_"): v for k, v in vals.items()} for c, vals in data.items()}


def _find(text: str, pattern: str) -> Location:
    """Locate the first line matching a pattern (tomllib gives no positions)."""
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        return Location(CONFIG_NAME)
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    if text[match.start()].isspace():
        column += len(match.group(0)) - len(match.group(0).lstrip())
    return Location(CONFIG_NAME, line, column)

"""Read quizgen.toml: per-command defaults for command-line options."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from quizgen.errors import ConfigProblems, Location, Problem, closest

CONFIG_NAME = "quizgen.toml"

# an option's limits beyond its kind: what its value must be (for a message) when it is not
Limit = Callable[[object], str | None]


# what each kind of option accepts in TOML, and how an error names it
KINDS = {
    "flag": ((bool,), "true or false"),
    "flag_or_text": ((bool, str), "true, false or a quoted text"),  # print_source = "handout"
    "int": ((int,), "a whole number"),
    "count": ((int,), "a whole number of 1 or more"),
    "text": ((str,), "a quoted text"),
    # "pdf,anki" too, as on the command line
    "list": ((list, tuple, str), 'a list of texts like ["anki", "pdf"]'),
}


def load_config(
    root: Path,
    options: dict[str, dict[str, str]],
    only: str | None = None,
    skip: tuple[str, ...] = (),
    limits: Mapping[str, Mapping[str, Limit]] | None = None,
    refused: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, dict[str, object]]:
    """Return {command: {option: value}} from quizgen.toml, checked against known options.

    `options` maps each command to its options' names and kinds (a key of KINDS), `limits` some
    of them to a check of their range or choices, `refused` the options of a command that only
    its command line takes to why (`roster`: a class list is for one build). With `only`, just
    that command's section is read (the build applies [build] itself, as a library too);
    sections in `skip` are known but read and checked elsewhere.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    data = _parse(text)
    if only is not None:
        data = {only: data[only]} if only in data else {}
    data = {command: values for command, values in data.items() if command not in skip}
    problems = []
    result: dict[str, dict[str, object]] = {}
    refused = refused or {}
    for command, values in data.items():
        refusal = _refusal(text, command, values, refused)
        if refusal is not None:
            problems.append(refusal)
            continue
        if command in options and not isinstance(values, dict):
            where = _find(text, rf"^{re.escape(command)}\s*=")
            message = f"'{command}' must be a table: write [{command}] and its options below it"
            problems.append(Problem(where, "error", message))
            continue
        if not isinstance(values, dict) and (owners := _sections_of(command, options)):
            where = _find(text, rf"^{re.escape(command)}\s*=")
            places = " or ".join(f"[{owner}]" for owner in owners)
            message = (
                f"'{command}' is an option of {places}: an option above the first [section] "
                f"line belongs to no command; move it below the {places} line"
            )
            problems.append(Problem(where, "error", message))
            continue
        if not isinstance(values, dict) or command not in options:
            expected = ", ".join(f"[{c}]" for c in sorted({*options, *skip}))
            where = _find(text, rf"\[\s*{re.escape(command)}\s*\]|^{re.escape(command)}\s*=")
            message = f"unknown section '{command}'; expected one of: {expected}"
            problems.append(Problem(where, "error", message))
            continue
        own_limits = (limits or {}).get(command, {})
        problems += [
            problem
            for key, value in values.items()
            if (problem := _refusal(text, key, value, refused, command))
            or (problem := _option_problem(text, command, options[command], own_limits, key, value))
        ]
        problems += _spelled_twice(text, command, list(values))
        result[command] = {key.replace("-", "_"): value for key, value in values.items()}
    if problems:
        raise ConfigProblems(problems)
    return result


def _refusal(
    text: str,
    key: str,
    value: object,
    refused: Mapping[str, Mapping[str, str]],
    command: str | None = None,
) -> Problem | None:
    """Return the error for an option only the command line takes, in its [command] or above all."""
    name = key.replace("-", "_")
    if command is None:  # a key above the first [section] line: refused if a command refuses it
        if isinstance(value, dict):
            return None
        why = next((own[name] for _c, own in sorted(refused.items()) if name in own), None)
        where, shown = _find(text, rf"^{re.escape(key)}\s*="), f"'{key}'"
    else:
        why = refused.get(command, {}).get(name)
        where, shown = _find(text, rf"^\s*{re.escape(key)}\s*=", command), f"[{command}]: '{key}'"
    if why is None:
        return None
    return Problem(where, "error", f"{shown} cannot be set in {CONFIG_NAME}: {why}")


def _sections_of(name: str, options: dict[str, dict[str, str]]) -> list[str]:
    """Return the sections that have an option of this name (written with '-' or '_')."""
    key = name.replace("-", "_")
    return sorted(command for command, kinds in options.items() if key in kinds)


def _spelled_twice(text: str, command: str, keys: list[str]) -> list[Problem]:
    """Report an option set twice, once with '-' and once with '_' (TOML sees two keys)."""
    seen: dict[str, str] = {}
    problems = []
    for key in keys:
        name = key.replace("-", "_")
        if name in seen:
            message = f"[{command}]: '{key}' and '{seen[name]}' are the same option; keep one"
            where = _find(text, rf"^\s*{re.escape(key)}\s*=", command)
            problems.append(Problem(where, "error", message))
        seen[name] = key
    return problems


def _parse(text: str) -> dict[str, object]:
    """Return the TOML document; a syntax error is a located problem."""
    import tomllib  # here: a project without quizgen.toml never needs the TOML parser

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "Invalid value (at line 2, column 10)"
        found = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        lines = text.splitlines()
        bare = (
            re.fullmatch(r"\s*([\w-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(#.*)?", lines[line - 1])
            if found and line <= len(lines)
            else None
        )
        if bare is not None and message == "Invalid value":  # paper = A4: a text without quotes
            message += f'; put text in quotes: {bare[1]} = "{bare[2]}"'
        raise ConfigProblems(
            [Problem(Location(CONFIG_NAME, line, column), "error", f"invalid TOML: {message}")]
        ) from exc


def _option_problem(
    text: str,
    command: str,
    kinds: dict[str, str],
    limits: Mapping[str, Limit],
    key: str,
    value: object,
) -> Problem | None:
    """Return what is wrong with one option of a section, or None."""
    where = _find(text, rf"^\s*{re.escape(key)}\s*=", command)
    name = key.replace("-", "_")
    kind = kinds.get(name)
    if kind is None:
        names = sorted(o.replace("_", "-") for o in kinds)
        close = closest(key.replace("_", "-"), names)
        hint = f"did you mean '{close}'?" if close else f"expected one of: {', '.join(names)}"
        return Problem(where, "error", f"[{command}]: unknown option '{key}'; {hint}")
    expected = kind_problem(kind, value) or (limits[name](value) if name in limits else None)
    if expected:
        return Problem(where, "error", f"[{command}]: {key} must be {expected}, got {value!r}")
    return None


def kind_problem(kind: str, value: object) -> str | None:
    """Return what a value of this kind must be (for a message) if `value` is not one, else None."""
    types, expected = KINDS[kind]
    wrong = not isinstance(value, types) or (kind in ("int", "count") and isinstance(value, bool))
    if kind == "count" and not wrong:
        wrong = isinstance(value, int) and value < 1
    if kind == "list" and not wrong and isinstance(value, list | tuple):
        wrong = not all(isinstance(item, str) for item in value)
    return expected if wrong else None


def _find(text: str, pattern: str, section: str | None = None) -> Location:
    """Locate the first line matching a pattern, in a [section] if given (tomllib gives no positions)."""
    start = 0
    if section is not None:  # the same option may be set in several sections
        header = re.search(rf"^\s*\[\s*{re.escape(section)}\s*\]", text, re.MULTILINE)
        start = header.end() if header else 0
    match = re.compile(pattern, re.MULTILINE).search(text, start)
    if match is None:
        return Location(CONFIG_NAME)
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    if text[match.start()].isspace():
        column += len(match.group(0)) - len(match.group(0).lstrip())
    return Location(CONFIG_NAME, line, column)

"""A build's settings: the options given, over quizgen.toml's [build] table, checked by kind."""

from __future__ import annotations

import dataclasses
import functools
import os
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from quizgen.config import Limit, kind_problem, load_config
from quizgen.errors import UsageError
from quizgen.target_options import limit_problem
from quizgen.targets import target_names, target_options


def wanted_targets(only: Sequence[str]) -> list[str]:
    """Return the target names --only gives, each once (it may hold "anki,html"), as typed."""
    return list(dict.fromkeys(n.strip() for item in only for n in item.split(",") if n.strip()))


def resolve_targets(only: Sequence[str]) -> list[str]:
    """Return the targets to build in registry order; unknown names are a usage error."""
    names = target_names()
    wanted = wanted_targets(only)
    unknown = [n for n in wanted if n not in names]
    if unknown:
        raise UsageError(
            f"unknown target '{unknown[0]}'; expected one of: {', '.join(names) or '(none yet)'}"
        )
    return [n for n in names if not wanted or n in wanted]


LATEST_SOURCE_DATE = 4102444800  # 2100-01-01


def source_date_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH as an int, or None when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got '{value}'")
    if int(value) > LATEST_SOURCE_DATE:
        # zip entries and PDF dates end in 2107; a larger value is milliseconds or a typo
        hint = "; in milliseconds? Divide by 1000" if int(value) // 1000 > 10**9 else ""
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be seconds since 1970, at most {LATEST_SOURCE_DATE} (the "
            f"year 2100), got '{value}'{hint}"
        )
    return int(value)


def as_list(value: object) -> list[object]:
    """Return a list setting's items (quizgen.toml's checker makes sure it is a list)."""
    return list(value) if isinstance(value, list | tuple) else [value]


def build_option_kinds(targets: Sequence[str], in_config: bool = False) -> dict[str, str]:
    """Return every build option with its kind (the core's and the targets'), or quizgen.toml's."""
    kinds = dict(CORE_OPTIONS)
    for name in targets:
        options = target_options(name)
        hints = typing.get_type_hints(options)
        for f in dataclasses.fields(options):
            if in_config and "command_line_only" in f.metadata:
                continue  # the command line's alone (--roster: a class list is not a default)
            kind = _KIND_OF_TYPE.get(hints[f.name])
            if kind is None:  # a target's mistake, not the teacher's
                raise TypeError(
                    f"{options.__name__}.{f.name}: an option is bool, int, int | None, str, "
                    "bool | str or tuple[str, ...]"
                )
            kinds.setdefault(f.name, kind)  # (the core's own kind of an option it shares wins)
    return kinds


def build_option_limits(targets: Sequence[str]) -> dict[str, Limit]:
    """Return the [build] options with limits (a range, a choice), each with its check."""
    return {
        f.name: functools.partial(limit_problem, f)
        for name in targets
        for f in dataclasses.fields(target_options(name))
        if any(f.metadata.get(key) for key in ("low", "high", "choices"))
    }


class ConfigRules(NamedTuple):
    """What quizgen.toml's [build] table may set, and what it may not."""

    kinds: dict[str, str]  # every option it may set, with its kind (quizgen.config.KINDS)
    limits: dict[str, Limit]  # those with a range or a choice, with its check
    refused: dict[str, str]  # the options only the command line takes, with why


def build_config_rules() -> ConfigRules:
    """Return the kinds, limits and refusals of the options of quizgen.toml's [build] table."""
    names = target_names()
    kinds = build_option_kinds(names, in_config=True)
    limits = {"only": _known_targets, **build_option_limits(names)}
    return ConfigRules(kinds, limits, _command_line_only())


def _known_targets(value: object) -> str | None:
    """Return what `only` must be if it names a target there is not ("pdf,anki" is two)."""
    try:
        resolve_targets([str(item) for item in as_list(value)])
    except UsageError:
        return f"a list of targets among {', '.join(target_names())}"
    return None


# jobs: the processes that read banks and make targets at once (the PDF target's renders too)
CORE_OPTIONS = {"only": "list", "out": "text", "strict": "flag", "jobs": "count"}
_KIND_OF_TYPE: dict[object, str] = {
    bool: "flag",
    bool | str: "flag_or_text",
    int: "int",
    int | None: "int",
    str: "text",
    tuple[str, ...]: "list",
}


def build_settings(root: Path, given: Mapping[str, object]) -> dict[str, object]:
    """Return the build's settings: quizgen.toml's [build] section, overridden by `given`."""
    rules = build_config_rules()
    kinds = build_option_kinds(target_names())
    given = {k: str(v) if isinstance(v, os.PathLike) else v for k, v in given.items()}
    if isinstance(given.get("only"), str):  # "pdf,anki", as on the command line
        given["only"] = [given["only"]]
    for name, value in given.items():
        if name not in kinds:
            raise UsageError(f"unknown build option '{name}'; expected one of: {', '.join(kinds)}")
        expected = kind_problem(kinds[name], value) if value is not None else None
        if expected:
            raise UsageError(f"build option '{name}' must be {expected}, got {value!r}")
    config = load_config(
        root,
        {"build": rules.kinds},
        only="build",
        limits={"build": rules.limits},
        refused={"build": rules.refused},
    )
    configured = config.get("build", {})
    values = {**configured, **{k: v for k, v in given.items() if v is not None}}
    if isinstance(values.get("paper"), str):  # "A4" as a teacher writes it, "a4" as quizgen does
        values["paper"] = str(values["paper"]).lower()
    if isinstance(values.get("print_source"), str):  # "Handout", or true written "true"
        text = str(values["print_source"]).lower()
        values["print_source"] = {"true": True, "false": False}.get(text, text)
    _refuse_unbuilt(values, given, from_config="only" not in given)
    return values


def _refuse_unbuilt(
    values: Mapping[str, object], given: Mapping[str, object], from_config: bool
) -> None:
    """Raise UsageError for an option given for this build alone that no target built takes.

    Left out with its target, it would change nothing, and nothing would say so: --roster's
    worksheets, --variants' variants, --combine's deck would silently not be made. A default
    in quizgen.toml is for many builds: it is not refused.
    """
    built = resolve_targets([str(n) for n in as_list(values.get("only") or ())])
    for name, targets in _options_of_targets().items():
        if name not in given or given[name] is None or any(t in built for t in targets):
            continue
        option, where = "--" + name.replace("_", "-"), "--only"
        if from_config:
            where = "quizgen.toml's [build] only"
        raise UsageError(
            f"{option} is for the {' or '.join(targets)} target, which {where} leaves out (it "
            f"builds {', '.join(built)}); add {'it' if len(targets) == 1 else 'one'}, --only "
            f"{','.join([*built, targets[0]])}, or "
            f"leave out {option}"
        )


def _options_of_targets() -> dict[str, list[str]]:
    """Return each target option that is not the core's, with the targets that take it."""
    found: dict[str, list[str]] = {}
    for target in target_names():
        for f in dataclasses.fields(target_options(target)):
            if f.name not in CORE_OPTIONS:
                found.setdefault(f.name, []).append(target)
    return found


def _command_line_only() -> dict[str, str]:
    """Return the options only the command line takes, each with why."""
    return {
        f.name: str(f.metadata["command_line_only"])
        for target in target_names()
        for f in dataclasses.fields(target_options(target))
        if "command_line_only" in f.metadata
    }

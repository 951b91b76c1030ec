"""A new project's quizgen.toml: every option of every command, commented out, with its default.

Made from the command line's own options (and the build's, which its targets add to), so that
the file a new project starts with names every option there is, and nothing that is not.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

import click  # the file describes the command line's options: their names, defaults and help

from quizgen.bank.header import HEADER_FIELDS
from quizgen.settings import build_option_kinds
from quizgen.targets import target_names, target_options

HEADER = """\
# quizgen.toml: this project's defaults for quizgen's options, one [table] per command.
# Every option is listed with its default, commented out. To change one, delete the "# " before
# it and keep it under its [table]; options typed on the command line still win.
# More in docs/cli.md (quizgen's documentation).
"""

# what an option without a default is shown with: an example, by name or else by kind
_EXAMPLES_BY_NAME: dict[str, object] = {"source": "seeds/article.txt", "language": "de"}
_EXAMPLES: dict[str, object] = {
    "count": 1,
    "int": 0,
    "text": "",
    "flag": False,
    "flag_or_text": False,
    "list": [],
}


def config_template(
    commands: Mapping[str, click.Command], kinds: Mapping[str, Mapping[str, str]]
) -> str:
    """Return quizgen.toml's text: one table per command that has options, `build` the targets' too.

    `kinds` gives each command's options as quizgen.toml takes them ({command: {option: kind}},
    a kind of quizgen.config.KINDS); the build's come from its targets instead.
    """
    parts = [HEADER]
    for name, command in commands.items():
        params = {p.name: p for p in command.params if isinstance(p, click.Option) and p.name}
        context = click.Context(command)  # what the option's default is when nothing is given
        if name == "build":
            names = build_option_kinds(target_names(), in_config=True)
            lines = [
                _option(option, kind, params.get(option), context) for option, kind in names.items()
            ]
        else:
            own = kinds.get(name, {})
            lines = [
                _option(option, own[option], param, context)
                for option, param in params.items()
                if option in own
            ]
        if lines:
            parts.append(f"\n[{name}]\n" + "".join(lines))
    parts.append(HEADER_TABLE)
    return "".join(parts)


# not a command's options: every bank's header line (quizgen.bank.header)
HEADER_TABLE = """
[header]
# The line at the top of every worksheet and key; a bank's own `header:` wins, field by field.
""" + "".join(f'# {name} = ""\n' for name in HEADER_FIELDS)


def _option(name: str, kind: str, param: click.Option | None, context: click.Context) -> str:
    """Return an option's lines: its help (and where the default is not a value), then its line."""
    default: object = param.get_default(context) if param else _target_default(name)
    if not isinstance(default, bool | int | str | tuple | list | os.PathLike):
        default = None  # click's "no default" (None, or its UNSET marker)
    if default is None and param is not None and param.multiple:
        default = ()
    help_text = (param.help or "") if param is not None else ""
    if param is not None and isinstance(param.type, click.Choice):
        help_text += " One of: " + ", ".join(str(c) for c in param.type.choices) + "."
    value: object = default
    if default is None:
        value = _EXAMPLES_BY_NAME.get(name, _EXAMPLES[kind])
        help_text += " The line shows an example."
    if param is not None and param.required and default is None:
        help_text += " Required on the command line unless set here."
    comment = f"# {help_text.strip()}\n" if help_text.strip() else ""
    return f"{comment}# {name.replace('_', '-')} = {_toml_value(value)}\n"


def _target_default(name: str) -> object:
    """Return the default of a target's option that the command line does not have."""
    import dataclasses

    for target in target_names():
        for field in dataclasses.fields(target_options(target)):
            if field.name == name and field.default is not dataclasses.MISSING:
                return field.default
    return None


def _toml_value(value: object) -> str:
    """Return a value as TOML writes it (JSON's strings and lists are TOML's too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    return json.dumps(os.fspath(value) if isinstance(value, os.PathLike) else str(value))

"""The header line of a bank's worksheets: `header:` in the bank, `[header]` in quizgen.toml."""

from __future__ import annotations

from pathlib import Path

import yaml

from quizgen.bank.node_reader import NodeReader, describe, plain_value
from quizgen.config import kind_problem, load_config
from quizgen.model import SheetHeader

# as a teacher writes them, in the bank and in quizgen.toml; `class` is `class_name` in Python
HEADER_FIELDS = ("school", "class", "teacher")
HEADER_KINDS = {name: "text" for name in HEADER_FIELDS}  # quizgen.toml's [header] table


def read_header(reader: NodeReader, node: yaml.Node) -> SheetHeader | None:
    """Return a bank's `header:` mapping; a field left out is None (quizgen.toml may give it)."""
    if not isinstance(node, yaml.MappingNode):
        reader.error(
            node,
            f"bank header must be a mapping, not {describe(node)}; write the fields "
            f"{', '.join(HEADER_FIELDS)} on lines of their own below it, e.g. '  school: …'",
        )
        return None
    entries = reader.mapping(node, "bank header")
    if entries is None:  # pragma: no cover - a mapping node was checked above
        return None
    reader.fields(entries, node, "bank header", HEADER_FIELDS, ())
    values = {
        name: _header_text(reader, name, entries[name][1]) if name in entries else None
        for name in HEADER_FIELDS
    }
    if any(values[name] is None for name in entries if name in HEADER_FIELDS):
        return None  # a value was reported as wrong
    return SheetHeader(values["school"], values["class"], values["teacher"])


def _header_text(reader: NodeReader, name: str, node: yaml.Node) -> str | None:
    """Return one field's text as quizgen.toml's [header] takes it; None when it is reported.

    TOML has no null: quizgen.toml's empty text ("") prints the field blank, so YAML's empty
    value, `~` and `null` do too (and stand for the bank, over quizgen.toml's value).
    """
    if not isinstance(node, yaml.ScalarNode):
        return reader.text(node, f"bank header {name}")  # (reported: a list or a mapping)
    value = plain_value(node)
    if value is None:
        return ""
    expected = kind_problem(HEADER_KINDS[name], value)
    if expected:
        reader.error(
            node,
            f"bank header {name} must be {expected}, got {node.value}; put it in quotes: "
            f'{name}: "{node.value}"',
        )
        return None
    return reader.text(node, f"bank header {name}", allow_empty=True)


def header_defaults(root: Path) -> SheetHeader:
    """Return quizgen.toml's [header] table (every bank's unless it says otherwise); checked."""
    values = load_config(root, {"header": HEADER_KINDS}, only="header").get("header", {})
    texts = {name: str(values[name]) if name in values else None for name in HEADER_FIELDS}
    return SheetHeader(texts["school"], texts["class"], texts["teacher"])

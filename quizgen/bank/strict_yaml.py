"""Read YAML without surprises: no tags, anchors or aliases; every scalar stays text."""

from __future__ import annotations

from typing import Any, Protocol

import yaml

try:  # libyaml's parser, shipped in PyYAML's wheels
    from yaml._yaml import CParser as _CParser

    CParser: Any = _CParser
except ImportError:  # pragma: no cover - a PyYAML built without it
    CParser = None

from quizgen.bank.yaml_slips import explain_syntax_error
from quizgen.errors import Location, Problem

# a hand-written bank is far smaller; 10 MiB (about 16,000 questions) checks in about 3 s and
# 190 MiB of memory, growing linearly with the size (bench/README.md), as a source text may be
MAX_BANK_BYTES = 10 * 1024 * 1024


class _StrictLoader(yaml.BaseLoader):
    """A composer that records anchors, aliases and tags as problems.

    BaseLoader's resolver tags every plain scalar as a string, so `NO`, `on`, `1.10`
    and `2024-11-20` keep their spelling; the schema decides what becomes a number.
    """

    def __init__(self, stream: str, display_path: str) -> None:
        super().__init__(stream)
        self.display_path = display_path
        self.problems: list[Problem] = []

    def _error(self, mark: Mark | None, message: str) -> None:
        self.problems.append(Problem(mark_location(self.display_path, mark), "error", message))

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # The composer calls this only where a node starts (alias, scalar, list or mapping);
        # types-PyYAML leaves Parser.peek_event unannotated.
        event: yaml.NodeEvent = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self._error(
                event.start_mark, f"alias '*{event.anchor}' is not allowed; write the value out"
            )
        elif event.anchor is not None:
            self._error(
                event.start_mark, f"anchor '&{event.anchor}' is not allowed; write the value out"
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._error(event.start_mark, f"tag '{shown}' is not allowed; write plain YAML")
        return super().compose_node(parent, index)


class _Unusual(Exception):
    """The fast path met something only the strict Python composer reports exactly."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))


def _compose_with_libyaml(text: str) -> yaml.Node | None:
    """Return the document composed from libyaml's events, or None to take the strict path.

    libyaml parses about 15 times faster than PyYAML's Python parser and gives the same marks.
    Anything unusual (an anchor, alias or tag, a syntax error, several documents, an empty
    file, deep nesting) goes to the Python composer, so its messages stay exactly as they are.
    """
    if CParser is None:  # PyYAML built without libyaml
        return None
    parser = CParser(text)
    try:
        parser.get_event()  # stream start
        if not isinstance(parser.get_event(), yaml.DocumentStartEvent):
            return None  # empty
        node = _node(parser.get_event, parser.get_event())
        parser.get_event()  # document end
        return node if isinstance(parser.get_event(), yaml.StreamEndEvent) else None
    except (yaml.YAMLError, _Unusual, RecursionError):
        return None
    finally:
        parser.dispose()


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent


def _node(get: Any, event: Any) -> yaml.Node:
    """Compose the node `event` starts as BaseLoader does (every scalar a string, no tags, anchors
    or aliases), taking the events of its contents with `get`.

    Each event is taken once, compared by its exact type (libyaml makes no subclasses): a bank
    has tens of thousands, and this loop is a third of reading one.
    """
    kind = type(event)
    if event.anchor is not None or kind is _ALIAS:  # (an alias's anchor is the one it names)
        raise _Unusual
    if event.tag is not None and event.tag != "!":
        raise _Unusual
    # libyaml's marks: the same line and column as PyYAML's
    if kind is _SCALAR:
        return yaml.ScalarNode(
            _STR, event.value, event.start_mark, event.end_mark, style=event.style or None
        )
    if kind is _SEQ_START:
        items: list[yaml.Node] = []
        node: yaml.Node = yaml.SequenceNode(
            _SEQ, items, event.start_mark, None, flow_style=event.flow_style
        )
        event = get()
        while type(event) is not _SEQ_END:
            items.append(_node(get, event))
            event = get()
    elif kind is _MAP_START:
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        node = yaml.MappingNode(_MAP, pairs, event.start_mark, None, flow_style=event.flow_style)
        event = get()
        while type(event) is not _MAP_END:
            key = _node(get, event)
            pairs.append((key, _node(get, get())))
            event = get()
    else:  # pragma: no cover - libyaml yields only these inside a document
        raise _Unusual
    node.end_mark = event.end_mark
    return node


# PyYAML's words for the slips teachers make most, and what to do about them
_HINTS = (
    (
        "mapping values are not allowed here",
        "put text that contains ': ' in quotes, or check the indentation",
    ),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("expected <block end>", "check the indentation: fields of one question line up under 'id'"),
    (
        "could not find expected ':'",
        "each line needs 'field: value'; put text that spans lines in quotes",
    ),
)


def _hint(detail: str) -> str:
    """Return advice for a PyYAML message that a teacher may not understand, or ''."""
    for words, advice in _HINTS:
        if words in detail:
            return f"; {advice}"
    return ""


class Mark(Protocol):
    """Where PyYAML saw something (0-based), from its Python or its C parser."""

    line: int
    column: int


def mark_location(display_path: str, mark: Mark | None) -> Location:
    """Turn a PyYAML mark (0-based) into a 1-based Location."""
    if mark is None:
        return Location(display_path)
    return Location(display_path, mark.line + 1, mark.column + 1)


def node_location(display_path: str, node: yaml.Node) -> Location:
    """Return where a node starts."""
    return mark_location(display_path, node.start_mark)


def decode_text(
    data: bytes, display_path: str, what: str = "file"
) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a BOM is allowed), locating the first invalid byte."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = (
            len(line_start.decode("utf-8", errors="replace")) + 1
        )  # in characters, as editors count
        message = f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        return None, [Problem(Location(display_path, line, column), "error", message)]


def read_yaml_file(data: bytes, display_path: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse one bank file into a node tree; return it with every problem found."""
    where = Location(display_path)
    if len(data) > MAX_BANK_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f} MiB"
        limit = f"{MAX_BANK_BYTES // 1024 // 1024} MiB"
        message = f"file is {size}; a bank may be at most {limit} (split it into several banks)"
        return None, [Problem(where, "error", message)]
    text, problems = decode_text(data, display_path)
    if text is None:
        return None, problems
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [
            Problem(
                Location(display_path, line),
                "error",
                "file contains a NUL byte; is it a text file?",
            )
        ]
    fast = _compose_with_libyaml(text)
    if fast is not None:
        return fast, []
    loader = None
    try:
        loader = _StrictLoader(text, display_path)
        node = loader.get_single_node()
    except RecursionError:
        message = "nesting is too deep; a bank nests mappings and lists only a few levels"
        return None, [Problem(where, "error", message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            detail = f"{exc.context}, {exc.problem}"
        detail += _hint(detail)
        where = mark_location(display_path, mark)
        lines = [m.line for m in (exc.problem_mark, exc.context_mark) if m is not None]
        slip = explain_syntax_error(text, lines)
        if slip is not None:  # a slip we can name: say it in plain words, with the fix
            line, column, detail = slip
            where = Location(display_path, line, column)
        return None, [Problem(where, "error", f"invalid YAML: {detail}")]
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: control character U+{code:04X} is not allowed; remove it"
        return None, [Problem(Location(display_path, line, column), "error", message)]
    except yaml.YAMLError as exc:
        return None, [Problem(where, "error", f"invalid YAML: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        message = (
            "file is empty; expected a mapping with bank, title, language, source and questions"
        )
        return None, [Problem(where, "error", message)]
    return node, loader.problems

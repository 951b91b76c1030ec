"""Typed values out of YAML nodes, each mistake recorded as a located problem."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import yaml

from quizgen.bank.yaml_slips import comment_cut, curly_quoted
from quizgen.errors import Location, Problem, closest

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
NUMBER_PATTERN = re.compile(r"[+-]?\d+([.,]\d+)?")
# C0 and C1 controls except tab and line breaks; U+001F would even split Anki's note fields
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# what only an escape ("\uffff", "\ud800") writes: no character at all, which XML cannot hold
# and a UTF-8 file cannot be written with (the QTI export failed on it)
NOT_A_CHARACTER = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
# In a file without these bytes no value can hold a control character: one is either written
# as it is (C0 in UTF-8 a byte of its own) or as a backslash escape ("\x1f"); a C1 control
# written as it is, YAML itself refuses (and reads U+0085 as a line break). A pattern that also
# looked for C1 (0xC2 0x80-0x9F) scanned 3 times slower.
_MAYBE_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\\]")
# a '#' after a value on its line (a comment, or text YAML cuts off), a tab, a curly quote
_MAYBE_COMMENT = re.compile(rb"\S[ \t]+#")
_MAYBE_SLIP = re.compile(rb"\t|\xe2\x80[\x98-\x9e]|\xc2[\xab\xbb]")
# what YAML 1.2's core schema (an editor's, the bank schema's) reads an unquoted scalar as
_PLAIN_NULL = re.compile(r"~|null|Null|NULL|")
_PLAIN_BOOLEAN = re.compile(r"true|True|TRUE|false|False|FALSE")
_PLAIN_INTEGER = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_PLAIN_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)

Entries = dict[str, tuple[yaml.Node, yaml.Node]]


class NodeReader:
    """Reads typed values out of YAML nodes, recording a located problem for each mistake."""

    def __init__(self, display_path: str, data: bytes | None = None) -> None:
        """Read nodes of the file at `display_path`; `data`, its bytes, may spare some checks."""
        self.display_path = display_path
        self.problems: list[Problem] = []
        # (about a tenth of the time of reading a bank goes to looking for control characters)
        self._may_hold_controls = data is None or _MAYBE_CONTROL.search(data) is not None
        self._may_hold_slips = data is None or _MAYBE_SLIP.search(data) is not None
        self._data = data
        self._lines: list[str] | None = None
        if data is not None and (b"#" not in data or _MAYBE_COMMENT.search(data) is None):
            self._lines = []  # no value on any line is followed by a comment

    def at(self, node: yaml.Node) -> Location:
        return Location(self.display_path, *self.position(node))

    def position(self, node: yaml.Node) -> tuple[int, int]:
        """Return the line and column (from 1) where a node starts."""
        mark = node.start_mark  # 0-based, as PyYAML counts
        return mark.line + 1, mark.column + 1

    def error(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.at(where)
        self.problems.append(Problem(location, "error", message))

    def warning(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.at(where)
        self.problems.append(Problem(location, "warning", message))

    def mapping(self, node: yaml.Node, what: str) -> Entries | None:
        """Return a mapping's entries by key; duplicate and non-text keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node, f"{what} must be a mapping of 'field: value' lines, not {describe(node)}"
            )
            return None
        entries: Entries = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, f"{what} has a key that is {describe(key)}; expected a field name")
                continue
            if not self._printable(key, f"{what}: key"):
                continue
            if key.value in entries:
                first = self.at(entries[key.value][0])
                self.error(key, f"duplicate key '{key.value}' (first given on line {first.line})")
                continue
            entries[key.value] = (key, value)
        return entries

    def fields(
        self,
        entries: Entries,
        owner: yaml.Node,
        what: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        known: tuple[str, ...] = (),
    ) -> None:
        """Report unknown fields (with a hint) and missing required ones."""
        for name, (key, _value) in entries.items():
            if name in allowed:
                continue
            if name in known:
                self.error(
                    key,
                    f"{what}: field '{name}' is not used by this question type; "
                    f"expected one of: {', '.join(allowed)}",
                )
                continue
            hint = closest(name, allowed + known)
            suggestion = (
                f"; did you mean '{hint}'?" if hint else f"; expected one of: {', '.join(allowed)}"
            )
            self.error(key, f"{what}: unknown field '{name}'{suggestion}")
        for name in required:
            if name not in entries:
                self.error(owner, f"{what}: missing required field '{name}'")

    def text(
        self, node: yaml.Node, what: str, *, allow_empty: bool = False, prose: bool = True
    ) -> str | None:
        """Return a scalar's text exactly as written; `prose` texts are looked at for slips."""
        if not isinstance(node, yaml.ScalarNode):
            hint = ""
            if getattr(node, "flow_style", False) and isinstance(node, yaml.SequenceNode):
                hint = "; a text that starts with '[' must be in quotes"
            self.error(node, f"{what} must be text, not {describe(node)}{hint}")
            return None
        if not allow_empty and not node.value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        if not self._printable(node, what):
            return None
        text: str = node.value  # BaseLoader keeps every scalar as text
        if prose:
            self._slips(node, what)
        return text

    def _slips(self, node: yaml.ScalarNode, what: str) -> None:
        """Warn of a text YAML cut at ' #', curly quotes taken for YAML's, a pasted tab."""
        value: str = node.value
        if node.style is None and self._lines != []:
            line = self._line(node.end_mark.line)
            comment = comment_cut(line, node.end_mark.column)
            if comment is not None and (" " in value or not comment.startswith("# ")):
                column = line.index(comment, node.end_mark.column) + 1
                self.warning(
                    Location(self.display_path, node.end_mark.line + 1, column),
                    f"{what}: YAML reads '{comment}' as a comment and cuts the text before it "
                    f'("{_tail(value)}"); if it belongs to the text, put the whole text in '
                    "double quotes",
                )
        if not self._may_hold_slips:
            return
        if node.style is None and curly_quoted(value):
            answer = what.endswith((": answer", ": answer item"))
            effect = (
                "the quiz would expect them typed and mark the right answer wrong"
                if answer
                else "students see them"
            )
            message = (
                f"{what} is wrapped in curly quotes {value[0]}…{value[-1]}, which YAML keeps as "
                f'part of the text ({effect}); write "{value[1:-1]}" in straight quotes, '
                "or leave the quotes out"
            )
            (self.error if answer else self.warning)(node, message)
        if "\t" in value:
            where = self.at(node)
            if node.style is None and "\n" not in value:
                where = Location(where.path, where.line, where.column + value.index("\t"))
            self.warning(
                where,
                f"{what} contains a tab (pasted from a word processor?); replace it with a space",
            )

    def _line(self, number: int) -> str:
        """Return a line of the file (0-based), read once when first needed."""
        if self._lines is None:
            data = self._data or b""
            self._lines = data.decode("utf-8-sig", errors="replace").splitlines()
        return self._lines[number] if number < len(self._lines) else ""

    def _printable(self, node: yaml.ScalarNode, what: str) -> bool:
        """Refuse control characters (a YAML escape such as "\\x1f" can write them): no output can show them."""
        if not self._may_hold_controls:
            return True
        found = CONTROL_CHARACTER.search(node.value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            self.error(node, f"{what} contains the control character {code}; remove it")
            return False
        odd = NOT_A_CHARACTER.search(node.value)
        if odd:
            code = f"U+{ord(odd.group()):04X}"
            self.error(
                node,
                f"{what} contains {code}, which is no character any output can hold "
                '(an escape such as "\\uffff" writes it); remove it',
            )
            return False
        return True

    def text_list(self, node: yaml.Node, what: str, *, minimum: int = 1) -> list[str] | None:
        """Return a list of non-empty texts with at least `minimum` items."""
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list like [a, b], not {describe(node)}")
            return None
        read = [self.text(item, f"{what} item") for item in node.value]
        values = [v for v in read if v is not None]
        if len(values) < len(read):
            return None
        if len(values) < minimum:
            self.error(
                node,
                f"{what} needs at least {minimum} item{'s' if minimum > 1 else ''}, got {len(values)}",
            )
            return None
        return values

    def integer(self, node: yaml.Node, what: str, *, minimum: int) -> int | None:
        """Return a whole number written in plain digits."""
        value = self.text(node, what, prose=False)
        if value is None:
            return None
        if not re.fullmatch(r"\d+", value.strip()) or int(value) < minimum:
            self.error(node, f"{what} must be a whole number ≥ {minimum}, got '{value}'")
            return None
        return int(value)

    def number(self, node: yaml.Node, what: str, *, decimal_comma: bool) -> Decimal | None:
        """Return a decimal number; `2,5` is accepted only in decimal-comma languages."""
        value = self.text(node, what, prose=False)
        if value is None:
            return None
        written = value.strip()
        if NUMBER_PATTERN.fullmatch(written) and ("," not in written or decimal_comma):
            try:
                return Decimal(written.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
                pass
        example = "2,5 or 2.5" if decimal_comma else "2.5"
        self.error(node, f"{what} must be a number like {example}, got '{value}'")
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        """Return true or false, written exactly so."""
        value = self.text(node, what, prose=False)
        if value is None:
            return None
        if value.strip() in ("true", "false"):
            return value.strip() == "true"
        self.error(node, f"{what} must be true or false, got '{value}'")
        return None

    def identifier(self, node: yaml.Node, what: str) -> str | None:
        """Return an id matching ID_PATTERN."""
        value = self.text(node, what, prose=False)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.error(
                node,
                f"{what} '{value}' must be 1–64 lowercase letters, digits and hyphens, "
                "starting with a letter or digit",
            )
            return None
        return value


def _tail(text: str) -> str:
    """Return the end of a text, for a message: "… the last words"."""
    return text if len(text) <= 40 else "…" + text[-39:].lstrip()


def plain_value(node: yaml.ScalarNode) -> object:
    """Return a scalar as YAML 1.2 reads it: None, a bool, an int, a float, or else its text.

    The loader reads every value as text (`correct: NO` is the text "NO"); a field whose
    value must be text as quizgen.toml's must (`class: 7`: write "7") asks what it is first.
    """
    value: str = node.value
    if node.style is not None:  # quoted, or a block (| or >): text as written
        return value
    if _PLAIN_NULL.fullmatch(value):
        return None
    if _PLAIN_BOOLEAN.fullmatch(value):
        return value.lower() == "true"
    if _PLAIN_INTEGER.fullmatch(value):
        base = {"0o": 8, "0x": 16}.get(value[:2], 10)
        return int(value[2:] if base != 10 else value, base)
    if _PLAIN_FLOAT.fullmatch(value):
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value


def describe(node: yaml.Node) -> str:
    """Describe a node's shape for an error message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text '{node.value}'" if node.value else "empty"

"""The YAML slips a teacher makes, explained in plain words with the fix."""

from __future__ import annotations

import re

# a line as a bank writes it: an optional list dash, an optional "field:", then the value
_LINE = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)?)(?:(?P<key>[^\s'\"#:][^:#]*?):[ \t]+)?(?P<value>.*)"
)
# characters that make YAML read something other than text when a value starts with them
_INDICATORS = {
    "*": "an alias",
    "&": "an anchor",
    "!": "a tag",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "[": "a list",
    "{": "a mapping",
    "-": "a list entry",
}
# curly quotes a word processor sets: as a text's first and last character they are no YAML quotes
CURLY_OPENING = "“”„‘’‚«»"
CURLY_CLOSING = "”“’‘«»"


def explain_syntax_error(text: str, lines: list[int]) -> tuple[int, int, str] | None:
    """Return (line, column, message), 1-based, for a syntax error a slip on one of `lines` caused."""
    all_lines = text.splitlines()
    for number in lines:
        if 0 <= number < len(all_lines):
            found = _explain_line(all_lines[number])
            if found is not None:
                column, message = found
                return number + 1, column + 1, message
    return None


def _explain_line(line: str) -> tuple[int, str] | None:
    """Return (0-based column, message) for the slip on a line, or None."""
    match = _LINE.fullmatch(line.rstrip())
    if match is None or not match["value"]:
        return None
    value, start = match["value"], match.start("value")
    field = f"{match['key']}: " if match["key"] else match["lead"].strip() + " "
    if value.startswith("'"):
        return _apostrophe(value, start, field)
    first = value[0]
    if first not in _INDICATORS or (first == "-" and not value[1:2].isspace()):
        return None
    if first in "[{" and value.rstrip().endswith("]}"[first == "{"]) and "[[" not in value:
        return None  # a list or mapping written on one line: its mistake is elsewhere
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return start, (
        f"a text that starts with '{first}' must be in quotes (YAML reads '{first}' as "
        f"{_INDICATORS[first]}); write: {field.lstrip()}{quoted}"
    )


def _apostrophe(value: str, start: int, field: str) -> tuple[int, str] | None:
    """Explain an apostrophe that ends a single-quoted text early: "'Where's the dog?'"."""
    at = 1
    while True:
        at = value.find("'", at)
        if at < 0:
            return None
        if value[at + 1 : at + 2] == "'":  # '' is YAML's way to write an apostrophe
            at += 2
            continue
        break
    rest = value[at + 1 :]
    if not rest or rest[0] in " \t,]}#:":
        return None  # the text ends here as meant
    inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
    word = re.findall(r"\S*$", value[1:at])[0] + "'" + re.findall(r"^[^\s']*", rest)[0]
    doubled = "'" + inner.replace("'", "''") + "'"
    quoted = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return start + at, (
        f'the apostrophe in "{word}" ends the text in single quotes; write it twice '
        f"({field.lstrip()}{doubled}) or use double quotes ({field.lstrip()}{quoted})"
    )


def comment_cut(line: str, end_column: int) -> str | None:
    """Return the comment that follows a plain text on its line (YAML drops it), or None."""
    rest = line[end_column:]
    found = re.match(r"[ \t]+(#.*)", rest)
    return found[1].rstrip() if found else None


def curly_quoted(value: str) -> bool:
    """Return whether a text starts and ends with a curly quote, as if it were YAML's quotes."""
    return (
        len(value) >= 3
        and value[1:-1].strip() != ""
        and value[0] in CURLY_OPENING
        and value[-1] in CURLY_CLOSING
        and not any(q in value[1:-1] for q in CURLY_OPENING + CURLY_CLOSING)
    )

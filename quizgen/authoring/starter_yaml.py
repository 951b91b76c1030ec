"""Write a starter bank as commented YAML, every text in double quotes (safe whatever it holds)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from quizgen.authoring.examples import Example, Value

_INDENT = "    "
_FLOW_WIDTH = 80  # a list of short texts on one line, a longer one item by item

# the optional fields each type may add, shown commented out below its example
_OPTIONAL = {
    "single": ("shuffle: false        # keep the written order of the options",),
    "multiple": (
        "scoring: partial      # each right tick earns its share (minus wrong ticks)",
        "shuffle: false        # keep the written order of the options",
    ),
    "truefalse": (),
    "cloze": (
        "scoring: partial      # each right gap earns its share",
        "exact: true           # compare as written (case too), only spaces aside",
    ),
    "short": ("exact: true           # compare as written (case too), only spaces aside",),
    "numeric": (
        "tolerance: 0          # how far off an answer may be",
        "unit: km              # shown after the answer box",
    ),
    "match": ("scoring: partial      # each right pair earns its share",),
    "order": ("scoring: partial      # each item in its right place earns its share",),
}
_ALWAYS = (
    "explanation: …        # Markdown: shown after answering, on the card's back, in the key",
    "tags: [topic]         # added to the bank's tags",
    "points: 2             # a whole number, default 1",
)


def render_bank(header: Mapping[str, str], examples: Sequence[Example]) -> str:
    """Return the starter bank's text: the schema line, commented bank fields, the questions.

    The header's source is written as it is: the caller quotes it where YAML needs that.
    """
    guessed = f" (guessed: {header['guessed']})" if header["guessed"] else ""
    lines = [
        f"# yaml-language-server: $schema={header['schema']}",
        "#",
        f"# A starter bank drawn from {header['source']} by quizgen new: one example of every",
        "# question type, each quoting a sentence of the text. Rewrite the prompts and answers,",
        "# delete what you do not need, copy an example to add a question. `quizgen check`",
        "# proves every quote is in the text, `quizgen build` makes the outputs. Lines starting",
        "# with # are comments: remove the # of an optional field to use it.",
        "# The format: docs/format.md; YAML in brief: docs/authoring.md.",
        "",
        f"bank: {header['bank']}" + _pad(f"bank: {header['bank']}") + "# names the outputs",
        f"title: {_quoted(header['title'])}",
        f"language: {header['language']}"
        + _pad(f"language: {header['language']}")
        + f"# BCP 47: de, en, de-AT …{guessed}",
        f"source: {header['source']}"
        + _pad(f"source: {header['source']}")
        + "# the text the questions quote",
        "# description: …        # Markdown, shown on the site",
        "# tags: [topic]         # added to every question",
        "# deck: Subject::Topic  # the Anki deck (default: the title)",
        "# scoring: partial      # multiple, cloze, match and order earn a share of their points",
        "questions:",
    ]
    for number, example in enumerate(examples, start=1):
        lines += ["", *_comment(example.comment)]
        lines.append(f"  - id: {example.type}-{number}")
        lines.append(f"{_INDENT}type: {example.type}")
        for name, value in example.fields.items():
            lines += _field(name, value, raw=name in example.raw)
        optional = (*_OPTIONAL[example.type], *_ALWAYS)
        lines += [
            f"{_INDENT}# {line}" for line in optional if line.split(":")[0] not in example.fields
        ]
    return "\n".join(lines) + "\n"


def _pad(text: str) -> str:
    return " " * max(1, 24 - len(text))


def _comment(text: str) -> list[str]:
    """Return a comment wrapped at about 96 characters, indented as the questions are."""
    lines, line = [], "  #"
    for word in text.split():
        if len(line) + 1 + len(word) > 96:
            lines.append(line)
            line = "  #"
        line += f" {word}"
    return [*lines, line]


def _field(name: str, value: Value, *, raw: bool) -> list[str]:
    """Return a field's lines: a text, a list (flow when short), a mapping, a boolean."""
    if isinstance(value, bool):
        return [f"{_INDENT}{name}: {'true' if value else 'false'}"]
    if isinstance(value, str):
        return [f"{_INDENT}{name}: {value if raw else _quoted(value)}"]
    if isinstance(value, list):
        flow = "[" + ", ".join(_quoted(item) for item in value) + "]"
        if len(flow) <= _FLOW_WIDTH:
            return [f"{_INDENT}{name}: {flow}"]
        return [f"{_INDENT}{name}:", *(f"{_INDENT}  - {_quoted(item)}" for item in value)]
    return [
        f"{_INDENT}{name}:",
        *(f"{_INDENT}  {_quoted(left)}: {_quoted(right)}" for left, right in value.items()),
    ]


def _quoted(text: str) -> str:
    """Return text as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)

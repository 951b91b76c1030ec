"""XML documents for the learning-platform exports, written element by element, indented.

The exports' documents are plain trees: elements that hold either text or other elements. An
`XmlWriter` writes them in document order, straight to text, with the bytes that ElementTree's
indent() and tostring() give for the same tree (tests/test_xml.py holds the two to each other).
Building ElementTree elements first and writing them afterwards cost three times as much, per
node in Python either way. Every text and attribute is still escaped here, never pasted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

INDENT = "  "

# the line break and indentation before an element's start tag at each depth (the root's: none),
# and before its end tag
_BREAKS = ["\n" + INDENT * depth for depth in range(64)]
_STARTS = ["", *_BREAKS[1:]]


def escape_text(text: str) -> str:
    """Return character data escaped as ElementTree writes it (&, < and >)."""
    # (most texts hold none of them: three tests are quicker than the replaces, or a regex)
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """Return an attribute value escaped as ElementTree writes it: also quotes and line breaks."""
    if (
        "&" in text
        or "<" in text
        or ">" in text
        or '"' in text
        or "\r" in text
        or "\n" in text
        or "\t" in text
    ):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
        return text.replace("\t", "&#09;")
    return text


def _attributes(attributes: Mapping[str, str]) -> str:
    written = ""
    for key, value in attributes.items():
        written += f' {key}="{escape_attribute(value)}"'
    return written


@dataclass(frozen=True)
class XmlFragment:
    """Elements written apart, at the depth they take in the document they are inserted into."""

    depth: int
    text: str


class XmlWriter:
    """Writes elements in document order: each on its own line, two spaces deeper than its parent.

    An element holds text (`leaf`) or elements (`start` … `end`); one ended without any is
    written empty (`<name />`), as ElementTree writes it. `depth` is where the first element
    goes: 0 for a document's root, more for a fragment of elements to insert into one.
    """

    __slots__ = ("_depth", "_open", "_out")

    def __init__(self, depth: int = 0) -> None:
        self._depth = depth  # of the next element
        # the elements started: name, end tag, how many parts were written with the start tag
        self._open: list[tuple[str, str, int]] = []
        self._out: list[str] = []

    def start(self, name: str, **attributes: str) -> None:
        """Start an element that holds elements; `end` ends it."""
        depth, out = self._depth, self._out
        out.append(f"{_STARTS[depth]}<{name}{_attributes(attributes) if attributes else ''}>")
        self._open.append((name, f"{_BREAKS[depth]}</{name}>", len(out)))
        self._depth = depth + 1

    def leaf(self, name: str, text: str | None = None, **attributes: str) -> None:
        """Write an element holding text (escaped), or nothing."""
        start = f"{_STARTS[self._depth]}<{name}{_attributes(attributes) if attributes else ''}"
        if text:
            self._out.append(f"{start}>{escape_text(text)}</{name}>")
        else:
            self._out.append(f"{start} />")

    def wrapped(
        self,
        outer: str,
        name: str,
        text: str | None,
        outer_attributes: Mapping[str, str] | None = None,
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        """Write an element holding one leaf: as `start(outer)`, `leaf(name, text)`, `end()`."""
        # (the shape of every text field in Moodle XML and QTI: one call instead of three)
        depth = self._depth
        start = (
            f"{_STARTS[depth]}<{outer}{_attributes(outer_attributes) if outer_attributes else ''}>"
        )
        inner = f"{_BREAKS[depth + 1]}<{name}{_attributes(attributes) if attributes else ''}"
        inner = f"{inner}>{escape_text(text)}</{name}>" if text else f"{inner} />"
        self._out.append(f"{start}{inner}{_BREAKS[depth]}</{outer}>")

    def end(self) -> None:
        """End the element started last."""
        _, end, parts = self._open.pop()
        self._depth -= 1
        out = self._out
        if len(out) == parts:  # nothing inside: an empty element
            out[-1] = out[-1][:-1] + " />"
        else:
            out.append(end)

    def insert(self, fragment: XmlFragment) -> None:
        """Write elements written apart (at this depth) as the next ones here."""
        if fragment.depth != self._depth or not self._open:
            raise ValueError(f"a fragment of depth {fragment.depth} inserted at {self._depth}")
        if fragment.text:
            self._out.append(fragment.text)

    def fragment(self) -> XmlFragment:
        """Return what was written, every element ended, for another writer to insert."""
        return XmlFragment(self._depth, self.text())

    def text(self) -> str:
        """Return what was written, every element ended."""
        if self._open:
            raise ValueError(f"<{self._open[-1][0]}> is not ended")
        return "".join(self._out)

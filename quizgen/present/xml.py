"""XML documents for the learning-platform exports: ElementTree trees written indented, fast.

ElementTree's own writer spends most of an export's time on its per-node generality (namespace
discovery, codecs, a separate indenting pass). The exports build plain trees, so this writes them
in one pass with the same bytes that ElementTree.indent() and tostring() give (tests/lms hold
the two to each other): every text and attribute is still escaped here, never pasted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.etree.ElementTree import Element

INDENT = "  "


# what ElementTree replaces, in its order: in character data, and in attribute values too
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def escape_text(text: str) -> str:
    """Return character data escaped as ElementTree writes it (&, < and >)."""
    return _replaced(text, _TEXT)


def escape_attribute(text: str) -> str:
    """Return an attribute value escaped as ElementTree writes it: also quotes and line breaks."""
    return _replaced(text, _ATTRIBUTE)


def _replaced(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for char, reference in table:
        if char in text:  # (most texts hold none: a test is quicker than a replace)
            text = text.replace(char, reference)
    return text


def indented_xml(root: Element, prefixes: Mapping[str, str] | None = None) -> str:
    """Return `root` as ElementTree.indent() then tostring(encoding="unicode") would write it.

    Tags are plain names, or "{uri}name" for a namespace in `prefixes` (uri -> prefix), whose
    declarations the root carries first, sorted by prefix, as ElementTree writes them.
    """
    names: dict[str, str] = {}
    for uri, prefix in (prefixes or {}).items():
        names.update({tag: f"{prefix}:{tag[len(uri) + 2 :]}" for tag in _tags(root, uri)})
    declarations = "".join(
        f' xmlns:{prefix}="{escape_attribute(uri)}"'
        for uri, prefix in sorted((prefixes or {}).items(), key=lambda item: item[1])
        if any(tag.startswith(f"{{{uri}}}") for tag in names)
    )
    out: list[str] = []
    _write(out, root, names, "\n", declarations)
    if root.tail:
        out.append(escape_text(root.tail))
    return "".join(out)


def _tags(root: Element, uri: str) -> set[str]:
    start = f"{{{uri}}}"
    return {e.tag for e in root.iter() if e.tag.startswith(start)}


def _write(
    out: list[str], element: Element, names: dict[str, str], newline: str, head: str
) -> None:
    """Write an element; `newline` is the line break and indentation before it, `head` more attributes."""
    write = out.append
    tag = element.tag
    if not isinstance(tag, str) or "{" in tag:
        tag = _name(tag, names)
    start = tag + head
    for key, value in element.attrib.items():
        start += f' {_attribute_name(key)}="{escape_attribute(value)}"'
    text = element.text
    if not len(element):
        write(f"<{start}>{escape_text(text)}</{tag}>" if text else f"<{start} />")
        return
    inner = newline + INDENT
    write(f"<{start}>{escape_text(text)}" if text and text.strip() else f"<{start}>{inner}")
    for child in element:
        if len(child):
            _write(out, child, names, inner, "")
        else:  # most elements are leaves: written here, without a call of their own
            name = child.tag
            if not isinstance(name, str) or "{" in name:
                name = _name(name, names)
            start = name
            for key, value in child.attrib.items():
                start += f' {_attribute_name(key)}="{escape_attribute(value)}"'
            text = child.text
            write(f"<{start}>{escape_text(text)}</{name}>" if text else f"<{start} />")
        tail = child.tail
        write(escape_text(tail) if tail and tail.strip() else inner)
    if not (tail and tail.strip()):  # the last line break leads to the end tag, one level out
        out[-1] = newline
    write(f"</{tag}>")


def _name(tag: object, names: dict[str, str]) -> str:
    """Return the prefixed name of a namespaced tag; refuse comments and processing instructions."""
    if not isinstance(tag, str):
        raise TypeError(f"cannot write {tag!r} (comments and processing instructions)")
    if tag not in names:
        raise ValueError(f"no prefix for the namespace of {tag}")
    return names[tag]


def _attribute_name(key: str) -> str:
    if "{" in key:
        raise ValueError(f"cannot write the namespaced attribute {key}")
    return key

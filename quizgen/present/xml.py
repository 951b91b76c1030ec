"""XML documents for the learning-platform exports: ElementTree trees written indented, fast.

ElementTree's own writer spends most of an export's time on its per-node generality (namespace
discovery, codecs, a separate indenting pass). The exports build plain trees, so this writes them
in one pass with the same bytes that ElementTree.indent() and tostring() give (tests/lms hold
the two to each other): every text and attribute is still escaped here, never pasted as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from xml.etree.ElementTree import Element

INDENT = "  "


def escape_text(text: str) -> str:
    """Return character data escaped as ElementTree writes it (&, < and >)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """Return an attribute value escaped as ElementTree writes it: also quotes and line breaks."""
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
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
    if len(root):
        _write(out.append, root, names, "\n", declarations)
    else:
        out.append(_leaf(root, names, declarations))
    if root.tail:
        out.append(escape_text(root.tail))
    return "".join(out)


def _tags(root: Element, uri: str) -> set[str]:
    start = f"{{{uri}}}"
    return {e.tag for e in root.iter() if e.tag.startswith(start)}


def _write(
    write: Callable[[str], object],
    element: Element,
    names: dict[str, str],
    newline: str,
    head: str,
) -> None:
    """Write an element with children; `newline` is the line break and indentation before it."""
    tag, start = _open(element, names, head)
    text = element.text
    inner = newline + INDENT
    write(f"{start}>{escape_text(text)}" if text and text.strip() else f"{start}>{inner}")
    last = len(element) - 1
    for number, child in enumerate(element):
        if len(child):
            _write(write, child, names, inner, "")
        else:  # most elements are leaves: no recursion for them
            write(_leaf(child, names, ""))
        tail = child.tail
        if tail and tail.strip():
            write(escape_text(tail))
        else:
            write(newline if number == last else inner)
    write(f"</{tag}>")


def _leaf(element: Element, names: dict[str, str], head: str) -> str:
    """Return an element without children."""
    tag, start = _open(element, names, head)
    text = element.text
    return f"{start}>{escape_text(text)}</{tag}>" if text else f"{start} />"


def _open(element: Element, names: dict[str, str], head: str) -> tuple[str, str]:
    """Return an element's name and its start tag without the closing ">"."""
    tag = element.tag
    if not isinstance(tag, str):
        raise TypeError(f"cannot write {tag!r} (comments and processing instructions)")
    tag = names.get(tag, tag)
    if "{" in tag:
        raise ValueError(f"no prefix for the namespace of {tag}")
    start = f"<{tag}{head}"
    for key, value in element.attrib.items():
        if "{" in key:
            raise ValueError(f"cannot write the namespaced attribute {key}")
        start += f' {key}="{escape_attribute(value)}"'
    return tag, start

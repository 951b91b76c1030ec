"""The exports' XML writer gives the bytes ElementTree's indent() and tostring() give."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizgen.present.xml import XmlWriter

# texts with what XML escapes, line breaks, tabs, blanks only, umlauts, and nothing
texts = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=st.sampled_from(list("ab &<>\"'\n\r\t äß€")), max_size=8),
)
names = st.sampled_from(["a", "item", "mattext", "imsmd:lom"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    """Return a plain tree, as the exports write: an element holds text or elements."""
    element = ET.Element(draw(names))
    for key in draw(st.lists(st.sampled_from(["ident", "type", "continue"]), unique=True)):
        element.set(key, draw(texts) or "")
    if depth < 3:
        element.extend(draw(st.lists(trees(depth + 1), max_size=3)))
    if not len(element):
        element.text = draw(texts)
    return element


def elementtree(root: ET.Element) -> str:
    """Return what ElementTree writes, indented."""
    root = copy.deepcopy(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode")


def write(xml: XmlWriter, element: ET.Element) -> None:
    """Write an ElementTree element with the writer."""
    if len(element):
        xml.start(element.tag, **element.attrib)
        for child in element:
            write(xml, child)
        xml.end()
    else:
        xml.leaf(element.tag, element.text, **element.attrib)


@settings(max_examples=300)
@given(trees())
def test_the_same_text_as_elementtree(root: ET.Element) -> None:
    xml = XmlWriter()
    write(xml, root)
    assert xml.text() == elementtree(root)


@settings(max_examples=100)
@given(trees())
def test_elements_written_apart_and_inserted_give_the_same_text(root: ET.Element) -> None:
    assume(len(root))
    xml = XmlWriter()
    xml.start(root.tag, **root.attrib)
    for child in root:  # each child written apart, at the depth it takes
        part = XmlWriter(1)
        write(part, child)
        xml.insert(part.fragment())
    xml.end()
    assert xml.text() == elementtree(root)


@given(texts, texts)
def test_an_element_holding_one_leaf_in_one_call(outer: str | None, text: str | None) -> None:
    wrapped, apart = XmlWriter(), XmlWriter()
    wrapped.start("question")
    wrapped.wrapped("name", "text", text, {"format": outer or ""}, {"lang": "de"})
    wrapped.end()
    apart.start("question")
    apart.start("name", format=outer or "")
    apart.leaf("text", text, lang="de")
    apart.end()
    apart.end()
    assert wrapped.text() == apart.text()


def test_an_element_ended_without_any_inside_is_empty() -> None:
    xml = XmlWriter()
    xml.start("quiz", a="1")
    xml.start("organizations")
    xml.end()
    xml.end()
    assert xml.text() == '<quiz a="1">\n  <organizations />\n</quiz>'


def test_an_empty_fragment_leaves_an_element_empty() -> None:
    xml = XmlWriter()
    xml.start("quiz")
    xml.insert(XmlWriter(1).fragment())
    xml.end()
    assert xml.text() == "<quiz />"


def test_a_fragment_of_another_depth_is_refused() -> None:
    xml = XmlWriter()
    xml.start("quiz")
    part = XmlWriter(2)
    part.leaf("name", "x")
    with pytest.raises(ValueError, match="depth 2 inserted at 1"):
        xml.insert(part.fragment())


def test_an_element_not_ended_is_refused() -> None:
    xml = XmlWriter()
    xml.start("quiz")
    xml.start("question")
    xml.end()
    with pytest.raises(ValueError, match="<quiz> is not ended"):
        xml.text()

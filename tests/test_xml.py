"""The exports' XML writer gives the bytes ElementTree's indent() and tostring() give."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.present.xml import indented_xml

NS = "http://example.org/ns"

# texts with what XML escapes, line breaks, tabs, blanks only, umlauts, and nothing
texts = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=st.sampled_from(list("ab &<>\"'\n\r\t äß€")), max_size=8),
)
names = st.sampled_from(["a", "item", "mattext", f"{{{NS}}}lom"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    element = ET.Element(draw(names))
    for key in draw(st.lists(st.sampled_from(["ident", "type", "continue"]), unique=True)):
        element.set(key, draw(texts) or "")
    element.text = draw(texts)
    element.tail = draw(texts) if depth else None
    if depth < 3:
        element.extend(draw(st.lists(trees(depth + 1), max_size=3)))
    return element


def elementtree(root: ET.Element) -> str:
    """Return what ElementTree writes: indented, with the namespace's prefix registered."""
    ET.register_namespace("ns", NS)
    root = copy.deepcopy(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode")


@settings(max_examples=200)
@given(trees())
def test_the_same_text_as_elementtree(root: ET.Element) -> None:
    assert indented_xml(root, {NS: "ns"}) == elementtree(root)


def test_a_namespace_is_declared_on_the_root_before_its_attributes() -> None:
    root = ET.Element("manifest", {"identifier": "x"})
    ET.SubElement(ET.SubElement(root, "metadata"), f"{{{NS}}}lom").text = "ä & <b>"
    assert indented_xml(root, {NS: "ns"}) == (
        f'<manifest xmlns:ns="{NS}" identifier="x">\n'
        "  <metadata>\n    <ns:lom>ä &amp; &lt;b&gt;</ns:lom>\n  </metadata>\n</manifest>"
    )


def test_a_namespace_without_a_prefix_is_refused() -> None:
    root = ET.Element("manifest")
    ET.SubElement(root, f"{{{NS}}}lom")
    with pytest.raises(ValueError, match="no prefix for the namespace of"):
        indented_xml(root)


def test_a_namespaced_attribute_is_refused() -> None:
    root = ET.Element("manifest", {f"{{{NS}}}lang": "de"})
    with pytest.raises(ValueError, match="cannot write the namespaced attribute"):
        indented_xml(root)


def test_a_comment_is_refused() -> None:
    root = ET.Element("quiz")
    root.append(ET.Comment("note"))
    with pytest.raises(TypeError, match="cannot write"):
        indented_xml(root)

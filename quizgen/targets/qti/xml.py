"""Build XML with ElementTree and write it (quizgen.present.xml): no text is pasted into markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from quizgen.present.xml import indented_xml

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
IMSCP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"

# the prefix the manifest's metadata is written with
PREFIXES = {IMSMD: "imsmd"}


def element(name: str, **attributes: str) -> ET.Element:
    """Return a new element without a parent."""
    return ET.Element(name, attributes)


def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append an element with optional text (escaped when written) and attributes."""
    child = ET.SubElement(parent, name, attributes)
    child.text = text
    return child


def document_bytes(root: ET.Element, namespace: str) -> bytes:
    """Return a document as indented UTF-8 with an XML declaration, its elements in `namespace`."""
    # the elements are made unqualified and the root declares the default namespace (as an
    # attribute: ElementTree's default_namespace= refuses the unqualified attributes every one of
    # these formats uses)
    root.set("xmlns", namespace)
    body = indented_xml(root, PREFIXES)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()

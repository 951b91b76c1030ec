"""The QTI package's namespaces, and its documents' bytes (written by quizgen.present.xml)."""

from __future__ import annotations

from quizgen.present.xml import XmlWriter

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
IMSCP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"


def document_bytes(xml: XmlWriter) -> bytes:
    """Return a written document as UTF-8 with an XML declaration."""
    # each root declares its default namespace as its last attribute, and the elements are
    # unqualified, as the files written with ElementTree before (the same bytes)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml.text()}\n'.encode()

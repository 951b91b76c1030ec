"""Class sets: rendered PDFs joined into one file, each document starting on an odd page."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter


def joined(documents: Sequence[bytes], title: str) -> bytes:
    """Return the documents in one PDF; a blank page after an odd count keeps duplex sheets apart.

    Printed on both sides, every document then starts on the front of a sheet, so that no sheet
    carries the end of one student's paper and the start of the next.
    """
    writer = PdfWriter()
    for data in documents:
        reader = PdfReader(io.BytesIO(data))
        writer.append(reader)
        if len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

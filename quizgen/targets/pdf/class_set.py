"""Class sets: rendered PDFs joined into one file, each document starting on an odd page."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

# qpdf (through pikepdf) joins 30 tagged keys in 0.3 s; pypdf took 5.6 s, parsing every object of
# each document's structure tree (one object stream) to reach its pages (bench/pdf.md)


def joined(documents: Sequence[bytes], title: str) -> bytes:
    """Return the documents in one PDF; a blank page after an odd count keeps duplex sheets apart.

    Printed on both sides, every document then starts on the front of a sheet, so that no sheet
    carries the end of one student's paper and the start of the next. Each document's bookmarks
    are kept, pointing at its pages in the whole.
    """
    import pikepdf  # here: only class sets and rosters need it (and qpdf's library)

    whole = pikepdf.new()
    marks: list[pikepdf.OutlineItem] = []
    version = "1.3"  # pikepdf's new file's; the parts' own (WeasyPrint's 1.7) is kept below
    for data in documents:
        with pikepdf.open(io.BytesIO(data)) as part:
            first = len(whole.pages)
            marks += _bookmarks(part, first)
            whole.pages.extend(part.pages)
            version = max(version, part.pdf_version, key=lambda v: tuple(map(int, v.split("."))))
            if len(part.pages) % 2:
                box = [float(edge) for edge in part.pages[-1].mediabox]
                whole.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
    with whole.open_outline() as outline:
        outline.root.extend(marks)
    whole.docinfo["/Title"] = title
    out = io.BytesIO()
    whole.save(out, deterministic_id=True, min_version=version)  # the same parts, the same bytes
    return out.getvalue()


def _bookmarks(part: pikepdf.Pdf, first: int) -> list[pikepdf.OutlineItem]:
    """Return a document's bookmarks for the whole, its pages starting at page `first`."""
    import pikepdf

    pages: dict[tuple[int, int], int] = {
        page.obj.objgen: index for index, page in enumerate(part.pages)
    }

    def copied(item: pikepdf.OutlineItem) -> pikepdf.OutlineItem:
        target = item.destination  # WeasyPrint's: [page /XYZ left top zoom]
        if not isinstance(target, pikepdf.Array) or len(target) < 4 or target[1] != "/XYZ":
            mark = pikepdf.OutlineItem(item.title, first)  # (not WeasyPrint's: the first page)
        else:
            index = pages.get(target[0].objgen, 0)
            left, top = float(target[2]), float(target[3])
            location = pikepdf.PageLocation.XYZ
            mark = pikepdf.OutlineItem(item.title, first + index, location, left=left, top=top)
        mark.children.extend(copied(child) for child in item.children)
        return mark

    with part.open_outline() as outline:
        return [copied(item) for item in outline.root]

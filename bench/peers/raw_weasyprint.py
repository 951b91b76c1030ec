"""The baseline for the PDF target: WeasyPrint alone rendering the HTML quizgen made.

Usage: python bench/peers/raw_weasyprint.py BASE_URL OUT_DIR HTML_FILE...
Renders each file in turn in one process, as quizgen renders a worksheet and its key with one job,
into tagged PDFs as quizgen's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML


def main() -> None:
    base_url, out = sys.argv[1], Path(sys.argv[2])
    for name in sys.argv[3:]:
        path = Path(name)
        # tagged, as quizgen writes them (issue 13: a screen reader reads them in order)
        HTML(filename=path, base_url=base_url).write_pdf(out / f"{path.stem}.pdf", pdf_tags=True)


if __name__ == "__main__":
    main()

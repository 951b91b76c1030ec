"""The baseline for the PDF target: WeasyPrint alone rendering the HTML quizgen made.

Usage: python bench/peers/raw_weasyprint.py BASE_URL OUT_DIR HTML_FILE...
Renders each file in turn in one process, as quizgen renders a worksheet and its key with one job.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML


def main() -> None:
    base_url, out = sys.argv[1], Path(sys.argv[2])
    for name in sys.argv[3:]:
        path = Path(name)
        HTML(filename=path, base_url=base_url).write_pdf(out / f"{path.stem}.pdf")


if __name__ == "__main__":
    main()

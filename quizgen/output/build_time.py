"""The time an output is stamped with: SOURCE_DATE_EPOCH, else when its inputs last changed.

Never the clock: unchanged inputs must give the same output. Anki's importer also needs it to
grow with every edit, since it replaces a note's text only when the incoming note is newer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.present.strings import catalog_files


def input_time(bank: Bank, templates: Iterable[Path], options: BuildContext) -> int:
    """Return SOURCE_DATE_EPOCH, or the newest mtime of the bank, its source, templates and catalogs."""
    if options.source_date_epoch is not None:
        return options.source_date_epoch
    inputs = [
        bank.path,
        bank.source.path,
        *templates,
        *catalog_files(bank.language, options.template_dirs),
    ]
    return max(int(path.stat().st_mtime) for path in inputs)

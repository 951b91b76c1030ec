"""The qti target: an IMS QTI 1.2 package per bank, as Canvas (Classic Quizzes) imports it.

`items` builds one <item> per question, `package` the manifest, the assessment and Canvas's
quiz settings around them; what maps to what is in docs/lms.md.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.present.strings import ui_strings
from quizgen.target_options import QtiOptions
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.qti.items import BankText, build_item
from quizgen.targets.qti.package import package_bytes

log = logging.getLogger(__name__)


class QtiTarget:
    """Writes <bank>/<bank>-qti.zip for every bank."""

    name = "qti"
    options = QtiOptions
    labels = ("qti",)
    template_folders = ()  # no templates: only the string catalogs of each bank's language

    def by_bank(self, context: BuildContext) -> bool:
        """Return True: each bank's file is made from that bank alone (the parts may be made apart)."""
        return True

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's QTI package."""
        for bank in banks:
            strings = ui_strings(bank.language, context.template_dirs)
            texts = BankText(
                bank.id, bank.title, {**strings.get("common", {}), **strings.get("qti", {})}
            )
            solved = solve_bank(bank, strings.get("common", {}))
            items = [build_item(q, texts) for q in solved]
            if any(item.fixed_order for item in items):
                log.info(
                    "%s: Canvas shuffles per quiz, not per question: a question with "
                    "'shuffle: false' turns shuffling off for the whole quiz",
                    bank.display_path,
                )
            points = sum(q.scoring.points for q in solved)
            data = package_bytes(bank, items, points, input_time(bank, (), context))
            out.write(f"{bank.id}/{bank.id}-qti.zip", data, FileRole("qti", bank.id, "teacher"))


TARGET = QtiTarget()

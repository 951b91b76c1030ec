"""The moodle target: Moodle XML, one file per bank, every question type in its native Moodle type.

The file is one XML document (quizgen.present.xml): a category named after the bank, then one `<question>` per
question (`questions.py`), with the texts as Moodle's importer reads them (`text.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from quizgen.answers.solutions import SolvedQuestion
from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.moodle import category_path
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.xml import XmlWriter
from quizgen.target_options import MoodleOptions
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.moodle.questions import Texts, add_question
from quizgen.targets.moodle.text import add_text

log = logging.getLogger(__name__)


class MoodleTarget:
    """Writes <bank>/<bank>-moodle.xml for every bank."""

    name = "moodle"
    options = MoodleOptions
    labels = ("moodle",)
    template_folders = ()  # no templates: only the string catalogs of each bank's language

    def by_bank(self, context: BuildContext) -> bool:
        """Return True: each bank's file is made from that bank alone (the parts may be made apart)."""
        return True

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's Moodle XML file."""
        for bank in banks:
            texts = ui_strings(bank.language, context.template_dirs).get("common", {})
            solved = solve_bank(bank, texts)
            path = f"{bank.id}/{bank.id}-moodle.xml"
            log.info("moodle: %s (%d questions)", path, len(solved))
            out.write(path, quiz_xml(bank, solved, texts), FileRole("moodle", bank.id, "teacher"))


def quiz_xml(bank: Bank, solved: Sequence[SolvedQuestion], texts: Texts) -> bytes:
    """Return a bank as a Moodle XML file: UTF-8 with its declaration, the same bytes every time."""
    xml = XmlWriter()
    xml.start("quiz")
    xml.start("question", type="category")
    add_text(xml, "category", category_path(bank.title))
    if bank.description.strip():
        add_text(xml, "info", str(markup.block(bank.description)), "html")
    xml.end()
    for question in solved:
        add_question(xml, question, bank, texts)
    xml.end()
    # the declaration as ElementTree's tostring(xml_declaration=True) wrote it, in earlier files
    body = f"<?xml version='1.0' encoding='UTF-8'?>\n{xml.text()}\n"
    return body.encode("utf-8", "xmlcharrefreplace")


TARGET = MoodleTarget()

"""The gift target: Moodle's GIFT text format, one file per bank.

What each type looks like is in templates/gift/types/<type>.gift.j2; this module escapes text,
works out Moodle's weights for multiple answers, and leaves out what GIFT cannot say (a cloze
with several gaps, an ordering question) with one warning naming each question.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.moodle import category_name, number_text, percent_text, share_percent
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.targets import FileRole, OutputWriter

log = logging.getLogger(__name__)

TYPE_TEMPLATE = "gift/types/{type}.gift.j2"
FILE_TEMPLATE = "gift/bank.gift.j2"
_SPECIAL = re.compile(r"([~=#{}:\\])")


@dataclass(frozen=True)
class GiftOptions:
    """GIFT has no options: Moodle shuffles the answers itself."""


class GiftTarget:
    """Writes <bank>/<bank>.gift for every bank."""

    name = "gift"
    options = GiftOptions
    labels = ("gift",)
    template_folders = ("gift",)  # and the string catalogs of each bank's language

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's GIFT file; say which questions GIFT cannot hold."""
        env = environment(context.template_dirs, autoescape=False)
        env.filters.update(
            gift=escape,
            weight=weight_text,
            number=number_text,
            gift_tag=tag_text,
            category=category_name,
        )
        for bank in banks:
            strings = ui_strings(bank.language, context.template_dirs)
            texts = strings.get("common", {})
            questions, left_out = [], []
            for solved in solve_bank(bank, texts):
                name = TYPE_TEMPLATE.format(type=solved.type)
                text = render_template(env, name, q=solved, t=texts, bank=bank).strip()
                if text:
                    questions.append(text)
                else:
                    left_out.append(solved.question.id)
            if left_out:
                log.warning(
                    "%s: warning: GIFT cannot hold %s (a cloze with several gaps or an ordering "
                    "question): left out of %s; %s has them",
                    bank.display_path,
                    ", ".join(f"'{qid}'" for qid in left_out),
                    f"{bank.id}.gift",
                    f"{bank.id}-moodle.xml",
                )
            page = render_template(env, FILE_TEMPLATE, bank=bank, questions=questions)
            out.write(f"{bank.id}/{bank.id}.gift", page, FileRole("gift", bank.id, "teacher"))


def escape(text: object) -> str:
    """Return text with GIFT's special characters escaped and line breaks as \\n."""
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    # a blank line would end the question; GIFT reads \n as a line break
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def weight_text(share: int, count: int) -> str:
    """Return the Moodle grade for one of `count` answers sharing `share` percent (±100)."""
    return percent_text(share_percent(share, count))


def tag_text(tag: str) -> str:
    """Return a tag as a `[tag:…]` comment can hold it: no spaces, no closing bracket."""
    return "_".join(tag.replace("]", ")").split())


TARGET = GiftTarget()

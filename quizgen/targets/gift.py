"""The gift target: Moodle's GIFT text format, one file per bank.

What each type looks like is in templates/gift/types/<type>.gift.j2; this module escapes text,
works out Moodle's weights for multiple answers, and leaves out what GIFT cannot say (a cloze
with several gaps, an ordering question) with one warning naming each question.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from quizgen.answers.numbers import machine_number
from quizgen.answers.solutions import ChoiceSolution
from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.moodle import category_path, option_percents, percent_text
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.target_options import GiftOptions
from quizgen.targets import FileRole, OutputWriter

log = logging.getLogger(__name__)

TYPE_TEMPLATE = "gift/types/{type}.gift.j2"
FILE_TEMPLATE = "gift/bank.gift.j2"
_SPECIAL = "\\~=#{}:"  # what GIFT reads as markup unless a backslash escapes it


class GiftTarget:
    """Writes <bank>/<bank>.gift for every bank."""

    name = "gift"
    options = GiftOptions
    labels = ("gift",)
    template_folders = ("gift",)  # and the string catalogs of each bank's language

    @property
    def template_filters(self) -> dict[str, Callable[..., Any]]:
        """Return the filters its templates use besides the shared ones (check compiles with them)."""
        return {
            "gift": escape,
            "weights": weights_text,
            "number": machine_number,
            "gift_tag": tag_text,
            "typed": typed_answer,
            "weighted": weighted,
            "typable": typable,
            "category": category_path,
        }

    def by_bank(self, context: BuildContext) -> bool:
        """Return True: each bank's file is made from that bank alone (the parts may be made apart)."""
        return True

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's GIFT file; say which questions GIFT cannot hold."""
        env = environment(context.template_dirs, autoescape=False)
        env.auto_reload = False  # no file check on each of the thousands of renders
        env.filters.update(self.template_filters)
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
                    "%s: warning: GIFT cannot hold %s (a cloze with several gaps, an ordering "
                    "question, or a typed answer with '->', which Moodle reads as matching): "
                    "left out of %s; %s has them",
                    bank.display_path,
                    listed(left_out),
                    f"{bank.id}.gift",
                    f"{bank.id}-moodle.xml",
                )
            page = render_template(env, FILE_TEMPLATE, bank=bank, questions=questions)
            out.write(f"{bank.id}/{bank.id}.gift", page, FileRole("gift", bank.id, "teacher"))


def escape(text: object) -> str:
    """Return text with GIFT's special characters escaped and line breaks as \\n."""
    escaped = str(text)
    # the backslash first, so that no backslash put before another character is doubled; a test
    # and a replace for each is quicker than a regex (most texts hold none, or one or two)
    for char in _SPECIAL:
        if char in escaped:
            escaped = escaped.replace(char, "\\" + char)
    # a blank line would end the question; GIFT reads \n as a line break
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def typed_answer(text: str) -> str:
    """Return an answer a student types as Moodle compares it: plain text, "*" not a wildcard."""
    # a short answer is compared with the text as stored, so no HTML: "it's", not "it&#39;s"
    return escape(text).replace("*", "\\*")


def weighted(text: str, percent: int) -> str:
    """Return an answer's text, with its grade written first when the text could read as one."""
    # Moodle takes a leading "%50%" as the answer's grade, even in "~%50%wrong"
    return f"%{percent}%{text}" if text.startswith("%") else text


def typable(answers: Sequence[str]) -> bool:
    """Return whether GIFT can hold these typed answers: Moodle reads "=…->…" as matching."""
    return not any("->" in answer for answer in answers)


def weights_text(solution: ChoiceSolution, partial: bool) -> list[str]:
    """Return each option's Moodle grade for multiple answers, as GIFT writes it."""
    return [percent_text(percent) for percent in option_percents(solution, partial)]


def tag_text(tag: str) -> str:
    """Return a tag as a `[tag:…]` comment can hold it: no spaces, no closing bracket."""
    return "_".join(tag.replace("]", ")").split())


def listed(ids: list[str], shown: int = 10) -> str:
    """Return question ids for a message: the first `shown`, then how many more."""
    names = ", ".join(f"'{qid}'" for qid in ids[:shown])
    return f"{names} and {len(ids) - shown} more" if len(ids) > shown else names


TARGET = GiftTarget()

"""The cards target: a tab-separated flash-card file per bank, for Quizlet-style sites and Anki.

One line per card, front TAB back, plain UTF-8 text; a cloze gives one card per gap. What each
type's cards say is in templates/cards/types/<type>.txt.j2; this module keeps every field on its
line and writes the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.target_options import CardsOptions
from quizgen.targets import FileRole, OutputWriter

log = logging.getLogger(__name__)

TYPE_TEMPLATE = "cards/types/{type}.txt.j2"


class CardsTarget:
    """Writes <bank>/<bank>-cards.tsv for every bank."""

    name = "cards"
    options = CardsOptions
    labels = ("cards",)
    template_folders = ("cards",)  # and the string catalogs of each bank's language

    @property
    def template_filters(self) -> dict[str, Callable[..., Any]]:
        """Return the filters its templates use besides the shared ones (check compiles with them)."""
        return {"plain_text_spaced": plain_text_spaced}

    def by_bank(self, context: BuildContext) -> bool:
        """Return True: each bank's file is made from that bank alone (the parts may be made apart)."""
        return True

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's flash cards."""
        env = environment(context.template_dirs, autoescape=False)  # plain text, not HTML
        env.auto_reload = False  # no file check on each of the thousands of renders
        env.globals["card"] = card_line
        env.filters.update(self.template_filters)
        for bank in banks:
            strings = ui_strings(bank.language, context.template_dirs)
            texts = {**strings.get("common", {}), **strings.get("cards", {})}
            lines = []
            for solved in solve_bank(bank, strings.get("common", {})):
                name = TYPE_TEMPLATE.format(type=solved.type)
                text = render_template(env, name, q=solved, t=texts)
                lines += [line for line in text.splitlines() if line.strip()]
            path = f"{bank.id}/{bank.id}-cards.tsv"
            log.info("cards: %s (%d cards)", path, len(lines))
            out.write(path, "".join(f"{line}\n" for line in lines), FileRole("cards", bank.id))


def card_line(front: object, back: object) -> str:
    """Return one card's line: each side on one line, without the tab that separates them."""
    return f"{_one_line(front)}\t{_one_line(back)}"


def plain_text_spaced(text: str) -> str:
    """Return inline Markdown as plain text, keeping a space at either end (cloze text by a gap)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + markup.plain_text(text) + trail


def _one_line(text: object) -> str:
    # tabs and line breaks inside a side would start a new field or a new card
    side = " ".join(str(text).split())
    if side.startswith('"'):  # Anki's importer reads a side that opens with " as a quoted field
        side = '"' + side.replace('"', '""') + '"'
    return side


TARGET = CardsTarget()

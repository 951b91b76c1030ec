"""Anki target: one .apkg per bank whose notes update in place when a bank is rebuilt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizgen.target_options import AnkiOptions

if TYPE_CHECKING:
    from quizgen.context import BuildContext
    from quizgen.model import Bank
    from quizgen.targets import OutputWriter


class AnkiTarget:
    """Builds `<bank>/<bank>.apkg` for every bank, and `quizgen.apkg` with --combine."""

    name = "anki"
    options = AnkiOptions
    labels = ("deck", "combined_deck")
    # and the string catalogs of each bank's language, and html/quiz-check.js (the card backs
    # judge typed answers with the quiz's own script): a file read, noted as templates are
    template_folders = ("anki",)

    def by_bank(self, context: BuildContext) -> bool:
        """Return whether each bank's package is made from that bank alone.

        Not with --combine (one package of every bank), nor with SOURCE_DATE_EPOCH (what is said
        of the dates is said once a build).
        """
        return not context.options(AnkiOptions).combine and context.source_date_epoch is None

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write one Anki package per bank (and the combined one when asked)."""
        # imported here: every build reads this module for its options, few write decks
        from quizgen.targets.anki.deck import write_packages

        options = context.options(AnkiOptions)
        write_packages(
            banks, out, context, options.combine_deck.strip() if options.combine else None
        )


TARGET = AnkiTarget()

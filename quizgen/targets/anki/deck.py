"""The Anki packages of a build: one deck per bank, notes due in bank order."""

from __future__ import annotations

import itertools
import logging
import sqlite3
from collections.abc import Sequence
from contextlib import closing

import genanki

from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.errors import TargetError
from quizgen.model import Bank
from quizgen.output.archive import zip_bytes
from quizgen.output.build_time import input_time
from quizgen.output.ids import stable_id
from quizgen.present import markup
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.anki.models import front_template, genanki_models, template_files
from quizgen.targets.anki.notes import (
    NoteFields,
    anki_html,
    anki_tag,
    note_guid,
)

log = logging.getLogger(__name__)

COMBINED_PATH = "quizgen.apkg"


def write_packages(
    banks: Sequence[Bank], out: OutputWriter, context: BuildContext, combine_below: str | None
) -> None:
    """Write one Anki package per bank, and the combined one if `combine_below` names its parent."""
    models = genanki_models(context.template_dirs)
    templates = template_files(context.template_dirs)
    combined, first_due, times = [], 0, []
    for bank in banks:
        warn_about_mapped_tags(bank)
        timestamp = input_time(bank, templates, context)
        deck = bank_deck(bank, models, context)
        out.write(
            f"{bank.id}/{bank.id}.apkg",
            package_bytes([deck], timestamp),
            FileRole("deck", bank.id),
        )
        if combine_below is not None:
            combined.append(bank_deck(bank, models, context, first_due, combine_below))
            first_due += len(bank.questions)
            times.append(timestamp)
    if combine_below is not None:
        out.write(COMBINED_PATH, package_bytes(combined, max(times)), FileRole("combined_deck"))


def deck_name(bank: Bank) -> str:
    """Return the bank's deck: its `deck` path (Parent::Child), else its title."""
    return bank.deck.strip() or bank.title.strip()


def bank_deck(
    bank: Bank,
    models: dict[str, genanki.Model],
    context: BuildContext,
    first_due: int = 0,
    parent: str = "",
) -> genanki.Deck:
    """Return the bank's deck (below `parent` if given): one note per question, due in bank order."""
    name = f"{parent}::{deck_name(bank)}" if parent else deck_name(bank)
    description = anki_html(markup.block(bank.description)) if bank.description else ""
    deck = genanki.Deck(stable_id("quizgen deck", name), name, description)
    fields = NoteFields(bank, context.template_dirs)
    # the deck keeps the bank's order and one option order whatever --seed says: a rebuild must
    # never reshuffle a student's cards
    solved = solve_bank(bank, fields.common)
    for position, (question, answers) in enumerate(
        zip(bank.questions, solved, strict=True), first_due
    ):
        tags = dict.fromkeys(anki_tag(t) for t in (*bank.tags, *question.tags))
        note = genanki.Note(
            model=models[question.type],
            fields=fields.fields(answers),
            tags=list(tags),
            guid=note_guid(bank, question),
            due=position,
        )
        if not note.cards:  # an edited front template that shows none of the note's fields
            template = front_template(context.template_dirs, question.type)
            raise TargetError(
                f"{template}: error: this card front shows no field of question '{question.id}' "
                f"({question.location}), so Anki would make no card for it"
            )
        deck.add_note(note)
    return deck


def warn_about_mapped_tags(bank: Bank) -> None:
    """Say once per tag when Anki gets it changed: its tags cannot hold spaces."""
    tags = dict.fromkeys((*bank.tags, *(t for q in bank.questions for t in q.tags)))
    for tag in tags:
        if anki_tag(tag) != tag:
            log.warning(
                "%s: warning: tag '%s' becomes '%s' in Anki (its tags cannot hold spaces)",
                bank.display_path,
                tag,
                anki_tag(tag),
            )


def package_bytes(decks: list[genanki.Deck], timestamp: int) -> bytes:
    """Return an .apkg whose bytes depend only on the decks and the timestamp."""
    # genanki's write_to_file() leaves its temporary database behind and stamps the zip entries
    # with the clock; this fills the same database in memory and writes the zip itself.
    with closing(sqlite3.connect(":memory:")) as connection:
        ids = itertools.count(max(timestamp, 1) * 1000)  # note and card ids: creation times in ms
        genanki.Package(decks).write_to_db(connection.cursor(), timestamp, ids)
        connection.commit()
        collection = connection.serialize()
    return zip_bytes((("collection.anki2", collection), ("media", b"{}")), timestamp)

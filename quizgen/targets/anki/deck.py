"""The Anki packages of a build: one deck per bank, notes due in bank order."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import genanki

from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.errors import TargetError
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.output.ids import stable_id
from quizgen.present import markup
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.anki.models import front_template, genanki_models, template_files
from quizgen.targets.anki.notes import FieldMacros, NoteFields, anki_html, anki_tag, note_guid
from quizgen.targets.anki.package import CardsOf, Note, NotesDeck, package_bytes

log = logging.getLogger(__name__)

COMBINED_PATH = "quizgen.apkg"


def write_packages(
    banks: Sequence[Bank], out: OutputWriter, context: BuildContext, combine_below: str | None
) -> None:
    """Write one Anki package per bank, and the combined one if `combine_below` names its parent."""
    models = genanki_models(context.template_dirs)
    templates = template_files(context.template_dirs)
    macros, cards = FieldMacros(context.template_dirs), CardsOf()
    combined: list[genanki.Deck] = []
    first_due, times = 0, []
    for bank in banks:
        warn_about_mapped_tags(bank)
        timestamp = input_time(bank, templates, context)
        notes = bank_notes(bank, models, macros, cards, context)
        out.write(
            f"{bank.id}/{bank.id}.apkg",
            package_bytes([bank_deck(bank, notes)], timestamp),
            FileRole("deck", bank.id),
        )
        if combine_below is not None:
            combined.append(bank_deck(bank, notes, first_due, combine_below))
            first_due += len(notes)
            times.append(timestamp)
    if combine_below is not None:
        out.write(COMBINED_PATH, package_bytes(combined, max(times)), FileRole("combined_deck"))


def deck_name(bank: Bank) -> str:
    """Return the bank's deck: its `deck` path (Parent::Child), else its title."""
    return bank.deck.strip() or bank.title.strip()


def bank_deck(bank: Bank, notes: Sequence[Note], first_due: int = 0, parent: str = "") -> NotesDeck:
    """Return the bank's deck (below `parent` if given): its notes due in bank order."""
    name = f"{parent}::{deck_name(bank)}" if parent else deck_name(bank)
    description = anki_html(markup.block(bank.description)) if bank.description else ""
    return NotesDeck(stable_id("quizgen deck", name), name, description, notes, first_due)


def bank_notes(
    bank: Bank,
    models: dict[str, genanki.Model],
    macros: FieldMacros,
    cards: CardsOf,
    context: BuildContext,
) -> list[Note]:
    """Return one note per question, in bank order."""
    fields = NoteFields(bank, macros)
    # the deck keeps the bank's order and one option order whatever --seed says: a rebuild must
    # never reshuffle a student's cards
    solved = solve_bank(bank, fields.common)
    notes = []
    for question, values in zip(bank.questions, fields.all_fields(solved), strict=True):
        model = models[question.type]
        note_cards = cards(model, values)
        if not note_cards:  # an edited front template that shows none of the note's fields
            template = front_template(context.template_dirs, question.type)
            raise TargetError(
                f"{template}: error: this card front shows no field of question '{question.id}' "
                f"({question.location}), so Anki would make no card for it"
            )
        tags = dict.fromkeys(anki_tag(t) for t in (*bank.tags, *question.tags))
        notes.append(Note(model, values, list(tags), note_guid(bank, question), note_cards))
    return notes


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

"""Anki target: one .apkg per bank whose notes update in place when a bank is rebuilt."""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import sqlite3
import time
import zipfile
from collections.abc import Sequence
from contextlib import closing

import genanki

from quizgen.errors import TargetError
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.present import markup
from quizgen.targets import BuildOptions, OutputWriter
from quizgen.targets.anki.models import front_template, genanki_models, template_files
from quizgen.targets.anki.notes import (
    NoteFields,
    anki_html,
    anki_tag,
    note_guid,
)

log = logging.getLogger(__name__)

COMBINED_PATH = "quizgen.apkg"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


class AnkiTarget:
    """Builds `<bank>/<bank>.apkg` for every bank, and `quizgen.apkg` with --combine."""

    name = "anki"

    def build(self, banks: Sequence[Bank], out: OutputWriter, options: BuildOptions) -> None:
        """Write one Anki package per bank (and the combined one when asked)."""
        models = genanki_models(options.template_dirs)
        templates = template_files(options.template_dirs)
        combined, first_due, times = [], 0, []
        for bank in banks:
            warn_about_mapped_tags(bank)
            timestamp = input_time(bank, templates, options)
            deck = bank_deck(bank, models, options)
            out.write(f"{bank.id}/{bank.id}.apkg", package_bytes([deck], timestamp))
            if options.combine:
                parent = options.combine_deck.strip()
                combined.append(bank_deck(bank, models, options, first_due, parent))
                first_due += len(bank.questions)
                times.append(timestamp)
        if options.combine:
            out.write(COMBINED_PATH, package_bytes(combined, max(times)))


def deck_name(bank: Bank) -> str:
    """Return the bank's deck: its `deck` path (Parent::Child), else its title."""
    return bank.deck.strip() or bank.title.strip()


def stable_id(*parts: str) -> int:
    """Return an id in [2**30, 2**31) derived from names only, never the clock."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def bank_deck(
    bank: Bank,
    models: dict[str, genanki.Model],
    options: BuildOptions,
    first_due: int = 0,
    parent: str = "",
) -> genanki.Deck:
    """Return the bank's deck (below `parent` if given): one note per question, due in bank order."""
    name = f"{parent}::{deck_name(bank)}" if parent else deck_name(bank)
    description = anki_html(markup.block(bank.description)) if bank.description else ""
    deck = genanki.Deck(stable_id("quizgen deck", name), name, description)
    fields = NoteFields(bank, options.template_dirs)
    for position, question in enumerate(bank.questions, first_due):
        tags = dict.fromkeys(anki_tag(t) for t in (*bank.tags, *question.tags))
        note = genanki.Note(
            model=models[question.type],
            fields=fields.fields(question),
            tags=list(tags),
            guid=note_guid(bank, question),
            due=position,
        )
        if not note.cards:  # an edited front template that shows none of the note's fields
            template = front_template(options.template_dirs, question.type)
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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            archive.writestr(_zip_entry(name, timestamp), data)
    return buffer.getvalue()


def _zip_entry(name: str, timestamp: int) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, max(_ZIP_EPOCH, time.gmtime(timestamp)[:6]))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3  # Unix, whatever system builds it
    entry.external_attr = 0o644 << 16
    return entry


TARGET = AnkiTarget()

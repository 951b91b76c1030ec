"""The .apkg file: genanki's collection, with the notes and cards written as genanki writes them.

genanki's Note checks what quizgen's notes need not (spaces in tags, which anki_tag replaces;
unescaped HTML, where the fields come from autoescaped templates) and works out each note's cards
from its cloze numbers; quizgen's notes say which cards they have (a withdrawn question's note has
none, so a student who never had it gets no card of it), and this writes genanki's rows for them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass

from quizgen.output.archive import zip_bytes
from quizgen.targets.anki.genanki_api import genanki

# the columns of Anki's notes and cards tables (genanki's apkg_schema)
_NOTES = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)"
_CARDS = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
_FIELD_SEPARATOR = "\x1f"
_UNSEEN = (0, 0, 0, 0, 0, 0, 0, 0, "")  # ivl, factor, reps, lapses, left, odue, odid, flags, data


@dataclass(frozen=True)
class Note:
    """One note: its note type, field values, tags (without spaces), GUID and cards."""

    model: genanki.Model
    fields: list[str]
    tags: list[str]
    guid: str
    cards: tuple[int, ...]  # the cards (ords: cloze number - 1) the package brings


class NotesDeck(genanki.Deck):  # type: ignore[misc]  # (genanki has no type hints)
    """A genanki deck that writes quizgen's notes in bulk, due in order from `first_due`."""

    def __init__(
        self, deck_id: int, name: str, description: str, notes: Sequence[Note], first_due: int
    ) -> None:
        super().__init__(deck_id, name, description)
        for note in notes:  # the note types in the order genanki would add them
            self.add_model(note.model)
        self.quizgen_notes, self.first_due = notes, first_due

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: int, id_gen: Iterator[int]) -> None:
        """Write the deck and its note types (genanki), then the notes and cards."""
        super().write_to_db(cursor, timestamp, id_gen)
        # row by row in genanki's order (a note, then its cards), not executemany per table: the
        # same rows in the same order give the same database bytes, and it costs next to nothing
        execute = cursor.execute
        for due, note in enumerate(self.quizgen_notes, self.first_due):
            note_id = next(id_gen)
            execute(
                _NOTES,
                (
                    note_id,
                    note.guid,
                    note.model.model_id,
                    timestamp,  # mod
                    -1,  # usn
                    f" {' '.join(note.tags)} ",
                    _FIELD_SEPARATOR.join(note.fields),
                    note.fields[note.model.sort_field_index],  # sfld
                    0,  # csum
                    0,  # flags
                    "",  # data
                ),
            )
            for ord_ in note.cards:
                # id, nid, did, ord, mod, usn, type (new), queue (new), due, then _UNSEEN
                execute(
                    _CARDS,
                    (next(id_gen), note_id, self.deck_id, ord_, timestamp, -1, 0, 0, due, *_UNSEEN),
                )


def package_bytes(
    decks: Sequence[genanki.Deck],
    timestamp: int,
    media: Mapping[str, bytes] | None = None,
    extra: Mapping[str, bytes] | None = None,
) -> bytes:
    """Return an .apkg whose bytes depend only on the decks, the files and the timestamp.

    `media` maps file names, as the fields' <img src> name them, to their bytes; a name should
    be made from the bytes (as media_name does), since Anki keeps one file per name for all decks.
    `extra` entries are for quizgen itself: Anki's importer reads only the collection and media.
    """
    # genanki's write_to_file() leaves its temporary database behind and stamps the zip entries
    # with the clock; this fills the same database in memory and writes the zip itself.
    with closing(sqlite3.connect(":memory:")) as connection:
        ids = itertools.count(max(timestamp, 1) * 1000)  # note and card ids: creation times in ms
        genanki.Package(list(decks)).write_to_db(connection.cursor(), timestamp, ids)
        connection.commit()
        collection = connection.serialize()
    files = sorted((media or {}).items())
    index = json.dumps({str(i): name for i, (name, _data) in enumerate(files)}).encode()
    entries = [("collection.anki2", collection), ("media", index)]
    entries += [(str(i), data) for i, (_name, data) in enumerate(files)]
    entries += sorted((extra or {}).items())
    return zip_bytes(entries, timestamp)


def media_name(data: bytes, suffix: str) -> str:
    """Return a media file name no other file can have: quizgen-<hash of the bytes><suffix>."""
    return f"quizgen-{hashlib.sha256(data).hexdigest()[:32]}{suffix}"

"""What the deck built before holds, read back from output/, and what an edit changes for students.

The package in the output folder is what students were last given (or will be): comparing the
bank with it finds the edits that Anki cannot carry into a collection by itself.
"""

from __future__ import annotations

import html
import io
import logging
import re
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.model import Bank, Cloze, Gap
from quizgen.targets.anki.models import FIELDS, LEGACY_MODEL_IDS, MODEL_ID
from quizgen.targets.anki.notes import removed_cards

log = logging.getLogger(__name__)

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::.*?)?\}\}", re.DOTALL)
_FIELD = {name: i for i, name in enumerate(FIELDS)}


@dataclass(frozen=True)
class NoteBefore:
    """One question's note as the deck before had it."""

    kind: str
    cards: frozenset[int]  # every card number the note keeps alive (its own and removed ones)
    answers: dict[int, str] = field(default_factory=dict)  # a cloze's gap answers by number


@dataclass(frozen=True)
class DeckBefore:
    """The package a bank's last build wrote: its bytes, its time and its notes by question id."""

    path: Path
    data: bytes
    time: int
    notes: dict[str, NoteBefore]
    legacy: bool  # built by quizgen 0.1, whose note types v2 notes cannot update

    @classmethod
    def read(cls, path: Path) -> DeckBefore | None:
        """Return the deck at `path`, or None if there is none that quizgen wrote."""
        try:
            data = path.read_bytes()
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                collection = archive.read("collection.anki2")
            with closing(sqlite3.connect(":memory:")) as db:
                db.deserialize(collection)
                rows = db.execute("SELECT mid, mod, flds FROM notes").fetchall()
        except (OSError, zipfile.BadZipFile, KeyError, sqlite3.Error):
            return (
                None  # not there, or not a package quizgen could have written: nothing to compare
            )
        notes = {}
        for mid, _mod, flds in rows:
            if mid == MODEL_ID:
                values = flds.split("\x1f")
                if len(values) == len(FIELDS):
                    qid = html.unescape(values[_FIELD["Id"]]).rpartition("/")[2]
                    notes[qid] = _note(values)
        time = max((mod for _mid, mod, _flds in rows), default=0)
        legacy = any(mid in LEGACY_MODEL_IDS for mid, _mod, _flds in rows)
        return cls(path, data, time, notes, legacy)


def _note(values: list[str]) -> NoteBefore:
    answers = {int(n): html.unescape(a) for n, a in _CLOZE.findall(values[_FIELD["Text"]])}
    kept = "".join(values[_FIELD[name]] for name in ("Text", "Cards", "Removed"))
    cards = frozenset(int(n) for n, _answer in _CLOZE.findall(kept))
    return NoteBefore(values[_FIELD["Kind"]], cards, answers)


def warn_about_changes(bank: Bank, before: DeckBefore | None, path: str) -> None:
    """Warn about the edits since the deck before that students would meet as errors or stale cards."""
    if before is None:
        return
    if before.legacy:
        log.warning(
            "%s: warning: %s was made by quizgen 0.1, whose note types cannot be updated: "
            "students who imported it get every question again as a new note. Tell them to "
            "delete the old notes once: in Anki's browser search note:quizgen*v1, select all, "
            "delete (docs/anki.md)",
            bank.display_path,
            path,
        )
    withdrawn = {w.id for w in bank.withdrawn}
    questions = {q.id: q for q in bank.questions}
    for qid, note in before.notes.items():
        if note.kind == "withdrawn" or qid in withdrawn:
            continue
        question = questions.get(qid)
        if question is None:
            log.warning(
                "%s: warning: question '%s' is no longer in the bank, but it is in %s: students "
                "who imported that deck keep it and it keeps coming up for review; to tell them, "
                "list it under the bank's 'withdrawn:' as '- %s'",
                bank.display_path,
                qid,
                path,
                _withdrawn_entry(qid, note),
            )
            continue
        moved = _moved_gaps(question, note) if isinstance(question, Cloze) else {}
        kept = set(question.card_numbers) | set(removed_cards(question))
        # a gap that moved is said once, below: numbering it keeps its card, and frees its old place
        for number in sorted(note.cards - kept - set(moved)):
            which = f" (gap '{note.answers[number]}')" if number in note.answers else ""
            log.warning(
                "%s: warning: question '%s': card %d%s is gone, but students have it: Anki would "
                "show its error 'No cloze %d found' on it; add 'removed_gaps: [%d]' to the question",
                question.location,
                qid,
                number,
                which,
                number,
                number,
            )
        for was, (gap, number) in moved.items():
            log.warning(
                "%s: warning: question '%s': gap '%s' is card %d now but was card %d: students' "
                "reviews of it stay on card %d; write [[%d: %s]] to keep them together",
                question.location,
                qid,
                gap.answer,
                number,
                was,
                was,
                was,
                "|".join(gap.answers),
            )


def _withdrawn_entry(qid: str, note: NoteBefore) -> str:
    """Return the withdrawn entry that keeps every card the note had."""
    many = max(note.cards, default=1)
    return f"{{id: {qid}, gaps: {many}}}" if many > 1 else qid


def _moved_gaps(question: Cloze, note: NoteBefore) -> dict[int, tuple[Gap, int]]:
    """Return the gaps whose answer was on another card before: old number → (gap, new number)."""
    moved = {}
    for gap, number in zip(question.gaps, question.gap_numbers, strict=True):
        was = [n for n, answer in note.answers.items() if answer == gap.answer]
        if note.answers.get(number) != gap.answer and len(was) == 1:
            moved[was[0]] = (gap, number)
    return moved

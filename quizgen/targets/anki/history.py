"""Every card a bank's decks ever had, kept in the package, and what an edit changes for students.

Anki can add and update notes but never delete a card, so a card once handed out stays in
students' collections. The package carries a record of every card its bank's decks have had
(HISTORY_ENTRY, which Anki's importer ignores); the next build reads it from the deck in output/,
warns about the edits students would meet as errors or stale cards, and adds the new cards to it.
"""

from __future__ import annotations

import io
import json
import logging
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.model import MAX_GAP_NUMBER, Bank, Cloze, Gap, Question
from quizgen.targets.anki.cards import removed_cards
from quizgen.targets.anki.models import FIELDS, LEGACY_MODEL_IDS, MODEL_ID

log = logging.getLogger(__name__)

HISTORY_ENTRY = "quizgen-history.json"
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::.*?)?\}\}", re.DOTALL)
_FIELD = {name: i for i, name in enumerate(FIELDS)}
# question id -> card number -> the gap answer students first learned on it ("" for one card)
History = dict[str, dict[int, str]]


@dataclass(frozen=True)
class DeckBefore:
    """The package a bank's last build wrote: its bytes, its time and its cards' history."""

    path: Path
    data: bytes
    time: int
    history: History
    legacy: bool  # built by quizgen 0.1, whose note types v2 notes cannot update
    removed: dict[str, frozenset[int]] = field(default_factory=dict)  # cards shown as removed

    @classmethod
    def read(cls, path: Path) -> DeckBefore | None:
        """Return the deck at `path`, or None if there is none that quizgen wrote."""
        try:
            data = path.read_bytes()
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                collection = archive.read("collection.anki2")
                names = archive.namelist()
                kept = archive.read(HISTORY_ENTRY) if HISTORY_ENTRY in names else None
            with closing(sqlite3.connect(":memory:")) as db:
                db.deserialize(collection)
                rows = db.execute("SELECT mid, mod, flds FROM notes").fetchall()
        except FileNotFoundError:
            return None
        except (
            OSError,
            EOFError,
            ValueError,
            KeyError,
            zlib.error,
            zipfile.BadZipFile,
            sqlite3.Error,
            NotImplementedError,
        ) as exc:
            log.warning(
                "%s: warning: cannot read the deck built before (%s), so this build cannot "
                "check what students keep of it; delete the file if it is not quizgen's",
                path,
                exc,
            )
            return None
        history, removed = _history_of(kept) if kept is not None else (None, None)
        if history is None or removed is None:
            if kept is not None:
                log.warning(
                    "%s: warning: the record of earlier cards in it (%s) cannot be read; the "
                    "deck's own notes stand in for it, so cards its decks had before may be "
                    "missed",
                    path,
                    HISTORY_ENTRY,
                )
            history, removed = _history_in_notes(rows)
        time = max((mod for _mid, mod, _flds in rows), default=0)
        legacy = any(mid in LEGACY_MODEL_IDS for mid, _mod, _flds in rows)
        return cls(path, data, time, history, legacy, removed)


def _history_of(data: bytes) -> tuple[History | None, dict[str, frozenset[int]] | None]:
    """Return the history a package carries, and its removed cards (None if it cannot be read)."""
    try:
        stored = json.loads(data)
        history = {
            str(qid): {_card(n): str(answer) for n, answer in cards.items()}
            for qid, cards in stored["questions"].items()
        }
        removed = {
            str(qid): frozenset(_card(n) for n in numbers)
            for qid, numbers in stored["removed"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None, None
    return history, removed


def _card(number: object) -> int:
    """Return a card number as the record holds it; anything else makes the record unreadable."""
    card = int(str(number))
    if not 1 <= card <= MAX_GAP_NUMBER:
        raise ValueError(f"card number {card}")
    return card


def _history_in_notes(
    rows: Sequence[tuple[int, int, str]],
) -> tuple[History, dict[str, frozenset[int]]]:
    """Return the cards of a package without its record (made before packages carried one)."""
    import html  # imported here: only a package older than the record needs it

    history, removed = {}, {}
    for mid, _mod, flds in rows:
        values = flds.split("\x1f")
        if mid != MODEL_ID or len(values) != len(FIELDS):
            continue
        qid = html.unescape(values[_FIELD["Id"]]).rpartition("/")[2]
        kept = "".join(values[_FIELD[name]] for name in ("Text", "Cards", "Removed"))
        cards = dict.fromkeys((int(n) for n, _answer in _CLOZE.findall(kept)), "")
        cards |= {int(n): html.unescape(a) for n, a in _CLOZE.findall(values[_FIELD["Text"]])}
        history[qid] = cards
        gone = frozenset(int(n) for n, _notice in _CLOZE.findall(values[_FIELD["Removed"]]))
        if gone and values[_FIELD["Kind"]] != "withdrawn":
            removed[qid] = gone
    return history, removed


def history_bytes(bank: Bank, before: DeckBefore | None) -> bytes:
    """Return the history the new package carries: every card before, and this build's."""
    history = {qid: dict(cards) for qid, cards in (before.history if before else {}).items()}
    for question in bank.questions:
        cards = history.setdefault(question.id, {})
        for number, answer in _cards_now(question).items():
            cards.setdefault(number, answer)  # the answer students first learned on the card
    for withdrawn in bank.withdrawn:
        cards = history.setdefault(withdrawn.id, {})
        for number in range(1, withdrawn.gaps + 1):
            cards.setdefault(number, "")
    removed = {qid: set(numbers) for qid, numbers in (before.removed if before else {}).items()}
    for question in bank.questions:
        if gone := removed_cards(question):
            removed.setdefault(question.id, set()).update(gone)
    stored = {
        "questions": {
            qid: {str(n): answer for n, answer in sorted(cards.items())}
            for qid, cards in sorted(history.items())
        },
        "removed": {qid: sorted(numbers) for qid, numbers in sorted(removed.items())},
    }
    return json.dumps(stored, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _cards_now(question: Question) -> dict[int, str]:
    """Return the question's cards with the gap each asks for ("" for a question's one card)."""
    if isinstance(question, Cloze):
        return {n: gap.answer for gap, n in zip(question.gaps, question.gap_numbers, strict=True)}
    return dict.fromkeys(question.card_numbers, "")


def warn_about_changes(bank: Bank, before: DeckBefore | None, path: str) -> None:
    """Warn about the edits since the decks before that students would meet as errors or stale cards."""
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
    withdrawn = {w.id: w for w in bank.withdrawn}
    questions = {q.id: q for q in bank.questions}
    for qid, cards in before.history.items():
        question = questions.get(qid)
        if qid in withdrawn:
            _warn_about_withdrawn(withdrawn[qid].gaps, withdrawn[qid].location, qid, cards)
        elif question is None:
            log.warning(
                "%s: warning: question '%s' is no longer in the bank, but decks built before "
                "(%s) had it: students keep it and it keeps coming up for review; to tell them, "
                "list it under the bank's 'withdrawn:' as %s",
                bank.location,
                qid,
                path,
                _withdrawn_entry(qid, cards),
            )
        else:
            removed = before.removed.get(qid, frozenset())
            moved = _warn_about_cards(question, cards, removed)
            _warn_about_reused(question, removed - moved, cards)


def _withdrawn_entry(qid: str, cards: dict[int, str]) -> str:
    """Return the withdrawn entry that keeps every card the note had."""
    many = max(cards, default=1)
    return f"'{{id: {qid}, gaps: {many}}}'" if many > 1 else f"'{qid}'"


def _warn_about_withdrawn(gaps: int, where: object, qid: str, cards: dict[int, str]) -> None:
    """Warn when a withdrawn cloze lists fewer gaps than its decks had: those cards would break."""
    if max(cards, default=1) > gaps:
        log.warning(
            "%s: warning: withdrawn question '%s' had %d cards, but the list gives it %d: "
            "Anki would show its error 'No cloze %d found' on the others; write %s",
            where,
            qid,
            max(cards),
            gaps,
            gaps + 1,
            _withdrawn_entry(qid, cards),
        )


def _warn_about_cards(
    question: Question, cards: dict[int, str], removed: frozenset[int]
) -> frozenset[int]:
    """Warn about cards students have that the question lost, and gaps whose card moved.

    Return the card numbers of the gaps that moved (a warning says where they belong).
    """
    moved = _moved_gaps(question, cards, removed) if isinstance(question, Cloze) else {}
    kept = set(question.card_numbers) | set(removed_cards(question))
    # a gap that moved is said once, below: numbering it keeps its card and frees its old place
    gone = sorted(set(cards) - kept - set(moved))
    if gone:
        listed = ", ".join(str(n) for n in gone)
        gaps = [f"'{cards[n]}'" for n in gone if cards[n]]
        which = f" (gap{'s' if gaps[1:] else ''} {', '.join(gaps)})" if gaps else ""
        plural = "s" if len(gone) > 1 else ""
        everything = ", ".join(str(n) for n in sorted({*gone, *question.removed_gaps}))
        log.warning(
            "%s: warning: question '%s': card%s %s%s gone, but students have %s: Anki would "
            "show its error 'No cloze %d found' on %s; write 'removed_gaps: [%s]' in the question",
            question.where("text") if isinstance(question, Cloze) else question.location,
            question.id,
            plural,
            listed + which,
            " are" if gone[1:] else " is",
            "them" if gone[1:] else "it",
            gone[0],
            "them" if gone[1:] else "it",
            everything,
        )
    for was, (gap, number) in moved.items():
        log.warning(
            "%s: warning: question '%s': gap '%s' is card %d now but was card %d: students' "
            "reviews of it stay on card %d; number the gaps as before and write [[%d: %s]]",
            question.where("text"),
            question.id,
            gap.answer,
            number,
            was,
            was,
            was,
            "|".join(gap.answers),
        )
    return frozenset(number for _gap, number in moved.values())


def _moved_gaps(
    question: Cloze, cards: dict[int, str], removed: frozenset[int]
) -> dict[int, tuple[Gap, int]]:
    """Return the gaps whose answer was on another card before: old number → (gap, new number).

    A gap that comes back after its card was removed is new: its old card says it is gone.
    """
    gone = removed | set(removed_cards(question))
    moved = {}
    for gap, number in zip(question.gaps, question.gap_numbers, strict=True):
        was = [n for n, answer in cards.items() if answer == gap.answer and n not in gone]
        if cards.get(number) != gap.answer and len(was) == 1:
            moved[was[0]] = (gap, number)
    return moved


def _warn_about_reused(question: Question, removed: frozenset[int], cards: dict[int, str]) -> None:
    """Warn when a gap has the card of a removed gap: students were told to suspend it."""
    for number in sorted(removed & set(question.card_numbers)):
        unused = max((*cards, *question.card_numbers, *question.removed_gaps)) + 1
        log.warning(
            "%s: warning: question '%s': card %d was a removed gap, and students were told to "
            "suspend it, so they would never see the gap that has it now; give that gap a "
            "number no gap has had, such as %d",
            question.where("text") if isinstance(question, Cloze) else question.location,
            question.id,
            number,
            unused,
        )

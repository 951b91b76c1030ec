"""The Anki packages of a build: one deck per bank, notes due in bank order."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from quizgen.answers.solve import solve_bank
from quizgen.bank.loader import shown_path
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.output.ids import stable_id
from quizgen.output.places import placed
from quizgen.present import markup
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.anki.genanki_api import genanki
from quizgen.targets.anki.history import (
    HISTORY_ENTRY,
    DeckBefore,
    history_bytes,
    warn_about_changes,
)
from quizgen.targets.anki.models import genanki_model, template_files
from quizgen.targets.anki.notes import (
    WITHDRAWN_TAG,
    FieldMacros,
    NoteFields,
    anki_html,
    anki_tag,
    note_guid,
    note_tags,
)
from quizgen.targets.anki.package import Note, NotesDeck, package_bytes

log = logging.getLogger(__name__)

COMBINED_PATH = "quizgen.apkg"
# No commit of a quizgen bank is older: a SOURCE_DATE_EPOCH before it is a constant someone set.
FIXED_DATES_BEFORE = 1577836800  # 2020-01-01
A_DAY = 86400  # a commit time ahead of the clock by more than this is not a commit time


def deck_path(bank: Bank) -> str:
    """Return where a bank's package goes below the output folder."""
    return f"{bank.id}/{bank.id}.apkg"


def deck_before(context: BuildContext, relative: str) -> DeckBefore | None:
    """Return the deck handed out before: in site/, or where older builds wrote it (no site/)."""
    found = DeckBefore.read(context.out_dir / placed(relative, "student"))
    # the first build after the upgrade still dates its decks after the ones students hold
    return found or DeckBefore.read(context.out_dir / relative)


def write_packages(
    banks: Sequence[Bank], out: OutputWriter, context: BuildContext, combine_below: str | None
) -> None:
    """Write one Anki package per bank, and the combined one if `combine_below` names its parent."""
    warn_about_a_fixed_date(context)
    model = genanki_model(context.template_dirs)
    templates = template_files(context.template_dirs)
    macros = FieldMacros(context.template_dirs)
    made: dict[str, tuple[list[Note], int]] = {}
    later: list[tuple[Path, int, int]] = []  # decks dated after SOURCE_DATE_EPOCH
    for bank in banks:
        warn_about_mapped_tags(bank)
        before = deck_before(context, deck_path(bank))
        notes = bank_notes(bank, model, macros)
        warn_about_changes(
            bank, before, shown_path(before.path, context.project_root) if before else ""
        )

        def make(
            timestamp: int,
            bank: Bank = bank,
            notes: list[Note] = notes,
            history: bytes = history_bytes(bank, before),
        ) -> bytes:
            extra = {HISTORY_ENTRY: history}
            return package_bytes([bank_deck(bank, notes)], timestamp, extra=extra)

        base = input_time(bank, templates, context)
        timestamp, data = dated(base, before, make)
        if before and base <= before.time < timestamp and context.source_date_epoch is not None:
            later.append((before.path, base, timestamp))  # changed, and dated after the deck before
        out.write(deck_path(bank), data, FileRole("deck", bank.id))
        made[bank.id] = notes, timestamp
    if later:
        warn_about_an_older_date(*later[0], context)
    if combine_below is None:
        return
    if len(made) < len(context.project_banks):
        # a build of some banks cannot see the others' problems: keep the file as it was
        log.warning(
            "warning: %s holds every bank, and this build names only some: it stays as it "
            "was; build without naming banks to make it again",
            COMBINED_PATH,
        )
        kept = context.out_dir / placed(COMBINED_PATH, "student")
        if kept.is_file():  # staged again as it is: a file the target does not stage goes
            out.write(COMBINED_PATH, kept.read_bytes(), FileRole("combined_deck"))
        return
    combined: list[genanki.Deck] = []
    first_due, times = 0, []
    for bank in banks:
        notes, timestamp = made[bank.id]
        combined.append(bank_deck(bank, notes, first_due, combine_below))
        first_due += len(notes)
        times.append(timestamp)
    before = deck_before(context, COMBINED_PATH)
    _time, data = dated(max(times), before, lambda t: package_bytes(combined, t))
    out.write(COMBINED_PATH, data, FileRole("combined_deck"))


def dated(base: int, before: DeckBefore | None, make: Callable[[int], bytes]) -> tuple[int, bytes]:
    """Return the package's time and bytes: newer to Anki than the deck before it, if it changed.

    Anki takes a note's new text only from a newer note, and the time the inputs give can be
    older than the deck already handed out (SOURCE_DATE_EPOCH from an older commit, after a build
    dated by file times). Same notes as before: the same time and bytes as before.
    """
    if before is None or base > before.time:
        return base, make(base)
    same = make(before.time)
    if same == before.data:
        return before.time, same
    return before.time + 1, make(before.time + 1)


def warn_about_an_older_date(path: Path, epoch: int, dated_at: int, context: BuildContext) -> None:
    """Say once a build that SOURCE_DATE_EPOCH was older than a deck before: it was not used."""
    log.warning(
        "%s: warning: SOURCE_DATE_EPOCH (%d) is not later than the deck built before (%d); "
        "dated %d instead, so that Anki takes the changes. In CI, set it to the time of the "
        "last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)",
        shown_path(path, context.project_root),
        epoch,
        dated_at - 1,
        dated_at,
    )


def warn_about_a_fixed_date(context: BuildContext) -> None:
    """Warn when SOURCE_DATE_EPOCH is a constant, or in the future: decks would stop updating."""
    epoch = context.source_date_epoch
    if epoch is not None and epoch > time.time() + A_DAY:
        log.warning(
            "warning: SOURCE_DATE_EPOCH=%d is in the future: decks built with it are newer than "
            "every deck built after them until then, so students would stop getting updates; "
            "set it to the time of the last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)",
            epoch,
        )
    if epoch is not None and epoch < FIXED_DATES_BEFORE:
        log.warning(
            "warning: SOURCE_DATE_EPOCH=%d is a fixed date, not the time of a commit: every deck "
            "built with it is dated the same, and Anki keeps students' old text after each edit; "
            "set it to the time of the last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)",
            epoch,
        )


def deck_name(bank: Bank) -> str:
    """Return the bank's deck: its `deck` path (Parent::Child), else its title."""
    return bank.deck.strip() or bank.title.strip()


def bank_deck(bank: Bank, notes: Sequence[Note], first_due: int = 0, parent: str = "") -> NotesDeck:
    """Return the bank's deck (below `parent` if given): its notes due in bank order."""
    name = f"{parent}::{deck_name(bank)}" if parent else deck_name(bank)
    description = anki_html(markup.block(bank.description)) if bank.description else ""
    return NotesDeck(stable_id("quizgen deck", name), name, description, notes, first_due)


def bank_notes(bank: Bank, model: genanki.Model, macros: FieldMacros) -> list[Note]:
    """Return one note per question in bank order, then one per withdrawn question."""
    fields = NoteFields(bank, macros)
    # the deck keeps the bank's order and one option order whatever --seed says: a rebuild must
    # never reshuffle a student's cards
    solved = solve_bank(bank, fields.common)
    notes = []
    for question, values in zip(bank.questions, fields.all_fields(solved), strict=True):
        tags = note_tags((*bank.tags, *question.tags))
        cards = tuple(n - 1 for n in question.card_numbers)
        notes.append(Note(model, values, tags, note_guid(bank, question.id), cards))
    for withdrawn in bank.withdrawn:
        # no cards: a student who has the note keeps its cards, one who never had it gets none
        tags = note_tags((*bank.tags, WITHDRAWN_TAG))
        values = fields.withdrawn_fields(withdrawn)
        notes.append(Note(model, values, tags, note_guid(bank, withdrawn.id), ()))
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

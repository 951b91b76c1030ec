"""A term of edits on one student's collection, with the official `anki` package.

A teacher edits the bank over a term and students re-import each new deck. Each step replays the
term up to it: after every import there are no conflicting or duplicate notes, no card shows
Anki's error page, the student sees the current text, and the reviews of every question and gap
that did not change are where they were. Each test then checks what its own edit must do.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from anki.collection import Card, Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note

from tests.harness import PROJECTS, run_cli
from tests.test_anki import visible

BANK_HEAD = """\
bank: term
title: A term of edits
language: en
source: seeds/lighthouse.txt
"""
# question id → YAML; the steps below edit these as a teacher would
QUESTIONS = {
    "reworded": """\
  - id: reworded
    type: single
    prompt: Who built the lighthouse?
    source: It was built in 1887 by the engineer Mary Ellis & her brother.
    correct: Mary Ellis
    wrong: [John Ellis, The keepers]
""",
    "retyped": """\
  - id: retyped
    type: short
    prompt: Who lit the lamp?
    source: "Three keepers lived in the tower: the “Head Keeper”, the cook and the boy."
    answer: [the keepers]
    answer_in_quote: false
""",
    "deleted": """\
  - id: deleted
    type: truefalse
    prompt: The lighthouse stands on a rock.
    source: The old lighthouse stands on a rock
    answer: true
""",
    "dropped": """\
  - id: dropped
    type: cloze
    text: "They lit the [[lamp]] at [[dusk]] and put it out at [[dawn]]."
    source: They lit the lamp at dusk and put it out at dawn.
""",
    "inserted": """\
  - id: inserted
    type: cloze
    text: "It was built in [[1887]] by the engineer [[Mary Ellis]] & her brother."
    source: It was built in 1887 by the engineer Mary Ellis & her brother.
""",
    "kept": """\
  - id: kept
    type: numeric
    prompt: How far off the coast is the rock, in kilometres?
    source: The old lighthouse stands on a rock 2.5 kilometres off the coast.
    answer: 2.5
    unit: km
""",
}
REMOVED_NOTICE = "This gap is no longer in the question."
WITHDRAWN_NOTICE = "This question was withdrawn from the deck."
NEW_CSS = "\n.qg-prompt { letter-spacing: 0.01em; }  /* a later quizgen's look */\n"


@dataclass
class Term:
    """One teacher's project and one student's collection, edited and re-imported step by step."""

    root: Path
    col: Collection
    questions: dict[str, str] = field(default_factory=lambda: dict(QUESTIONS))
    withdrawn: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    reviews: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def package(self) -> Path:
        return self.root / "output" / "site" / "term" / "term.apkg"

    def write_bank(self) -> None:
        withdrawn = f"withdrawn: [{', '.join(self.withdrawn)}]\n" if self.withdrawn else ""
        text = BANK_HEAD + withdrawn + "questions:\n" + "".join(self.questions.values())
        (self.root / "questions" / "term.yaml").write_text(text, encoding="utf-8")

    def build(self) -> None:
        """Build the deck as the teacher does."""
        self.write_bank()
        result = run_cli(self.root, "build", "--only", "anki", env=self.env)
        assert result.exit_code == 0, result.output

    def build_and_import(self) -> object:
        """Build the deck, import it as the student does, check the collection."""
        self.build()
        options = ImportAnkiPackageOptions()  # the import dialog's defaults: update if newer
        request = ImportAnkiPackageRequest(package_path=str(self.package), options=options)
        log = self.col.import_anki_package(request).log
        self.check(log)
        return log

    def check(self, log: object) -> None:
        """What must hold after every import."""
        assert list(log.conflicting) == []  # type: ignore[attr-defined]
        assert list(log.duplicate) == []  # type: ignore[attr-defined]  # every note taken
        shipped = package_notes(self.package)
        for note_id in self.col.find_notes(""):
            note = self.note(note_id)
            assert note.fields == shipped[note.guid], "the student sees old text"
        ids = [self.note(n)["Id"] for n in self.col.find_notes("")]
        assert sorted(ids) == sorted(f"term/{q}" for q in [*self.questions, *self.withdrawn])
        for card_id in self.col.find_cards(""):
            card = self.col.get_card(card_id)
            for side in (card.question(), card.answer()):
                assert "No cloze" not in side and "found on card" not in side, side
                assert visible(side), "an empty card side"
        for key, (reps, interval) in self.reviews.items():
            card = self.card(*key)
            assert (card.reps, card.ivl) == (reps, interval), f"the reviews of {key} moved"

    def note(self, note_id: int) -> Note:
        return self.col.get_note(note_id)

    def card(self, qid: str, number: int) -> Card:
        """Return the card of a question's gap (or its one card, number 1)."""
        (note_id,) = self.col.find_notes(f'"Id:term/{qid}"')
        cards = [self.col.get_card(c) for c in self.col.card_ids_of_note(note_id)]
        (card,) = [c for c in cards if c.ord == number - 1]
        return card

    def review_everything(self) -> None:
        """Study every card once, as a student does, and remember where each review went."""
        self.col.decks.select(self.col.decks.id_for_name("A term of edits"))
        while (card := self.col.sched.getCard()) is not None:
            self.col.sched.answerCard(card, 3)  # "good"
        self.remember_reviews()

    def remember_reviews(self) -> None:
        self.reviews = {}
        for card_id in self.col.find_cards(""):
            card = self.col.get_card(card_id)
            qid = self.note(card.nid)["Id"].removeprefix("term/")
            self.reviews[(qid, card.ord + 1)] = (card.reps, card.ivl)

    def forget(self, *keys: tuple[str, int]) -> None:
        """Stop checking reviews that the step's own edit may move."""
        for key in keys:
            self.reviews.pop(key, None)

    def edit(self, qid: str, old: str, new: str) -> None:
        assert old in self.questions[qid], (qid, old)
        self.questions[qid] = self.questions[qid].replace(old, new)


def package_notes(package: Path) -> dict[str, list[str]]:
    """Return the fields of every note in a package, by GUID."""
    with zipfile.ZipFile(package) as archive:
        data = archive.read("collection.anki2")
    with closing(sqlite3.connect(":memory:")) as db:
        db.deserialize(data)
        return {
            guid: flds.split("\x1f") for guid, flds in db.execute("select guid, flds from notes")
        }


# --- the steps of the term, in order ------------------------------------------------------------


def import_and_review(term: Term) -> None:
    log = term.build_and_import()
    assert len(log.new) == 6  # type: ignore[attr-defined]
    term.review_everything()


def reword(term: Term) -> None:
    term.edit("reworded", "Who built the lighthouse?", "Who designed the lighthouse?")
    term.build_and_import()


def change_type(term: Term) -> None:
    term.questions["retyped"] = """\
  - id: retyped
    type: single
    prompt: Who lived in the tower with the Head Keeper?
    source: "Three keepers lived in the tower: the “Head Keeper”, the cook and the boy."
    correct: the cook
    wrong: [the engineer, the brother]
"""
    term.build_and_import()


def withdraw(term: Term) -> None:
    del term.questions["deleted"]
    term.withdrawn.append("deleted")
    term.forget(("deleted", 1))
    term.build_and_import()


def drop_gap(term: Term) -> None:
    # the middle gap goes; the last keeps its number, so its reviews stay with it
    term.edit(
        "dropped",
        "the [[lamp]] at [[dusk]] and put it out at [[dawn]]",
        "the [[1: lamp]] at dusk and put it out at [[3: dawn]]",
    )
    term.build_and_import()


def insert_gap(term: Term) -> None:
    # a new gap in the middle takes a new number, so the later gap keeps its own
    term.edit(
        "inserted",
        "in [[1887]] by the engineer [[Mary Ellis]]",
        "in [[1: 1887]] by the [[3: engineer]] [[2: Mary Ellis]]",
    )
    term.build_and_import()


def newer_note_type(term: Term) -> None:
    # a later quizgen ships a changed look: the same fields, new CSS and card HTML
    shipped = Path(__file__).resolve().parents[1] / "templates" / "anki"
    own = term.root / "templates" / "anki"
    own.mkdir(parents=True)
    (own / "card.css").write_text((shipped / "card.css").read_text() + NEW_CSS)
    back = (shipped / "card.back.mustache").read_text()
    (own / "card.back.mustache").write_text(back.replace("<hr id=", '<hr class="qg-v3" id='))
    term.build_and_import()


def switch_to_source_date_epoch(term: Term) -> None:
    # CI builds from a commit made before the files the laptop's last build was dated by
    term.edit("reworded", "designed", "planned")
    term.build_and_import()  # the laptop build, by file times
    term.env["SOURCE_DATE_EPOCH"] = str(int(time.time()) - 7200)
    term.edit("kept", "in kilometres?", "in km?")
    term.build_and_import()  # the CI build of the next commit


STEPS: list[Callable[[Term], None]] = [
    import_and_review,
    reword,
    change_type,
    withdraw,
    drop_gap,
    insert_gap,
    newer_note_type,
    switch_to_source_date_epoch,
]


@pytest.fixture
def term_until(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Callable[[Term], None]], Term]]:
    """Replay the term up to and including a step; return the project and the collection."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "project"
    (root / "questions").mkdir(parents=True)
    shutil.copytree(PROJECTS / "mini" / "seeds", root / "seeds")
    col = Collection(str(tmp_path / "student.anki2"))

    def replay(last: Callable[[Term], None] | None) -> Term:
        term = Term(root, col)
        for step in STEPS[: STEPS.index(last) + 1] if last else ():
            step(term)
        return term

    yield replay
    col.close()


# --- each step's own promise -------------------------------------------------------------------


def test_first_import_makes_one_note_per_question_and_a_card_per_gap(term_until) -> None:
    term = term_until(import_and_review)
    assert term.col.note_count() == 6
    assert term.col.card_count() == 4 + 3 + 2
    assert len(term.reviews) == 9 and all(reps >= 1 for reps, _interval in term.reviews.values())


def test_a_reworded_question_updates_in_place(term_until) -> None:
    term = term_until(reword)
    card = term.card("reworded", 1)
    assert card.note()["Prompt"] == "Who designed the lighthouse?"
    assert "Who designed the lighthouse?" in visible(card.question())


def test_a_question_that_changes_type_keeps_its_note_and_reviews(term_until) -> None:
    term = term_until(change_type)
    card = term.card("retyped", 1)
    assert card.note()["Kind"] == "single"
    front = visible(card.question())
    assert "Who lived in the tower with the Head Keeper?" in front and "the cook" in front
    assert "[[type:" not in card.question()  # no box to type in any more
    assert (card.reps, card.ivl) == term.reviews[("retyped", 1)]


def test_a_withdrawn_question_says_so_and_goes_in_one_step(term_until) -> None:
    term = term_until(withdraw)
    card = term.card("deleted", 1)
    assert WITHDRAWN_NOTICE in visible(card.question())
    assert "stands on a rock" not in visible(card.question())
    withdrawn = term.col.find_notes("tag:quizgen::withdrawn")
    assert list(withdrawn) == [card.nid]
    term.col.remove_notes(withdrawn)  # the student's one step: select all found, delete
    assert term.col.note_count() == 5
    assert term.col.card_count() == 8


def test_a_new_student_gets_no_card_of_a_withdrawn_question_or_removed_gap(
    term_until, tmp_path: Path
) -> None:
    term = term_until(drop_gap)
    col = Collection(str(tmp_path / "new-student.anki2"))
    request = ImportAnkiPackageRequest(
        package_path=str(term.package), options=ImportAnkiPackageOptions()
    )
    col.import_anki_package(request)
    sides = [visible(col.get_card(c).question()) for c in col.find_cards("")]
    assert len(sides) == 3 + 2 + 2
    assert not [s for s in sides if REMOVED_NOTICE in s or WITHDRAWN_NOTICE in s]
    # Check Database makes the cards a note's cloze numbers ask for: they say what they are
    col.fix_integrity()
    assert len(col.find_cards("")) == 9
    notices = [
        s
        for s in (visible(col.get_card(c).question()) for c in col.find_cards(""))
        if REMOVED_NOTICE in s or WITHDRAWN_NOTICE in s
    ]
    assert len(notices) == 2
    col.close()


def test_a_dropped_gap_leaves_a_card_that_says_so(term_until) -> None:
    term = term_until(drop_gap)
    removed = term.card("dropped", 2)
    front, back = visible(removed.question()), visible(removed.answer())
    assert REMOVED_NOTICE in front and REMOVED_NOTICE in back
    assert "They lit the" not in front  # nothing to recall on a card without its gap
    assert "[...]" in visible(term.card("dropped", 3).question())
    assert "dawn" in visible(term.card("dropped", 3).answer())
    assert REMOVED_NOTICE not in visible(term.card("dropped", 3).question())


def test_an_inserted_gap_is_a_new_card_and_the_later_gap_keeps_its_reviews(term_until) -> None:
    term = term_until(insert_gap)
    new = term.card("inserted", 3)
    assert new.reps == 0
    assert "by the [...] Mary Ellis" in visible(new.question())
    assert "engineer [...] & her brother" in visible(term.card("inserted", 2).question())


def test_a_newer_note_type_reaches_the_student_without_conflicts(term_until) -> None:
    term = term_until(newer_note_type)
    card = term.card("kept", 1)
    assert NEW_CSS.strip() in card.render_output().css  # rendered by Anki from the collection
    assert 'class="qg-v3"' in card.answer()
    assert term.col.db.list("select name from notetypes where name like 'quizgen%'") == [
        "quizgen v2"
    ]


def test_switching_to_source_date_epoch_still_delivers_the_edit(term_until) -> None:
    term = term_until(switch_to_source_date_epoch)
    assert term.card("kept", 1).note()["Prompt"] == "How far off the coast is the rock, in km?"
    assert term.card("reworded", 1).note()["Prompt"] == "Who planned the lighthouse?"


# --- what the build says when an edit would go wrong -------------------------------------------


def rebuilt_warnings(
    term: Term, caplog: pytest.LogCaptureFixture, edit: Callable[[], None]
) -> list[str]:
    """Build, edit, build again: return the Anki target's warnings about the edit."""
    term.build()
    edit()
    caplog.clear()
    term.build()
    return [r.getMessage() for r in caplog.records if r.name.startswith("quizgen.targets.anki")]


def test_a_deleted_question_not_withdrawn_is_named_until_it_is(term_until, caplog) -> None:
    term = term_until(None)

    def delete() -> None:
        del term.questions["dropped"]

    named = (
        "questions/term.yaml:1:1: warning: question 'dropped' is no longer in the bank, but decks "
        "built before (output/site/term/term.apkg) had it: students keep it and it keeps coming up for "
        "review; to tell them, list it under the bank's 'withdrawn:' as '{id: dropped, gaps: 3}'"
    )
    assert rebuilt_warnings(term, caplog, delete) == [named]
    # the decks remember it: another edit, another build, the same warning
    again = rebuilt_warnings(term, caplog, lambda: term.edit("kept", "in kilometres?", "in km?"))
    assert again == [named]
    term.withdrawn.append("{id: dropped, gaps: 3}")
    assert rebuilt_warnings(term, caplog, lambda: None) == []


def test_a_withdrawn_cloze_with_too_few_gaps_is_named(term_until, caplog) -> None:
    term = term_until(None)

    def withdraw() -> None:
        del term.questions["dropped"]
        term.withdrawn.append("dropped")

    assert rebuilt_warnings(term, caplog, withdraw) == [
        "questions/term.yaml:5:13: warning: withdrawn question 'dropped' had 3 cards, but the "
        "list gives it 1: Anki would show its error 'No cloze 2 found' on the others; write "
        "'{id: dropped, gaps: 3}'"
    ]


def test_a_removed_gap_without_its_number_is_named_with_the_fix(term_until, caplog) -> None:
    term = term_until(None)
    warnings = rebuilt_warnings(
        term, caplog, lambda: term.edit("dropped", "at [[dusk]] and", "at dusk and")
    )
    moved = (
        "questions/term.yaml:25:11: warning: question 'dropped': gap 'dawn' is card 2 now but was "
        "card 3: students' reviews of it stay on card 3; number the gaps as before and write "
        "[[3: dawn]]"
    )
    assert warnings == [moved]
    # the advice holds on the next build too, and taking it ends the warnings
    assert rebuilt_warnings(term, caplog, lambda: None) == [moved]
    fixed = rebuilt_warnings(
        term,
        caplog,
        lambda: term.edit(
            "dropped",
            "[[lamp]] at dusk and put it out at [[dawn]]",
            "[[1: lamp]] at dusk and put it out at [[3: dawn]]",
        ),
    )
    assert fixed == []


def test_removed_last_gaps_are_named_in_one_line(term_until, caplog) -> None:
    term = term_until(None)
    warnings = rebuilt_warnings(
        term,
        caplog,
        lambda: term.edit(
            "dropped", "at [[dusk]] and put it out at [[dawn]]", "at dusk and put it out at dawn"
        ),
    )
    assert warnings == [
        "questions/term.yaml:25:11: warning: question 'dropped': cards 2, 3 (gaps 'dusk', 'dawn') "
        "are gone, but students have them: Anki would show its error 'No cloze 2 found' on them; "
        "write 'removed_gaps: [2, 3]' in the question",
    ]


def test_an_inserted_gap_without_numbers_is_named_with_the_fix(term_until, caplog) -> None:
    term = term_until(None)
    warnings = rebuilt_warnings(
        term,
        caplog,
        lambda: term.edit("inserted", "the engineer [[Mary", "the [[engineer]] [[Mary"),
    )
    assert warnings == [
        "questions/term.yaml:29:11: warning: question 'inserted': gap 'Mary Ellis' is card 3 now "
        "but was card 2: students' reviews of it stay on card 2; number the gaps as before and "
        "write [[2: Mary Ellis]]"
    ]


def test_a_deck_of_quizgen_0_1_in_output_is_named(term_until, caplog) -> None:
    term = term_until(None)
    legacy = Path(__file__).parent / "fixtures" / "anki" / "quizgen-0.1.apkg"
    term.package.parent.mkdir(parents=True)
    shutil.copyfile(legacy, term.package)
    caplog.clear()
    term.build()
    assert [r.getMessage() for r in caplog.records if "0.1" in r.getMessage()] == [
        "questions/term.yaml: warning: output/site/term/term.apkg was made by quizgen 0.1, whose note "
        "types cannot be updated: students who imported it get every question again as a new "
        "note. Tell them to delete the old notes once: in Anki's browser search note:quizgen*v1, "
        "select all, delete (docs/anki.md)"
    ]


def test_strict_builds_fail_on_a_warning_about_students_cards(term_until, caplog) -> None:
    term = term_until(None)
    term.build()
    del term.questions["kept"]
    term.write_bank()
    result = run_cli(term.root, "build", "--only", "anki", "--strict")
    assert result.exit_code == 1
    assert "warning: question 'kept' is no longer in the bank" in caplog.text
    assert term.package.exists()  # written all the same: the warning is about what students keep
    again = run_cli(term.root, "build", "--only", "anki", "--strict")  # nothing to do, same warning
    assert again.exit_code == 1


def test_a_gap_given_a_removed_gaps_card_is_named(term_until, caplog) -> None:
    term = term_until(drop_gap)  # card 2 of 'dropped' now tells students to suspend it
    warnings = rebuilt_warnings(
        term, caplog, lambda: term.edit("dropped", "lamp]] at dusk", "lamp]] at [[2: dusk]]")
    )
    assert warnings == [
        "questions/term.yaml:21:11: warning: question 'dropped': card 2 was a removed gap, and "
        "students were told to suspend it, so they would never see the gap that has it now; give "
        "that gap a number no gap has had, such as 4"
    ]


def test_a_deck_before_that_cannot_be_read_is_named(term_until, caplog) -> None:
    term = term_until(None)
    term.package.parent.mkdir(parents=True)
    term.package.write_bytes(b"PK\x03\x04 not a zip")
    caplog.clear()
    term.build()
    assert [r.getMessage() for r in caplog.records if "cannot read" in r.getMessage()] == [
        f"{term.package}: warning: cannot read the deck built before (File is not a zip file), "
        "so this build cannot check what students keep of it; delete the file if it is not "
        "quizgen's"
    ]


def test_a_record_of_cards_that_cannot_be_read_is_named(term_until, caplog) -> None:
    term = term_until(None)
    term.build()
    with zipfile.ZipFile(term.package) as archive:
        entries = [(name, archive.read(name)) for name in archive.namelist()]
    with zipfile.ZipFile(term.package, "w") as archive:
        for name, data in entries:
            archive.writestr(
                name, b'{"questions": {"x": {"0": "a"}}}' if name.endswith(".json") else data
            )
    caplog.clear()
    term.build()
    assert [r.getMessage() for r in caplog.records if "cannot be read" in r.getMessage()] == [
        f"{term.package}: warning: the record of earlier cards in it (quizgen-history.json) "
        "cannot be read; the deck's own notes stand in for it, so cards its decks had before "
        "may be missed"
    ]


def test_a_removed_gap_is_remembered_by_a_deck_without_its_record(term_until, caplog) -> None:
    term = term_until(drop_gap)
    with zipfile.ZipFile(term.package) as archive:
        entries = [(n, archive.read(n)) for n in archive.namelist() if not n.endswith(".json")]
    with zipfile.ZipFile(term.package, "w") as archive:  # a deck made before decks had records
        for name, data in entries:
            archive.writestr(name, data)
    warnings = rebuilt_warnings(
        term, caplog, lambda: term.edit("dropped", "lamp]] at dusk", "lamp]] at [[2: dusk]]")
    )
    assert [w for w in warnings if "card 2 was a removed gap" in w] != []


def test_a_gap_that_comes_back_after_removal_gets_no_advice(term_until, caplog) -> None:
    term = term_until(None)
    term.build()  # the deck students have: three gaps
    term.edit("dropped", 'out at [[dawn]]."', 'out at dawn."\n    removed_gaps: [3]')
    term.build()
    back = rebuilt_warnings(
        term, caplog, lambda: term.edit("dropped", 'out at dawn."', 'out at [[dawn]]."')
    )
    assert back == []  # the gap is card 4 now, a new card; card 3 still says it is gone


def test_taking_a_removed_gap_off_the_list_gets_one_piece_of_advice(term_until, caplog) -> None:
    term = term_until(None)
    term.build()  # the deck students have: three gaps
    term.edit(
        "dropped",
        'at [[dusk]] and put it out at [[dawn]]."',
        'at dusk and put it out at [[dawn]]."\n    removed_gaps: [2]',
    )
    term.build()
    warnings = rebuilt_warnings(
        term, caplog, lambda: term.edit("dropped", "\n    removed_gaps: [2]", "")
    )
    assert warnings == [
        "questions/term.yaml:25:11: warning: question 'dropped': gap 'dawn' is card 2 now but was "
        "card 3: students' reviews of it stay on card 3; number the gaps as before and write "
        "[[3: dawn]]"
    ]

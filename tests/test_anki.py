"""Anki decks, checked the way students use them: imported into real Anki with its own importer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki.collection import (
    Card,
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportResponse

from quizgen.answers.numbers import format_decimal
from quizgen.errors import TargetError
from quizgen.model import (
    Bank,
    ChoiceQuestion,
    Cloze,
    Gap,
    Match,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import template_dirs
from quizgen.project import load_project
from quizgen.targets.anki.models import FIELDS, MODEL_ID, MODEL_NAME, genanki_model, template_files
from quizgen.targets.anki.notes import note_guid
from quizgen.targets.anki.package import Note, NotesDeck, media_name, package_bytes

EPOCH = "1700000000"


@pytest.fixture(autouse=True)
def no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests of file times must not see a SOURCE_DATE_EPOCH set around the test run."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def new_collection(tmp_path: Path) -> Iterator[Callable[[], Collection]]:
    """Open fresh, empty Anki collections; all are closed after the test."""
    opened: list[Collection] = []

    def make() -> Collection:
        col = Collection(str(tmp_path / f"collection{len(opened)}.anki2"))
        opened.append(col)
        return col

    yield make
    for col in opened:
        col.close()


def import_package(col: Collection, package: Path) -> ImportResponse.Log:
    """Import an .apkg with the options Anki's import dialog starts with."""
    options = ImportAnkiPackageOptions()  # update notes and note types "if newer"
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log


BLOCKS = {"div", "p", "li", "ol", "ul", "table", "tr", "td", "hr", "br", "cite"}


class _Visible(HTMLParser):
    """Collects shown text, and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, attrs))
        self.hidden += tag in ("style", "script")
        self.parts.append(" " if tag in BLOCKS else "")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")
        self.parts.append(" " if tag in BLOCKS else "")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    """Return the text a browser shows for some HTML, whitespace collapsed."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Return every element of some HTML with its attributes."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.elements


def shown(text: str, *, markdown: bool = True) -> str:
    """Return how a bank text reads on a card (Markdown rendered, or plain)."""
    return visible(markup.inline(text) if markdown else markup.plain(text))


def spaced(text: str) -> str:
    """Return how a piece of cloze text reads, with the spaces next to its gaps."""
    return f"{' ' if text[:1].isspace() else ''}{shown(text)}{' ' if text[-1:].isspace() else ''}"


def snapshot(col: Collection) -> dict[str, list]:
    """Return a collection's content without its local ids: notes, cards, note types, decks."""
    decks = {d.id: d.name for d in col.decks.all_names_and_ids()}
    guids = dict(col.db.all("select id, guid from notes"))
    cards = col.db.all("select nid, ord, did, due, type from cards")
    return {
        "notes": sorted(col.db.all("select guid, mid, mod, tags, flds from notes")),
        "cards": sorted((guids[n], o, decks[d], due, t) for n, o, d, due, t in cards),
        "models": sorted(
            (m["id"], m["name"], [f["name"] for f in m["flds"]], m["tmpls"][0]["afmt"], m["css"])
            for m in col.models.all()
            if m["name"].startswith("quizgen ")
        ),
        "decks": sorted(decks.values()),
    }


def cards_in_due_order(col: Collection) -> list[Card]:
    return sorted((col.get_card(c) for c in col.find_cards("")), key=lambda c: (c.due, c.ord))


def build(run_quizgen, root: Path, *args: str) -> None:
    result = run_quizgen(root, "build", "--only", "anki", *args)
    assert result.exit_code == 0, result.output


def assert_card_shows(bank: Bank, question: Question, card: Card) -> None:
    """Check a card: prompt and task in front; answer, explanation and source behind."""
    strings = ui_strings(bank.language, template_dirs(bank.path.parent.parent))
    common, anki = strings["common"], strings["anki"]
    front, back = visible(card.question()), visible(card.answer())
    if question.prompt:
        assert shown(question.prompt) in front
        assert shown(question.prompt) in back
    if isinstance(question, ChoiceQuestion):
        assert "✓" not in front
        for choice in question.choices:
            assert shown(choice.text) in front
            assert f"{shown(choice.text)} {'✓' if choice.correct else '✗'}" in back
    elif isinstance(question, TrueFalse):
        verdict = anki["statement_true" if question.answer else "statement_false"]
        assert back.startswith(f"{shown(question.prompt)} {verdict} ")
        assert verdict not in front
    elif isinstance(question, Cloze):
        gaps = [s for s in question.segments if isinstance(s, Gap)]
        active = question.gap_numbers.index(card.ord + 1)
        asked = "".join(
            "[...]" if s is gaps[active] else s.answer if isinstance(s, Gap) else spaced(s)
            for s in question.segments
        )
        assert visible(asked) in front
        full = "".join(s.answer if isinstance(s, Gap) else spaced(s) for s in question.segments)
        assert visible(full) in back
        for gap in gaps:
            if len(gap.answers) > 1:
                also = ", ".join(shown(a, markdown=False) for a in gap.answers[1:])
                assert f"{anki['also_accepted']}: {also}" in back
    elif isinstance(question, ShortAnswer):
        assert f"{anki['answer']}: {shown(question.answers[0], markdown=False)}" in back
        if len(question.answers) > 1:
            also = ", ".join(shown(a, markdown=False) for a in question.answers[1:])
            assert f"{anki['also_accepted']}: {also}" in back
    elif isinstance(question, Numeric):
        answer = f"{anki['answer']}: {format_decimal(question.answer, bank.language)}"
        assert f"{answer} {question.unit}".strip() in back
        if question.tolerance:
            assert (
                f"(± {format_decimal(question.tolerance, bank.language)} {question.unit}".strip()
                in back
            )
    elif isinstance(question, Match):
        for number, (left, right) in enumerate(question.pairs, 1):
            assert shown(left) in front and shown(right) in front
            row = rf"{number} {re.escape(shown(left))} → [A-Z]+ {re.escape(shown(right))}"
            assert re.search(row, back), (row, back)
    elif isinstance(question, Order):
        for item in question.items:
            assert shown(item) in front
        sequence = " ".join(
            rf"{n}\. {re.escape(shown(item))} [A-Z]+" for n, item in enumerate(question.items, 1)
        )
        assert re.search(sequence, back), (sequence, back)
    if question.explanation:
        assert f"{common['explanation']} {visible(markup.block(question.explanation))}" in back
    quote, title = shown(question.source, markdown=False), shown(bank.title, markdown=False)
    assert f"{common['source']}: {quote} {title}" in back


def assert_deck_matches_bank(col: Collection, bank: Bank) -> None:
    """Every question is one note, its cards due in bank order, each card showing what it should."""
    cloze_extra = sum(len(q.gaps) - 1 for q in bank.questions if isinstance(q, Cloze))
    assert col.note_count() == len(bank.questions)
    assert col.card_count() == len(bank.questions) + cloze_extra
    by_guid = {note_guid(bank, q.id): q for q in bank.questions}
    seen = []
    for card in cards_in_due_order(col):
        question = by_guid[card.note().guid]
        assert card.note().note_type()["id"] == MODEL_ID
        assert card.note()["Kind"] == question.type
        assert_card_shows(bank, question, card)
        seen.append(question.id)
    assert list(dict.fromkeys(seen)) == [q.id for q in bank.questions]


# --- what a bank becomes -----------------------------------------------------------------------


def test_every_question_type_imports_and_shows_prompt_answer_explanation_source(
    make_project, run_quizgen, new_collection
) -> None:
    root = make_project("mini")
    build(run_quizgen, root)
    col = new_collection()
    log = import_package(col, root / "output" / "site" / "lighthouse" / "lighthouse.apkg")
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (8, 0, 0)
    (bank,) = load_project(root).banks
    assert_deck_matches_bank(col, bank)
    assert col.card_count() == 9  # the cloze question has two gaps, so two cards
    assert [d.name for d in col.decks.all_names_and_ids() if d.name != "Default"] == [
        "The Lighthouse <Test> & Co"
    ]


def test_new_cards_come_in_bank_order(make_project, run_quizgen, new_collection) -> None:
    root = make_project("mini")
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, root / "output" / "site" / "lighthouse" / "lighthouse.apkg")
    col.decks.select(col.decks.id_for_name("The Lighthouse <Test> & Co"))
    served = []
    for _ in range(3):
        card = col.sched.getCard()
        served.append(card.note()["Prompt"])
        col.sched.answerCard(card, 4)  # "easy": out of today's queue
    assert served == [
        "Who built the lighthouse?",
        "Who lived in the tower?",
        "The lighthouse stands on a rock.",
    ]


def test_one_note_type_for_every_question_type_and_tags(
    make_project, run_quizgen, new_collection
) -> None:
    root = make_project("mini")
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, root / "output" / "site" / "lighthouse" / "lighthouse.apkg")
    (model,) = [m for m in col.models.all() if m["name"].startswith("quizgen")]
    assert model["type"] == 1 and model["name"] == "quizgen v2"  # a cloze note type
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    assert {col.get_note(n).mid for n in col.find_notes("")} == {MODEL_ID}
    for note_id in col.find_notes(""):
        assert col.get_note(note_id).tags == ["sea", "test_bank"]  # "test bank": no spaces in tags


def test_note_type_schema_is_frozen() -> None:
    # The contract with students' collections: changing any of this needs a new version.
    assert (MODEL_ID, MODEL_NAME) == (123993858, "quizgen v2")
    assert FIELDS == (
        "Question",
        "Prompt",
        "Instruction",
        "Text",
        "Body",
        "Answer",
        "Solution",
        "Explanation",
        "Source",
        "Id",
        "Kind",
        "Data",
        "Cards",
        "Removed",
    )


def test_deck_field_sets_a_sub_deck_and_combine_holds_every_bank(
    make_project, run_quizgen, new_collection, caplog
) -> None:
    bank = (Path(__file__).parent / "fixtures/projects/mini/questions/lighthouse.yaml").read_text()
    other = bank.replace("bank: lighthouse", "bank: harbour").replace(
        'title: "The Lighthouse <Test> & Co"', 'title: Harbour\ndeck: "Küste::Hafen"'
    )
    root = make_project("mini", {"harbour.yaml": other})
    build(run_quizgen, root, "--combine", "--combine-deck", "Klasse 10b")
    col = new_collection()
    log = import_package(col, root / "output" / "site" / "quizgen.apkg")
    assert len(log.new) == 16
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"Klasse 10b::Küste::Hafen", "Klasse 10b::The Lighthouse <Test> & Co"} <= names
    decks = {col.decks.name(c.did) for c in cards_in_due_order(col)[:9]}
    # banks in file order (harbour < lighthouse), then questions
    assert decks == {"Klasse 10b::Küste::Hafen"}
    dues = [c.due for c in cards_in_due_order(col)]
    assert dues == sorted(dues) and max(dues) == 15
    # the single-bank packages hold the very same notes: importing them adds nothing
    singles = new_collection()
    for bank_id in ("harbour", "lighthouse"):
        package = root / "output" / "site" / bank_id / f"{bank_id}.apkg"
        log = import_package(col, package)
        assert (len(log.new), len(log.duplicate)) == (0, 8)
        import_package(singles, package)
    notes = "select guid, mid, tags, flds from notes order by guid"
    assert col.db.all(notes) == singles.db.all(notes)
    # a build of one bank leaves the combined file as it was, and says so
    combined = (root / "output" / "site" / "quizgen.apkg").read_bytes()
    edit_bank(root / "questions" / "harbour.yaml", (EDIT[0][0], "prompt: Who built the harbour?"))
    result = run_quizgen(root, "build", "--only", "anki", "--combine", "harbour")
    assert result.exit_code == 0, result.output
    assert (root / "output" / "site" / "quizgen.apkg").read_bytes() == combined
    assert (
        "warning: quizgen.apkg holds every bank, and this build names only some: it stays as it "
        "was; build without naming banks to make it again"
    ) in caplog.text


def test_teacher_templates_override_card_css(make_project, run_quizgen, new_collection) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    (root / "templates" / "anki" / "card.css").write_text(".card { color: teal; }\n")
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, root / "output" / "site" / "lighthouse" / "lighthouse.apkg")
    assert col.models.get(MODEL_ID)["css"] == ".card { color: teal; }\n"
    assert "color: teal" in cards_in_due_order(col)[0].question()


def test_missing_card_template_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        TargetError, match=r"^anki/card.css: error: Anki card template not found in "
    ):
        template_files((tmp_path,))


# --- hostile text ------------------------------------------------------------------------------


def test_hostile_text_is_shown_as_written_and_never_runs(
    make_project, run_quizgen, new_collection
) -> None:
    root = make_project("mini", add=["anki-hostile"])
    (root / "questions" / "lighthouse.yaml").unlink()
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, root / "output" / "site" / "hostile" / "hostile.apkg")
    assert (col.note_count(), col.card_count()) == (3, 4)  # only the two real gaps make cards
    (bank,) = load_project(root).banks
    assert_deck_matches_bank(col, bank)
    scripts = re.findall(
        r"<script>.*?</script>", col.models.get(MODEL_ID)["tmpls"][0]["afmt"], re.S
    )
    assert (
        len(scripts) == 3
    )  # the note type's own: the quiz's checking rules, the verdict, its call
    for card in cards_in_due_order(col):
        assert card.question_av_tags() == [] and card.answer_av_tags() == []  # no [sound:…]
        for side in (card.question(), card.answer()):
            assert "[[type:" not in side or card.note()["Kind"] == "short"
            for script in scripts:
                side = side.replace(script, "")
            for tag, attrs in elements(side):
                assert tag not in ("script", "img", "iframe", "i", "b")
                assert not [name for name, _ in attrs if name.startswith("on")]
                assert not [v for _, v in attrs if v and "javascript" in v.lower()]
    first = cards_in_due_order(col)[0]
    single = visible(first.answer())
    assert (
        "<script>alert(1)</script> Who built it? {{c1::x}} [sound:x.mp3] [[type:Answer]]" in single
    )
    assert "<img src=x onerror=alert(1)> ✓" in single and "{{c2::y}} ✗" in single
    assert "'single' & \"double\" quotes ✗" in single
    assert "<iframe src=javascript:alert(1)></iframe> bold [link](javascript:alert(1))" in single
    assert 'Hostile <b>bank</b> & "co"' in single
    first_gap, second_gap = (c for c in cards_in_due_order(col) if c.note()["Kind"] == "cloze")
    assert "{{c3::not a gap}} lit at [...] and then dawn." in visible(first_gap.question())
    assert "{{c3::not a gap}} lit at dusk::hint}} and then dawn." in visible(first_gap.answer())
    assert "lit at dusk::hint}} and then [...]." in visible(second_gap.question())
    assert "Also accepted: <i>nightfall</i>" in visible(first_gap.answer())
    typed = cards_in_due_order(col)[-1]
    assert "Answer: <1887> & {co}" in visible(typed.answer())
    # what Anki's reviewer shows after the student typed the answer exactly
    compared = col.compare_answer(typed.note()["Answer"], "<1887> & {co}")
    assert "typeGood" in compared and "typeBad" not in compared and "typeMissed" not in compared
    assert first.note().tags == ["a::b", "needs_mapping"]
    assert "{{c1::x}}" in visible(first.note()["Prompt"])


def test_field_separator_in_a_bank_is_rejected_with_its_location(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["anki-hostile"])
    bank = root / "questions" / "hostile.yaml"
    text = bank.read_text(encoding="utf-8").replace("Type <b>this</b>", '"Type\\x1fthis"')
    bank.write_text(text, encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    # (the bank's other questions are checked too: their warnings come first, by line)
    assert (
        "questions/hostile.yaml:20:13: error: question 'typed': prompt contains the control "
        "character U+001F; remove it"
    ) in result.stderr.splitlines()
    assert not (root / "output" / "site" / "hostile").exists()


# --- the real bank ----------------------------------------------------------------------------


def test_atacms_deck_imports_with_german_cards(make_project, run_quizgen, new_collection) -> None:
    root = make_project("repo")
    build(run_quizgen, root, "atacms")
    col = new_collection()
    import_package(col, root / "output" / "site" / "atacms" / "atacms.apkg")
    bank = next(b for b in load_project(root).banks if b.id == "atacms")
    assert_deck_matches_bank(col, bank)
    backs = " ".join(visible(c.answer()) for c in cards_in_due_order(col))
    fronts = " ".join(visible(c.question()) for c in cards_in_due_order(col))
    assert "Quelle: „" not in backs  # the quote marks come from <q lang="de">, not the text
    assert backs.count("Quelle: ") == col.card_count()
    assert "Erklärung" in backs and "Drittländer" in backs
    for instruction in (
        "Wähle die richtige Antwort.",
        "Richtig oder falsch?",
        "Gib die Antwort ein.",
    ):
        assert instruction in fronts
    assert col.decks.id_for_name("ATACMS: Verhandlungen mit Drittländern")


# --- identity, updates, reproducible bytes --------------------------------------------------------


def edit_bank(path: Path, *replacements: tuple[str, str]) -> None:
    """Edit a bank file and move its mtime forward (a build in the same second would tie)."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    later = max(path.stat().st_mtime, time.time()) + 10
    path.write_text(text, encoding="utf-8")
    os.utime(path, (later, later))


EDIT = (
    ("prompt: Who built the lighthouse?", "prompt: Who designed the lighthouse?"),
    ("wrong: [John Ellis, The keepers]", "wrong: [Tom Ellis, The keepers]"),
)


def review_first_card(col: Collection, deck: str) -> Card:
    col.decks.select(col.decks.id_for_name(deck))
    card = col.sched.getCard()
    col.sched.answerCard(card, 3)
    return col.get_card(card.id)


@pytest.mark.parametrize("epoch", [None, EPOCH], ids=["file-times", "source-date-epoch"])
def test_rebuilt_deck_updates_notes_in_place_and_keeps_reviews(
    make_project, run_quizgen, new_collection, monkeypatch, epoch
) -> None:
    root = make_project("mini")
    package = root / "output" / "site" / "lighthouse" / "lighthouse.apkg"
    if epoch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, package)
    reviewed = review_first_card(col, "The Lighthouse <Test> & Co")
    assert reviewed.note()["Prompt"] == "Who built the lighthouse?"
    history = col.db.all("select id, ease, ivl from revlog where cid = ?", reviewed.id)
    assert len(history) == 1

    edit_bank(root / "questions" / "lighthouse.yaml", *EDIT)
    if epoch:  # a later commit: a later SOURCE_DATE_EPOCH
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch) + 100))
    build(run_quizgen, root)
    log = import_package(col, package)

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 8, 0)
    assert col.note_count() == 8
    card = col.get_card(reviewed.id)
    assert card.note()["Prompt"] == "Who designed the lighthouse?"
    assert "Tom Ellis" in visible(card.question()) and "John Ellis" not in visible(card.question())
    assert (card.type, card.queue, card.due) == (reviewed.type, reviewed.queue, reviewed.due)
    assert col.db.all("select id, ease, ivl from revlog where cid = ?", card.id) == history


def test_an_edit_built_with_the_same_source_date_epoch_still_reaches_students(
    make_project, run_quizgen, new_collection, monkeypatch, caplog
) -> None:
    # Anki only takes a note whose time is newer than its own: the deck before it sets the floor.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project("mini")
    package = root / "output" / "site" / "lighthouse" / "lighthouse.apkg"
    build(run_quizgen, root)
    col = new_collection()
    import_package(col, package)
    edit_bank(root / "questions" / "lighthouse.yaml", *EDIT)
    caplog.clear()
    build(run_quizgen, root)
    assert (
        "output/site/lighthouse/lighthouse.apkg: warning: SOURCE_DATE_EPOCH (1700000000) is not later "
        "than the deck built before (1700000000); dated 1700000001 instead" in caplog.text
    )
    log = import_package(col, package)
    assert (len(log.updated), len(log.duplicate), len(log.conflicting)) == (8, 0, 0)
    assert "Who designed the lighthouse?" in {col.get_note(n)["Prompt"] for n in col.find_notes("")}


def test_the_combined_deck_delivers_each_edit_under_one_source_date_epoch(
    make_project, run_quizgen, new_collection, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    bank = (Path(__file__).parent / "fixtures/projects/mini/questions/lighthouse.yaml").read_text()
    other = bank.replace("bank: lighthouse", "bank: harbour").replace(
        "The Lighthouse <Test> & Co", "Harbour"
    )
    root = make_project("mini", {"harbour.yaml": other})
    combined = root / "output" / "site" / "quizgen.apkg"
    build(run_quizgen, root, "--combine")
    col = new_collection()
    import_package(col, combined)
    for name in ("lighthouse", "harbour"):  # one bank's edit, then the other's
        edit_bank(root / "questions" / f"{name}.yaml", (EDIT[0][0], f"prompt: Who built {name}?"))
        build(run_quizgen, root, "--combine")
        log = import_package(col, combined)
        assert len(log.updated) == 16 and not log.conflicting
        prompts = {col.get_note(n)["Prompt"] for n in col.find_notes("")}
        assert f"Who built {name}?" in prompts


def test_package_time_follows_the_newest_input(make_project, run_quizgen) -> None:
    root = make_project("mini")
    source = root / "seeds" / "lighthouse.txt"
    os.utime(source, (1_800_000_000, 1_800_000_000))
    build(run_quizgen, root)
    with zipfile.ZipFile(root / "output" / "site" / "lighthouse" / "lighthouse.apkg") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2027, 1, 15, 8, 0, 0)}


def test_identical_questions_in_two_banks_are_distinct_notes(
    make_project, run_quizgen, new_collection
) -> None:
    bank = (Path(__file__).parent / "fixtures/projects/mini/questions/lighthouse.yaml").read_text()
    root = make_project("mini", {"twin.yaml": bank.replace("bank: lighthouse", "bank: twin")})
    build(run_quizgen, root)
    col = new_collection()
    for bank_id in ("lighthouse", "twin"):
        log = import_package(col, root / "output" / "site" / bank_id / f"{bank_id}.apkg")
        assert len(log.new) == 8
    assert col.note_count() == 16
    assert len(set(col.db.list("select guid from notes"))) == 16


def test_unchanged_input_builds_the_same_deck(make_project, run_quizgen, new_collection) -> None:
    root = make_project("mini")
    package = root / "output" / "site" / "lighthouse" / "lighthouse.apkg"
    build(run_quizgen, root)
    first = package.read_bytes()
    build(run_quizgen, root, "--force")  # made again, from the same files, beside the deck before
    assert package.read_bytes() == first
    snapshots = []
    for data in (first, package.read_bytes()):
        copy = root / f"copy{len(snapshots)}.apkg"
        copy.write_bytes(data)
        col = new_collection()
        import_package(col, copy)
        snapshots.append(snapshot(col))
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["notes"]) == 8


def test_source_date_epoch_gives_byte_identical_packages(
    make_project, run_quizgen, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    packages = []
    for name, mtime in (("first", 1_600_000_000), ("second", 1_650_000_000)):
        root = make_project("mini").rename(tmp_path / name)
        os.utime(root / "questions" / "lighthouse.yaml", (mtime, mtime))
        build(run_quizgen, root, "--combine")
        packages.append(root / "output" / "site")
    for relative in ("lighthouse/lighthouse.apkg", "quizgen.apkg"):
        assert (packages[0] / relative).read_bytes() == (packages[1] / relative).read_bytes()
    with zipfile.ZipFile(packages[0] / "quizgen.apkg") as archive:
        assert [i.filename for i in archive.infolist()] == ["collection.anki2", "media"]
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_tag_with_spaces_is_mapped_with_one_warning(make_project, run_quizgen, caplog) -> None:
    root = make_project("mini")
    build(run_quizgen, root)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        "questions/lighthouse.yaml: warning: tag 'test bank' becomes 'test_bank' in Anki "
        "(its tags cannot hold spaces)"
    ]


def test_card_front_without_a_cloze_field_is_an_error(make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    (root / "templates" / "anki" / "card.front.mustache").write_text("{{Prompt}}\n")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{root / 'templates' / 'anki' / 'card.front.mustache'}: error: the card front shows no "
        "{{cloze:…}} field, and Anki refuses a cloze note type without one; keep {{cloze:Text}}"
    )
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("macros", "message"),
    [
        ("{% macro source( %}", "anki/fields.html:1:1: error: "),
        ("{{ nope.x }}", "error: 'nope' is undefined"),
    ],
    ids=["syntax", "undefined"],
)
def test_broken_field_macros_are_a_located_error(
    make_project, run_quizgen, macros, message
) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    (root / "templates" / "anki" / "fields.html").write_text(macros)
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert result.stderr.startswith(str(root / "templates" / "anki" / "fields.html"))
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_old_field_macros_override_is_a_located_error(make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    (root / "templates/anki/fields.html").write_text(
        "{% macro choices(options) %}{% endmacro %}\n"
        "{% macro explanation(label, html) %}{% endmacro %}\n"
        "{% macro source(label, quote, bank_title, language) %}{% endmacro %}\n",
        encoding="utf-8",
    )
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert "templates/anki/fields.html: error: no macro 'single_body'; each question type" in (
        result.stderr
    )
    assert not (root / "output").exists()


def test_other_targets_do_not_import_genanki(make_project) -> None:
    """Every build reads the Anki target's options; only an Anki build pays for genanki."""
    root = make_project("mini")
    code = (
        "import sys\nfrom quizgen.build import build\n"
        "build(__import__('pathlib').Path(sys.argv[1]), settings={'only': sys.argv[2]})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('genanki', 'quizgen.targets.anki.'))))"
    )
    run = [sys.executable, "-c", code, str(root)]
    other = subprocess.run([*run, "cards"], capture_output=True, text=True, check=True)
    assert other.stdout.strip().splitlines()[-1] == "[]"
    anki = subprocess.run([*run, "anki"], capture_output=True, text=True, check=True)
    assert "'genanki'" in anki.stdout  # the probe can see it


def test_an_anki_build_does_not_import_asyncio(make_project) -> None:
    """genanki's cached_property would import asyncio and ssl; the stand-in leaves no trace."""
    root = make_project("mini")
    code = (
        "import sys\nfrom quizgen.build import build\n"
        "build(__import__('pathlib').Path(sys.argv[1]), settings={'only': 'anki'})\n"
        "import genanki\n"
        "print(sorted(m for m in ('asyncio', 'ssl', 'cached_property') if m in sys.modules))\n"
        "print(type(genanki.Model.__dict__['_req']).__module__)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip().splitlines()[-2:] == ["[]", "functools"]
    assert list((root / "output").rglob("*.apkg"))


def test_a_source_date_epoch_in_the_future_is_named(
    make_project, run_quizgen, monkeypatch, caplog
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4000000000")
    build(run_quizgen, make_project("mini"))
    assert (
        "warning: SOURCE_DATE_EPOCH=4000000000 is in the future: decks built with it are newer "
        "than every deck built after them until then, so students would stop getting updates; "
        "set it to the time of the last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
    ) in [r.getMessage() for r in caplog.records]


def test_a_fixed_source_date_epoch_is_named(make_project, run_quizgen, monkeypatch, caplog) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    build(run_quizgen, make_project("mini"))
    assert (
        "warning: SOURCE_DATE_EPOCH=0 is a fixed date, not the time of a commit: every deck built "
        "with it is dated the same, and Anki keeps students' old text after each edit; set it to "
        "the time of the last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
    ) in [r.getMessage() for r in caplog.records]


def test_package_media_is_imported_under_its_own_name(tmp_path: Path, new_collection) -> None:
    """Images will need no new field: a field names a file that the package brings."""
    image = b"\x89PNG\r\n\x1a\n" + b"quizgen test image"
    name = media_name(image, ".png")
    assert name == media_name(image, ".png") != media_name(image + b"!", ".png")
    model = genanki_model(template_dirs(tmp_path))
    fields = dict.fromkeys(FIELDS, "")
    fields.update(Question="q", Prompt=f'<img src="{name}">', Cards="{{c1::1}}", Id="b/q")
    note = Note(model, list(fields.values()), [], "guid-q", (0,))
    package = tmp_path / "media.apkg"
    deck = NotesDeck(1, "Media", "", [note], 0)
    package.write_bytes(package_bytes([deck], 1_700_000_000, {name: image}))
    col = new_collection()
    import_package(col, package)
    assert (Path(col.media.dir()) / name).read_bytes() == image
    (card_id,) = col.find_cards("")
    assert f'<img src="{name}">' in col.get_card(card_id).question()


def test_a_card_template_naming_an_unknown_field_is_a_located_error(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    shipped = (Path(__file__).parents[1] / "templates" / "anki" / "card.front.mustache").read_text()
    (root / "templates" / "anki" / "card.front.mustache").write_text(
        shipped + "{{#Frage}}x{{/Frage}}\n"
    )
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{root / 'templates' / 'anki' / 'card.front.mustache'}:11:1: error: the card template "
        "shows the field 'Frage', which quizgen's note type does not have (Anki would show an "
        "error on every card); its fields are: Question, Prompt,"
    )
    assert not (root / "output").exists()


def test_a_card_script_that_anki_would_read_is_a_located_error(make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    script = root / "templates" / "anki" / "typed-answer.js"
    script.write_text("var x = '{{Prompt}}';\n", encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{script}: error: a card script must not contain '{{{{' or '</script'"
    )


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ("{{#Prompt}}x", "11:1: error: '{{#Prompt}}' is never closed by '{{/Prompt}}'"),
        ("{{/Body}}", "11:1: error: '{{/Body}}' closes no section (none is open)"),
        ("{{Prompt", "11:1: error: a '{{' is not closed by '}}'"),
    ],
    ids=["unclosed-section", "stray-close", "unclosed-tag"],
)
def test_a_broken_card_template_is_a_located_error(
    make_project, run_quizgen, added, message
) -> None:
    root = make_project("mini")
    (root / "templates" / "anki").mkdir(parents=True)
    shipped = (Path(__file__).parents[1] / "templates" / "anki" / "card.front.mustache").read_text()
    front = root / "templates" / "anki" / "card.front.mustache"
    front.write_text(shipped + added + "\n")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{front}:{message}")
    assert "Traceback" not in result.output

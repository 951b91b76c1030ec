"""The flash-card file, read back by the official anki package's text importer."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from anki.collection import Collection
from anki.import_export_pb2 import CsvMetadata, ImportCsvRequest


def cards_of(root: Path, bank: str, run_quizgen) -> Path:
    result = run_quizgen(root, "build", "--only", "cards")
    assert result.exit_code == 0, result.stderr
    return root / "output" / "site" / bank / f"{bank}-cards.tsv"


def import_into_anki(path: Path, tmp_path: Path) -> list[list[str]]:
    """Import a card file as Anki's File > Import does (tab, Basic, no HTML); return the notes."""
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(str(path), CsvMetadata.TAB)
        metadata.is_html = False
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        notes = [col.get_note(note_id) for note_id in col.find_notes("")]
        return [[html.unescape(field) for field in note.fields] for note in notes]
    finally:
        col.close()


@pytest.mark.parametrize(
    ("project", "bank", "cards"),
    [("repo", "atacms", 50), ("hostile", "hostile", None), ("gift-specials", "zeichen", None)],
)
def test_anki_imports_every_card_as_written(
    project: str, bank: str, cards: int | None, make_project, run_quizgen, tmp_path: Path
) -> None:
    path = cards_of(make_project(project), bank, run_quizgen)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(line.count("\t") == 1 for line in lines)
    if cards is not None:
        assert len(lines) == cards  # 45 questions; each cloze gives a card per gap, as the deck
    notes = import_into_anki(path, tmp_path)
    assert sorted(notes) == sorted(line.split("\t") for line in lines)


def test_a_card_says_the_answer_and_the_quote(make_project, run_quizgen) -> None:
    path = cards_of(make_project("repo"), "atacms", run_quizgen)
    lines = path.read_text(encoding="utf-8").splitlines()
    gap = next(line for line in lines if line.startswith("Die _____ führt Gespräche"))
    front, back = gap.split("\t")
    assert "verschiedenen Drittländern" in front  # the other gap is filled in
    assert back.startswith("Biden-Administration · Im Text: „Die Biden-Administration führt")


def test_hostile_text_stays_text(make_project, run_quizgen) -> None:
    text = cards_of(make_project("hostile"), "hostile", run_quizgen).read_text(encoding="utf-8")
    assert "<script>alert('prompt')</script> Which <img src=x onerror=alert('img')>" in text
    assert "&lt;" not in text  # plain text, not HTML


def test_a_side_that_opens_with_a_quote_mark_survives_the_import(
    make_project, run_quizgen, tmp_path: Path
) -> None:
    root = make_project("mini")
    bank = root / "questions" / "lighthouse.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "prompt: Who built the lighthouse?", "prompt: '\"Who\" built the lighthouse?'"
        ),
        encoding="utf-8",
    )
    notes = import_into_anki(cards_of(root, "lighthouse", run_quizgen), tmp_path)
    assert any(note[0] == '"Who" built the lighthouse?' for note in notes)


def test_the_index_offers_the_cards_as_a_download(make_project, run_quizgen) -> None:
    root = make_project("mini")
    cards_of(root, "lighthouse", run_quizgen)
    index = (root / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="lighthouse/lighthouse-cards.tsv" class="file cards" download>Flash cards (text)'
        in index
    )


def test_special_characters_come_back_as_the_teacher_wrote_them(
    make_project, run_quizgen, tmp_path: Path
) -> None:
    root = make_project("gift-specials")
    notes = import_into_anki(cards_of(root, "zeichen", run_quizgen), tmp_path)
    fronts = {note[0] for note in notes}
    for prompt in (
        "Was steht im Text {in Klammern}? a: b = c # d ~ e \\ f",
        "Welche Zeichen? -> und <-",
        "Es gibt #Rauten: ja = nein?",  # ("\\?" in a prompt is Markdown for "?")
    ):
        assert any(front.startswith(prompt) for front in fronts), prompt

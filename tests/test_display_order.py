"""Display order as the docs promise it, read from the built files only (quiz, deck, worksheets).

Options, match partners and order items come in one order in the quiz, the deck and the plain
worksheet; `shuffle: false` keeps the authored options everywhere; `--seed` changes the variants.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.targets.anki.models import FIELDS
from tests.harness import copy_project, run_cli

# The banks of tests/fixtures/projects/shuffle, as authored (the same questions in both banks).
COLOURS = ["Crimson", "Cobalt", "Emerald", "Saffron", "Violet", "Tangerine"]
ROOMS = ["Hallway", "Garage", "Kitchen", "Porch", "Attic", "Stairwell"]
RESULTS = ["canvas base", "outline sketch", "painted picture", "glossy finish"]
STEPS = ["prime the canvas", "sketch the outline", "paint the picture", "varnish the surface"]
STEPS += ["sign the corner"]
PROMPTS = {
    "colour": "Which colour did the painter mix first?",
    "rooms": "Where did she hang her pictures?",
    "tools": "Match each material to what it was for.",
    "steps": "Put her work in order.",
}
AUTHORED = {"colour": COLOURS, "rooms": ROOMS, "tools": RESULTS, "steps": STEPS}


def build(root: Path, *args: str) -> None:
    result = run_cli(root, "build", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def shuffle_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shuffle project with its quizzes and decks built (no PDF: they are slow)."""
    root = copy_project(tmp_path_factory.mktemp("order"), "shuffle")
    build(root, "--only", "anki,html")
    return root


# --- reading the outputs -------------------------------------------------------------------------


def quiz_order(root: Path, bank: str, qid: str) -> list[str]:
    """Return the options, match partners or order items of a question as the quiz shows them."""
    page = (root / "output" / "site" / bank / f"{bank}-quiz.html").read_text(encoding="utf-8")
    card = page.split(f'data-qid="{qid}"', 1)[1].split("</fieldset>", 1)[0]
    answer = card.split('class="feedback"', 1)[0]  # not the solution shown after checking
    if "<select" not in answer:
        return re.findall(r'<span class="option-text">(.*?)</span>', answer)
    if 'class="rows order"' in answer:
        return re.findall(r'<span class="sr-only">[^<]*</span>(.*?)</label>', answer)
    first = answer.split("<select", 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="\d+">(.*?)</option>', first)


def deck_order(root: Path, bank: str, qid: str) -> list[str]:
    """Return the same, as the Anki card's front (its Body field) shows them."""
    with zipfile.ZipFile(root / "output" / "site" / bank / f"{bank}.apkg") as archive:
        database = root / f"{bank}.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        notes = [row[0].split("\x1f") for row in connection.execute("select flds from notes")]
    fields = next(f for f in notes if f[FIELDS.index("Prompt")] == PROMPTS[qid])
    body = fields[FIELDS.index("Body")]
    if qid == "tools":
        body = body.split("</ol>", 1)[1]  # the lettered right-hand column
    return re.findall(r'<span class="qg-item">(.*?)</span>', body)


def flat(text: str) -> str:
    """Return text as lowercase letters and digits only: line breaks and hyphenation vanish."""
    return re.sub(r"[\W_]+", "", text.replace("\u00ad", "")).lower()


def sheet_text(pdf: Path) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(pdf).pages))


def shown_order(text: str, after: str, texts: list[str]) -> list[str]:
    """Return the texts in the order they first occur in flattened PDF text after `after`."""
    start = text.index(flat(after))
    positions = {t: text.find(flat(t), start) for t in texts}
    assert -1 not in positions.values(), positions
    return sorted(texts, key=positions.__getitem__)


# --- one order in every output -------------------------------------------------------------------


@pytest.mark.parametrize("qid", ["colour", "rooms", "tools", "steps"])
def test_quiz_and_deck_show_the_same_order(shuffle_project: Path, qid: str) -> None:
    quiz = quiz_order(shuffle_project, "shuffled", qid)
    assert sorted(quiz) == sorted(AUTHORED[qid])
    assert deck_order(shuffle_project, "shuffled", qid) == quiz


def test_the_shuffled_bank_is_shuffled(shuffle_project: Path) -> None:
    """Without this the order tests could pass by showing everything as authored."""
    assert quiz_order(shuffle_project, "shuffled", "colour") != COLOURS
    assert quiz_order(shuffle_project, "shuffled", "tools") != RESULTS  # never the solution
    assert quiz_order(shuffle_project, "shuffled", "steps") != STEPS


@pytest.fixture(scope="module")
def worksheets(shuffle_project: Path) -> Path:
    """The plain worksheets, variants A and B with seed 0, and the shuffled bank's with seed 7."""
    build(shuffle_project, "--only", "pdf")
    build(shuffle_project, "--only", "pdf", "--variants", "2", "--out", "seed-0")
    build(
        shuffle_project,
        "--only",
        "pdf",
        "--variants",
        "2",
        "--seed",
        "7",
        "--out",
        "seed-7",
        "shuffled",
    )
    return shuffle_project


@pytest.mark.slow
def test_plain_worksheet_shows_the_quizs_order(worksheets: Path) -> None:
    text = sheet_text(worksheets / "output" / "site" / "shuffled" / "shuffled-worksheet.pdf")
    for qid, prompt in PROMPTS.items():
        quiz = quiz_order(worksheets, "shuffled", qid)
        assert shown_order(text, prompt, AUTHORED[qid]) == quiz, qid


# --- shuffle: false ------------------------------------------------------------------------------


@pytest.mark.parametrize("qid", ["colour", "rooms"])
def test_shuffle_false_keeps_the_authored_order_in_quiz_and_deck(
    shuffle_project: Path, qid: str
) -> None:
    assert quiz_order(shuffle_project, "unshuffled", qid) == AUTHORED[qid]
    assert deck_order(shuffle_project, "unshuffled", qid) == AUTHORED[qid]


@pytest.mark.slow
def test_shuffle_false_keeps_the_authored_order_on_every_worksheet(worksheets: Path) -> None:
    sheets = [worksheets / "output" / "site" / "unshuffled" / "unshuffled-worksheet.pdf"]
    sheets += [
        worksheets / "seed-0" / "site" / "unshuffled" / f"unshuffled-worksheet-{v}.pdf"
        for v in "AB"
    ]
    for sheet in sheets:
        text = sheet_text(sheet)
        for qid in ("colour", "rooms"):
            assert shown_order(text, PROMPTS[qid], AUTHORED[qid]) == AUTHORED[qid], sheet.name


# --- --seed ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_changes_the_question_order_of_the_variants(worksheets: Path) -> None:
    orders = {}
    for seed in ("0", "7"):
        text = sheet_text(
            worksheets / f"seed-{seed}" / "site" / "shuffled" / "shuffled-worksheet-A.pdf"
        )
        orders[seed] = shown_order(text, "Variant A", list(PROMPTS.values()))
    assert sorted(orders["0"]) == sorted(PROMPTS.values())
    assert orders["0"] != orders["7"]

"""The PDF target end to end: real WeasyPrint renders, checked by reading the PDFs back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from quizgen.answers.shuffle import question_order
from quizgen.project import load_project
from tests.harness import REPO, copy_project, run_cli

pytestmark = pytest.mark.slow  # every test here renders PDFs with WeasyPrint

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
TICK = "✓"


@dataclass(frozen=True)
class Sheets:
    """One bank's PDFs by name: the worksheets in output/site/, the keys in output/teacher/."""

    out: Path
    bank: str

    def __truediv__(self, name: str) -> Path:
        teacher = "-key" in name or "-class-set" in name
        return self.out / ("teacher" if teacher else "site") / self.bank / name

    def names(self) -> list[str]:
        """Return the names of every PDF of the bank, in both folders."""
        folders = [self.out / area / self.bank for area in ("site", "teacher")]
        return sorted(p.name for folder in folders for p in folder.iterdir())


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    """Build the project's PDFs in-process; the build must succeed."""
    result = run_cli(root, "build", "--only", "pdf", *args, env=env)
    assert result.exit_code == 0, result.output


def pages(path: Path) -> list[str]:
    """Return the extracted text of each page."""
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Return text reduced to lowercase letters and digits: line breaks and hyphenation vanish."""
    return re.sub(r"[\W_]+", "", text.replace("\u00ad", "")).lower()


def first_positions(text: str, needles: list[str]) -> list[int]:
    """Return where each needle first occurs in the flattened text (all must occur)."""
    haystack = flat(text)
    positions = [haystack.find(flat(n)) for n in needles]
    assert -1 not in positions, [n for n, p in zip(needles, positions, strict=True) if p < 0]
    return positions


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    root = copy_project(tmp_path_factory.mktemp("pdf"), "mini")
    build(root)
    return Sheets(root / "output", "lighthouse")


@pytest.fixture(scope="module")
def geheim(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    root = copy_project(tmp_path_factory.mktemp("pdf"), "geheim")
    build(root)
    return Sheets(root / "output", "bruecke")


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("pdf"), "mini")
    build(root, "--variants", "3", "--jobs", "2", env={"SOURCE_DATE_EPOCH": "1700000000"})
    return root


def page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def test_worksheet_and_key_on_a4_by_default(mini: Sheets) -> None:
    assert mini.names() == [
        "lighthouse-key.pdf",
        "lighthouse-worksheet.pdf",
    ]
    for name in ("lighthouse-key.pdf", "lighthouse-worksheet.pdf"):
        reader = PdfReader(mini / name)
        assert {page_size(mini / name)} == {A4}
        assert all(
            (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) == A4
            for p in reader.pages
        )


def test_paper_letter(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    build(root, "--paper", "letter")
    for kind in ("worksheet", "key"):
        assert page_size(Sheets(root / "output", "lighthouse") / f"lighthouse-{kind}.pdf") == LETTER


@pytest.mark.parametrize(
    ("name", "count"), [("lighthouse-worksheet.pdf", 2), ("lighthouse-key.pdf", 3)]
)
def test_footer_counts_the_pages(mini: Sheets, name: str, count: int) -> None:
    texts = pages(mini / name)
    assert len(texts) == count  # the key: its marking grid first
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {count}" in text


def test_german_bank_is_labelled_in_german(geheim: Sheets) -> None:
    worksheet = pages(geheim / "bruecke-worksheet.pdf")
    key = pages(geheim / "bruecke-key.pdf")
    assert all(f"Seite {i} von {len(worksheet)}" in t for i, t in enumerate(worksheet, start=1))
    assert all(f"Seite {i} von {len(key)}" in t for i, t in enumerate(key, start=1))
    first = worksheet[0]
    for label in (
        "ARBEITSBLATT",
        "Name",
        "Klasse",
        "Datum",
        "Punkte",
        "/ 9",
        "8 Fragen · 9 Punkte",
        "Kreuze die richtige Antwort an.",
        "Ist die Aussage richtig oder falsch?",
    ):
        assert label in first
    assert "LÖSUNGSSCHLÜSSEL" in key[0]
    assert "Gesamt: 9 Punkte" in key[0]


def test_typographic_characters_survive_with_installed_fonts(geheim: Sheets) -> None:
    text = "".join(pages(geheim / "bruecke-worksheet.pdf"))
    assert "Die Brücke über die Wiesel — Größe, Bau & „Geschichte“" in text
    assert "– mit Umlauten, ß und „Anführungszeichen“." in text
    reader = PdfReader(geheim / "bruecke-worksheet.pdf")
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Liberation" in f or "DejaVu" in f for f in fonts), fonts


def test_worksheet_shows_every_prompt_and_choice(mini: Sheets) -> None:
    bank = load_project(mini.out.parent).banks[0]
    text = "".join(pages(mini / "lighthouse-worksheet.pdf"))
    shown = [q.prompt for q in bank.questions if q.prompt]
    shown += [c.text for q in bank.questions for c in getattr(q, "choices", ())]
    shown += [part for q in bank.questions for pair in getattr(q, "pairs", ()) for part in pair]
    shown += [item for q in bank.questions for item in getattr(q, "items", ())]
    shown += ["They lit the lamp at", "and put it out at", "km", "True", "False"]
    first_positions(text, shown)
    assert "The Lighthouse <Test> & Co" in text  # bank text stays text


def test_worksheet_gives_no_answer_away(geheim: Sheets) -> None:
    text = "\n".join(pages(geheim / "bruecke-worksheet.pdf"))
    for prompt in (
        "Wer hat die Brücke entworfen?",
        "Was fuhr über die Brücke?",
        "Die Brücke ist länger als jede andere Brücke der Region.",
        "In welchem Jahr wurde die Brücke entworfen?",
        "Wie lang ist die Brücke?",
        "Ordne jedem Namen zu, was er im Text bezeichnet.",
        "In welcher Reihenfolge wurde die Brücke gebaut?",
        "Die Arbeiter nannten den Mittelpfeiler",
    ):
        first_positions(text, [prompt])
    for answer in (
        TICK,
        "Zahnlücke",
        "Zahnluecke",
        "1911",
        "neunzehnhundertelf",
        "148,5",
        "148.5",
        "0,5",
        "Erklärung",
        "Erklärungsmarke",
        "Quelle",
        "Auch richtig",
        "Toleranz",
        "gepflastert",
    ):
        assert answer not in text, answer
    # Empty boxes: a letter or number box never holds a character on the worksheet.
    assert not re.search(r"^\d\. (Wiesel|Greta Lindqvist|Brücke) [A-Z] [A-Z] ", text, re.MULTILINE)
    assert not re.search(
        r"^\d (Pfeiler setzen|Bogen schließen|Fahrbahn pflastern)$", text, re.MULTILINE
    )


def test_key_fills_in_every_answer(geheim: Sheets) -> None:
    text = "\n".join(pages(geheim / "bruecke-key.pdf"))
    for shown in (
        "148,5 Meter Toleranz: ± 0,5 Meter",
        "1911",
        "Auch richtig: neunzehnhundertelf",
        "Zahnlücke",
        "Auch richtig: Zahnluecke",
        "Quelle, Abs. 2: „Die Arbeiter nannten den Mittelpfeiler „Zahnlücke“.“",
    ):
        assert shown in text, shown
    for number in ("Eins", "Zwei", "Drei", "Vier", "Fünf", "Sechs", "Sieben", "Acht"):
        assert f"Erklärung: Erklärungsmarke-{number} steht nur im Schlüssel." in text
    assert text.count(TICK) == 4
    # choices are lettered (as the marking grid names them); true/false is not
    for right in ("Greta Lindqvist", "Kutschen", "Straßenbahnen", "Richtig"):
        assert re.search(rf"{TICK} (?:[A-Z]\s+)?{right}", text), right
    for wrong in ("Gustav Lindqvist", "Der Bürgermeister", "Lastwagen", "Fahrräder", "Falsch"):
        assert not re.search(rf"{TICK} (?:[A-Z]\s+)?{wrong}", text), wrong
    rows = re.findall(
        r"^\d\. (Wiesel|Greta Lindqvist|Brücke) ([A-Z]) ([A-Z]) (\w+)$", text, re.MULTILINE
    )
    options = {letter: right for _, _, letter, right in rows}
    assert {left: options[chosen] for left, chosen, _, _ in rows} == {
        "Wiesel": "Fluss",
        "Greta Lindqvist": "Baumeisterin",
        "Brücke": "Bauwerk",
    }
    positions = re.findall(
        r"^(\d) (Pfeiler setzen|Bogen schließen|Fahrbahn pflastern)$", text, re.MULTILINE
    )
    assert sorted(positions) == [
        ("1", "Pfeiler setzen"),
        ("2", "Bogen schließen"),
        ("3", "Fahrbahn pflastern"),
    ]


def test_key_of_every_type_in_english(mini: Sheets) -> None:
    text = "\n".join(pages(mini / "lighthouse-key.pdf"))
    for shown in (
        "Also accepted: nightfall (for “dusk”)",
        "dawn",
        "1887",
        "2.5 km Tolerance: ± 0.1 km",
        "Explanation: The text names Mary Ellis as the engineer.",
        "Source, para. 1: “It was built in 1887 by the engineer Mary Ellis & her brother.”",
    ):
        assert shown in text, shown
    assert text.count(TICK) == 1 + 3 + 1  # single, multiple (three right), true/false


def test_variants_have_their_own_order_and_matching_keys(variants: Path) -> None:
    out = Sheets(variants / "output", "lighthouse")
    assert out.names() == sorted(
        [f"lighthouse-{kind}-{v}.pdf" for kind in ("worksheet", "key") for v in "ABC"]
        + ["lighthouse-class-set.pdf", "lighthouse-class-set-key.pdf"]
    )
    bank = load_project(variants).banks[0]
    orders = {}
    for number, letter in enumerate("ABC", start=1):
        order = question_order(bank, number)
        expected = [f"{i}. {q.prompt or 'Fill in the gaps.'}" for i, q in enumerate(order, 1)]
        for kind in ("worksheet", "key"):
            texts = pages(out / f"lighthouse-{kind}-{letter}.pdf")
            assert all(f"Variant {letter}" in t for t in texts), (kind, letter)
            first_positions("".join(texts), expected)
        worksheet = "".join(pages(out / f"lighthouse-worksheet-{letter}.pdf"))
        key = "".join(pages(out / f"lighthouse-key-{letter}.pdf"))
        choices = ["Mary Ellis", "John Ellis", "The keepers"]
        shown = [choices[i] for i in sorted(range(3), key=lambda i: worksheet.find(choices[i]))]
        assert shown == sorted(choices, key=key.find), letter
        assert re.search(rf"{TICK} [A-C]\s+Mary Ellis", key)
        orders[letter] = (expected, shown)
    assert len({tuple(q) for q, _ in orders.values()}) == 3
    assert len({tuple(c) for _, c in orders.values()}) > 1


def test_parallel_and_serial_builds_are_byte_identical(variants: Path, tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    build(root, "--variants", "3", "--jobs", "1", env={"SOURCE_DATE_EPOCH": "1700000000"})
    parallel, serial = (
        Sheets(variants / "output", "lighthouse"),
        Sheets(root / "output", "lighthouse"),
    )
    for name in serial.names():
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name
    metadata = PdfReader(parallel / "lighthouse-key-B.pdf").metadata
    assert metadata.creation_date.timestamp() == 1700000000
    assert metadata.modification_date.timestamp() == 1700000000


def test_no_question_is_split_across_pages(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini", add=["long"])
    build(root, "long")
    texts = pages(root / "output" / "site" / "long" / "long-worksheet.pdf")
    assert len(texts) > 3
    for n in range(1, 31):
        holding = {
            i
            for i, t in enumerate(texts)
            for part in (f"Question {n} asks", f"Answer {n} first", f"Answer {n} fourth")
            if part in t
        }
        assert len(holding) == 1, (n, holding)


def test_atacms_worksheet_shows_every_prompt_and_no_marks(make_project, run_quizgen) -> None:
    root = make_project("repo")
    assert run_quizgen(root, "build", "--only", "pdf", "atacms").exit_code == 0
    bank = next(b for b in load_project(root).banks if b.id == "atacms")
    texts = pages(root / "output" / "site" / "atacms" / "atacms-worksheet.pdf")
    assert all(f"Seite {i} von {len(texts)}" in t for i, t in enumerate(texts, start=1))
    text = "".join(texts)
    first_positions(text, [q.prompt for q in bank.questions if q.prompt])
    for mark in (TICK, "Erklärung:", "Quelle:", "Auch richtig", "Toleranz"):
        assert mark not in text


def test_emoji_are_drawn_with_an_emoji_font(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    bank = root / "questions" / "lighthouse.yaml"
    bank.write_text(bank.read_text().replace("Who built the lighthouse?", "Who built it 🏗️?"))
    build(root)
    reader = PdfReader(root / "output" / "site" / "lighthouse" / "lighthouse-worksheet.pdf")
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Emoji" in f for f in fonts), fonts


def test_unchanged_input_gives_the_same_pdf_without_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = copy_project(tmp_path, "mini")
    build(root, "--out", "first")
    build(root, "--out", "second")
    name = "site/lighthouse/lighthouse-worksheet.pdf"
    first = (root / "first" / name).read_bytes()
    assert first == (root / "second" / name).read_bytes()
    # dated when its inputs last changed (copytree kept their times), not by the clock
    created = PdfReader(root / "first" / name).metadata.creation_date
    inputs = [root / "questions" / "lighthouse.yaml", root / "seeds" / "lighthouse.txt"]
    inputs += [p for p in (REPO / "templates").rglob("*") if p.is_file()]
    assert created.timestamp() <= max(p.stat().st_mtime for p in inputs)


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    root = copy_project(tmp_path_factory.mktemp("pdf"), "paper")
    build(root)
    return Sheets(root / "output", "island")


def test_links_print_their_address_once_on_paper(paper: Sheets) -> None:
    worksheet = flat("".join(pages(paper / "island-worksheet.pdf")))
    key = flat("".join(pages(paper / "island-key.pdf")))
    for n in range(1, 9):
        # the words, then the address; an address shown as the link's words is not printed twice
        assert (
            flat(f"says the guide (https://example.org/guide/{n}), see https://example.org/map.")
            in worksheet
        )
        assert (
            flat(f"Read the notes (https://example.org/notes/{n}) or https://example.org/faq.")
            in key
        )
    assert flat("example.org/map (https") not in worksheet
    assert flat("example.org/faq (https") not in key


def test_a_points_box_stays_with_the_start_of_its_question(paper: Sheets) -> None:
    for name in ("island-worksheet.pdf", "island-key.pdf"):
        texts = [flat(t) for t in pages(paper / name)]
        for n in range(1, 9):
            head = flat(f"{n}. Statement {n}: the harbours are many")
            (page,) = [i for i, t in enumerate(texts) if head in t]
            assert re.search(flat(f"Statement {n}") + r".*?1point", texts[page]), (name, n)
        # the question longer than a page breaks, but its number, prompt, points and first choice
        # share the page it starts on
        (start,) = [
            i for i, t in enumerate(texts) if flat("Which harbours does the text name") in t
        ]
        assert re.search(r"9whichharbours.*?7points.*?aharbournumber1on", texts[start]), name
        assert flat("Harbour number 45 on the northern coast") not in texts[start]


@pytest.mark.parametrize(
    ("sheets", "language"), [("paper", "en"), ("geheim", "de")], ids=["english", "german"]
)
def test_pdfs_are_tagged_in_the_bank_language(
    sheets: str, language: str, request: pytest.FixtureRequest
) -> None:
    bank: Sheets = request.getfixturevalue(sheets)
    for name in bank.names():
        catalog = PdfReader(bank / name).trailer["/Root"]
        assert catalog["/Lang"] == language, name
        assert catalog["/MarkInfo"]["/Marked"], name
        kinds = _structure_types(catalog["/StructTreeRoot"])
        assert {"/Document", "/H1", "/Art", "/P", "/Table"} <= kinds, name


def _structure_types(element: Any) -> set[str]:
    """Return every structure type in a PDF's structure tree below an element."""
    kids = element.get_object().get("/K", [])
    kinds: set[str] = set()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            kinds |= {kid["/S"]} | _structure_types(kid)
    return kinds

"""The source text printed (print_source) and cited by paragraph in the key and the quiz."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from quizgen.answers.solve import solve_bank
from quizgen.bank.source_text import QuoteFinder, parse_source
from quizgen.errors import UsageError
from quizgen.model import Bank
from quizgen.present.article import article, cite_paragraphs
from quizgen.project import load_project
from quizgen.settings import build_settings
from quizgen.targets.html.quiz import answer_key, question_hashes, question_views
from quizgen.targets.pdf import PdfOptions
from quizgen.targets.pdf.layout import print_mode
from tests.harness import copy_project, run_cli
from tests.test_pdf import build, flat

GERMAN = {"paragraph": "Abs. {number}", "paragraphs": "Abs. {first}–{last}"}
ENGLISH = {"paragraph": "para. {number}", "paragraphs": "paras. {first}–{last}"}
TEXT = """# The bridge

The old bridge was built in 1850.
It crossed the river at its narrowest point.

Repairs
In 1990 the town repaired it:
- new railings
- a new deck

It reopened in 1992. A festival followed.
"""


def source(text: str = TEXT):
    return parse_source(Path("t.txt"), "t.txt", text)


def atacms(root: Path) -> Bank:
    return next(b for b in load_project(root).banks if b.id == "atacms")


def pdf_text(path: Path) -> str:
    """Return the text pdftotext reads from a PDF, without the page margins' running texts."""
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    # a paragraph that runs onto the next page runs past the footer and the running title
    return re.sub(
        r"Seite \d+ von \d+|^.* · (Arbeitsblatt|Lösungsschlüssel)$", "", done.stdout, flags=re.M
    )


def paragraph_texts(bank: Bank) -> list[str]:
    return [bank.source.text[p.start : p.end] for p in bank.source.paragraphs]


# --- what a paragraph is, and its number ---------------------------------------------------------


def test_paragraphs_are_numbered_through_the_text_and_headings_are_not() -> None:
    sections = article(source())
    assert [s.heading for s in sections] == ["The bridge", "Repairs"]
    numbered = [(p.number, p.lines) for s in sections for p in s.paragraphs]
    assert numbered == [
        (1, ("The old bridge was built in 1850. It crossed the river at its narrowest point.",)),
        (2, ("In 1990 the town repaired it:", "- new railings", "- a new deck")),
        (3, ("It reopened in 1992. A festival followed.",)),
    ]


def test_a_quote_cites_the_paragraph_that_holds_it() -> None:
    finder = QuoteFinder(source())
    assert finder.paragraph_numbers("It crossed the river") == (1,)
    assert finder.paragraph_numbers("a new deck") == (2,)
    assert finder.paragraph_numbers("A festival followed.") == (3,)
    assert finder.paragraph_numbers("not in the text") == ()


def test_a_quote_spanning_two_paragraphs_cites_both() -> None:
    finder = QuoteFinder(source())
    numbers = finder.paragraph_numbers("a new deck It reopened in 1992.")
    assert numbers == (2, 3)
    assert cite_paragraphs(numbers, GERMAN) == "Abs. 2–3"
    assert cite_paragraphs(numbers, ENGLISH) == "paras. 2–3"
    assert cite_paragraphs((3,), GERMAN) == "Abs. 3"
    assert cite_paragraphs((), GERMAN) == ""
    # across a heading too: the heading is no paragraph
    assert finder.paragraph_numbers("narrowest point. Repairs In 1990") == (1, 2)
    assert finder.paragraph_numbers("Repairs In 1990") == (2,)


LISTED = """Die Brücke

Die alte Brücke wurde 1850 gebaut.

Der Bau verlief in zwei Schritten:

1. Erstens kamen die Pfeiler aus Granit
2. Zweitens kam der Bogen aus Stahl

Seit 1992 ist sie wieder offen.
"""


def test_a_list_of_its_own_is_a_numbered_paragraph_not_headings() -> None:
    """Items without a full stop read like short lines; next to each other they are a list."""
    sections = article(source(LISTED))
    assert [s.heading for s in sections] == ["Die Brücke"]
    numbered = [(p.number, p.lines) for s in sections for p in s.paragraphs]
    assert numbered[2] == (
        3,
        ("1. Erstens kamen die Pfeiler aus Granit", "2. Zweitens kam der Bogen aus Stahl"),
    )
    assert numbered[3] == (4, ("Seit 1992 ist sie wieder offen.",))
    finder = QuoteFinder(source(LISTED))
    assert finder.paragraph_numbers("Zweitens kam der Bogen aus Stahl") == (3,)
    # a line of its own for each item (no blank lines in the text): each is a paragraph
    lines = source("Die Brücke\nSie hat zwei Teile:\n1. die Pfeiler\n2. der Bogen\nEnde.\n")
    assert [len(s.paragraphs) for s in lines.sections] == [4]
    # items apart, blank lines between them: each is a paragraph
    loose = source("Die Brücke\n\nZwei Teile:\n\n- die Pfeiler\n\n- der Bogen\n\nEnde.\n")
    assert [len(s.paragraphs) for s in loose.sections] == [4]


def test_a_numbered_line_alone_is_still_a_heading() -> None:
    text = "1. Einleitung\nDie Brücke ist alt.\n\n2. Methoden\n\nWir haben sie vermessen.\n"
    assert [s.heading for s in source(text).sections] == ["1. Einleitung", "2. Methoden"]
    lines = source("1. Einleitung\nDie Brücke ist alt.\n2. Methoden\nWir haben sie vermessen.\n")
    assert [s.heading for s in lines.sections] == ["1. Einleitung", "2. Methoden"]


def test_the_answer_layer_gives_every_atacms_question_its_paragraph(tmp_path: Path) -> None:
    bank = atacms(copy_project(tmp_path, "repo"))
    texts = paragraph_texts(bank)
    for solved in solve_bank(bank, {"true": "R", "false": "F"}):
        assert len(solved.paragraphs) == 1, solved.question.id
        assert flat(solved.question.source) in flat(texts[solved.paragraphs[0] - 1])


def test_saved_quiz_progress_survives_a_paragraph_added_above(tmp_path: Path) -> None:
    """The citation is not part of what keys a saved answer: (Abs. 3) becoming (Abs. 4) keeps it."""
    root = copy_project(tmp_path, "repo")

    def hashes() -> tuple[dict[str, str], list[str]]:
        bank = atacms(root)
        solved = solve_bank(bank, {"true": "R", "false": "F"})
        views = question_views(solved, GERMAN)
        return question_hashes(views, answer_key(solved), bank.language), [
            v.paragraphs for v in views
        ]

    before, cited = hashes()
    seed = root / "seeds" / "atacms.txt"
    seed.write_text("Vorbemerkung\nEin neuer erster Absatz.\n" + seed.read_text(encoding="utf-8"))
    after, cited_after = hashes()
    assert cited[0] == "Abs. 1" and cited_after[0] == "Abs. 2"
    assert after == before


# --- where it is printed: the bank's word, else the build's ---------------------------------------


@pytest.mark.parametrize(
    "own, build_option, expected",
    [
        (None, False, ""),
        (None, True, "worksheet"),
        (None, "handout", "handout"),
        (False, "handout", ""),
        (True, "handout", "worksheet"),
        ("handout", False, "handout"),
    ],
)
def test_a_banks_own_print_source_wins_over_the_builds(
    tmp_path: Path, own: bool | str | None, build_option: bool | str, expected: str
) -> None:
    from dataclasses import replace

    bank = replace(atacms(copy_project(tmp_path, "repo")), print_source=own)
    assert print_mode(bank, build_option) == expected


def test_the_bank_field_is_read(make_project) -> None:
    root = make_project("mini")
    path = root / "questions" / "lighthouse.yaml"
    text = path.read_text(encoding="utf-8")
    for written, value in (("true", True), ("false", False), ("handout", "handout")):
        path.write_text(text.replace("language: en\n", f"language: en\nprint_source: {written}\n"))
        assert load_project(root).banks[0].print_source == value


def test_a_build_option_of_another_value_is_refused() -> None:
    with pytest.raises(UsageError) as raised:
        PdfOptions(print_source="yes")
    assert str(raised.value) == (
        'print_source must be true (the text before the questions on the worksheet), "handout" '
        "(the text as a PDF of its own) or false, got 'yes'"
    )


def test_quizgen_toml_refuses_a_print_source_that_is_no_flag_or_text(make_project) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text("[build]\nprint-source = 3\n", encoding="utf-8")
    result = run_cli(root, "build", "--only", "pdf")
    assert result.exit_code == 2
    assert (
        "quizgen.toml:2:1: error: [build]: print-source must be true, false or a quoted text, got 3"
        in result.stderr.splitlines()
    )


# --- on paper -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ATACMS bank with print_source: true."""
    root = copy_project(tmp_path_factory.mktemp("printed"), "repo")
    path = root / "questions" / "atacms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("language: de\n", "language: de\nprint_source: true\n", 1))
    build(root)
    return root


@pytest.mark.slow
def test_the_worksheet_prints_every_paragraph_before_the_questions(printed: Path) -> None:
    bank = atacms(printed)
    text = flat(pdf_text(printed / "output" / "site" / "atacms" / "atacms-worksheet.pdf"))
    places = [text.find(flat(paragraph)) for paragraph in paragraph_texts(bank)]
    assert -1 not in places
    assert places == sorted(places)
    for section in bank.source.sections:
        assert flat(section.heading) in text
    assert places[-1] < text.find(flat(bank.questions[0].prompt))
    assert not (printed / "output" / "site" / "atacms" / "atacms-text.pdf").exists()


@pytest.mark.slow
def test_the_key_cites_the_paragraph_that_holds_each_quote(printed: Path) -> None:
    bank = atacms(printed)
    texts = paragraph_texts(bank)
    key = " ".join(pdf_text(printed / "output" / "teacher" / "atacms" / "atacms-key.pdf").split())
    cited = re.findall(r"Quelle, Abs\. (\d+)(?:–(\d+))?: „(.*?)“", key)
    assert len(cited) == len(bank.questions)
    for question, (first, last, quote) in zip(bank.questions, cited, strict=True):
        assert flat(quote).startswith(flat(question.source)[:40]), question.id  # its own line
        numbers = range(int(first), int(last or first) + 1)
        holding = "".join(flat(texts[n - 1]) for n in numbers)
        assert flat(question.source) in holding, (question.id, first, last)


@pytest.mark.slow
def test_a_handout_is_a_student_file_of_its_own_and_linked(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "repo")
    (root / "quizgen.toml").write_text('[build]\nprint_source = "handout"\n', encoding="utf-8")
    build(root)
    site = root / "output" / "site"
    handout = site / "atacms" / "atacms-text.pdf"
    text = flat(pdf_text(handout))
    for paragraph in paragraph_texts(atacms(root)):
        assert flat(paragraph) in text
    assert flat(atacms(root).questions[0].prompt) not in text
    worksheet = flat(pdf_text(site / "atacms" / "atacms-worksheet.pdf"))
    assert flat(paragraph_texts(atacms(root))[1]) not in worksheet
    assert 'href="atacms/atacms-text.pdf"' in (site / "index.html").read_text(encoding="utf-8")
    teacher = (root / "output" / "teacher" / "index.html").read_text(encoding="utf-8")
    assert 'href="../site/atacms/atacms-text.pdf"' in teacher


@pytest.mark.slow
def test_a_printed_list_is_numbered_as_the_key_cites_it(make_project) -> None:
    root = make_project("mini")
    (root / "questions" / "lighthouse.yaml").unlink()
    (root / "seeds" / "bruecke.txt").write_text(LISTED, encoding="utf-8")
    (root / "questions" / "bruecke.yaml").write_text(
        "bank: bruecke\ntitle: Die Brücke\nlanguage: de\nsource: seeds/bruecke.txt\n"
        "print_source: true\nquestions:\n  - id: bogen\n    type: truefalse\n"
        "    prompt: Der Bogen ist aus Stahl.\n    source: Zweitens kam der Bogen aus Stahl\n"
        "    answer: true\n",
        encoding="utf-8",
    )
    build(root)
    sheet = pdf_text(root / "output" / "site" / "bruecke" / "bruecke-worksheet.pdf")
    # the number in the margin on the list's first line, the items on lines of their own
    assert (
        "\n3 1. Erstens kamen die Pfeiler aus Granit\n2. Zweitens kam der Bogen aus Stahl\n"
        "4 Seit 1992 ist sie wieder offen.\n" in sheet
    )
    key = " ".join(pdf_text(root / "output" / "teacher" / "bruecke" / "bruecke-key.pdf").split())
    assert "Quelle, Abs. 3: „Zweitens kam der Bogen aus Stahl“" in key


# --- in the quiz ----------------------------------------------------------------------------------


def test_the_quiz_holds_the_text_folded_and_an_empty_template_leaves_it_out(make_project) -> None:
    root = make_project("mini")
    quiz = root / "output" / "site" / "lighthouse" / "lighthouse-quiz.html"
    assert run_cli(root, "build", "--only", "html").exit_code == 0
    page = quiz.read_text(encoding="utf-8")
    assert '<details class="source-text">' in page  # no `open`: folded
    assert re.findall(r'<span class="para-number">(\d+)</span>', page) == ["1", "2"]
    (root / "templates" / "html").mkdir(parents=True)
    (root / "templates" / "html" / "_source.html.j2").write_text("", encoding="utf-8")
    assert run_cli(root, "build", "--only", "html").exit_code == 0
    assert "source-text" not in quiz.read_text(encoding="utf-8").split("</style>")[-1]


@pytest.mark.parametrize(("written", "meant"), [('"Handout"', "handout"), ('"true"', True)])
def test_print_source_in_quizgen_toml_is_read_as_a_teacher_writes_it(
    tmp_path: Path, written: str, meant: object
) -> None:
    (tmp_path / "quizgen.toml").write_text(f"[build]\nprint_source = {written}\n", "utf-8")
    assert build_settings(tmp_path, {})["print_source"] == meant

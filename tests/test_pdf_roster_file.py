"""Reading a class roster for `quizgen build --roster FILE`: dialects, and one test per error."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.build import build
from quizgen.errors import UsageError
from quizgen.targets.pdf.roster import MAX_STUDENTS, Student, students_in, variant_of
from tests.harness import run_cli


def read(text: str | bytes) -> list[Student]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return students_in(data, "roster.csv")


@pytest.mark.parametrize(
    "text",
    [
        "name,class\nAnna Schmidt,9b\nBen Öztürk,9a\n",
        "Name;Klasse\r\nAnna Schmidt;9b\r\nBen Öztürk;9a\r\n",  # a German Excel export
        "Schüler\tKlasse\nAnna Schmidt\t9b\nBen Öztürk\t9a\n",
        "Vorname;Nachname;Geburtsdatum;Klasse\nAnna;Schmidt;1.2.2011;9b\nBen;Öztürk;3.4.2011;9a\n",
        "Anna Schmidt;9b\nBen Öztürk;9a\n",  # no header row
        '"Anna   Schmidt" , 9b\n\n  \n"Ben Öztürk",9a\n',  # blank lines skipped, spaces tidied
        "\ufeffName;Klasse\nAnna Schmidt;9b\nBen Öztürk;9a\n",  # the BOM Excel writes
        "\ufeffName;Klasse\r\nAnna Schmidt;9b\r\nBen Öztürk;9a\r\n;;\r\n;;\r\n",  # empty rows
    ],
    ids=[
        *("comma", "semicolon-crlf", "tab", "first-last-name", "no-header", "blank-lines"),
        *("bom", "excel-empty-rows"),
    ],
)
def test_a_roster_reads_the_same_in_every_dialect(text: str) -> None:
    assert read(text) == [Student("Anna Schmidt", "9b"), Student("Ben Öztürk", "9a")]


@pytest.mark.parametrize(
    "text",
    [
        "Surname;Forename;Form\nSchmidt;Anna;9b\n",  # as UK school systems export it
        "First name,Last name,Class\nAnna,Schmidt,9b\n",
        "Legal Surname;Legal Forename;Reg Group\nSchmidt;Anna;9b\n",
        "Family name\tGiven name\tTutor group\nSchmidt\tAnna\t9b\n",
        "First_Name,Last-Name,Homeroom\nAnna,Schmidt,9b\n",  # spelt with _ and -: the same
        "Pupil name;Form group\nAnna Schmidt;9b\n",
        "Schüler*in;Klasse\nAnna Schmidt;9b\n",
    ],
    ids=["uk", "us", "legal-names", "tab", "punctuation", "pupil", "gender-star"],
)
def test_a_header_row_names_its_columns_in_english_as_in_german(text: str) -> None:
    assert read(text) == [Student("Anna Schmidt", "9b")]


def test_a_plain_list_of_names_has_no_class_and_keeps_commas_in_quotes() -> None:
    assert read("Anna Schmidt\nBen Öztürk\n") == [Student("Anna Schmidt"), Student("Ben Öztürk")]
    assert read('"Schmidt, Anna"\n"Öztürk, Ben"\n') == [
        Student("Schmidt, Anna"),
        Student("Öztürk, Ben"),
    ]


def test_a_student_without_a_class_beside_others_with_one() -> None:
    assert read("Anna;9b\nBen\nCem;9a\n") == [
        Student("Anna", "9b"),
        Student("Ben"),
        Student("Cem", "9a"),
    ]


def test_the_same_name_in_two_classes_is_two_students() -> None:
    assert len(read("Anna Schmidt;9a\nAnna Schmidt;9b\n")) == 2


def test_variants_are_handed_out_in_turn() -> None:
    assert [variant_of(place, 3) for place in range(7)] == [1, 2, 3, 1, 2, 3, 1]
    assert {variant_of(place, 1) for place in range(7)} == {0}


@pytest.fixture
def roster_build(
    make_project: Callable[..., Path], tmp_path: Path
) -> Callable[[bytes | None], tuple[str, Path]]:
    """Return a function that builds with --roster FILE (None: a missing file); its stderr."""

    def run(data: bytes | None, name: str = "klasse.csv") -> tuple[str, Path]:
        root = make_project("mini")
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        result = run_cli(root, "build", "--only", "pdf", "--roster", str(path))
        assert result.exit_code == 2, result.output
        assert not (root / "output").exists()  # nothing half-written: no bank was even read
        return result.stderr, path

    return run


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b"", 1, "the roster is empty; expected one student a line (name, class)"),
        (b"\n \n;\n", 1, "the roster is empty; expected one student a line (name, class)"),
        (b"Name;Klasse\n\n", 1, "the roster has a header row but no student below it"),
        (
            "Anna Schmidt\nBen M\xfcller\n".encode("latin-1"),
            2,
            "the roster is not valid UTF-8 (byte 0xfc); save it as UTF-8 (in Excel: Save as, "
            "'CSV UTF-8')",
        ),
        (
            codecs.BOM_UTF16_LE + "Anna Schmidt\nBen Miller\n".encode("utf-16-le")[:-1],  # cut off
            2,
            "the roster is UTF-16 (it starts with UTF-16's byte order mark), but not valid UTF-16 "
            "at byte 48; save it again, as UTF-8 (in Excel: Save as, 'CSV UTF-8')",
        ),
        (
            "Name;Klasse\nAnna Schmidt;9b\nBen Öztürk;9b\n\nanna  schmidt;9B\n".encode(),
            5,
            "'anna schmidt' is on line 2 too; two students of one name need telling apart on "
            "their sheets: add an initial, e.g. 'Anna M. Schmidt'",
        ),
        (
            "Schmidt, Anna\nÖztürk, Ben\n".encode(),
            1,
            "this line reads as the name 'Schmidt' in the class 'Anna', and no class in the "
            "roster has a number: if these are surnames and first names, add a header row naming "
            "the columns, e.g. 'Nachname;Vorname' (or 'Name;Klasse' if they are names and "
            'classes), or put each name in double quotes: "Schmidt, Anna"',
        ),
        (
            b"Anna;Schmidt;9b\n",
            1,
            "this line has 3 columns; expected the name and, if you like, the class (a name "
            'with a comma in it goes in double quotes: "Schmidt, Anna"), or a header row '
            "naming the columns, e.g. 'Name;Klasse'",
        ),
        (
            b"Name;Klasse\nAnna;9b\n;9b\n",
            3,
            "this line has no name; write the student's name first",
        ),
        (b"Anna\nBen\x00\n", 2, "this line contains the control character U+0000; remove it"),
        (
            b"Anna\n" + b"B" * 140_000 + b"\n",
            2,
            "the roster cannot be read as CSV here: field larger than field limit (131072)",
        ),
        (
            "".join(f"Schüler {n};9b\n" for n in range(10_000)).encode(),
            MAX_STUDENTS + 1,
            f"the roster has more than {MAX_STUDENTS} students; quizgen makes one worksheet "
            "each, so split it into one file per class and build each in turn",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "header-only",
        "not-utf8",
        "not-utf16",
        "duplicate",
        "surname-first-name",
        "columns",
        "no-name",
        "control",
        "not-csv",
        "too-many",
    ],
)
def test_a_bad_roster_is_a_located_error(
    roster_build: Callable[[bytes | None], tuple[str, Path]],
    data: bytes,
    where: int,
    message: str,
) -> None:
    stderr, path = roster_build(data)
    column = 6 if b"\xfc" in data else 1
    assert stderr == f"{path}:{where}:{column}: error: {message}\n"


def test_a_missing_roster_file_says_what_to_give(
    roster_build: Callable[[bytes | None], tuple[str, Path]],
) -> None:
    stderr, path = roster_build(None)
    assert stderr == (
        f"{path}:1:1: error: no such roster file; give the path of the class list (a .csv or "
        ".txt file with one student a line), e.g. --roster klasse-9b.csv\n"
    )


def test_a_folder_is_no_roster(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project("mini")
    result = run_cli(root, "build", "--only", "pdf", "--roster", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}:1:1: error: the roster is a folder; expected a .csv or .txt file with one "
        "student a line\n"
    )


def test_an_empty_roster_option_says_no_file_was_given(make_project: Callable[..., Path]) -> None:
    root = make_project("mini")
    result = run_cli(root, "build", "--only", "pdf", "--roster", "")
    assert result.exit_code == 2
    assert result.stderr == (
        "quizgen: error: --roster was given no file; give the path of the class list (a .csv or "
        ".txt file with one student a line), e.g. --roster klasse-9b.csv\n"
    )
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("toml", "args", "where", "built"),
    [
        ("", ("--only", "html,gift"), "--only", "html, gift"),
        ('[build]\nonly = ["html"]\n', (), "quizgen.toml's [build] only", "html"),
    ],
    ids=["command-line", "quizgen-toml"],
)
def test_a_roster_for_a_build_without_the_pdf_target_is_refused(
    make_project: Callable[..., Path],
    tmp_path: Path,
    toml: str,
    args: tuple[str, ...],
    where: str,
    built: str,
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "9b.csv").write_text("Anna Schmidt;9b\n", encoding="utf-8")
    result = run_cli(root, "build", *args, "--roster", str(tmp_path / "9b.csv"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"quizgen: error: --roster is for the pdf target, which {where} leaves out (it builds "
        f"{built}); add it, --only {built.replace(', ', ',')},pdf, or leave out --roster\n"
    )
    assert not (root / "output").exists()


def test_a_library_caller_gives_the_roster_as_names(make_project: Callable[..., Path]) -> None:
    root = make_project("mini")
    with pytest.raises(UsageError, match="roster must be a list of students' names; to read"):
        build(root, (), {"only": ["pdf"], "roster": "klasse.csv"})
    with pytest.raises(UsageError, match="every student needs a name, and no name may be given"):
        build(root, (), {"only": ["pdf"], "roster": ["Anna", "Anna"]})
    with pytest.raises(
        UsageError, match=f"at most {MAX_STUDENTS} students, got {MAX_STUDENTS + 1}"
    ):
        build(root, (), {"only": ["pdf"], "roster": [f"S{n}" for n in range(MAX_STUDENTS + 1)]})


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_excels_unicode_text_utf16_with_its_byte_order_mark_is_read(bom: bytes) -> None:
    # Excel's "Unicode text": UTF-16 after a BOM, tabs between the columns, CRLF
    text = "Nachname\tVorname\tKlasse\r\nÖztürk\tBen\t9b\r\nSchmidt\tAnna\t9c\r\n"
    data = bom + text.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")
    assert students_in(data, "klasse.txt") == [
        Student("Ben Öztürk", "9b"),
        Student("Anna Schmidt", "9c"),
    ]


def test_a_comma_beside_semicolons_belongs_to_the_name() -> None:
    # German school systems export "Nachname, Vorname;Klasse"
    students = read("Schmidt, Anna;9b\nAli, Ben;9b\nDiaz, Carla;9c\n")
    assert students == [
        Student("Schmidt, Anna", "9b"),
        Student("Ali, Ben", "9b"),
        Student("Diaz, Carla", "9c"),
    ]


@pytest.mark.parametrize("header", ["Vorname;Name;Klasse", "Name;Vorname;Klasse"])
def test_beside_a_first_name_the_name_column_is_the_surname(header: str) -> None:
    first, name = ("Anna", "Schmidt") if header.startswith("Vorname") else ("Schmidt", "Anna")
    assert read(f"{header}\n{first};{name};9b\n") == [Student("Anna Schmidt", "9b")]

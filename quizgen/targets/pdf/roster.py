"""A class roster: one student a line (name, optionally class), as a school system exports it.

`read_roster` reads the file given to `quizgen build --roster FILE` and reports every mistake at
its line; the build is then given the students as the PDF option `roster`, one text each ("name"
or "name<TAB>class"), so that an edited roster is an edited option and its PDFs are made again.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.bank.strict_yaml import decode_text
from quizgen.errors import Location, Problem, RosterProblems, UsageError

# One render per student: 1.5 s of CPU each for the 9 pages of the ATACMS worksheet (docs/pdf.md).
# A year group fits (500: 12 minutes of CPU); ten thousand lines are a whole school's export,
# four hours of rendering for a PDF nobody prints at once.
MAX_STUDENTS = 500
# The first line is a header row when its cells name the columns, in German or in English as
# school systems export them; compared as header_key() makes them: "First name", "first_name"
# and "FirstName" are one, and so are "Schüler/in", "Schüler:in" and "Schüler*in".
NAME_HEADERS = {"name", "names", "student", "students", "student name", "pupil", "pupils"}
NAME_HEADERS |= {"pupil name", "full name", "schüler", "schülerin", "schüler/in", "schülername"}
NAME_HEADERS |= {"vollständiger name"}
FIRST_NAME_HEADERS = {"vorname", "vornamen", "rufname", "first name", "first names", "forename"}
FIRST_NAME_HEADERS |= {"forenames", "given name", "given names", "legal forename"}
FIRST_NAME_HEADERS |= {"preferred forename"}
LAST_NAME_HEADERS = {"nachname", "familienname", "last name", "surname", "family name"}
LAST_NAME_HEADERS |= {"legal surname", "preferred surname"}
CLASS_HEADERS = {"class", "klasse", "form", "form group", "tutor group", "registration group"}
CLASS_HEADERS |= {"reg group", "homeroom", "group", "gruppe", "kurs", "course", "lerngruppe"}
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # (a tab only separates)


@dataclass(frozen=True)
class Student:
    """One student of a roster: the name and class printed on their worksheet."""

    name: str
    class_name: str = ""


@dataclass(frozen=True)
class Columns:
    """Where a row holds the name (one column, or first and last name) and the class."""

    name: tuple[int, ...] = (0,)  # several: joined with spaces (first name, last name)
    class_column: int | None = 1
    any_width: bool = False  # a header row named the columns: others are left out


def read_roster(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """Return the students of a roster file as the `roster` option; raise RosterProblems."""
    shown = os.fspath(path)
    if not shown.strip():  # `--roster ""`: Path("") would be the current folder
        raise UsageError(
            "--roster was given no file; give the path of the class list (a .csv or .txt file "
            "with one student a line), e.g. --roster klasse-9b.csv"
        )
    students = students_in(_read_bytes(Path(shown), shown), shown)
    return tuple(as_entry(student) for student in students)


def _read_bytes(path: Path, shown: str) -> bytes:
    def fail(message: str) -> RosterProblems:
        return RosterProblems([Problem(Location(shown), "error", message)])

    if path.is_dir():
        raise fail("the roster is a folder; expected a .csv or .txt file with one student a line")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(
            "no such roster file; give the path of the class list (a .csv or .txt file with "
            "one student a line), e.g. --roster klasse-9b.csv"
        ) from None
    except OSError as exc:
        raise fail(f"cannot read the roster: {exc.strerror}") from None


def students_in(data: bytes, shown: str) -> list[Student]:
    """Return the students of a roster file's bytes in their order; raise RosterProblems."""
    rows = list(_rows(_text_of(data, shown), shown))
    if not rows:
        raise _problem(shown, 1, "the roster is empty; expected one student a line (name, class)")
    columns = _header(rows[0][1])
    if columns is not None:
        rows = rows[1:]
        if not rows:
            raise _problem(shown, 1, "the roster has a header row but no student below it")
    else:
        columns = Columns()
        _refuse_surname_first_name(rows, shown)
    students: list[Student] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        student = _student(cells, columns, shown, line)
        key = (student.name.casefold(), student.class_name.casefold())
        if key in first_line:
            raise _problem(
                shown,
                line,
                f"'{student.name}' is on line {first_line[key]} too; two students of one name "
                "need telling apart on their sheets: add an initial, e.g. 'Anna M. Schmidt'",
            )
        first_line[key] = line
        students.append(student)
        if len(students) > MAX_STUDENTS:
            raise _problem(
                shown,
                line,
                f"the roster has more than {MAX_STUDENTS} students; quizgen makes one worksheet "
                "each, so split it into one file per class and build each in turn",
            )
    return students


def _text_of(data: bytes, shown: str) -> str:
    """Return a roster's text: UTF-8 (a BOM allowed), or UTF-16 or UTF-32 after their BOM.

    Excel's "Unicode text" is UTF-16 with a BOM, which no UTF-8 file starts with: it is read.
    """
    # (UTF-32's little-endian BOM starts as UTF-16's does: it is looked for first)
    boms = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")]
    boms += [(codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
    codec = next((codec for bom, codec in boms if data.startswith(bom)), None)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
            raise _problem(
                shown,
                line,
                f"the roster is {codec.upper()} (it starts with {codec.upper()}'s byte order "
                f"mark), but not valid {codec.upper()} at byte {exc.start}; save it again, as "
                "UTF-8 (in Excel: Save as, 'CSV UTF-8')",
            ) from None
    text, problems = decode_text(data, shown, "the roster")
    if text is None:
        message = problems[0].message + " (in Excel: Save as, 'CSV UTF-8')"
        raise RosterProblems([Problem(problems[0].location, "error", message)])
    return text


def _rows(text: str, shown: str) -> Iterable[tuple[int, list[str]]]:
    """Yield (line, cells) of every row that holds something, in a dialect guessed from it."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    start = 1
    try:
        for cells in reader:
            cells = [" ".join(cell.split()) for cell in cells]
            # a blank line is skipped, and one of only delimiters (Excel's empty rows: ';;')
            if any(cell.strip(",;\t") for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _problem(shown, start, f"the roster cannot be read as CSV here: {exc}") from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Return the file's CSV dialect as csv.Sniffer guesses it from the lines with content.

    The sniffer wants every line alike: where a student has no class (`Ben` beside `Anna;9b`),
    the delimiter is the first of ';', tab, ',' in the first line; with none, a name a line.
    """
    lines = [line for line in text[:16384].splitlines() if line.strip(",;\t ")]
    # a ';' or tab on every line is the delimiter: a comma beside it is a name's ("Schmidt, Anna;9b",
    # as German school systems export), which the sniffer would take for the delimiter
    for always in ";\t":
        if lines and all(always in line for line in lines[:50]):
            return type("_Delimited", (csv.excel,), {"delimiter": always})
    try:
        return csv.Sniffer().sniff("\n".join(lines[:50]), ",;\t")
    except csv.Error:
        first = lines[0] if lines else ""
        delimiter = next((d for d in ";\t," if d in first), None)
        if delimiter is None:
            return _OneColumn
        return type("_Delimited", (csv.excel,), {"delimiter": delimiter})


class _OneColumn(csv.excel):
    delimiter = "\t"  # never in a line of the sample: every line is one cell


def _header(cells: Sequence[str]) -> Columns | None:
    """Return the columns a header row names ('name,class', 'Surname;Forename;Form'), or None."""
    names = [header_key(cell) for cell in cells]

    def find(known: set[str]) -> int | None:
        keys = {header_key(name) for name in known}
        return next((i for i, name in enumerate(names) if name in keys), None)

    whole, first, last = find(NAME_HEADERS), find(FIRST_NAME_HEADERS), find(LAST_NAME_HEADERS)
    class_column = find(CLASS_HEADERS)
    # beside a first name, "Name" is the surname, as German school systems export it
    surname = last if last is not None else whole
    if first is not None and surname is not None:
        return Columns((first, surname), class_column, any_width=True)
    if whole is not None:
        return Columns((whole,), class_column, any_width=True)
    return None


def header_key(cell: str) -> str:
    """Return a header cell as it is compared: letters and digits only, case aside."""
    return re.sub(r"[\W_]+", "", cell.casefold())


def _refuse_surname_first_name(rows: Sequence[tuple[int, list[str]]], shown: str) -> None:
    """Refuse two columns without a header whose second never holds a digit: 'Schmidt, Anna'.

    A school's classes carry their year (9b, Q1, 10.2): a second column without one anywhere is
    far likelier a first name, and sheets would otherwise say "Schmidt" for Anna Schmidt.
    """
    if all(len(cells) == 2 and not any(c.isdigit() for c in cells[1]) for _, cells in rows):
        line, cells = rows[0]
        raise _problem(
            shown,
            line,
            f"this line reads as the name '{cells[0]}' in the class '{cells[1]}', and no class "
            "in the roster has a number: if these are surnames and first names, add a header "
            "row naming the columns, e.g. 'Nachname;Vorname' (or 'Name;Klasse' if they are "
            'names and classes), or put each name in double quotes: "Schmidt, Anna"',
        )


def _student(cells: list[str], columns: Columns, shown: str, line: int) -> Student:
    """Return one row's student; a row that is not one is a located error."""
    if not columns.any_width and len(cells) > 2:
        raise _problem(
            shown,
            line,
            f"this line has {len(cells)} columns; expected the name and, if you like, the "
            'class (a name with a comma in it goes in double quotes: "Schmidt, Anna"), or a '
            "header row naming the columns, e.g. 'Name;Klasse'",
        )

    def cell(index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    name = " ".join(part for part in (cell(i) for i in columns.name) if part)
    class_name = cell(columns.class_column)
    if not name:
        raise _problem(shown, line, "this line has no name; write the student's name first")
    found = CONTROL_CHARACTER.search(name + class_name)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise _problem(shown, line, f"this line contains the control character {code}; remove it")
    return Student(name, class_name)


def _problem(shown: str, line: int, message: str) -> RosterProblems:
    return RosterProblems([Problem(Location(shown, line, 1), "error", message)])


def as_entry(student: Student) -> str:
    """Return a student as one item of the `roster` option: "name", or "name<TAB>class"."""
    return f"{student.name}\t{student.class_name}" if student.class_name else student.name


def students_of(entries: Sequence[str]) -> tuple[Student, ...]:
    """Return the `roster` option's students; a wrong option (a library's) is a UsageError."""
    if isinstance(entries, str):
        raise UsageError(
            "roster must be a list of students' names; to read a class list from a file, give "
            "it on the command line: quizgen build --roster FILE"
        )
    students = tuple(Student(*(" ".join(p.split()) for p in e.split("\t", 1))) for e in entries)
    names = [(s.name.casefold(), s.class_name.casefold()) for s in students]
    if any(not s.name for s in students) or len(set(names)) < len(names):
        raise UsageError("roster: every student needs a name, and no name may be given twice")
    if len(students) > MAX_STUDENTS:
        raise UsageError(f"roster: at most {MAX_STUDENTS} students, got {len(students)}")
    return students


def variant_of(place: int, variants: int) -> int:
    """Return the variant of the roster's `place`-th student (0-based): A, B, C, A … or 0."""
    return place % variants + 1 if variants >= 2 else 0

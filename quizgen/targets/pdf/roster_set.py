"""A roster's PDFs: one named worksheet per student in one file, and a key opening with the list."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

import jinja2

from quizgen.answers.numbers import letter
from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.present.strings import fill, ui_strings
from quizgen.present.templates import render_template
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.pdf.class_set import joined
from quizgen.targets.pdf.layout import (
    TEMPLATE,
    DocumentView,
    RosterRow,
    document_view,
    for_student,
)
from quizgen.targets.pdf.render import RenderJob
from quizgen.targets.pdf.roster import students_of, variant_of

if TYPE_CHECKING:
    from quizgen.target_options import PdfOptions

ROSTER_SHEET = "roster_sheet"  # one student's worksheet, joined into <bank>-roster.pdf
ROSTER_LIST = "roster_list"  # who got which variant: the first page of <bank>-roster-key.pdf
ROSTER_PARTS = (ROSTER_SHEET, ROSTER_LIST)


def roster_jobs(
    bank: Bank,
    options: PdfOptions,
    context: BuildContext,
    env: jinja2.Environment,
    like: RenderJob,
) -> Iterator[RenderJob]:
    """Yield every student's worksheet, variants in turn (A, B, C, A …), then the class list.

    `like`: a job with the bank's assets and dates, for each to copy.
    """

    def job(output: str, role: FileRole, view: DocumentView) -> RenderJob:
        html = render_template(env, TEMPLATE, doc=view)
        return dataclasses.replace(like, output=output, role=role, html=html)

    strings = ui_strings(bank.language, context.template_dirs)
    text = strings.get("pdf", {})
    output = roster_path(bank, "roster")
    sheets: dict[int, DocumentView] = {}  # one view per variant, the names filled in for each
    rows = []
    for place, student in enumerate(students_of(options.roster)):
        variant = variant_of(place, options.variants)
        if variant not in sheets:
            sheets[variant] = document_view(
                bank,
                "worksheet",
                variant,
                options.seed,
                options.paper,
                strings,
                print_source=options.print_source,
            )
        view = for_student(sheets[variant], student.name, student.class_name)
        role = FileRole(ROSTER_SHEET, bank.id, "teacher", letter(variant))
        yield job(output, role, view)
        shown = fill(text["variant"], letter=letter(variant)) if variant else ""
        rows.append(RosterRow(place + 1, student.name, student.class_name, shown))
    listing = document_view(bank, "roster", 0, options.seed, options.paper, strings, roster=rows)
    yield job(roster_path(bank, "roster-key"), FileRole(ROSTER_LIST, bank.id, "teacher"), listing)


def write_roster(
    bank: Bank, sheets: dict[tuple[str, str], list[bytes]], out: OutputWriter, context: BuildContext
) -> None:
    """Write the students' worksheets in one PDF, and the key: the class list, then the keys."""
    text = ui_strings(bank.language, context.template_dirs).get("pdf", {})
    named = joined(sheets[(bank.id, ROSTER_SHEET)], f"{bank.title} – {text['roster']}")
    out.write(roster_path(bank, "roster"), named, FileRole("roster", bank.id, "teacher"))
    # the keys as the class set's key has them: the grid of every variant first, if several
    keys = [*sheets[(bank.id, ROSTER_LIST)], *sheets[(bank.id, "key")]]
    out.write(
        roster_path(bank, "roster-key"),
        joined(keys, f"{bank.title} – {text['roster_key']}"),
        FileRole("roster_key", bank.id, "teacher"),
    )


def roster_path(bank: Bank, name: str) -> str:
    """Return e.g. atacms/atacms-roster.pdf (in output/teacher/: it holds students' names)."""
    return f"{bank.id}/{bank.id}-{name}.pdf"

"""The PDF target: printable worksheets and answer keys, optionally in shuffled variants."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from quizgen.answers.numbers import letter
from quizgen.context import BuildContext
from quizgen.errors import TargetError
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.target_options import PdfOptions
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.pdf.class_set import joined
from quizgen.targets.pdf.layout import (
    HANDOUT,
    KINDS,
    LAYOUT_HELPERS,
    TEMPLATE,
    document_view,
    print_mode,
)
from quizgen.targets.pdf.paper_markup import PAPER_FILTERS
from quizgen.targets.pdf.render import RenderJob, render_all
from quizgen.targets.pdf.roster_set import ROSTER_PARTS, roster_jobs, write_roster
from quizgen.targets.pdf.urls import html_url_problems

log = logging.getLogger(__name__)

HANDOUT_TEMPLATE = "pdf/handout.html"  # the source text alone (print_source: handout)
GRID = "grid"  # the marking grid of every variant alone, for the class set's key


class PdfTarget:
    """Writes <bank>-worksheet.pdf and <bank>-key.pdf (or one pair per variant) for every bank."""

    name = "pdf"
    options = PdfOptions
    # the source text (print_source: handout), worksheets, keys; with variants, the class set;
    # with a roster, its worksheets and key
    labels = (HANDOUT, *KINDS, "class_set", "class_set_key", "roster", "roster_key")
    template_folders = ("pdf",)  # and the string catalogs of each bank's language
    own_processes = True  # it renders in worker processes of its own (--jobs)

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Render every document of every bank; nothing is written if any bank is refused."""
        options = context.options(PdfOptions)
        jobs = options.jobs or os.cpu_count() or 1
        grids = len(banks) if options.variants >= 2 else 0
        named = len(banks) * (len(options.roster) + 1) if options.roster else 0
        handouts = sum(1 for bank in banks if handout(bank, options))
        count = len(banks) * len(documents(options.variants)) + grids + named + handouts
        log.info("rendering %d PDF(s) with %d job(s)", count, min(jobs, count))
        task = context.progress.task("rendering PDFs", count)
        try:
            made = render_all(render_jobs(banks, context), count, jobs, task.advance)
        finally:
            task.close()
        sheets: dict[tuple[str, str], list[bytes]] = {}  # (bank, kind): each variant's PDF
        for job, pdf in made:
            if job.role.label == GRID:
                sheets.setdefault((job.role.bank, "key"), []).insert(0, pdf)
                continue
            if job.role.label in ROSTER_PARTS:  # joined below, not written alone
                sheets.setdefault((job.role.bank, job.role.label), []).append(pdf)
                continue
            out.write(job.output, pdf, job.role)
            sheets.setdefault((job.role.bank, job.role.label), []).append(pdf)
        for bank in banks:
            if options.variants >= 2:
                write_class_set(bank, sheets, out, context)
            if options.roster:
                write_roster(bank, sheets, out, context)


def write_class_set(
    bank: Bank, sheets: dict[tuple[str, str], list[bytes]], out: OutputWriter, context: BuildContext
) -> None:
    """Write all variants' worksheets in one PDF, and their keys, the grid of all first."""
    text = ui_strings(bank.language, context.template_dirs).get("pdf", {})
    for kind, label, name in (
        ("worksheet", "class_set", text["class_set"]),
        ("key", "class_set_key", text["class_set_key"]),
    ):
        out.write(
            class_set_path(bank, label),
            joined(sheets[(bank.id, kind)], f"{bank.title} – {name}"),
            FileRole(label, bank.id, "teacher"),
        )


def class_set_path(bank: Bank, label: str) -> str:
    """Return e.g. atacms/atacms-class-set-key.pdf for the label class_set_key."""
    return f"{bank.id}/{bank.id}-{label.replace('_', '-')}.pdf"


def render_jobs(banks: Sequence[Bank], context: BuildContext) -> Iterator[RenderJob]:
    """Yield each document as soon as its HTML is made; raise at the end if any was refused."""
    options = context.options(PdfOptions)
    env = pdf_environment(context.template_dirs)
    base_url, roots = asset_base(context.template_dirs)
    templates = [
        path
        for folder in context.template_dirs
        for path in sorted((folder / "pdf").rglob("*"))
        if path.is_file()
    ]
    problems: list[str] = []  # bank links were checked by the loader (quizgen.check.links)
    for bank in banks:
        created = pdf_date(input_time(bank, templates, context))
        if options.variants >= 2:  # the class set's key opens with every variant's grid
            html = document_html(bank, GRID, 0, context, env)
            yield RenderJob(
                output=class_set_path(bank, "class_set_key"),  # (where it goes: for messages)
                role=FileRole(GRID, bank.id, "teacher"),
                where=str(bank.location),
                html=html,
                base_url=base_url,
                asset_roots=roots,
                created=created,
            )
        texts = [(HANDOUT, 0)] if handout(bank, options) else []
        for kind, variant in texts + render_order(documents(options.variants)):
            html = document_html(bank, kind, variant, context, env)
            problems += html_url_problems(html, bank, base_url, roots)
            yield RenderJob(
                output=output_path(bank, kind, variant),
                role=FileRole(
                    kind, bank.id, "teacher" if kind == "key" else "student", letter(variant)
                ),
                where=str(bank.location),
                html=html,
                base_url=base_url,
                asset_roots=roots,
                created=created,
            )
        if options.roster:  # each student's worksheet, then the class list of the key
            like = RenderJob("", FileRole(""), str(bank.location), "", base_url, roots, created)
            yield from roster_jobs(bank, options, context, env, like)
    if problems:
        raise TargetError("\n".join(dict.fromkeys(problems)))


def handout(bank: Bank, options: PdfOptions) -> bool:
    """Return whether the bank's source text is printed as a handout of its own."""
    return print_mode(bank, options.print_source) == "handout"


def documents(variants: int) -> list[tuple[str, int]]:
    """Return (kind, variant) for every document: variant 0 alone, or variants 1..N."""
    numbers = range(1, variants + 1) if variants >= 2 else range(1)
    return [(kind, number) for number in numbers for kind in KINDS]


def render_order(documents: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Return the documents in the order they are rendered: of variants, each key first.

    A key takes longer than its worksheet, and renders in parallel end together only as closely
    as the last one to start is short. (A single pair starts at once, in the order it is listed.)
    """
    if len(documents) <= len(KINDS):
        return documents
    return sorted(documents, key=lambda document: (document[1], document[0] != "key"))


def output_path(bank: Bank, kind: str, variant: int) -> str:
    """Return e.g. atacms/atacms-worksheet.pdf or atacms/atacms-key-B.pdf."""
    suffix = f"-{letter(variant)}" if variant else ""
    return f"{bank.id}/{bank.id}-{kind}{suffix}.pdf"


def document_html(
    bank: Bank,
    kind: str,
    variant: int,
    context: BuildContext,
    env: jinja2.Environment | None = None,
) -> str:
    """Return the HTML that becomes one worksheet or key."""
    options = context.options(PdfOptions)
    env = env or pdf_environment(context.template_dirs)
    strings = ui_strings(bank.language, context.template_dirs)
    grid_of = range(1, options.variants + 1) if kind == GRID else ()
    view = document_view(
        bank,
        kind,
        variant,
        options.seed,
        options.paper,
        strings,
        grid_of,
        print_source=options.print_source,
    )
    return render_template(env, HANDOUT_TEMPLATE if kind == HANDOUT else TEMPLATE, doc=view)


def pdf_environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """Return the template environment with the layout helpers the question templates call."""
    env = environment(dirs)
    env.filters.update(PAPER_FILTERS)
    env.globals.update(LAYOUT_HELPERS)
    return env


def asset_base(dirs: tuple[Path, ...]) -> tuple[str, tuple[str, ...]]:
    """Return the base URL for relative assets and the folders a PDF may load files from."""
    roots = tuple(str(d / "pdf") for d in dirs)
    return Path(roots[0]).as_uri() + "/", roots


def pdf_date(epoch: int) -> str:
    """Return a PDF date (creation and modification) for seconds since 1970."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


TARGET = PdfTarget()

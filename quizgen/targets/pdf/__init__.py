"""The PDF target: printable worksheets and answer keys, optionally in shuffled variants."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from quizgen.answers.numbers import MAX_VARIANTS, letter
from quizgen.context import BuildContext
from quizgen.errors import TargetError, UsageError
from quizgen.model import PRINT_SOURCE, Bank
from quizgen.output.build_time import input_time
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.pdf.class_set import joined
from quizgen.targets.pdf.layout import (
    HANDOUT,
    KINDS,
    LAYOUT_HELPERS,
    PAPER_SIZES,
    document_view,
    print_mode,
)
from quizgen.targets.pdf.render import RenderJob, render_all
from quizgen.targets.pdf.urls import html_url_problems

log = logging.getLogger(__name__)

TEMPLATE = "pdf/document.html"
HANDOUT_TEMPLATE = "pdf/handout.html"  # the source text alone (print_source: handout)
GRID = "grid"  # the marking grid of every variant alone, for the class set's key


@dataclass(frozen=True)
class PdfOptions:
    """The PDF target's options (quizgen build --variants, --seed, --paper, --jobs)."""

    variants: int = 1
    seed: int = 0
    paper: str = "a4"
    # where the source text is printed for a bank that does not say: true (on the worksheet,
    # before the questions), "handout" (<bank>-text.pdf) or false
    print_source: bool | str = False
    # parallel renders (None: one per core); the same files either way, so not an input of them
    jobs: int | None = field(default=None, metadata={"output": False})

    def __post_init__(self) -> None:
        # the command line checks these too; a library caller or quizgen.toml may not have
        if not 1 <= self.variants <= MAX_VARIANTS:
            raise UsageError(f"variants must be between 1 and {MAX_VARIANTS}, got {self.variants}")
        if self.paper not in PAPER_SIZES:
            raise UsageError(f"paper must be one of {', '.join(PAPER_SIZES)}, got '{self.paper}'")
        if self.print_source not in PRINT_SOURCE:
            raise UsageError(
                "print_source must be true (the text before the questions on the worksheet), "
                f'"handout" (the text as a PDF of its own) or false, got {self.print_source!r}'
            )
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"jobs must be 1 or more, got {self.jobs}")


class PdfTarget:
    """Writes <bank>-worksheet.pdf and <bank>-key.pdf (or one pair per variant) for every bank."""

    name = "pdf"
    options = PdfOptions
    # the source text (print_source: handout), worksheets, keys; with variants, the class set
    labels = (HANDOUT, *KINDS, "class_set", "class_set_key")
    template_folders = ("pdf",)  # and the string catalogs of each bank's language
    own_processes = True  # it renders in worker processes of its own (--jobs)

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Render every document of every bank; nothing is written if any bank is refused."""
        options = context.options(PdfOptions)
        jobs = options.jobs or os.cpu_count() or 1
        grids = len(banks) if options.variants >= 2 else 0
        handouts = sum(1 for bank in banks if handout(bank, options))
        count = len(banks) * len(documents(options.variants)) + grids + handouts
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
            out.write(job.output, pdf, job.role)
            sheets.setdefault((job.role.bank, job.role.label), []).append(pdf)
        if options.variants >= 2:
            for bank in banks:
                write_class_set(bank, sheets, out, context)


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
            f"{bank.id}/{bank.id}-{label.replace('_', '-')}.pdf",
            joined(sheets[(bank.id, kind)], f"{bank.title} – {name}"),
            FileRole(label, bank.id, "teacher"),
        )


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
                output="",
                role=FileRole(GRID, bank.id, "teacher"),
                where=str(bank.location),
                html=html,
                base_url=base_url,
                asset_roots=roots,
                created=created,
            )
        texts = [(HANDOUT, 0)] if handout(bank, options) else []
        for kind, variant in texts + documents(options.variants):
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
    if problems:
        raise TargetError("\n".join(dict.fromkeys(problems)))


def handout(bank: Bank, options: PdfOptions) -> bool:
    """Return whether the bank's source text is printed as a handout of its own."""
    return print_mode(bank, options.print_source) == "handout"


def documents(variants: int) -> list[tuple[str, int]]:
    """Return (kind, variant) for every document: variant 0 alone, or variants 1..N."""
    numbers = range(1, variants + 1) if variants >= 2 else range(1)
    return [(kind, number) for number in numbers for kind in KINDS]


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
        bank, kind, variant, options.seed, options.paper, strings, grid_of, options.print_source
    )
    return render_template(env, HANDOUT_TEMPLATE if kind == HANDOUT else TEMPLATE, doc=view)


def pdf_environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """Return the template environment with the layout helpers the question templates call."""
    env = environment(dirs)
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

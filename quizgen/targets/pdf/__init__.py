"""The PDF target: printable worksheets and answer keys, optionally in shuffled variants."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from quizgen.answers.numbers import letter
from quizgen.errors import TargetError
from quizgen.model import Bank
from quizgen.output.build_time import input_time
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.targets import BuildOptions, OutputWriter
from quizgen.targets.pdf.fetcher import html_url_problems
from quizgen.targets.pdf.layout import KINDS, document_view
from quizgen.targets.pdf.render import RenderJob, render_all

log = logging.getLogger(__name__)

TEMPLATE = "pdf/document.html"


class PdfTarget:
    """Writes <bank>-worksheet.pdf and <bank>-key.pdf (or one pair per variant) for every bank."""

    name = "pdf"

    def build(self, banks: Sequence[Bank], out: OutputWriter, options: BuildOptions) -> None:
        """Render every document of every bank; nothing is written if any bank is refused."""
        problems: list[str] = []  # bank links were checked by the loader (quizgen.check.links)
        env = environment(options.template_dirs)
        base_url, roots = asset_base(options.template_dirs)
        jobs = []
        templates = [
            path
            for folder in options.template_dirs
            for path in sorted((folder / "pdf").rglob("*"))
            if path.is_file()
        ]
        for bank in banks:
            created = pdf_date(input_time(bank, templates, options))
            for kind, variant in documents(options.variants):
                html = document_html(bank, kind, variant, options, env)
                problems += html_url_problems(html, bank, base_url, roots)
                jobs.append(
                    RenderJob(
                        output=output_path(bank, kind, variant),
                        where=str(bank.location),
                        html=html,
                        base_url=base_url,
                        asset_roots=roots,
                        created=created,
                    )
                )
        if problems:
            raise TargetError("\n".join(dict.fromkeys(problems)))
        log.info("rendering %d PDF(s) with %d job(s)", len(jobs), options.jobs)
        for job, pdf in zip(jobs, render_all(jobs, options.jobs), strict=True):
            out.write(job.output, pdf)


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
    options: BuildOptions,
    env: jinja2.Environment | None = None,
) -> str:
    """Return the HTML that becomes one worksheet or key."""
    env = env or environment(options.template_dirs)
    strings = ui_strings(bank.language, options.template_dirs)
    view = document_view(bank, kind, variant, options.seed, options.paper, strings)
    return render_template(env, TEMPLATE, doc=view)


def asset_base(dirs: tuple[Path, ...]) -> tuple[str, tuple[str, ...]]:
    """Return the base URL for relative assets and the folders a PDF may load files from."""
    roots = tuple(str(d / "pdf") for d in dirs)
    return Path(roots[0]).as_uri() + "/", roots


def pdf_date(epoch: int) -> str:
    """Return a PDF date (creation and modification) for seconds since 1970."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


TARGET = PdfTarget()

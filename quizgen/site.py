"""output/index.html: every bank with its quiz, worksheets, keys and deck, as found in the output."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from quizgen.answers.numbers import MAX_VARIANTS, letter
from quizgen.model import Bank
from quizgen.present import markup
from quizgen.present.pages import content_security_policy, read_asset
from quizgen.present.strings import ui_strings
from quizgen.present.templates import render_template
from quizgen.targets import BuildOptions, OutputWriter
from quizgen.targets.html.quiz import quiz_path

INDEX_TEMPLATE = "html/index.html.j2"
INDEX_STYLES = ("html/site.css", "html/index.css")
COMBINED_DECK = "quizgen.apkg"
VARIANTS = tuple(letter(n) for n in range(1, MAX_VARIANTS + 1))


@dataclass(frozen=True)
class Download:
    """A link to one file of a bank; `kind` names its UI string, `variant` its letter if any."""

    kind: str
    href: str
    variant: str = ""

    @property
    def format(self) -> str:
        """Return the file's format as shown next to its link (PDF, APKG)."""
        return self.href.rsplit(".", 1)[-1].upper()


@dataclass(frozen=True)
class BankEntry:
    """One bank on the index page."""

    bank: Bank
    description: Markup
    questions: int
    points: int
    quiz: str
    files: tuple[Download, ...]


def render_index(
    banks: Sequence[Bank], out: OutputWriter, env: jinja2.Environment, options: BuildOptions
) -> str:
    """Return the landing page listing every bank built and the files it has in the output.

    Banks of the project that this build did not make are listed too if their quiz is there.
    """
    built = {bank.id for bank in banks}
    banks = [
        bank
        for bank in options.project_banks or banks
        if bank.id in built or out.exists(quiz_path(bank))
    ]
    language = page_language(banks)
    strings = ui_strings(language, options.template_dirs)
    staged = set(out.staged())
    entries = [
        BankEntry(
            bank,
            markup.block(bank.description),
            len(bank.questions),
            bank.max_points,
            quiz_path(bank),
            bank_files(bank, out, staged),
        )
        for bank in banks
    ]
    style = read_asset(env, INDEX_STYLES, "style")
    combined = COMBINED_DECK if out.exists(COMBINED_DECK) else ""
    return render_template(
        env,
        INDEX_TEMPLATE,
        language=language,
        entries=entries,
        combined=combined,
        t=strings.get("html", {}),
        style=style,
        csp=content_security_policy((style,), ()),
    )


def page_language(banks: Sequence[Bank]) -> str:
    """Return the language most banks are written in (the first bank's on a tie)."""
    if not banks:
        return "en"
    counts = Counter(bank.language for bank in banks)
    return max(counts, key=lambda lang: (counts[lang], -[b.language for b in banks].index(lang)))


def bank_files(bank: Bank, out: OutputWriter, staged: set[str]) -> tuple[Download, ...]:
    """Return the worksheets, keys and deck that exist for a bank, in a fixed order."""
    folder = f"{bank.id}/{bank.id}"
    files = [
        *_documents("worksheet", folder, out, staged),
        *_documents("key", folder, out, staged),
    ]
    if out.exists(f"{folder}.apkg"):
        files.append(Download("deck", f"{folder}.apkg"))
    return tuple(files)


def _documents(kind: str, folder: str, out: OutputWriter, staged: set[str]) -> list[Download]:
    """Return one kind of PDF: plain and per variant; this build's own files win over older ones."""
    candidates = [Download(kind, f"{folder}-{kind}.pdf")]
    candidates += [Download(kind, f"{folder}-{kind}-{letter}.pdf", letter) for letter in VARIANTS]
    fresh = [c for c in candidates if c.href in staged]
    return fresh or [c for c in candidates if out.exists(c.href)]

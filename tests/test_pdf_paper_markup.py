"""Mail links on paper: the address alone, never the mailto: scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.present import markup
from quizgen.targets.pdf import paper_markup
from tests.harness import copy_project
from tests.test_pdf import build, pages
from tests.test_quiz_progress_browser import edit


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        # words and an address: the address, without its scheme, follows the words (pdf.css)
        (
            "[the office](mailto:office@example.org)",
            '<a href="mailto:office@example.org" data-address="office@example.org">the office</a>',
        ),
        (  # the query (a subject line) is no part of the address
            "[the *office*](mailto:office@example.org?subject=Hi&body=x)",
            '<a href="mailto:office@example.org?subject=Hi&amp;body=x"'
            ' data-address="office@example.org">the <em>office</em></a>',
        ),
        # words that are the address, with or without the scheme: printed once, without it
        (
            "<mailto:office@example.org>",
            '<a href="mailto:office@example.org" class="bare">office@example.org</a>',
        ),
        (
            "<MAILTO:office@example.org>",
            '<a href="MAILTO:office@example.org" class="bare">office@example.org</a>',
        ),
        (
            "<office@example.org>",
            '<a href="mailto:office@example.org" class="bare">office@example.org</a>',
        ),
        (
            "[office@example.org](mailto:office@example.org?subject=Hi)",
            '<a href="mailto:office@example.org?subject=Hi" class="bare">office@example.org</a>',
        ),
        (  # the parser writes the address percent-encoded, the words as they were
            "<mailto:anna.müller@example.de>",
            '<a href="mailto:anna.m%C3%BCller@example.de" class="bare">anna.müller@example.de</a>',
        ),
    ],
)
def test_a_mail_link_prints_its_address_without_the_scheme(written: str, printed: str) -> None:
    assert paper_markup.inline(written) == printed
    assert paper_markup.block(written) == f"<p>{printed}</p>"
    assert paper_markup.inline_spaced(f" {written} ") == f" {printed} "


@pytest.mark.parametrize(
    "written",
    ["plain text", "[the guide](https://example.org/guide)", "<https://example.org>", "**bold**"],
)
def test_other_texts_render_as_everywhere_else(written: str) -> None:
    assert paper_markup.inline(written) == markup.inline(written)
    assert paper_markup.block(written) == markup.block(written)


@pytest.mark.slow  # renders the PDFs
def test_worksheet_and_key_print_mail_addresses_without_mailto(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    edit(
        root,
        "lighthouse",
        (
            "description: A *small* bank with every question type.",
            "description: 'Questions to [the author](mailto:author@example.org).'",
        ),
        (
            "prompt: Who built the lighthouse?",
            "prompt: Who built it? Ask <mailto:desk@example.org>",
        ),
        ("wrong: [John Ellis, The keepers]", "wrong: [John Ellis, '<keepers@example.org>']"),
        (
            "explanation: The text names **Mary Ellis** as the engineer.",
            "explanation: 'Ask [the archive](mailto:archive@example.org?subject=Ellis).'",
        ),
    )
    build(root)
    output = root / "output"
    sheet = " ".join(" ".join(pages(output / "site/lighthouse/lighthouse-worksheet.pdf")).split())
    key = " ".join(" ".join(pages(output / "teacher/lighthouse/lighthouse-key.pdf")).split())
    for text in (sheet, key):
        assert "Questions to the author (author@example.org)." in text
        assert "Ask desk@example.org" in text
        assert "keepers@example.org" in text
        assert "mailto" not in text.lower()
    assert "Ask the archive (archive@example.org)." in key

"""Render bank Markdown to safe HTML: raw HTML is shown as text, unsafe links are dropped."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape


@cache
def _parser() -> MarkdownIt:
    # commonmark without raw HTML: `<script>` in a bank becomes visible text.
    # markdown-it's validateLink already refuses javascript:, vbscript:, file: and most data: URLs.
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).disable("image")


# Text without a character that Markdown or HTML treats specially renders as itself: most bank
# texts are such, and the parser costs about a tenth of a millisecond for each (tests/test_markup.py
# holds both ways to the same result).
_PLAIN = re.compile(r"[^\\`*_\[\]!<>&\"\n\r\x00]*")


# Every target renders the same prompts, options and explanations (and the PDF once per
# document): parse each text once per process.
@lru_cache(maxsize=16384)
def inline(text: str) -> Markup:
    """Render one line of Markdown (prompts, choices) to safe HTML without a paragraph."""
    if _PLAIN.fullmatch(text):
        return Markup(text.strip())
    return Markup(_parser().renderInline(text).strip())


@lru_cache(maxsize=16384)
def block(text: str) -> Markup:
    """Render Markdown paragraphs (descriptions, explanations) to safe HTML."""
    # one paragraph when it starts with a letter: no list, heading, quote or code block
    if text[:1].isalpha() and text == text.strip() and _PLAIN.fullmatch(text):
        return Markup(f"<p>{text}</p>")
    return Markup(_parser().render(text).strip())


def plain(text: str) -> Markup:
    """Escape text that is not Markdown (source quotes, answers)."""
    return escape(text)


def inline_spaced(text: str) -> Markup:
    """Render inline Markdown but keep the spaces at its ends (they separate cloze text from gaps)."""
    stripped = text.strip()
    if not stripped:
        return Markup(" " if text else "")
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return Markup(lead) + inline(stripped) + Markup(trail)


def plain_text(text: str) -> str:
    """Return inline Markdown as the plain text a <select> option or a text field can show."""
    return inline(text).striptags()

"""Render bank Markdown to safe HTML: raw HTML is shown as text, unsafe links are dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from quizgen.model import Bank


@cache
def _parser() -> MarkdownIt:
    # commonmark without raw HTML: `<script>` in a bank becomes visible text.
    # markdown-it's validateLink already refuses javascript:, vbscript:, file: and most data: URLs.
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).disable("image")


# Text without a character that Markdown or HTML treats specially renders as itself: most bank
# texts are such, and the parser costs about a tenth of a millisecond for each (tests/test_markup.py
# holds both ways to the same result).
_PLAIN = re.compile(r"[^\\`*_\[\]!<>&\"\n\r\x00]*")


# Plain text with **bold** spans, each from a letter or digit to a letter or digit: CommonMark's
# flanking rules make every such pair a <strong> wherever it stands (the bold number in a prompt).
_STRONG = re.compile(r"\*\*([^\W_](?:[^\\`*_\[\]!<>&\"\n\r\x00]*[^\W_])?)\*\*")


def inline(text: str) -> Markup:
    """Render one line of Markdown (prompts, choices) to safe HTML without a paragraph."""
    if _PLAIN.fullmatch(text):
        return Markup(text.strip())
    strong = _bold_only(text) if "**" in text else None
    return _inline_markdown(text) if strong is None else Markup(strong.strip())


def block(text: str) -> Markup:
    """Render Markdown paragraphs (descriptions, explanations) to safe HTML."""
    # one paragraph when it starts with a letter: no list, heading, quote or code block
    if text[:1].isalpha() and text == text.strip():
        if _PLAIN.fullmatch(text):
            return Markup(f"<p>{text}</p>")
        strong = _bold_only(text) if "**" in text else None
        if strong is not None:
            return Markup(f"<p>{strong}</p>")
    return _block_markdown(text)


def _bold_only(text: str) -> str | None:
    """Return the HTML of plain text with **bold** spans (as the parser gives it), else None."""
    pieces = _STRONG.split(text)  # plain, bold, plain, …, plain
    if not all(_PLAIN.fullmatch(plain) for plain in pieces[::2]):
        return None
    if not all(pieces[2:-1:2]):  # "**a****b**": one run of four asterisks, not two of two
        return None
    pieces[1::2] = (f"<strong>{bold}</strong>" for bold in pieces[1::2])
    return "".join(pieces)


# Every target renders the same prompts, options and explanations (and the PDF once per
# document): each text is parsed once per process, and by the build before it starts the
# processes that make targets (prepare), so that they find it parsed.
@cache
def _inline_markdown(text: str) -> Markup:
    return Markup(_parser().renderInline(text).strip())


@cache
def _block_markdown(text: str) -> Markup:
    return Markup(_parser().render(text).strip())


def prepare(banks: Iterable[Bank]) -> None:
    """Render the banks' Markdown as the targets will: descriptions, prompts, explanations, options."""
    for bank in banks:
        block(bank.description)
        for question in bank.questions:
            inline(question.prompt)
            block(question.explanation)
            for field, text in question.markdown_texts():
                if field != "text":  # a cloze's text is rendered in parts, between its gaps
                    inline(text)


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

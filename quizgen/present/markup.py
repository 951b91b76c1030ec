"""Render bank Markdown to safe HTML: raw HTML is shown as text, unsafe links are dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from quizgen.model import Bank


@cache
def _parser() -> MarkdownIt:
    # commonmark without raw HTML: `<script>` in a bank becomes visible text.
    # markdown-it's validateLink already refuses javascript:, vbscript:, file: and most data: URLs.
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).disable("image")
    parser.add_render_rule("link_open", _link_open)
    return parser


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Paper prints a link's address after its words (pdf.css); a link whose words are its address
    # (<https://…>, [https://…](https://…)) is marked so that the address is not printed twice.
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    words = tokens[idx + 1].content if idx + 1 < len(tokens) else ""
    if token.info == "auto" or words in (href, href.removeprefix("mailto:")):
        token.attrSet("class", "bare")
    return renderer.renderToken(tokens, idx, options, env)


# Text without a character that Markdown or HTML treats specially renders as itself: most bank
# texts are such, and the parser costs about a tenth of a millisecond for each (tests/test_markup.py
# holds both ways to the same result).
_PLAIN = re.compile(r"[^\\`*_\[\]!<>&\"\n\r\x00]*")


def inline(text: str) -> Markup:
    """Render one line of Markdown (prompts, choices) to safe HTML without a paragraph."""
    if _PLAIN.fullmatch(text):
        return Markup(text.strip())
    return _inline_markdown(text)


def block(text: str) -> Markup:
    """Render Markdown paragraphs (descriptions, explanations) to safe HTML."""
    # one paragraph when it starts with a letter: no list, heading, quote or code block
    if text[:1].isalpha() and text == text.strip() and _PLAIN.fullmatch(text):
        return Markup(f"<p>{text}</p>")
    return _block_markdown(text)


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

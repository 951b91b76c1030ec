"""Render bank Markdown to safe HTML: raw HTML is shown as text, unsafe links are dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

    from quizgen.model import Bank


@cache
def _parser() -> MarkdownIt:
    # imported here: a bank whose texts are all plain, or simple spans, never needs it
    from markdown_it import MarkdownIt

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


# Plain text with simple spans renders without the parser too: **bold**, each from a letter or
# digit to a letter or digit (CommonMark's flanking rules then make every such pair a <strong>
# wherever it stands: the bold number in a prompt), and [a link](http(s)://host/path) whose text
# is plain and whose address the parser writes as it is (the "more in the archive" of an
# explanation). tests/test_markup.py holds both ways to the same HTML.
_WORDS = r"[^\W_](?:[^\\`*_\[\]!<>&\"\n\r\x00]*[^\W_])?"
_SPANS = re.compile(
    rf"\*\*({_WORDS})\*\*|\[({_WORDS})\]\((https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?"
    r"(?:/[A-Za-z0-9._~/-]*)?)\)"
)


def inline(text: str) -> Markup:
    """Render one line of Markdown (prompts, choices) to safe HTML without a paragraph."""
    if _PLAIN.fullmatch(text):
        return Markup(text.strip())
    pieces = simple_spans(text)
    return _inline_markdown(text) if pieces is None else Markup(_html(pieces).strip())


def block(text: str) -> Markup:
    """Render Markdown paragraphs (descriptions, explanations) to safe HTML."""
    # one paragraph when it starts with a letter: no list, heading, quote or code block
    if text[:1].isalpha() and text == text.strip():
        if _PLAIN.fullmatch(text):
            return Markup(f"<p>{text}</p>")
        pieces = simple_spans(text)
        if pieces is not None:
            return Markup(f"<p>{_html(pieces)}</p>")
    return _block_markdown(text)


def simple_spans(text: str) -> list[str | None] | None:
    """Return plain text with simple spans in pieces, else None.

    The pieces repeat plain text, then a bold text, a link's text and its address (two of the
    three None), and end with plain text.
    """
    if "**" not in text and "](" not in text:
        return None
    if "****" in text:  # "**a****b**": one run of four asterisks, not two runs of two
        return None
    pieces: list[str | None] = _SPANS.split(text)
    if not all(_PLAIN.fullmatch(plain or "") for plain in pieces[::4]):
        return None
    return pieces


def simple_links(pieces: list[str | None]) -> list[str]:
    """Return the addresses of the links in pieces from simple_spans."""
    return [url for url in pieces[3::4] if url is not None]


def _html(pieces: list[str | None]) -> str:
    html = []
    for index in range(0, len(pieces) - 1, 4):
        plain, bold, words, url = pieces[index : index + 4]
        html.append(plain or "")
        bare = ' class="bare"' if words == url else ""  # as _link_open marks it
        html.append(
            f"<strong>{bold}</strong>" if bold is not None else f'<a href="{url}"{bare}>{words}</a>'
        )
    html.append(pieces[-1] or "")
    return "".join(html)


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
    return Markup(f"{lead}{inline(stripped)}{trail}")  # (one Markup, not two additions)


def plain_text(text: str) -> str:
    """Return inline Markdown as the plain text a <select> option or a text field can show."""
    if _PLAIN.fullmatch(text):  # no markup, tag or reference: what striptags() gives, directly
        return " ".join(text.split())
    html = inline(text)
    plain = str(html)  # (Markup's own split would make a Markup of every word)
    if "<" not in plain and "&" not in plain:  # no tag, no reference: striptags only joins spaces
        return " ".join(plain.split())
    return html.striptags()

"""Bank Markdown as paper prints it: a mail link shows its address, without the mailto: scheme."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from markupsafe import Markup, escape

from quizgen.present import markup

# A mail link as quizgen.present.markup writes it: the href, then the class it gives a link whose
# words are its address. (Links do not nest, so the words end at the first </a>.)
_MAIL_LINK = re.compile(
    r'<a href="(mailto:[^"]*)"( class="bare")?>(.*?)</a>', re.IGNORECASE | re.DOTALL
)
_SCHEME = len("mailto:")


def printed_mail_links(rendered: Markup) -> Markup:
    """Return rendered Markdown whose mail links print the address alone (pdf.css)."""
    if 'href="' not in rendered:  # most texts have no link at all
        return rendered
    return Markup(_MAIL_LINK.sub(_printed, rendered))


def _printed(match: re.Match[str]) -> str:
    href, _bare, words = match.groups()
    target = unquote(html.unescape(href))  # mailto:anna.müller@example.de?subject=…
    address = target[_SCHEME:].partition("?")[0]
    if html.unescape(words) in (target, target[_SCHEME:], address, target[:_SCHEME] + address):
        # the words are the address, with or without the scheme: printed once, without it
        return f'<a href="{href}" class="bare">{escape(address)}</a>'
    # the address follows the words, as pdf.css prints a web link's (attr(href) holds mailto:)
    return f'<a href="{href}" data-address="{escape(address)}">{words}</a>'


def inline(text: str) -> Markup:
    """Render one line of Markdown (prompts, choices) for paper."""
    return printed_mail_links(markup.inline(text))


def block(text: str) -> Markup:
    """Render Markdown paragraphs (descriptions, explanations) for paper."""
    return printed_mail_links(markup.block(text))


def inline_spaced(text: str) -> Markup:
    """Render inline Markdown keeping the spaces at its ends (cloze text) for paper."""
    return printed_mail_links(markup.inline_spaced(text))


# the PDF templates' Markdown filters, in place of the shared ones
PAPER_FILTERS = {"inline": inline, "block": block, "inline_spaced": inline_spaced}

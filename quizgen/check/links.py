"""Which links a bank may carry: public web sites and mail addresses, nothing on this computer.

Every output shows a bank's links (the PDF makes them clickable), so the checker refuses, for all
targets at once, links that reach into the teacher's computer or network: a file: URL, localhost,
a private address. Script links (javascript:) are no danger: the Markdown renderer never makes them
links, so they stay visible text.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from quizgen.errors import Problem
from quizgen.model import Bank, Question
from quizgen.present.markup import simple_links, simple_spans

# Host names that only ever mean this computer or the local network.
PRIVATE_SUFFIXES = (
    "localhost",
    "local",
    "localdomain",
    "internal",
    "intranet",
    "lan",
    "home",
    "corp",
    "arpa",
    "test",
    "invalid",
    "example",
)
LINK_SCHEMES = ("http", "https", "mailto")
# markup.py never makes these into links (markdown-it's validateLink): they stay visible text
SHOWN_AS_TEXT = ("javascript", "vbscript", "data")


def bank_link_problems(bank: Bank) -> list[Problem]:
    """Return a located error for every link in a bank's Markdown that it may not carry."""
    problems = []
    for question, field, text in _markdown_fields(bank):
        for url in markdown_urls(text):
            reason = link_problem(url)
            if reason:
                where = bank.location if question is None else question.where(field)
                problems.append(Problem(where, "error", reason))
    return problems


def link_problem(url: str) -> str | None:
    """Return why a bank may not link to `url`, or None when it may."""
    if url.startswith("#"):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return f"the link '{url}' is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme in SHOWN_AS_TEXT:
        return None
    if scheme not in LINK_SCHEMES:
        kind = f"a {scheme}: link" if scheme else "a relative link"
        return f"the link '{url}' is {kind}; a bank may only link http(s) and mailto: addresses"
    if scheme != "mailto" and not is_public_host(host):
        return (
            f"the link '{url}' points to this computer or the local network; a bank "
            "may only link public web sites"
        )
    return None


def is_public_host(host: str) -> bool:
    """Return whether a host name or IP address is on the public internet."""
    host = host.lower().rstrip(".")
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    labels = host.split(".")
    top = labels[-1]
    # A numeric or hex last label is an IP in disguise (127.1, 0x7f.1, 2130706433).
    if len(labels) < 2 or not (top.isalpha() or top.startswith("xn--")):
        return False
    return top not in PRIVATE_SUFFIXES and "localhost" not in labels


def markdown_urls(text: str) -> list[str]:
    """Return every link and image URL in Markdown, including ones the renderer would drop."""
    # With raw HTML and linkify off, CommonMark makes a URL only from [text](url), ![alt](src),
    # <autolink> or a [label]: url definition: text without these marks needs no parsing.
    if "](" not in text and "<" not in text and "]:" not in text:
        return []
    # one paragraph of plain text and simple links (as markup.block reads it): no parser needed
    pieces = simple_spans(text) if text[:1].isalpha() and text == text.strip() else None
    if pieces is not None:
        return simple_links(pieces)
    return [
        url
        for token in _walk(_permissive_parser().parse(text))
        for name in ("href", "src")
        if isinstance(url := token.attrGet(name), str)
    ]


def _markdown_fields(bank: Bank) -> Iterator[tuple[Question | None, str, str]]:
    """Yield each Markdown text of the bank: its question (None: the bank's), field and text."""
    yield None, "description", bank.description
    yield None, "instructions", bank.instructions
    for question in bank.questions:
        yield question, "prompt", question.prompt
        yield question, "explanation", question.explanation
        for field, text in question.markdown_texts():
            yield question, field, text


@cache
def _permissive_parser() -> MarkdownIt:
    # imported here: most banks have no link, and `check` then never loads markdown-it
    from markdown_it import MarkdownIt

    class PermissiveMarkdown(MarkdownIt):
        """Accept every URL so that links the safe renderer silently drops are still reported."""

        def validateLink(self, url: str) -> bool:
            return True

    return PermissiveMarkdown("commonmark", {"html": False})


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)

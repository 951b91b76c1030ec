"""What a PDF may load and link: data: URLs and template assets, links only to public sites."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from markdown_it import MarkdownIt
from markdown_it.token import Token
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from quizgen.errors import Location
from quizgen.model import Bank, ChoiceQuestion, Cloze, Match, Order, Question

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


class RefusedResource(FatalURLFetchingError):
    """WeasyPrint asked for a URL outside the allowed assets (a BaseException: stops the render)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class AssetFetcher(URLFetcher):
    """Fetch only data: URLs and files below the asset folders; refuse everything else.

    The folders are a search path like the templates': a file asked for in the first folder is
    taken from the first folder that has it, so a project's CSS can use the built-in assets.
    """

    def __init__(self, roots: tuple[str, ...]) -> None:
        super().__init__(
            allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True
        )
        self.roots = roots
        self.last_url = ""

    def fetch(self, url: str, headers: dict | None = None):
        """Return the resource, or raise RefusedResource for anything not allowed."""
        self.last_url = url
        if not resource_allowed(url, self.roots):
            raise RefusedResource(url)
        return super().fetch(_on_search_path(url, self.roots), headers)


def resource_allowed(url: str, roots: tuple[str, ...]) -> bool:
    """Return whether a resource URL is a data: URL or a file inside one of the roots."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = _file_path(url)
    return any(path.is_relative_to(Path(root).resolve()) for root in roots)


def _file_path(url: str) -> Path:
    return Path(url2pathname(unquote(urlsplit(url).path))).resolve()


def _on_search_path(url: str, roots: tuple[str, ...]) -> str:
    """Return the URL of the first asset folder's copy of an allowed file (or the URL as is)."""
    if not url.lower().startswith("file:"):
        return url
    path = _file_path(url)
    for root in roots:
        if path.is_relative_to(Path(root).resolve()):
            relative = path.relative_to(Path(root).resolve())
            break
    else:
        return url
    for root in roots:
        candidate = (Path(root) / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(Path(root).resolve()):
            return candidate.as_uri()
    return url


def resource_problem(url: str, base_url: str, roots: tuple[str, ...]) -> str | None:
    """Return why a resource (src, stylesheet) may not be loaded, or None when it may."""
    if resource_allowed(urljoin(base_url, url), roots):
        return None
    return (
        f"the PDF may not load '{url}': only data: URLs and files in the templates' "
        "pdf/ folders are allowed"
    )


def link_problem(url: str) -> str | None:
    """Return why a link may not appear in a PDF, or None when it may."""
    if url.startswith("#"):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return f"the link '{url}' is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        kind = f"a {scheme}: link" if scheme else "a relative link"
        return (
            f"the link '{url}' is {kind}; a worksheet may only link http(s) and mailto: addresses"
        )
    if scheme != "mailto" and not is_public_host(host):
        return (
            f"the link '{url}' points to this computer or the local network; a worksheet "
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


def bank_link_problems(bank: Bank) -> list[str]:
    """Return a located error for every link in a bank's Markdown that a PDF may not carry."""
    problems = []
    for location, text in _markdown_fields(bank):
        for url in markdown_urls(text):
            reason = link_problem(url)
            if reason:
                problems.append(f"{location}: error: {reason}")
    return problems


def markdown_urls(text: str) -> list[str]:
    """Return every link and image URL in Markdown, including ones the renderer would drop."""
    return [
        url
        for token in _walk(_permissive_parser().parse(text))
        for name in ("href", "src")
        if (url := token.attrGet(name)) is not None
    ]


def html_url_problems(html: str, bank: Bank, base_url: str, roots: tuple[str, ...]) -> list[str]:
    """Return a located error for every link or resource in rendered HTML the PDF may not have."""
    finder = _UrlFinder()
    finder.feed(html)
    finder.close()
    questions = {q.id: q for q in bank.questions}
    problems = []
    for question_id, tag, attribute, url in finder.urls:
        is_link = tag == "a" and attribute == "href"
        reason = link_problem(url) if is_link else resource_problem(url, base_url, roots)
        if reason:
            question = questions.get(question_id or "")
            where = question.where("prompt") if question else bank.location
            problems.append(f"{where}: error: {reason}")
    return problems


def _markdown_fields(bank: Bank) -> Iterator[tuple[Location, str]]:
    yield bank.location, bank.description
    for question in bank.questions:
        yield question.where("prompt"), question.prompt
        yield question.where("explanation"), question.explanation
        yield from _answer_fields(question)


def _answer_fields(question: Question) -> Iterator[tuple[Location, str]]:
    if isinstance(question, ChoiceQuestion):
        for choice in question.choices:
            field = (
                "choices"
                if "choices" in question.field_locations
                else ("correct" if choice.correct else "wrong")
            )
            yield question.where(field), choice.text
    elif isinstance(question, Cloze):
        yield question.where("text"), question.text
    elif isinstance(question, Match):
        for left, right in question.pairs:
            yield question.where("pairs"), left
            yield question.where("pairs"), right
    elif isinstance(question, Order):
        for item in question.items:
            yield question.where("items"), item


def _permissive_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False})
    # Accept every URL so that links the safe renderer silently drops are still reported.
    parser.validateLink = lambda url: True
    return parser


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


class _UrlFinder(HTMLParser):
    """Collect (question id, tag, attribute, url) for every URL-carrying attribute."""

    URL_ATTRIBUTES = frozenset({"href", "src", "data", "poster", "srcset", "xlink:href"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str | None, str, str, str]] = []
        self._questions: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self._questions.append((tag, values.get("data-question")))
        current = next((q for _, q in reversed(self._questions) if q), None)
        for name, value in attrs:
            if name in self.URL_ATTRIBUTES and value is not None:
                self.urls.append((current, tag, name, value.strip()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._questions:
            self._questions.pop()

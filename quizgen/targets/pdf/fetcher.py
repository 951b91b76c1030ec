"""What a PDF may load and link: data: URLs and template assets, links only to public sites."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from quizgen.check.links import link_problem
from quizgen.model import Bank


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]  # weasyprint is untyped
    """WeasyPrint asked for a URL outside the allowed assets (a BaseException: stops the render)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class AssetFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
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

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
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

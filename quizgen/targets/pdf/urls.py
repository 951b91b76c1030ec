"""What a PDF may load and link: data: URLs and template assets, links only to public sites.

Plain Python, so that reading the PDF target does not import WeasyPrint (fetcher.py does).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from quizgen.check.links import link_problem
from quizgen.model import Bank


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


def on_search_path(url: str, roots: tuple[str, ...]) -> str:
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

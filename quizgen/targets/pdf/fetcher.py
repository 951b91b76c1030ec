"""WeasyPrint's side of what a PDF may load: a fetcher that refuses everything urls.py refuses."""

from __future__ import annotations

from typing import Any

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from quizgen.targets.pdf.urls import on_search_path, resource_allowed


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
        return super().fetch(on_search_path(url, self.roots), headers)

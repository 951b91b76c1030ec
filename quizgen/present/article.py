"""A source text as the worksheet, the handout and the quiz show it: headings, numbered paragraphs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizgen.bank.source_text import printed_lines
from quizgen.model import SourceText
from quizgen.present.strings import fill


@dataclass(frozen=True)
class ArticleParagraph:
    """One paragraph, numbered as SourceText.paragraphs counts (the key cites that number)."""

    number: int
    lines: tuple[str, ...]  # plain text: a list's items on lines of their own


@dataclass(frozen=True)
class ArticleSection:
    """A heading (empty for a lead without one) and its paragraphs."""

    heading: str
    paragraphs: tuple[ArticleParagraph, ...]


def article(source: SourceText) -> tuple[ArticleSection, ...]:
    """Return the text's sections with their paragraphs numbered through the whole text."""
    numbers = {paragraph: n for n, paragraph in enumerate(source.paragraphs, start=1)}
    return tuple(
        ArticleSection(
            section.heading,
            tuple(
                ArticleParagraph(numbers[p], tuple(printed_lines(source, p)))
                for p in section.paragraphs
            ),
        )
        for section in source.sections
    )


def cite_paragraphs(numbers: Sequence[int], strings: Mapping[str, str]) -> str:
    """Return "Abs. 3" or "Abs. 3–4" ([common] paragraph, paragraphs), or "" without a number."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return fill(strings["paragraph"], number=numbers[0])
    return fill(strings["paragraphs"], first=numbers[0], last=numbers[-1])

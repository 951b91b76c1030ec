"""Read a source text, split it into sections and paragraphs, and find quotes in it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.model import Paragraph, Section, SourceText

_QUOTES = dict.fromkeys(map(ord, "„“”«»″"), '"') | dict.fromkeys(map(ord, "‚‘’‹›′`´"), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_ELLIPSIS = {ord("…"): "..."}  # the same three dots, typed or set by a word processor
_INVISIBLE = {0xAD: None, 0x200B: None, 0xFEFF: None}  # soft hyphen, zero-width space, BOM
_TRANSLATE = _QUOTES | _DASHES | _ELLIPSIS | _INVISIBLE
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MAX_HEADING = 100


def parse_source(path: Path, display_path: str, text: str) -> SourceText:
    """Split text into sections: a heading line starts one, the lines after are paragraphs.

    A heading is a short line that does not end like a sentence, or a Markdown `#` line.
    If the text has blank lines, paragraphs are blocks between them; otherwise each line is one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(text)
    sections: list[Section] = []
    heading = ""
    paragraphs: list[Paragraph] = []
    for start, end in blocks:
        block = text[start:end]
        if _is_heading(block):
            if heading or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.lstrip("#").strip(), []
        else:
            paragraphs.append(Paragraph(start, end))
    if heading or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return SourceText(path=path, display_path=display_path, text=text, sections=tuple(sections))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph-or-heading block of the text."""
    separator = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text.strip()) else r"\n"
    blocks, position = [], 0
    for match in re.finditer(separator + "|$", text):
        start, end = position, match.start()
        position = match.end()
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            blocks.append((start + lead, start + len(chunk.rstrip())))
        if match.end() == len(text):
            break
    # a heading glued to its paragraph by a single newline is its own block
    split = []
    for start, end in blocks:
        first, newline, _rest = text[start:end].partition("\n")
        if newline and _is_heading(first):
            split.append((start, start + len(first)))
            rest_start = start + len(first) + 1
            split.append((rest_start, end))
        else:
            split.append((start, end))
    return split


def _is_heading(block: str) -> bool:
    """Return whether a block reads as a heading rather than prose."""
    block = block.strip()
    if block.startswith("#"):
        return True
    return (
        "\n" not in block
        and len(block) <= _MAX_HEADING
        and not re.search(r"[.!?:;,…\"“”»]$", block)
    )


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold whitespace, typographic quotes, dashes, "…" and case; map each output char to its input index."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        mapped = char.translate(_TRANSLATE)
        if not mapped:
            continue
        if mapped.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            origin.append(index)
            pending_space = False
        for folded in mapped.casefold():
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


def fold(text: str) -> str:
    """Return normalise(text)'s folded text alone, fast: for quotes and answers looked up."""
    # the same folding with str methods; no translation value holds a space, so they commute
    return " ".join(text.translate(_TRANSLATE).split()).casefold()


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote stands in the source text, as original character offsets."""

    start: int
    end: int


class QuoteFinder:
    """Finds quotes in one source text, tolerant only of whitespace, quotes, dashes, "…" and case."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self._normal, self._origin = normalise(source.text)

    def find(self, quote: str) -> QuoteMatch | None:
        """Return where the quote occurs, or None."""
        needle = fold(quote)
        if not needle:
            return None
        index = self._normal.find(needle)
        if index < 0:
            return None
        return QuoteMatch(self._origin[index], self._origin[index + len(needle) - 1] + 1)

    def closest(self, quote: str) -> str:
        """Return the passage of the text (one to three sentences) that most resembles the quote."""
        sentences = [s.strip() for s in _sentences(self.source)]
        wanted = fold(quote)
        best, best_ratio = "", -1.0
        for size in (1, 2, 3):
            for i in range(len(sentences) - size + 1):
                passage = " ".join(sentences[i : i + size])
                candidate = fold(passage)
                matcher = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False)
                if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = passage, ratio
        return best

    def paragraph_of(self, match: QuoteMatch) -> tuple[int, int] | None:
        """Return (section index, paragraph index) holding the start of a match."""
        for s_index, section in enumerate(self.source.sections):
            for p_index, paragraph in enumerate(section.paragraphs):
                if paragraph.start <= match.start < paragraph.end:
                    return s_index, p_index
        return None


def _sentences(source: SourceText) -> list[str]:
    """Return the sentences of every paragraph (headings are left out)."""
    result = []
    for section in source.sections:
        for paragraph in section.paragraphs:
            result.extend(_SENTENCE_END.split(source.text[paragraph.start : paragraph.end]))
    return result

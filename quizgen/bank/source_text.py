"""Read a source text, split it into sections and paragraphs, and find quotes in it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from quizgen.bank.folded_text import FoldedText, fold
from quizgen.model import Paragraph, Section, SourceText

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MAX_HEADING = 100


def parse_source(path: Path, display_path: str, text: str) -> SourceText:
    """Split text into sections: a heading line starts one, the lines after are paragraphs.

    A heading is a short line that does not end like a sentence, or a Markdown `#` line.
    If the text has blank lines, paragraphs are blocks between them; otherwise each line is one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(text)
    listed = _list_blocks(text, blocks)
    sections: list[Section] = []
    heading = ""
    paragraphs: list[Paragraph] = []
    for index, (start, end) in enumerate(blocks):
        block = text[start:end]
        if index not in listed and _is_heading(block):
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
    # a heading glued to its paragraph by a single newline is its own block (the first item of a
    # list, "1. Erstens" above "2. Zweitens", is not a heading)
    split = []
    for start, end in blocks:
        first, newline, rest = text[start:end].partition("\n")
        if newline and _is_heading(first) and not (_is_list_item(first) and _is_list_item(rest)):
            split.append((start, start + len(first)))
            rest_start = start + len(first) + 1
            split.append((rest_start, end))
        else:
            split.append((start, end))
    return split


def _list_blocks(text: str, blocks: list[tuple[int, int]]) -> set[int]:
    """Return the indices of the blocks that are items of a list: never headings.

    A block that starts like a list item ("1. Erstens", "- a", "a) b") is one when the block
    before ends with an item or the block after starts with one; a lone "1. Einleitung" is not.
    """
    starts = [_ITEM_AT.match(text, start) is not None for start, _ in blocks]
    ends = [  # whether the block's last line is an item
        _ITEM_AT.match(text, max(text.rfind("\n", start, end) + 1, start)) is not None
        for start, end in blocks
    ]
    return {
        index
        for index, starts_item in enumerate(starts)
        if starts_item
        and ((index > 0 and ends[index - 1]) or (index + 1 < len(starts) and starts[index + 1]))
    }


def _is_list_item(line: str) -> bool:
    """Return whether a line starts like an item of a list: "- ", "• ", "1. ", "a) "."""
    return _ITEM_AT.match(line) is not None


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


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote stands in the source text, as original character offsets."""

    start: int
    end: int


class QuoteFinder:
    """Finds quotes in one source text, tolerant only of whitespace, quotes, dashes, "…" and case."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self._folded_text: FoldedText | None = None  # (made at the first quote not known)
        self._passages: list[tuple[str, str]] | None = None  # (passage, folded), for closest
        # paragraphs in text order (so their starts are sorted), each with its place
        self._paragraphs = [
            (paragraph, (s_index, p_index))
            for s_index, section in enumerate(source.sections)
            for p_index, paragraph in enumerate(section.paragraphs)
        ]
        self._paragraph_starts = [paragraph.start for paragraph, _ in self._paragraphs]
        self._found: dict[str, QuoteMatch | None] = {}

    def find(self, quote: str) -> QuoteMatch | None:
        """Return where the quote occurs, or None (found once: the check's finding is reused)."""
        if quote not in self._found:
            self._found[quote] = self._search(quote)
        return self._found[quote]

    def known(self) -> dict[str, QuoteMatch | None]:
        """Return every quote found so far, and where: another process's finder `learn`s them."""
        return dict(self._found)

    def learn(self, found: dict[str, QuoteMatch | None]) -> None:
        """Take quotes another finder of the same text found (a worker's, for the targets)."""
        self._found.update(found)

    def paragraph_numbers(self, quote: str) -> tuple[int, ...]:
        """Return the numbers (SourceText.paragraphs, from 1) of the paragraphs a quote spans."""
        match = self.find(quote)
        if match is None:
            return ()
        first = bisect_right(self._paragraph_starts, match.start) - 1
        if first < 0 or match.start >= self._paragraphs[first][0].end:
            first += 1  # it starts in a heading, or before the first paragraph
        last = bisect_left(self._paragraph_starts, match.end)  # the first one after the quote
        return tuple(range(first + 1, last + 1))

    @property
    def _folded(self) -> FoldedText:
        if self._folded_text is None:
            self._folded_text = FoldedText(self.source.text)
        return self._folded_text

    def _search(self, quote: str) -> QuoteMatch | None:
        needle = fold(quote)
        if not needle:
            return None
        index = self._folded.find(needle)
        if index < 0 and "..." in needle:  # "Erfolge…" and "Erfolge …" are the same ellipsis
            for variant in _ellipsis_spacings(needle):
                index = self._folded.find(variant)
                if index >= 0:
                    needle = variant
                    break
        if index < 0:
            return None
        return QuoteMatch(
            self._folded.origin(index), self._folded.origin(index + len(needle) - 1) + 1
        )

    def closest(self, quote: str) -> str:
        """Return the passage of the text (one to three sentences) that most resembles the quote."""
        import difflib  # here: only a quote that is not found needs it

        wanted = fold(quote)
        best, best_ratio = "", -1.0
        for passage, candidate in self._sentence_passages():
            # difflib's real_quick_ratio (a bound from the lengths), before building a matcher
            if _ratio(min(len(wanted), len(candidate)), len(wanted) + len(candidate)) <= best_ratio:
                continue
            matcher = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False)
            if matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = passage, ratio
        return best

    def _sentence_passages(self) -> list[tuple[str, str]]:
        """Return every run of one to three sentences, and its folded text (made once)."""
        if self._passages is None:
            sentences = [s.strip() for s in _sentences(self.source)]
            passages = [
                " ".join(sentences[i : i + size])
                for size in (1, 2, 3)
                for i in range(len(sentences) - size + 1)
            ]
            self._passages = [(passage, fold(passage)) for passage in passages]
        return self._passages

    def paragraph_of(self, match: QuoteMatch) -> tuple[int, int] | None:
        """Return (section index, paragraph index) holding the start of a match."""
        at = bisect_right(self._paragraph_starts, match.start) - 1
        if at < 0 or match.start >= self._paragraphs[at][0].end:
            return None
        return self._paragraphs[at][1]


def _ratio(matches: int, length: int) -> float:
    """Return difflib's similarity ratio of two texts of total length with so many matches."""
    return 2.0 * matches / length if length else 1.0


def _ellipsis_spacings(needle: str) -> list[str]:
    """Return a folded quote with each ellipsis spaced the other ways (before and after it)."""
    bare = re.sub(r" ?\.\.\. ?", "...", needle)
    return [
        bare.replace("...", spaced)
        for spaced in ("...", " ...", "... ", " ... ")
        if bare.replace("...", spaced) != needle
    ]


# a line of a list: "- item", "• item", "1. item", "a) item"
_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*•–·]|\d{1,3}[.)]|[a-z][)])[ \t])")
_ITEM_MARK = re.compile(r"^(?:[-*•–·]|\d{1,3}[.)]|[a-z][)])[ \t]+")
_ITEM_AT = re.compile(r"[ \t]*(?:[-*•–·]|\d{1,3}[.)]|[a-z][)])[ \t]")  # (at a line's start)


def _sentences(source: SourceText) -> list[str]:
    """Return the sentences of every paragraph, each item of a list apart (headings left out)."""
    result = []
    for section in source.sections:
        for paragraph in section.paragraphs:
            for item in _LIST_ITEM.split(source.text[paragraph.start : paragraph.end]):
                result.extend(_SENTENCE_END.split(_ITEM_MARK.sub("", item.strip())))
    return result


def printed_lines(source: SourceText, paragraph: Paragraph) -> list[str]:
    """Return a paragraph as printed: each item of a list on a line of its own, wrapped lines joined."""
    text = source.text[paragraph.start : paragraph.end]
    return [" ".join(item.split()) for item in _LIST_ITEM.split(text)]


def source_sentences(source: SourceText) -> list[str]:
    """Return the sentences of the text's paragraphs, each with its whitespace as written."""
    return _sentences(source)


def sentence_spans(source: SourceText) -> list[tuple[int, int]]:
    """Return (start, end) of every sentence of every paragraph, split as for closest()."""
    spans = []
    for section in source.sections:
        for paragraph in section.paragraphs:
            start = paragraph.start
            for gap in _SENTENCE_END.finditer(source.text, paragraph.start, paragraph.end):
                spans.append((start, gap.start()))
                start = gap.end()
            spans.append((start, paragraph.end))
    return [(start, end) for start, end in spans if end > start]

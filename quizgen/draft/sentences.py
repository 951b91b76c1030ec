"""Split a source text into the sentences a candidate may quote (never a heading)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.bank.source_text import parse_source

_MIN_WORDS = 6
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    """One whole sentence of the source, its whitespace made single spaces."""

    index: int  # in reading order
    text: str
    # sentences of one passage follow each other in one paragraph, nothing left out between
    # them: they can be quoted together, joined by spaces
    passage: int = 0


def sentences(text: str, language: str) -> list[Sentence]:
    """Return the source's sentences in order: whole sentences of paragraphs, headings left out."""
    import pysbd  # here: only drafting needs it

    segmenter = pysbd.Segmenter(language=language, clean=False)
    source = parse_source(Path("source"), "source", text)
    found: list[Sentence] = []
    passage = 0
    for section in source.sections:
        for paragraph in section.paragraphs:
            passage += 1
            block = _SPACE.sub(" ", source.text[paragraph.start : paragraph.end])
            for piece in segmenter.segment(block):
                sentence = piece.strip()
                if _is_sentence(sentence):
                    found.append(Sentence(len(found), sentence, passage))
                else:
                    passage += 1
    return found


def _is_sentence(text: str) -> bool:
    """Return whether a piece reads as a whole sentence worth a question."""
    return (
        len(text.split()) >= _MIN_WORDS
        and text[0].isupper()
        and re.search(r"[.!?][\"”“»«’']?$", text) is not None
    )

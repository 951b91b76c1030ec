"""Prove every question is drawn from its source text; report what is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from quizgen.bank.folded_text import fold
from quizgen.bank.source_text import QuoteFinder
from quizgen.check.drafts import draft_problems
from quizgen.check.links import bank_link_problems
from quizgen.check.lint import lint_bank
from quizgen.errors import Problem
from quizgen.model import Bank, Question, SourceText


# the source texts of a big build (the answer layer finds each paragraph in them again); bounded,
# as `serve` reads every edited text anew
@lru_cache(maxsize=256)
def quote_finder(source: SourceText) -> QuoteFinder:
    """Return the (normalised, searchable) source text; banks sharing a source share it."""
    return QuoteFinder(source)


_MAX_SHOWN = 240
# a number and the minus sign before it (a hyphen-minus or U+2212), kept apart
# (or an en dash, as word processors set a minus), kept apart
_NUMBER_IN_TEXT = re.compile(r"([-\u2212\u2013]?)(\d+(?:[.,]\d+)*)")


@dataclass(frozen=True)
class Coverage:
    """How many sections and paragraphs of a source at least one question quotes."""

    sections_covered: int
    sections: int
    paragraphs_covered: int
    paragraphs: int


def check_bank(bank: Bank) -> list[Problem]:
    """Return problems: forbidden links and quotes not in the source (errors), answers not in quotes (warnings)."""
    finder = quote_finder(bank.source)
    problems: list[Problem] = bank_link_problems(bank) + draft_problems(bank)
    for question in bank.questions:
        if finder.find(question.source) is None:
            passage = finder.closest(question.source)
            message = (
                f"question '{question.id}': source quote does not occur in "
                f'{bank.source.display_path}; the closest passage is: "{_shorten(passage)}"'
                f"{differences(question.source, passage)}"
            )
            problems.append(Problem(question.where("source"), "error", message))
        problems.extend(_answers_outside_quote(question))
    problems.extend(lint_bank(bank))
    return problems


def _answers_outside_quote(question: Question) -> list[Problem]:
    """Warn where an answer a student must produce is not in the quote that supports it."""
    if not question.answer_in_quote:
        return []
    quote = fold(question.source)
    missing = [
        answer
        for answer in question.typed_answers()
        if not (
            _number_in(answer.number, question.source)
            if answer.number is not None
            else any(fold(text) in quote for text in answer.texts)
        )
    ]
    return [
        Problem(
            question.where(answer.field),
            "warning",
            f"question '{question.id}': answer '{answer.texts[0]}' does not occur in its source quote",
        )
        for answer in missing
    ]


def _number_in(value: Decimal, text: str) -> bool:
    """Return whether the number appears in the text, written with a decimal point or comma."""
    for sign, written in _NUMBER_IN_TEXT.findall(text):
        # 3,5 and 3.5; German 3.600 and English 3,600 (thousands) are 3600
        candidates = (
            written.replace(",", "."),
            written.replace(".", "").replace(",", "."),
            written.replace(",", ""),
        )
        for candidate in candidates:
            try:
                number = Decimal(candidate)
            except InvalidOperation:
                continue
            # "-3,75" is minus 3.75; "10-20" holds 20 too, so the unsigned number always counts
            if value == number or (sign and value == -number):
                return True
    return False


def coverage(bank: Bank) -> Coverage:
    """Count the sections and paragraphs of the source that some question quotes."""
    finder = quote_finder(bank.source)
    covered: set[tuple[int, int]] = set()
    for question in bank.questions:
        match = finder.find(question.source)
        place = finder.paragraph_of(match) if match else None
        if place is not None:
            covered.add(place)
    sections = bank.source.sections
    return Coverage(
        sections_covered=len({s for s, _ in covered}),
        sections=sum(1 for s in sections if s.paragraphs),
        paragraphs_covered=len(covered),
        paragraphs=sum(len(s.paragraphs) for s in sections),
    )


_PUNCTUATION = ".,;:!?\"'»«„“”‚‘’()"


def differences(quote: str, passage: str, most: int = 3) -> str:
    """Return where a quote differs from a passage, word by word: '; the quote has "x" where …'."""
    import difflib  # here: only a quote that is not found needs it

    wanted, found = quote.split(), passage.split()
    matcher = difflib.SequenceMatcher(
        None,
        [fold(w).strip(_PUNCTUATION) for w in wanted],
        [fold(w).strip(_PUNCTUATION) for w in found],
        autojunk=False,
    )
    codes = matcher.get_opcodes()
    # the passage may run on before and after what the quote takes from it: no difference
    while codes and codes[0][0] != "equal" and codes[0][1] == codes[0][2]:
        codes.pop(0)
    while codes and codes[-1][0] != "equal" and codes[-1][1] == codes[-1][2]:
        codes.pop()
    said = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            continue
        if (
            i1
            and j1
            and not fold(" ".join(wanted[i1:i2] + found[j1:j2])).strip(_PUNCTUATION + " –—-")
        ):
            i1, j1, tag = i1 - 1, j1 - 1, "replace"  # only punctuation: show the word before too
        ours, theirs = " ".join(wanted[i1:i2]), " ".join(found[j1:j2])
        if tag == "replace":
            said.append(f'"{ours}" (the text has "{theirs}")')
        elif tag == "delete":
            said.append(f'"{ours}" (not in the text)')
        elif tag == "insert":
            said.append(f'"{theirs}" missing from the quote')
    said = list(dict.fromkeys(said))
    if not said:
        return ""
    more = f" and {len(said) - most} more" if len(said) > most else ""
    return "; they differ at: " + ", ".join(said[:most]) + more


def _shorten(text: str) -> str:
    """Cut a long passage for an error message."""
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1].rstrip() + "…"

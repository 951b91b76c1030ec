"""What a worksheet or key shows: numbering, order, blank widths, points, prepared for templates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from quizgen.answers.numbers import format_decimal, letter
from quizgen.answers.shuffle import choice_order, item_order, match_order, question_order
from quizgen.model import (
    Bank,
    ChoiceQuestion,
    Cloze,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.present import markup

T = TypeVar("T")

KINDS = ("worksheet", "key")
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# Blank widths in em: a bucket hides the exact answer length but leaves room for handwriting.
BLANK_WIDTHS_EM = (6, 9, 12, 16, 20, 25, 30)
# Choices this short (in characters) sit in two columns.
SHORT_CHOICE = 32
PAGE_PLACEHOLDER = re.compile(r"\{(pages|page)\}")


@dataclass(frozen=True)
class ChoiceView:
    """One tick-box option; `correct` is only ever True in a key."""

    text: Markup
    correct: bool = False


@dataclass(frozen=True)
class BlankView:
    """A cloze gap: an empty line on the worksheet, the answer in the key."""

    width_em: int
    answer: str = ""


@dataclass(frozen=True)
class MatchRow:
    """A left-hand item with a box for the letter of its partner."""

    number: int
    text: Markup
    letter: str = ""


@dataclass(frozen=True)
class MatchOption:
    """A right-hand item, lettered in shown order."""

    letter: str
    text: Markup


@dataclass(frozen=True)
class OrderRow:
    """An item to put in order, with a box for its position."""

    text: Markup
    position: str = ""


@dataclass(frozen=True)
class QuestionView:
    """One numbered question as printed; answer fields stay empty on a worksheet."""

    id: str
    type: str
    number: int
    points: int
    points_text: str
    instruction: str
    prompt: Markup
    choices: tuple[ChoiceView, ...] = ()
    multiple: bool = False
    columns: int = 1
    segments: tuple[Markup | BlankView, ...] = ()
    lines: int = 0
    answer: str = ""
    alternatives: str = ""
    unit: str = ""
    tolerance: str = ""
    match_rows: tuple[MatchRow, ...] = ()
    match_options: tuple[MatchOption, ...] = ()
    order_rows: tuple[OrderRow, ...] = ()
    explanation: Markup | str = ""
    source: str = ""

    @property
    def choice_rows(self) -> list[tuple[ChoiceView, ...]]:
        """Return the choices in table rows of `columns` each, in reading order."""
        n = self.columns
        return [self.choices[i : i + n] for i in range(0, len(self.choices), n)]


@dataclass(frozen=True)
class PageStyle:
    """Values for the @page rule, already written as CSS (templates paste them as they are)."""

    size: str
    running_title: Markup
    variant: Markup
    footer: Markup


@dataclass(frozen=True)
class DocumentView:
    """A whole worksheet or key."""

    lang: str
    is_key: bool
    title: str
    label: str
    variant_letter: str
    variant_label: str
    summary: str
    description: Markup
    total_points: int
    questions: tuple[QuestionView, ...]
    text: dict[str, str]
    page: PageStyle


def document_view(
    bank: Bank, kind: str, variant: int, seed: int, paper: str, strings: dict[str, dict[str, str]]
) -> DocumentView:
    """Return everything a worksheet or key template displays, in the variant's order."""
    text = {**strings.get("common", {}), **strings.get("pdf", {})}
    is_key = kind == "key"
    variant_mark = letter(variant)
    label = text["key"] if is_key else text["worksheet"]
    variant_label = text["variant"].format(letter=variant_mark) if variant_mark else ""
    questions = tuple(
        question_view(bank, question, number, variant, seed, is_key, text)
        for number, question in enumerate(question_order(bank, variant, seed), start=1)
    )
    count = len(questions)
    summary = (
        f"{count} {text['question'] if count == 1 else text['questions']} · "
        f"{points_text(bank.max_points, text)}"
    )
    running = f"{bank.title} · {label}"
    return DocumentView(
        lang=bank.language,
        is_key=is_key,
        title=bank.title,
        label=label,
        variant_letter=variant_mark,
        variant_label=variant_label,
        summary=summary,
        description=markup.block(bank.description),
        total_points=bank.max_points,
        questions=questions,
        text=text,
        page=PageStyle(
            size=PAPER_SIZES[paper],
            running_title=css_string(running),
            variant=css_string(variant_label) if variant_mark else Markup("none"),
            footer=css_counter_text(text["page"]),
        ),
    )


def question_view(
    bank: Bank,
    question: Question,
    number: int,
    variant: int,
    seed: int,
    is_key: bool,
    text: dict[str, str],
) -> QuestionView:
    """Return one question as printed: its answer space, and in a key its answer."""
    instruction = text[f"instruction_{question.type}"]
    prompt = markup.inline(question.prompt)
    if not question.prompt.strip():
        prompt, instruction = Markup(markup.plain(instruction)), ""
    common = dict(
        id=question.id,
        type=question.type,
        number=number,
        points=question.points,
        points_text=points_text(question.points, text),
        instruction=instruction,
        prompt=prompt,
    )
    if is_key:
        common.update(explanation=markup.block(question.explanation), source=question.source)
    space = _answer_space(bank, question, variant, seed, is_key, text)
    return QuestionView(**common, **space)


def _answer_space(
    bank: Bank, question: Question, variant: int, seed: int, is_key: bool, text: dict[str, str]
) -> dict[str, object]:
    if isinstance(question, ChoiceQuestion):
        choices = choice_order(bank, question, variant, seed)
        longest = max(len(c.text) for c in choices)
        return dict(
            multiple=isinstance(question, MultipleChoice),
            columns=2 if longest <= SHORT_CHOICE else 1,
            choices=tuple(ChoiceView(markup.inline(c.text), is_key and c.correct) for c in choices),
        )
    if isinstance(question, TrueFalse):
        statements = (
            ChoiceView(Markup(markup.plain(text["true"])), is_key and question.answer),
            ChoiceView(Markup(markup.plain(text["false"])), is_key and not question.answer),
        )
        return dict(columns=2, choices=statements)
    if isinstance(question, Cloze):
        return _cloze_space(question, is_key, text)
    if isinstance(question, ShortAnswer):
        return dict(
            lines=answer_lines(question.answers),
            answer=question.answers[0] if is_key else "",
            alternatives=", ".join(question.answers[1:]) if is_key else "",
        )
    if isinstance(question, Numeric):
        language = bank.language
        tolerance = (
            f"± {format_decimal(question.tolerance, language)}" if question.tolerance else ""
        )
        return dict(
            unit=question.unit,
            answer=format_decimal(question.answer, language) if is_key else "",
            tolerance=f"{tolerance} {question.unit}".strip() if is_key and tolerance else "",
        )
    if isinstance(question, Match):
        rights = [question.pairs[i][1] for i in match_order(bank, question, variant, seed)]
        letters = {right: letter(i) for i, right in enumerate(rights, start=1)}
        return dict(
            match_rows=tuple(
                MatchRow(i, markup.inline(left), letters[right] if is_key else "")
                for i, (left, right) in enumerate(question.pairs, start=1)
            ),
            match_options=tuple(MatchOption(letters[r], markup.inline(r)) for r in rights),
        )
    if isinstance(question, Order):
        shown = [(i + 1, question.items[i]) for i in item_order(bank, question, variant, seed)]
        return dict(
            order_rows=tuple(
                OrderRow(markup.inline(item), str(position) if is_key else "")
                for position, item in shown
            )
        )
    raise TypeError(f"no PDF layout for question type '{question.type}'")


def _cloze_space(question: Cloze, is_key: bool, text: dict[str, str]) -> dict[str, object]:
    segments = tuple(
        markup.inline_spaced(s)
        if isinstance(s, str)
        else BlankView(blank_width_em(s.answers), s.answer if is_key else "")
        for s in question.segments
    )
    if not is_key:
        return dict(segments=segments)
    # With several gaps, say which one an alternative belongs to: "nightfall (for “dusk”)".
    several = len(question.gaps) > 1
    alternatives = "; ".join(
        ", ".join(gap.answers[1:])
        + (
            f" ({text['for']} {text['quote_open']}{gap.answer}{text['quote_close']})"
            if several
            else ""
        )
        for gap in question.gaps
        if len(gap.answers) > 1
    )
    return dict(segments=segments, alternatives=alternatives)


def blank_width_em(answers: Sequence[str]) -> int:
    """Return a cloze blank's width: room for the longest answer, rounded up to a bucket."""
    needed = 0.75 * max(len(a) for a in answers) + 2.5
    return next((w for w in BLANK_WIDTHS_EM if w >= needed), BLANK_WIDTHS_EM[-1])


def answer_lines(answers: Sequence[str]) -> int:
    """Return how many writing lines a short answer gets."""
    longest = max(len(a) for a in answers)
    return 1 if longest <= 40 else 2 if longest <= 90 else 3


def points_text(points: int, text: dict[str, str]) -> str:
    """Return '1 Punkt' / '3 Punkte' in the document's language."""
    return f"{points} {text['point'] if points == 1 else text['points']}"


def css_string(value: str) -> Markup:
    """Return text as a CSS string literal; every non-alphanumeric character is hex-escaped."""
    # Six hex digits always: a space after a shorter escape would be swallowed as its terminator.
    escaped = "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in value)
    return Markup(f'"{escaped}"')


def css_counter_text(template: str) -> Markup:
    """Return 'Seite {page} von {pages}' as CSS content with page counters."""
    parts = []
    for i, chunk in enumerate(PAGE_PLACEHOLDER.split(template)):
        if i % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(css_string(chunk))
    return Markup(" ".join(parts))

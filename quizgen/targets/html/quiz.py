"""What the quiz page shows and how the page checks it: the model turned into views and a key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from quizgen.answers.numbers import format_decimal
from quizgen.answers.shuffle import choice_order, item_order, match_order
from quizgen.model import (
    Bank,
    ChoiceQuestion,
    Cloze,
    Gap,
    Match,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.present import markup

NO_LABEL = Markup("")


@dataclass(frozen=True)
class Control:
    """One answer control: a choice, a gap, a text box or a select row."""

    id: str
    label: Markup = NO_LABEL
    value: str = ""  # what a radio or check box submits
    correct: bool = False  # a choice that belongs to the answer
    answer: str = ""  # the expected text (gaps, match rows), shown in the solution
    options: tuple[tuple[str, str], ...] = ()  # (value, text) of a select


@dataclass(frozen=True)
class QuestionView:
    """One question as the template shows it."""

    qid: str
    number: int
    type: str
    points: int
    prompt: Markup
    controls: tuple[Control, ...]
    explanation: Markup
    source: str
    parts: tuple[Markup | Control, ...] = ()  # cloze text and gaps in reading order
    answers: tuple[str, ...] = ()  # short: every accepted text
    answer: bool = False  # truefalse
    number_text: str = ""  # numeric answer as the language writes it
    tolerance_text: str = ""
    unit: str = ""
    solution_items: tuple[Markup, ...] = ()  # order: the items in the right order


def quiz_path(bank: Bank) -> str:
    """Return where a bank's quiz goes below the output folder."""
    return f"{bank.id}/{bank.id}-quiz.html"


def question_views(bank: Bank, seed: int = 0) -> list[QuestionView]:
    """Return every question of the bank as shown in the quiz, in bank order."""
    return [
        _view(bank, question, number, seed) for number, question in enumerate(bank.questions, 1)
    ]


def answer_key(bank: Bank, views: Sequence[QuestionView]) -> dict[str, dict[str, object]]:
    """Return per question id what the page's script needs to check an answer."""
    return {
        view.qid: _key(question, view) for question, view in zip(bank.questions, views, strict=True)
    }


def _view(bank: Bank, question: Question, number: int, seed: int) -> QuestionView:
    base = f"q-{question.id}"
    common = {
        "qid": question.id,
        "number": number,
        "type": question.type,
        "points": question.points,
        "prompt": markup.inline(question.prompt),
        "explanation": markup.block(question.explanation),
        "source": question.source,
    }
    if isinstance(question, ChoiceQuestion):
        # the authored index names a choice in the key; options are distinct (the loader checks)
        controls = tuple(
            Control(f"{base}-c{i}", markup.inline(c.text), str(i), c.correct)
            for c in choice_order(bank, question, 0, seed)
            for i in (question.choices.index(c),)
        )
        return QuestionView(controls=controls, **common)
    if isinstance(question, TrueFalse):
        controls = (
            Control(f"{base}-true", value="true", correct=question.answer),
            Control(f"{base}-false", value="false", correct=not question.answer),
        )
        return QuestionView(controls=controls, answer=question.answer, **common)
    if isinstance(question, Cloze):
        parts: list[Markup | Control] = []
        for segment in question.segments:
            if isinstance(segment, Gap):
                gap_number = sum(isinstance(p, Control) for p in parts) + 1
                parts.append(
                    Control(f"{base}-g{gap_number}", Markup(gap_number), answer=segment.answer)
                )
            else:
                parts.append(markup.inline_spaced(segment))
        controls = tuple(p for p in parts if isinstance(p, Control))
        return QuestionView(controls=controls, parts=tuple(parts), **common)
    if isinstance(question, ShortAnswer):
        return QuestionView(
            controls=(Control(f"{base}-answer"),), answers=question.answers, **common
        )
    if isinstance(question, Numeric):
        return QuestionView(
            controls=(Control(f"{base}-answer"),),
            number_text=format_decimal(question.answer, bank.language),
            tolerance_text=format_decimal(question.tolerance, bank.language)
            if question.tolerance
            else "",
            unit=question.unit,
            **common,
        )
    if isinstance(question, Match):
        options = tuple(
            (str(i), _option_text(question.pairs[i][1]))
            for i in match_order(bank, question, 0, seed)
        )
        controls = tuple(
            Control(
                f"{base}-m{i}", markup.inline(left), answer=_option_text(right), options=options
            )
            for i, (left, right) in enumerate(question.pairs)
        )
        return QuestionView(controls=controls, **common)
    if isinstance(question, Order):
        positions = tuple((str(n), str(n)) for n in range(1, len(question.items) + 1))
        controls = tuple(
            Control(f"{base}-o{i}", markup.inline(item), answer=str(i + 1), options=positions)
            for i in item_order(bank, question, 0, seed)
            for item in (question.items[i],)
        )
        items = tuple(markup.inline(item) for item in question.items)
        return QuestionView(controls=controls, solution_items=items, **common)
    raise TypeError(f"no HTML view for question type {question.type!r}")  # pragma: no cover


def _option_text(text: str) -> str:
    """Return Markdown as the plain text a <select> option can show."""
    return markup.inline(text).striptags()


def _key(question: Question, view: QuestionView) -> dict[str, object]:
    key: dict[str, object] = {"points": question.points}
    if isinstance(question, ChoiceQuestion | TrueFalse):
        key.update(kind="choice", correct=sorted(c.value for c in view.controls if c.correct))
    elif isinstance(question, Cloze):
        key.update(kind="text", accepted=[list(gap.answers) for gap in question.gaps])
    elif isinstance(question, ShortAnswer):
        key.update(kind="text", accepted=[list(question.answers)])
    elif isinstance(question, Numeric):
        key.update(
            kind="number",
            answer=float(question.answer),
            tolerance=float(question.tolerance),
            unit=question.unit,
        )
    elif isinstance(question, Match):
        # row i shows left item i; its right item's option value is its authored index i
        key.update(kind="select", correct=[str(i) for i in range(len(question.pairs))])
    elif isinstance(question, Order):
        key.update(kind="select", correct=[c.answer for c in view.controls])
    return key

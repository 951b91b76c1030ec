"""Work out every question's solution for a variant: the one place that switches on question type."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from quizgen.answers.numbers import format_decimal, letter
from quizgen.answers.shuffle import choice_order, item_order, match_order, question_order
from quizgen.answers.solutions import (
    ChoiceSolution,
    ClozeSolution,
    GapSolution,
    MatchRow,
    MatchSolution,
    NumericSolution,
    Option,
    OrderItem,
    OrderSolution,
    Partner,
    Scoring,
    ShortSolution,
    Solution,
    SolvedQuestion,
    TrueFalseSolution,
)
from quizgen.check.grounding import quote_finder
from quizgen.model import (
    Bank,
    ChoiceQuestion,
    Cloze,
    Gap,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

# The words for "true" and "false" in the bank's language: the [common] UI strings.
Labels = Mapping[str, str]


def solve_bank(
    bank: Bank, labels: Labels, variant: int = 0, seed: int = 0
) -> tuple[SolvedQuestion, ...]:
    """Return the bank's questions for a variant, in its order, each with its solution."""
    words = tuple(labels.items())
    key = (id(bank), seed, words)
    if variant == 0:
        known = _solved.get(key)
        if known is not None and known[0]() is bank:
            return known[1]
    finder = quote_finder(bank.source)  # the check's own: its quotes are found already
    solved = tuple(
        solve(
            bank, question, labels, number, variant, seed, finder.paragraph_numbers(question.source)
        )
        for number, question in enumerate(question_order(bank, variant, seed), start=1)
    )
    if variant == 0:
        forget = partial(_forget, key)
        _solved[key] = (weakref.ref(bank, forget), solved)
    return solved


# Every target solves every bank it makes (variant 0; the PDF its variants too): the solutions of
# a bank's variant 0 are kept while the bank lives, so that the targets of one build, and the
# workers forked after the build solved them (target_runs), work each out once. Solutions are
# immutable, and depend only on the bank, the labels and the seed.
_solved: dict[
    tuple[int, int, tuple[tuple[str, str], ...]],
    tuple[weakref.ref[Bank], tuple[SolvedQuestion, ...]],
] = {}


def _forget(key: tuple[int, int, tuple[tuple[str, str], ...]], _gone: object) -> None:
    _solved.pop(key, None)


def solve(
    bank: Bank,
    question: Question,
    labels: Labels,
    number: int = 1,
    variant: int = 0,
    seed: int = 0,
    paragraphs: tuple[int, ...] = (),
) -> SolvedQuestion:
    """Return one question's solution and scoring for a variant (`paragraphs`: its quote's)."""
    solver = _SOLVERS.get(type(question))
    if solver is None:  # pragma: no cover - every model class is registered below
        raise TypeError(f"no solver for question type '{question.type}'")
    partial = bank.scoring_of(question) == "partial"
    solution, scoring = solver(_Context(bank, labels, variant, seed, partial), question)
    return SolvedQuestion(question, number, solution, scoring, paragraphs)


@dataclass(frozen=True)
class _Context:
    """What every solver needs besides the question."""

    bank: Bank
    labels: Labels
    variant: int
    seed: int
    partial: bool  # the question's parts earn their share (scoring: partial)


Solved = tuple[Solution, Scoring]


def _choices(ctx: _Context, question: ChoiceQuestion) -> Solved:
    shown = choice_order(ctx.bank, question, ctx.variant, ctx.seed)
    # the authored index names a choice in keys; options are distinct (the loader checks)
    options = tuple(
        Option(str(question.choices.index(choice)), letter(n), choice.text, choice.correct)
        for n, choice in enumerate(shown, start=1)
    )
    multiple = isinstance(question, MultipleChoice)
    solution = ChoiceSolution(options, multiple, shuffle=question.shuffle)
    correct = tuple(sorted(o.value for o in options if o.correct))
    partial = ctx.partial and multiple  # one right option is all or nothing anyway
    scoring = Scoring("choice", question.points, correct=correct, partial=partial, part="tick")
    return solution, scoring


def _true_false(ctx: _Context, question: TrueFalse) -> Solved:
    options = (
        Option("true", "A", ctx.labels["true"], question.answer),
        Option("false", "B", ctx.labels["false"], not question.answer),
    )
    label = ctx.labels["true" if question.answer else "false"]
    correct = ("true",) if question.answer else ("false",)
    return (
        TrueFalseSolution(question.answer, options, label),
        Scoring("choice", question.points, correct=correct),
    )


def _cloze(ctx: _Context, question: Cloze) -> Solved:
    parts: list[str | GapSolution] = []
    cards = iter(question.gap_numbers)
    gaps = 0
    for segment in question.segments:
        if isinstance(segment, Gap):
            gaps += 1  # shown in reading order; the card number stays put across edits
            parts.append(GapSolution(gaps, segment.answer, segment.answers[1:], next(cards)))
        else:
            parts.append(segment)
    solution = ClozeSolution(tuple(parts))
    accepted = tuple(gap.accepted for gap in solution.gaps)
    scoring = Scoring(
        "text",
        question.points,
        accepted=accepted,
        exact=question.exact,
        partial=ctx.partial,
        part="gap",
    )
    return solution, scoring


def _short(ctx: _Context, question: ShortAnswer) -> Solved:
    return ShortSolution(question.answers, lines=question.lines), Scoring(
        "text", question.points, accepted=(question.answers,), exact=question.exact
    )


def _numeric(ctx: _Context, question: Numeric) -> Solved:
    language = ctx.bank.language
    solution = NumericSolution(
        question.answer,
        question.tolerance,
        question.unit,
        format_decimal(question.answer, language),
        format_decimal(question.tolerance, language) if question.tolerance else "",
    )
    scoring = Scoring(
        "number",
        question.points,
        answer=question.answer,
        tolerance=question.tolerance,
        unit=question.unit,
    )
    return solution, scoring


def _match(ctx: _Context, question: Match) -> Solved:
    order = match_order(ctx.bank, question, ctx.variant, ctx.seed)
    partners = tuple(
        Partner(str(i), letter(n), question.pairs[i][1]) for n, i in enumerate(order, start=1)
    )
    by_index = {int(p.value): p for p in partners}
    rows = tuple(
        MatchRow(i + 1, left, by_index[i]) for i, (left, _right) in enumerate(question.pairs)
    )
    # row i shows left item i; its partner's value is its authored index i
    correct = tuple(row.partner.value for row in rows)
    scoring = Scoring("select", question.points, correct=correct, partial=ctx.partial, part="pair")
    return MatchSolution(rows, partners), scoring


def _order(ctx: _Context, question: Order) -> Solved:
    order = item_order(ctx.bank, question, ctx.variant, ctx.seed)
    shown = tuple(
        OrderItem(letter(n), question.items[i], i + 1) for n, i in enumerate(order, start=1)
    )
    correct = tuple(str(item.position) for item in shown)
    scoring = Scoring("select", question.points, correct=correct, partial=ctx.partial, part="item")
    return OrderSolution(shown), scoring


# One solver per model class: adding a question type adds one line here (docs/architecture.md).
_SOLVERS: dict[type[Question], Callable[[_Context, Any], Solved]] = {
    SingleChoice: _choices,
    MultipleChoice: _choices,
    TrueFalse: _true_false,
    Cloze: _cloze,
    ShortAnswer: _short,
    Numeric: _numeric,
    Match: _match,
    Order: _order,
}

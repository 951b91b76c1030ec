"""A right answer as a student writes it on the worksheet: short, for the key's marking grid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizgen.answers.solutions import (
    ChoiceSolution,
    ClozeSolution,
    MatchSolution,
    NumericSolution,
    OrderSolution,
    ShortSolution,
    SolvedQuestion,
    TrueFalseSolution,
)


def written_answer(solved: SolvedQuestion) -> str:
    """Return "B, D", "R", "190 Meilen", "Kiew / ATACMS", "1-C 2-A" or "2-1-3" (places from the top)."""
    solution = solved.solution
    return _WRITERS[type(solution)](solution)


def _choices(solution: ChoiceSolution) -> str:
    return ", ".join(option.letter for option in solution.right)


def _true_false(solution: TrueFalseSolution) -> str:
    # the initial of the word ticked (R/F, T/F), unless both words start alike
    true, false = (option.text for option in solution.options)
    if true[:1].casefold() != false[:1].casefold():
        true, false = true[:1], false[:1]
    return true if solution.value else false


def _cloze(solution: ClozeSolution) -> str:
    return " / ".join(gap.answer for gap in solution.gaps)


def _short(solution: ShortSolution) -> str:
    return solution.answer


def _numeric(solution: NumericSolution) -> str:
    tolerance = solution.tolerance_with_unit
    return solution.answer_with_unit + (f" (± {tolerance})" if tolerance else "")


def _match(solution: MatchSolution) -> str:
    return " ".join(f"{row.number}-{row.partner.letter}" for row in solution.rows)


def _order(solution: OrderSolution) -> str:
    return "-".join(str(item.position) for item in solution.shown)


# One writer per solution type, as the solvers in solve.py are one per question type.
_WRITERS: dict[type, Callable[[Any], str]] = {
    ChoiceSolution: _choices,
    TrueFalseSolution: _true_false,
    ClozeSolution: _cloze,
    ShortSolution: _short,
    NumericSolution: _numeric,
    MatchSolution: _match,
    OrderSolution: _order,
}

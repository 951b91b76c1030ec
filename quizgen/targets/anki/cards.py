"""Which cards of a question's note exist: the ones it has, and the removed ones students keep."""

from __future__ import annotations

from quizgen.model import Question


def removed_cards(question: Question) -> tuple[int, ...]:
    """Return the card numbers students may have that the question no longer has."""
    numbers = question.card_numbers
    if numbers == (1,) and not question.removed_gaps:  # most questions: one card, none removed
        return ()
    live = set(numbers)
    holes = set(range(1, max(live))) - live  # [[1: …]] … [[3: …]]: gap 2 was taken out
    return tuple(sorted((holes | set(question.removed_gaps)) - live))

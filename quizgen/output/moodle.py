"""What Moodle's importers accept, shared by the GIFT and Moodle XML targets: grades, numbers, names."""

from __future__ import annotations

import functools
import html
from decimal import Decimal

from quizgen.answers.solutions import ChoiceSolution

# The grades Moodle keeps (question_bank::fraction_options_full); the import refuses any other.
MOODLE_PERCENTS = (
    Decimal("100"), Decimal("90"), Decimal("83.33333"), Decimal("80"), Decimal("75"),
    Decimal("70"), Decimal("66.66667"), Decimal("60"), Decimal("50"), Decimal("40"),
    Decimal("33.33333"), Decimal("30"), Decimal("25"), Decimal("20"), Decimal("16.66667"),
    Decimal("14.28571"), Decimal("12.5"), Decimal("11.11111"), Decimal("10"), Decimal("5"),
)  # fmt: skip


@functools.cache  # (a few dozen arguments ever; each a search of the list)
def share_percent(share: int, count: int, position: int = 0) -> Decimal:
    """Return the Moodle grade of the answer at `position` of `count` sharing `share` (±100)."""
    sign = -1 if share < 0 else 1
    if 10 < count <= 20:  # no grade on the list is 100/count: 10 for some and 5 for the others
        return sign * Decimal(10 if position < 20 - count else 5)
    exact = Decimal(abs(share)) / count
    return sign * min(MOODLE_PERCENTS, key=lambda p: abs(p - exact))


def option_percents(solution: ChoiceSolution, partial: bool) -> list[Decimal]:
    """Return each option's grade for multiple answers: the right ones share 100 %.

    Moodle adds the grades of the ticked options (never below 0). Partial: a wrong one takes
    off what a right one gives, as quizgen scores; all or nothing, which Moodle's core cannot
    say: a wrong one takes off everything, so only leaving out a right one earns a share.
    """
    right = [o for o in solution.options if o.correct]
    wrong_percent = share_percent(-100, len(right)) if partial else Decimal(-100)
    return [
        share_percent(100, len(right), right.index(o)) if o.correct else wrong_percent
        for o in solution.options
    ]


def percent_text(percent: Decimal) -> str:
    """Return a grade as Moodle's files write it: 100, -50, 33.33333."""
    return format(percent, "f")


def category_path(title: str) -> str:
    """Return a bank's category, `$course$/top/<title>`, as both Moodle importers read it."""
    # Moodle strips tags from category names: "<b>" stays visible as character references
    return f"$course$/top/{category_name(html.escape(title, quote=False))}"


def category_name(title: str) -> str:
    """Return a bank title as one Moodle category name: "/" doubled, as Moodle escapes it."""
    # qformat_default::split_category_path, which both importers use, reads "//" as a "/"
    name = " ".join(title.split()).replace("/", "//")
    # Moodle's own export pads a name that starts or ends with "/" (assemble_category_path)
    return (" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else "")

"""The built-in targets' options: names, types, defaults and limits, light enough for `check`.

Each target's `options` is its dataclass here, so `check` finds a slip in quizgen.toml's [build]
table without importing WeasyPrint or genanki; a target added to the registry keeps its options
in its own module (they are read by importing it). A field's limits are in its metadata.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from quizgen.answers.numbers import MAX_VARIANTS
from quizgen.errors import UsageError
from quizgen.model import PRINT_SOURCE

PAPER_SIZES = {"a4": "A4", "letter": "letter"}  # the name an option takes: CSS's page size
# why quizgen.toml's [build] cannot name a roster, for its located error
ROSTER_ONCE = (
    "a class list is for one build, not a default to keep; give it on the command line: "
    "quizgen build --roster FILE"
)


def limited(
    default: object,
    *,
    low: int | None = None,
    high: int | None = None,
    choices: tuple[str, ...] = (),
    output: bool = True,
) -> Any:
    """Return a dataclass field with its limits: a whole number from low to high, or a choice."""
    limits = {"low": low, "high": high, "choices": choices, "output": output}
    return field(default=default, metadata=limits)


def limit_problem(option: dataclasses.Field[Any], value: object) -> str | None:
    """Return what the option must be (for a message) if `value` is outside its limits, else None."""
    low, high = option.metadata.get("low"), option.metadata.get("high")
    choices = option.metadata.get("choices", ())
    if choices and isinstance(value, str) and value.lower() not in choices:
        return f"one of {', '.join(choices)}"  # "A4" as a teacher writes it passes
    if not isinstance(value, int) or isinstance(value, bool):
        return None  # a value of the wrong type is the type check's
    if low is not None and high is not None and not low <= value <= high:
        return f"between {low} and {high}"
    if low is not None and value < low:
        return f"{low} or more"
    return None


def check_limits(options: object) -> None:
    """Raise UsageError for the first option outside its limits (a library caller's value)."""
    for option in dataclasses.fields(options):  # type: ignore[arg-type]
        value = getattr(options, option.name)
        expected = limit_problem(option, value)
        if expected:
            raise UsageError(f"{option.name} must be {expected}, got {value!r}")


@dataclass(frozen=True)
class PdfOptions:
    """The PDF target's options (quizgen build --variants, --seed, --paper, --jobs)."""

    variants: int = limited(1, low=1, high=MAX_VARIANTS)
    seed: int = 0
    paper: str = limited("a4", choices=tuple(PAPER_SIZES))
    # where the source text is printed for a bank that does not say: true (on the worksheet,
    # before the questions), "handout" (<bank>-text.pdf) or false
    print_source: bool | str = limited(False, choices=("true", "false", "handout"))
    # parallel renders (None: one per core); the same files either way, so not an input of them
    jobs: int | None = limited(None, low=1, output=False)
    # the students of --roster FILE, "name" or "name<TAB>class" (quizgen.targets.pdf.roster);
    # not an option of quizgen.toml (its metadata says why): a class list is for one build
    roster: tuple[str, ...] = field(default=(), metadata={"command_line_only": ROSTER_ONCE})

    def __post_init__(self) -> None:
        # the command line and quizgen.toml's checks see these too; a library caller's may not
        if self.print_source not in PRINT_SOURCE:  # (the limit's message says less)
            raise UsageError(
                "print_source must be true (the text before the questions on the worksheet), "
                f'"handout" (the text as a PDF of its own) or false, got {self.print_source!r}'
            )
        check_limits(self)
        if self.roster:  # only a build has students: check need not import the PDF target
            from quizgen.targets.pdf.roster import students_of

            students_of(self.roster)


@dataclass(frozen=True)
class AnkiOptions:
    """The Anki target's options (quizgen build --combine, --combine-deck)."""

    combine: bool = False
    combine_deck: str = "quizgen"  # the parent deck of every bank in the combined package


@dataclass(frozen=True)
class HtmlOptions:
    """The quiz's options: --seed shuffles its options as it does the plain worksheet's."""

    seed: int = 0


@dataclass(frozen=True)
class CardsOptions:
    """The cards have no options: the order is the bank's, the options' the deck's."""


@dataclass(frozen=True)
class GiftOptions:
    """GIFT has no options: Moodle shuffles the answers itself."""


@dataclass(frozen=True)
class MoodleOptions:
    """Moodle XML has no options: Moodle shuffles the answers itself."""


@dataclass(frozen=True)
class QtiOptions:
    """QTI has no options: Canvas shuffles the answers itself (see docs/lms.md)."""


# by target name, as in quizgen.targets.TARGET_MODULES (a test keeps the two in step)
TARGET_OPTIONS: dict[str, type] = {
    "pdf": PdfOptions,
    "anki": AnkiOptions,
    "html": HtmlOptions,
    "cards": CardsOptions,
    "gift": GiftOptions,
    "moodle": MoodleOptions,
    "qti": QtiOptions,
}

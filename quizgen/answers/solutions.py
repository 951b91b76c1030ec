"""What a question asks and accepts, worked out once for a variant: the answer layer's types.

Texts stay as the bank wrote them (Markdown for prompts, options and items; plain text for answers):
each target renders them its own way, but none decides again what is shown in which order or
what is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Literal

from quizgen.model import Question

ScoringKind = Literal["choice", "text", "number", "select"]


@dataclass(frozen=True)
class Scoring:
    """How an answer is scored, independent of any target's controls.

    choice: `correct` lists the values of the options to tick; text: `accepted` lists per field
    the texts that count (`exact`: as written, else case, end punctuation and hyphens aside);
    number: `answer` within `tolerance`, `unit` optional; select: `correct` lists per row the
    value to pick. `partial`: each part (a tick, a field, a row) earns its share of the points
    (see `parts`); else only a wholly right answer scores.
    """

    kind: ScoringKind
    points: int
    correct: tuple[str, ...] = ()
    accepted: tuple[tuple[str, ...], ...] = ()
    answer: Decimal = Decimal(0)
    tolerance: Decimal = Decimal(0)
    unit: str = ""
    exact: bool = False  # text: case, punctuation and hyphens count
    partial: bool = False
    part: str = ""  # what earns a share under partial scoring: "tick", "gap", "pair", "item"

    @property
    def parts(self) -> int:
        """Return how many parts share the points: right options, fields or rows."""
        if self.kind == "choice":
            return len(self.correct)
        return len(self.accepted) if self.kind == "text" else max(1, len(self.correct))


@dataclass(frozen=True)
class Option:
    """A choice (or a true/false statement) as shown: lettered in display order."""

    value: str  # names it in keys: its authored index, or "true"/"false"
    letter: str  # A, B, … in display order
    text: str  # Markdown
    correct: bool


@dataclass(frozen=True)
class ChoiceSolution:
    """Single or multiple choice: the options in display order."""

    options: tuple[Option, ...]
    multiple: bool
    # false: the bank fixed the order (`shuffle: false`), so an LMS must not shuffle it either.
    # Not in the repr: pages digest the repr of what they show (saved progress); this shows nothing.
    shuffle: bool = field(default=True, repr=False)

    @property
    def right(self) -> tuple[Option, ...]:
        """Return the options that belong to the answer, in display order."""
        return tuple(o for o in self.options if o.correct)


@dataclass(frozen=True)
class TrueFalseSolution:
    """A statement that is true or false; the options are "true" then "false"."""

    value: bool
    options: tuple[Option, Option]
    label: str  # the right answer in the bank's language: "Richtig" or "Falsch"
    multiple: ClassVar[bool] = False  # one of the two is ticked, as in single choice


@dataclass(frozen=True)
class GapSolution:
    """A cloze gap, numbered in reading order: the expected answer and what else counts."""

    number: int
    answer: str
    alternatives: tuple[str, ...]
    card: int = 0  # its flash card's number: as written ([[3: …]]), else the next free one

    @property
    def accepted(self) -> tuple[str, ...]:
        """Return every answer that counts, the expected one first."""
        return (self.answer, *self.alternatives)


@dataclass(frozen=True)
class ClozeSolution:
    """Running text and gaps in reading order; text parts are inline Markdown."""

    parts: tuple[str | GapSolution, ...]

    @property
    def gaps(self) -> tuple[GapSolution, ...]:
        """Return the gaps in reading order."""
        return tuple(p for p in self.parts if isinstance(p, GapSolution))


@dataclass(frozen=True)
class ShortSolution:
    """A typed answer: the expected text first, then the others that count."""

    accepted: tuple[str, ...]
    # writing lines the bank asks for on paper (0: by the answer's length); not in the repr,
    # which keys the quiz's saved progress: paper is no part of the quiz
    lines: int = field(default=0, repr=False)

    @property
    def answer(self) -> str:
        """Return the expected answer."""
        return self.accepted[0]

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Return the other answers that count."""
        return self.accepted[1:]


@dataclass(frozen=True)
class NumericSolution:
    """A number within a tolerance, as the bank's language writes it (2,5 in German)."""

    value: Decimal
    tolerance: Decimal
    unit: str
    value_text: str
    tolerance_text: str  # empty when the answer must be exact

    @property
    def answer_with_unit(self) -> str:
        """Return the answer as a student writes it: "148,5 Meter"."""
        return f"{self.value_text} {self.unit}" if self.unit else self.value_text

    @property
    def tolerance_with_unit(self) -> str:
        """Return the allowed deviation with its unit ("0,5 Meter"), or "" for an exact answer."""
        if not self.tolerance_text:
            return ""
        return f"{self.tolerance_text} {self.unit}" if self.unit else self.tolerance_text


@dataclass(frozen=True)
class Partner:
    """A right-hand item of a match question, lettered in display order."""

    value: str  # its authored index
    letter: str
    text: str  # Markdown


@dataclass(frozen=True)
class MatchRow:
    """A left-hand item, numbered in authored order, and the partner that belongs to it."""

    number: int
    text: str  # Markdown
    partner: Partner


@dataclass(frozen=True)
class MatchSolution:
    """Rows in authored order; partners in their shuffled display order."""

    rows: tuple[MatchRow, ...]
    partners: tuple[Partner, ...]


@dataclass(frozen=True)
class OrderItem:
    """An item to put in order: lettered as shown, with its place in the right sequence."""

    letter: str
    text: str  # Markdown
    position: int  # 1-based place in the right order


@dataclass(frozen=True)
class OrderSolution:
    """Items in their shuffled display order, and the same items in the right order."""

    shown: tuple[OrderItem, ...]

    @property
    def sequence(self) -> tuple[OrderItem, ...]:
        """Return the items in the right order."""
        return tuple(sorted(self.shown, key=lambda item: item.position))


Solution = (
    ChoiceSolution
    | TrueFalseSolution
    | ClozeSolution
    | ShortSolution
    | NumericSolution
    | MatchSolution
    | OrderSolution
)


@dataclass(frozen=True)
class SolvedQuestion:
    """One question of a variant, numbered, with its solution and how it is scored."""

    question: Question
    number: int  # position in the variant, from 1
    solution: Solution
    scoring: Scoring
    # the source paragraphs its quote spans, numbered from 1 as SourceText.paragraphs counts them
    paragraphs: tuple[int, ...] = ()

    @property
    def type(self) -> str:
        """Return the question type (names the template that shows it)."""
        return self.question.type

    @property
    def has_prompt(self) -> bool:
        """Return whether the teacher wrote a prompt (a cloze may have none)."""
        return bool(self.question.prompt.strip())

"""The one internal model of a question bank that every target reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from quizgen.errors import Location

QUESTION_TYPES = ("single", "multiple", "truefalse", "cloze", "short", "numeric", "match", "order")
# How a question with parts (ticks, gaps, rows, items) scores: "partial" gives each part its share.
SCORING_RULES = ("all-or-nothing", "partial")


@dataclass(frozen=True, kw_only=True)
class Question:
    """Fields every question type shares."""

    type: ClassVar[str] = ""
    id: str
    prompt: str  # Markdown (inline); may be empty for cloze
    source: str  # verbatim quote from the bank's source text
    explanation: str = ""  # Markdown
    tags: tuple[str, ...] = ()
    points: int = 1
    # false: the answer is worked out from the quote (a count), so the checker does not look for it
    answer_in_quote: bool = True
    # Anki card numbers this question no longer has (gaps taken out, or a cloze that became
    # another type): their cards stay in students' collections and must still show something
    removed_gaps: tuple[int, ...] = ()
    scoring: str = ""  # one of SCORING_RULES, or "" for the bank's
    draft: bool = False  # written by `quizgen draft` and not yet curated: check warns
    location: Location
    # each field's line and column (from 1) in the bank file: `where` makes its Location, as a
    # message asks for one (most are never asked for; a Location each costs reading and workers)
    field_positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def where(self, name: str) -> Location:
        """Return the location of one of this question's fields (or of the question)."""
        position = self.field_positions.get(name)
        return self.location if position is None else Location(self.location.path, *position)

    def markdown_texts(self) -> Iterator[tuple[str, str]]:
        """Yield (field, Markdown) for the texts of this type's own fields (choices, pairs …)."""
        return iter(())

    def typed_answers(self) -> tuple[TypedAnswer, ...]:
        """Return the answers a student types (the checker looks for them in the quote)."""
        return ()

    @property
    def card_numbers(self) -> tuple[int, ...]:
        """Return the numbers of its flash cards: one card, or one per cloze gap."""
        return (1,)


@dataclass(frozen=True)
class TypedAnswer:
    """An answer a student types: any of `texts` counts; a number is matched as a number."""

    field: str
    texts: tuple[str, ...]
    number: Decimal | None = None


@dataclass(frozen=True)
class Choice:
    """One option of a single/multiple choice question."""

    text: str
    correct: bool


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """Base of single and multiple choice: options in authored order."""

    choices: tuple[Choice, ...]
    shuffle: bool = True

    def markdown_texts(self) -> Iterator[tuple[str, str]]:
        """Yield every option, located at its list (choices, or correct and wrong)."""
        for choice in self.choices:
            if "choices" in self.field_positions:
                yield "choices", choice.text
            else:
                yield ("correct" if choice.correct else "wrong"), choice.text


@dataclass(frozen=True, kw_only=True)
class SingleChoice(ChoiceQuestion):
    """Exactly one option is correct."""

    type: ClassVar[str] = "single"


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(ChoiceQuestion):
    """One or more options are correct."""

    type: ClassVar[str] = "multiple"


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    """The prompt is a statement that is true or false."""

    type: ClassVar[str] = "truefalse"
    answer: bool


# Anki numbers a cloze note's cards c1 … c500.
MAX_GAP_NUMBER = 500


@dataclass(frozen=True)
class Gap:
    """A cloze gap: the first answer is the expected one, the rest also accepted."""

    answers: tuple[str, ...]
    number: int | None = None  # written as [[3: answer]]: its Anki card stays card 3

    @property
    def answer(self) -> str:
        """Return the expected answer."""
        return self.answers[0]


@dataclass(frozen=True, kw_only=True)
class Cloze(Question):
    """Running text with gaps; `segments` alternates plain text and gaps."""

    type: ClassVar[str] = "cloze"
    text: str  # as written, with [[gaps]]
    segments: tuple[str | Gap, ...]
    exact: bool = False  # answers must match exactly: case, punctuation, hyphens

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Return the gaps in reading order."""
        return tuple(s for s in self.segments if isinstance(s, Gap))

    @property
    def gap_numbers(self) -> tuple[int, ...]:
        """Return each gap's card number: all as written, or 1, 2 … skipping the removed ones."""
        if any(gap.number is not None for gap in self.gaps):  # then every gap has one (the loader)
            return tuple(gap.number or 0 for gap in self.gaps)
        removed = set(self.removed_gaps)
        free = (n for n in range(1, MAX_GAP_NUMBER + len(removed) + 1) if n not in removed)
        return tuple(next(free) for _gap in self.gaps)

    @property
    def card_numbers(self) -> tuple[int, ...]:
        """Return one card number per gap."""
        return self.gap_numbers

    def markdown_texts(self) -> Iterator[tuple[str, str]]:
        """Yield the running text."""
        yield "text", self.text

    def typed_answers(self) -> tuple[TypedAnswer, ...]:
        """Return each gap's expected answer."""
        return tuple(TypedAnswer("text", (gap.answer,)) for gap in self.gaps)


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Question):
    """A typed answer; any of `answers` counts (case- and whitespace-insensitive)."""

    type: ClassVar[str] = "short"
    answers: tuple[str, ...]
    exact: bool = False  # answers must match exactly: case, punctuation, hyphens
    lines: int = 0  # writing lines on the worksheet; 0: as many as the answer's length needs

    def typed_answers(self) -> tuple[TypedAnswer, ...]:
        """Return the answer, any of whose accepted texts counts."""
        return (TypedAnswer("answer", self.answers),)


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number, right within `tolerance`, optionally with a unit."""

    type: ClassVar[str] = "numeric"
    answer: Decimal
    tolerance: Decimal = Decimal(0)
    unit: str = ""

    def accepts(self, value: Decimal) -> bool:
        """Return whether `value` is within tolerance of the answer."""
        return abs(value - self.answer) <= self.tolerance

    def typed_answers(self) -> tuple[TypedAnswer, ...]:
        """Return the number, however the quote writes it."""
        return (TypedAnswer("answer", (str(self.answer),), self.answer),)


@dataclass(frozen=True, kw_only=True)
class Match(Question):
    """Pair each left item with its right item."""

    type: ClassVar[str] = "match"
    pairs: tuple[tuple[str, str], ...]

    def markdown_texts(self) -> Iterator[tuple[str, str]]:
        """Yield both items of every pair."""
        for left, right in self.pairs:
            yield "pairs", left
            yield "pairs", right


@dataclass(frozen=True, kw_only=True)
class Order(Question):
    """Put the items in order; `items` is the correct order."""

    type: ClassVar[str] = "order"
    items: tuple[str, ...]

    def markdown_texts(self) -> Iterator[tuple[str, str]]:
        """Yield every item."""
        for item in self.items:
            yield "items", item


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a source text, as character offsets into it."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A headed part of a source text (the heading may be empty for a lead)."""

    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class SourceText:
    """The text a bank's questions are drawn from, split into sections and paragraphs."""

    path: Path
    display_path: str
    text: str
    sections: tuple[Section, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Return every paragraph in reading order: paragraph n (from 1) is the nth, headings apart.

        The one numbering of a text: the printed article, the key's citations and the quiz use it.
        """
        return tuple(paragraph for section in self.sections for paragraph in section.paragraphs)


# print_source: the PDFs print the text before the questions (true), as a handout of its own
PRINT_SOURCE = (True, False, "handout")


@dataclass(frozen=True)
class Withdrawn:
    """A question taken out of a bank: students' notes of it are told so, and can be deleted."""

    id: str
    gaps: int  # how many cards its note had (a cloze's gaps; 1 for the other types)
    location: Location


@dataclass(frozen=True)
class SheetHeader:
    """The line at the top of a worksheet and its key: school, class, teacher (None: not said)."""

    school: str | None = None
    class_name: str | None = None  # `class:` in a bank and in quizgen.toml
    teacher: str | None = None

    def over(self, defaults: SheetHeader) -> SheetHeader:
        """Return these values, each one not said taken from `defaults` (quizgen.toml's)."""
        return SheetHeader(
            defaults.school if self.school is None else self.school,
            defaults.class_name if self.class_name is None else self.class_name,
            defaults.teacher if self.teacher is None else self.teacher,
        )


@dataclass(frozen=True, kw_only=True)
class Bank:
    """A curated bank of questions drawn from one source text."""

    id: str
    title: str
    language: str
    source: SourceText
    questions: tuple[Question, ...]
    description: str = ""
    instructions: str = ""  # Markdown, printed under the worksheet's head
    time: int = 0  # minutes the worksheet takes (0: not said)
    hyphenate: bool | None = None  # the PDFs' hyphenation; None: the language's default
    header: SheetHeader = SheetHeader()  # school, class, teacher: quizgen.toml's fill the gaps
    # one of PRINT_SOURCE: where the PDFs print the source text; None: as the build says
    print_source: bool | str | None = None
    tags: tuple[str, ...] = ()
    deck: str = ""  # Anki deck path such as "Politik::ATACMS"; empty means the title
    withdrawn: tuple[Withdrawn, ...] = ()
    scoring: str = "all-or-nothing"  # the rule for questions that set none (SCORING_RULES)
    path: Path  # the bank's YAML file
    display_path: str
    location: Location

    def outline(self) -> Bank:
        """Return the bank without its questions and its source's text: what `check` reports on.

        (A worker pickles a 1,000-question bank in about 0.01 s and the build unpickles it as
        long, one bank after another; an outline, in no time.)
        """
        source = replace(self.source, text="", sections=())
        return replace(self, source=source, questions=())

    @property
    def max_points(self) -> int:
        """Return the sum of all questions' points."""
        return sum(q.points for q in self.questions)

    def scoring_of(self, question: Question) -> str:
        """Return the rule a question is scored by: its own, else the bank's."""
        return question.scoring or self.scoring

    def question_counts(self) -> dict[str, int]:
        """Return how many questions of each type the bank has, in canonical type order."""
        return {t: sum(1 for q in self.questions if q.type == t) for t in QUESTION_TYPES}

"""One `<question>` per solved question: the shared header, then each type's own Moodle fields.

Each quizgen type has one writer below, found by the type's name as the other targets find a
template; a writer formats its solution and decides nothing about what is right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import escape

from quizgen.answers.numbers import machine_number
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
from quizgen.model import Bank
from quizgen.output.moodle import option_percents, percent_text
from quizgen.present import markup
from quizgen.present.lms import general_feedback
from quizgen.present.strings import fill
from quizgen.present.xml import XmlFragment, XmlWriter
from quizgen.targets.moodle.text import (
    add_text,
    add_value,
    cloze_text,
    gap,
    question_name,
    short_answer,
    xml_text,
)

Texts = Mapping[str, str]


# <quiz><question>: where a type's own fields go
FIELD_DEPTH = 2


@dataclass(frozen=True)
class Piece:
    """What a type writer gives: the Moodle type, the question text and the type's own fields."""

    moodle_type: str
    text: str  # HTML
    summary: str  # plain text for the question's name
    fields: XmlFragment


def add_question(xml: XmlWriter, solved: SolvedQuestion, bank: Bank, texts: Texts) -> None:
    """Write the `<question>` for one solved question."""
    question = solved.question
    piece = WRITERS[solved.type](solved, solved.solution, texts)
    xml.start("question", type=piece.moodle_type)
    add_text(xml, "name", question_name(question.id, piece.summary))
    add_text(xml, "questiontext", piece.text, "html")
    add_text(xml, "generalfeedback", _feedback(solved, bank, texts), "html")
    add_value(xml, "defaultgrade", question.points)
    add_value(xml, "idnumber", question.id)
    xml.insert(piece.fields)
    tags = dict.fromkeys((*bank.tags, *question.tags))  # Moodle keeps a tag once
    if tags:
        xml.start("tags")
        for tag in tags:
            add_text(xml, "tag", tag)
        xml.end()
    xml.end()


def _feedback(solved: SolvedQuestion, bank: Bank, texts: Texts) -> str:
    """Return the general feedback: the explanation, then the quote and the bank's title."""
    return str(general_feedback(solved.question, texts["quote"], bank.title))


def _prompt(solved: SolvedQuestion) -> tuple[str, str]:
    """Return the prompt as HTML and as plain text."""
    prompt = solved.question.prompt
    return str(markup.inline(prompt)), markup.plain_text(prompt)


def _answer(
    xml: XmlWriter, fraction: str, text: str, text_format: str = "moodle_auto_format"
) -> None:
    """Write an `<answer>` with its grade in percent, and nothing else inside."""
    xml.wrapped("answer", "text", xml_text(text), {"fraction": fraction, "format": text_format})


def _choices(solved: SolvedQuestion, s: ChoiceSolution, texts: Texts) -> Piece:
    """single/multiple → multichoice: the right ones share 100 %, a wrong one takes some off."""
    percents = (
        option_percents(s, solved.scoring.partial)
        if s.multiple
        else [Decimal(100 if o.correct else 0) for o in s.options]
    )
    xml = XmlWriter(FIELD_DEPTH)
    add_value(xml, "single", "false" if s.multiple else "true")
    add_value(xml, "shuffleanswers", 1 if s.shuffle else 0)
    add_value(xml, "answernumbering", "abc")
    for option, percent in zip(s.options, percents, strict=True):
        _answer(xml, percent_text(percent), str(markup.inline(option.text)), "html")
    return Piece("multichoice", *_prompt(solved), xml.fragment())


def _true_false(solved: SolvedQuestion, s: TrueFalseSolution, texts: Texts) -> Piece:
    """truefalse: the answers "true" and "false", the right one at 100 %."""
    xml = XmlWriter(FIELD_DEPTH)
    for o in s.options:
        _answer(xml, "100" if o.correct else "0", o.value)
    return Piece("truefalse", *_prompt(solved), xml.fragment())


def _short(solved: SolvedQuestion, s: ShortSolution, texts: Texts) -> Piece:
    """short → shortanswer: every accepted answer at 100 %, case ignored unless it is exact."""
    xml = XmlWriter(FIELD_DEPTH)
    add_value(xml, "usecase", int(solved.scoring.exact))
    for a in s.accepted:
        _answer(xml, "100", short_answer(a))
    return Piece("shortanswer", *_prompt(solved), xml.fragment())


def _numeric(solved: SolvedQuestion, s: NumericSolution, texts: Texts) -> Piece:
    """numeric → numerical: the value ± tolerance as machine numbers, the unit optional."""
    text, summary = _prompt(solved)
    if s.unit:
        text += " " + str(escape(fill(texts["unit"], unit=s.unit)))
    xml = XmlWriter(FIELD_DEPTH)
    xml.start("answer", fraction="100", format="moodle_auto_format")
    add_value(xml, "text", machine_number(s.value))
    add_value(xml, "tolerance", machine_number(s.tolerance))
    xml.end()
    if s.unit:
        xml.start("units")
        xml.start("unit")
        add_value(xml, "unit_name", s.unit)
        add_value(xml, "multiplier", 1)
        xml.end()
        xml.end()
    # unit graded 0: optional, not graded; showunits 0: typed with the number, 3: no unit at all
    add_value(xml, "unitgradingtype", 0)
    add_value(xml, "unitpenalty", "0.1000000")
    add_value(xml, "showunits", 0 if s.unit else 3)
    add_value(xml, "unitsleft", 0)
    return Piece("numerical", text, summary, xml.fragment())


def _match(solved: SolvedQuestion, s: MatchSolution, texts: Texts) -> Piece:
    """match → matching: each left item with its partner (Moodle shows partners as plain text)."""
    xml = XmlWriter(FIELD_DEPTH)
    add_value(xml, "shuffleanswers", 1)
    for row in s.rows:
        xml.start("subquestion", format="html")
        add_value(xml, "text", markup.inline(row.text))
        add_text(xml, "answer", markup.plain_text(row.partner.text))
        xml.end()
    return Piece("matching", *_prompt(solved), xml.fragment())


def _cloze(solved: SolvedQuestion, s: ClozeSolution, texts: Texts) -> Piece:
    """cloze: one SHORTANSWER gap per gap in the text, every alternative at 100 %."""
    gaps = len(s.gaps)
    points = solved.question.points
    weight = points // gaps if points % gaps == 0 else 1  # Moodle's mark is the gaps' sum
    body, summary = [], []
    for part in s.parts:
        if isinstance(part, str):
            body.append(cloze_text(markup.inline_spaced(part)))
            lead, trail = (" " if end.isspace() else "" for end in (part[:1], part[-1:]))
            summary.append(f"{lead}{markup.plain_text(part)}{trail}")
        else:
            body.append(gap(weight, part.accepted))
            summary.append("…")
    text = f"<p>{''.join(body)}</p>"
    plain = "".join(summary)
    if solved.has_prompt:
        prompt, plain = _prompt(solved)
        text = f"<p>{cloze_text(prompt)}</p>{text}"
    return Piece("cloze", text, plain, XmlWriter(FIELD_DEPTH).fragment())


def _order(solved: SolvedQuestion, s: OrderSolution, texts: Texts) -> Piece:
    """order → ordering (qtype_ordering): the items in the right order, all shown."""
    xml = XmlWriter(FIELD_DEPTH)
    add_value(xml, "layouttype", "VERTICAL")
    add_value(xml, "selecttype", "ALL")  # Moodle's default shows a random six
    add_value(xml, "selectcount", len(s.shown))
    # partial: a share per item in its place; else points only for the whole order
    grading = "ABSOLUTE_POSITION" if solved.scoring.partial else "ALL_OR_NOTHING"
    add_value(xml, "gradingtype", grading)
    add_value(xml, "showgrading", "SHOW")
    for item in s.sequence:
        _answer(xml, str(item.position), str(markup.inline(item.text)), "html")
    return Piece("ordering", *_prompt(solved), xml.fragment())


# One writer per question type, by the type's name (docs/architecture.md).
WRITERS: dict[str, Callable[[SolvedQuestion, Any, Texts], Piece]] = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _true_false,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "cloze": _cloze,
    "order": _order,
}

"""One `<question>` per solved question: the shared header, then each type's own Moodle fields.

Each quizgen type has one writer below, found by the type's name as the other targets find a
template; a writer formats its solution and decides nothing about what is right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element, SubElement

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
from quizgen.targets.moodle.text import (
    add_text,
    add_value,
    cloze_text,
    gap,
    question_name,
    short_answer,
    value_element,
)

Texts = Mapping[str, str]


@dataclass(frozen=True)
class Piece:
    """What a type writer gives: the Moodle type, the question text and the type's own fields."""

    moodle_type: str
    text: str  # HTML
    summary: str  # plain text for the question's name
    fields: tuple[Element, ...]


def question_element(solved: SolvedQuestion, bank: Bank, texts: Texts) -> Element:
    """Return the `<question>` for one solved question."""
    question = solved.question
    piece = WRITERS[solved.type](solved, solved.solution, texts)
    element = Element("question", {"type": piece.moodle_type})
    add_text(element, "name", question_name(question.id, piece.summary))
    add_text(element, "questiontext", piece.text, "html")
    add_text(element, "generalfeedback", _feedback(solved, bank, texts), "html")
    add_value(element, "defaultgrade", question.points)
    add_value(element, "idnumber", question.id)
    element.extend(piece.fields)
    tags = dict.fromkeys((*bank.tags, *question.tags))  # Moodle keeps a tag once
    if tags:
        holder = SubElement(element, "tags")
        for tag in tags:
            add_text(holder, "tag", tag)
    return element


def _feedback(solved: SolvedQuestion, bank: Bank, texts: Texts) -> str:
    """Return the general feedback: the explanation, then the quote and the bank's title."""
    return str(general_feedback(solved.question, texts["quote"], bank.title))


def _prompt(solved: SolvedQuestion) -> tuple[str, str]:
    """Return the prompt as HTML and as plain text."""
    prompt = solved.question.prompt
    return str(markup.inline(prompt)), markup.plain_text(prompt)


def _answer(fraction: str, text: str, text_format: str = "moodle_auto_format") -> Element:
    """Return an `<answer>` with its grade in percent."""
    answer = Element("answer", {"fraction": fraction, "format": text_format})
    add_value(answer, "text", text)
    return answer


def _choices(solved: SolvedQuestion, s: ChoiceSolution, texts: Texts) -> Piece:
    """single/multiple → multichoice: the right ones share 100 %, a wrong one takes some off."""
    percents = (
        option_percents(s, solved.scoring.partial)
        if s.multiple
        else [Decimal(100 if o.correct else 0) for o in s.options]
    )
    answers = [
        _answer(percent_text(percent), str(markup.inline(option.text)), "html")
        for option, percent in zip(s.options, percents, strict=True)
    ]
    fields = [
        value_element("single", "false" if s.multiple else "true"),
        value_element("shuffleanswers", 1 if s.shuffle else 0),
        value_element("answernumbering", "abc"),
        *answers,
    ]
    return Piece("multichoice", *_prompt(solved), tuple(fields))


def _true_false(solved: SolvedQuestion, s: TrueFalseSolution, texts: Texts) -> Piece:
    """truefalse: the answers "true" and "false", the right one at 100 %."""
    answers = tuple(_answer("100" if o.correct else "0", o.value) for o in s.options)
    return Piece("truefalse", *_prompt(solved), answers)


def _short(solved: SolvedQuestion, s: ShortSolution, texts: Texts) -> Piece:
    """short → shortanswer: every accepted answer at 100 %, case ignored unless it is exact."""
    answers = tuple(_answer("100", short_answer(a)) for a in s.accepted)
    usecase = value_element("usecase", int(solved.scoring.exact))
    return Piece("shortanswer", *_prompt(solved), (usecase, *answers))


def _numeric(solved: SolvedQuestion, s: NumericSolution, texts: Texts) -> Piece:
    """numeric → numerical: the value ± tolerance as machine numbers, the unit optional."""
    text, summary = _prompt(solved)
    if s.unit:
        text += " " + str(escape(fill(texts["unit"], unit=s.unit)))
    answer = _answer("100", machine_number(s.value))
    add_value(answer, "tolerance", machine_number(s.tolerance))
    fields = [answer]
    if s.unit:
        units = Element("units")
        unit = SubElement(units, "unit")
        add_value(unit, "unit_name", s.unit)
        add_value(unit, "multiplier", 1)
        fields.append(units)
    # unit graded 0: optional, not graded; showunits 0: typed with the number, 3: no unit at all
    fields += [value_element("unitgradingtype", 0), value_element("unitpenalty", "0.1000000")]
    fields += [value_element("showunits", 0 if s.unit else 3), value_element("unitsleft", 0)]
    return Piece("numerical", text, summary, tuple(fields))


def _match(solved: SolvedQuestion, s: MatchSolution, texts: Texts) -> Piece:
    """match → matching: each left item with its partner (Moodle shows partners as plain text)."""
    fields = [value_element("shuffleanswers", 1)]
    for row in s.rows:
        sub = Element("subquestion", {"format": "html"})
        add_value(sub, "text", markup.inline(row.text))
        add_text(sub, "answer", markup.plain_text(row.partner.text))
        fields.append(sub)
    return Piece("matching", *_prompt(solved), tuple(fields))


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
    return Piece("cloze", text, plain, ())


def _order(solved: SolvedQuestion, s: OrderSolution, texts: Texts) -> Piece:
    """order → ordering (qtype_ordering): the items in the right order, all shown."""
    fields = [
        value_element("layouttype", "VERTICAL"),
        value_element("selecttype", "ALL"),  # Moodle's default shows a random six
        value_element("selectcount", len(s.shown)),
        # partial: a share per item in its place; else points only for the whole order
        value_element(
            "gradingtype", "ABSOLUTE_POSITION" if solved.scoring.partial else "ALL_OR_NOTHING"
        ),
        value_element("showgrading", "SHOW"),
    ]
    for item in s.sequence:
        fields.append(_answer(str(item.position), str(markup.inline(item.text)), "html"))
    return Piece("ordering", *_prompt(solved), tuple(fields))


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

"""Read the questions of a bank: common fields, then each type's own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TypedDict

import yaml

from quizgen.bank.gaps import read_gaps, read_removed_gaps, removed_gaps_free
from quizgen.bank.node_reader import Entries, NodeReader, describe
from quizgen.errors import Location, closest
from quizgen.model import (
    QUESTION_TYPES,
    SCORING_RULES,
    Choice,
    Cloze,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

COMMON_FIELDS = (
    "id",
    "type",
    "prompt",
    "source",
    "explanation",
    "tags",
    "points",
    "removed_gaps",
    "draft",
)
TYPE_FIELDS = {
    "single": ("correct", "wrong", "choices", "shuffle"),
    "multiple": ("correct", "wrong", "choices", "shuffle", "scoring"),
    "truefalse": ("answer",),
    "cloze": ("text", "answer_in_quote", "exact", "scoring"),
    "short": ("answer", "answer_in_quote", "exact", "lines"),
    "numeric": ("answer", "tolerance", "unit", "answer_in_quote"),
    "match": ("pairs", "scoring"),
    "order": ("items", "scoring"),
}
TYPE_REQUIRED = {
    "single": ("correct",),
    "multiple": ("correct",),
    "truefalse": ("answer",),
    "cloze": ("text",),
    "short": ("answer",),
    "numeric": ("answer",),
    "match": ("pairs",),
    "order": ("items",),
}
MAX_LINES = 30  # writing lines a short answer may ask for: about a page
ALL_QUESTION_FIELDS = COMMON_FIELDS + tuple(sorted({f for fs in TYPE_FIELDS.values() for f in fs}))


def read_tags(reader: NodeReader, node: yaml.Node) -> tuple[str, ...] | None:
    """Return a list of tags, stripped."""
    values = reader.text_list(node, "tags", minimum=0)
    return tuple(v.strip() for v in values) if values is not None else None


def read_scoring(reader: NodeReader, node: yaml.Node, what: str) -> str | None:
    """Return a scoring rule: 'all-or-nothing' or 'partial'."""
    value = reader.text(node, what)
    if value is None:
        return None
    if value.strip() in SCORING_RULES:
        return value.strip()
    reader.error(
        node,
        f"{what} must be 'partial' (each tick, gap, pair or item scores its share) or "
        f"'all-or-nothing' (points only for a wholly right answer, the default), got '{value}'",
    )
    return None


def read_questions(
    reader: NodeReader, node: yaml.Node, decimal_comma: bool
) -> list[Question] | None:
    """Return the valid questions of a bank (None if the node is not a non-empty list)."""
    if not isinstance(node, yaml.SequenceNode):
        reader.error(
            node,
            f"questions must be a list of questions (each starting with '- id:'), not {describe(node)}",
        )
        return None
    if not node.value:
        reader.error(node, "questions must hold at least one question")
        return None
    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for item in node.value:
        question = _read_question(reader, item, decimal_comma)
        if question is None:
            continue
        if question.id in seen:
            first = seen[question.id].where("id").line
            reader.error(
                question.where("id"),
                f"duplicate question id '{question.id}' (first used on line {first})",
            )
            continue
        seen[question.id] = question
        questions.append(question)
    return questions


def _read_question(reader: NodeReader, node: yaml.Node, decimal_comma: bool) -> Question | None:
    entries = reader.mapping(node, "a question")
    if entries is None:
        return None
    qid = reader.identifier(entries["id"][1], "question id") if "id" in entries else None
    label = f"question '{qid}'" if qid else "question"
    if "id" not in entries:
        reader.error(node, "question: missing required field 'id'")
    qtype = _read_type(reader, node, entries, label)
    allowed = COMMON_FIELDS + (
        TYPE_FIELDS[qtype] if qtype else ALL_QUESTION_FIELDS[len(COMMON_FIELDS) :]
    )
    required = (
        ("source",)
        + (TYPE_REQUIRED[qtype] if qtype else ())
        + (("prompt",) if qtype and qtype != "cloze" else ())
    )
    reader.fields(entries, node, label, allowed, required, known=ALL_QUESTION_FIELDS)
    if qtype is None or qid is None or any(name not in entries for name in required):
        return None
    before = len(reader.problems)
    common = _read_common(reader, node, entries, qid, label, qtype)
    specific = _TYPE_READERS[qtype](reader, entries, label, decimal_comma)
    failed = any(p.severity == "error" for p in reader.problems[before:])
    if common is None or specific is None or failed:
        return None
    question = specific(common)
    return question if removed_gaps_free(reader, question, label) else None


def _read_type(reader: NodeReader, node: yaml.Node, entries: Entries, label: str) -> str | None:
    """Return the question's type, or None when it is missing or unknown (and reported)."""
    if "type" not in entries:
        reader.error(node, f"{label}: missing required field 'type'")
        return None
    qtype = reader.text(entries["type"][1], f"{label}: type")
    if qtype is not None and qtype not in QUESTION_TYPES:
        hint = closest(qtype, QUESTION_TYPES)
        extra = f"; did you mean '{hint}'?" if hint else ""
        reader.error(
            entries["type"][1],
            f"{label}: unknown type '{qtype}'; expected one of: "
            + ", ".join(QUESTION_TYPES)
            + extra,
        )
        return None
    return qtype


class CommonFields(TypedDict):
    """The fields every question type shares, as the question classes take them."""

    id: str
    prompt: str
    source: str
    explanation: str
    tags: tuple[str, ...]
    points: int
    answer_in_quote: bool
    removed_gaps: tuple[int, ...]
    scoring: str
    draft: bool
    location: Location
    field_positions: Mapping[str, tuple[int, int]]


def _read_common(
    reader: NodeReader, node: yaml.Node, entries: Entries, qid: str, label: str, qtype: str
) -> CommonFields | None:
    """Return the shared fields of a question whose required fields are all present.

    An absent optional field gets the default that model.Question gives it; None means a
    value was wrong (and reported).
    """
    prompt = (
        reader.text(entries["prompt"][1], f"{label}: prompt", allow_empty=qtype == "cloze")
        if "prompt" in entries
        else ""
    )
    source = reader.text(entries["source"][1], f"{label}: source")
    explanation = (
        reader.text(entries["explanation"][1], f"{label}: explanation", allow_empty=True)
        if "explanation" in entries
        else ""
    )
    tags = read_tags(reader, entries["tags"][1]) if "tags" in entries else ()
    points = (
        reader.integer(entries["points"][1], f"{label}: points", minimum=1)
        if "points" in entries
        else 1
    )
    answer_in_quote = (
        reader.boolean(entries["answer_in_quote"][1], f"{label}: answer_in_quote")
        if "answer_in_quote" in entries
        else True
    )
    removed_gaps = (
        read_removed_gaps(reader, entries["removed_gaps"][1], label)
        if "removed_gaps" in entries
        else ()
    )
    scoring = (
        read_scoring(reader, entries["scoring"][1], f"{label}: scoring")
        if "scoring" in entries
        else ""
    )
    draft = reader.boolean(entries["draft"][1], f"{label}: draft") if "draft" in entries else False
    if (
        prompt is None
        or draft is None
        or scoring is None
        or source is None
        or explanation is None
        or tags is None
        or points is None
        or answer_in_quote is None
        or removed_gaps is None
    ):
        return None
    return CommonFields(
        id=qid,
        prompt=prompt,
        source=source,
        explanation=explanation,
        tags=tags,
        points=points,
        answer_in_quote=answer_in_quote,
        removed_gaps=removed_gaps,
        scoring=scoring,
        draft=draft,
        location=reader.at(node),
        field_positions={name: reader.position(value) for name, (_key, value) in entries.items()},
    )


Build = Callable[[CommonFields], Question]
TypeReader = Callable[[NodeReader, Entries, str, bool], Build | None]


def _choice_reader(cls: type[SingleChoice] | type[MultipleChoice]) -> TypeReader:
    def read(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
        correct = _correct_answers(reader, entries, label, single=cls is SingleChoice)
        if correct is None:
            return None
        shuffle: bool | None = True
        if "shuffle" in entries:
            shuffle = reader.boolean(entries["shuffle"][1], f"{label}: shuffle")
        choices = _choices(reader, entries, label, correct)
        if choices is None or shuffle is None:
            return None
        return lambda common: cls(choices=tuple(choices), shuffle=shuffle, **common)

    return read


def _correct_answers(
    reader: NodeReader, entries: Entries, label: str, *, single: bool
) -> list[str] | None:
    """Return the correct answers: one text for single choice, a list for multiple."""
    node = entries["correct"][1]
    if not single:
        return reader.text_list(node, f"{label}: correct")
    if isinstance(node, yaml.SequenceNode):
        reader.error(
            node,
            f"{label}: a single-choice question has one correct answer; "
            "write it as text, or use type: multiple",
        )
        return None
    text = reader.text(node, f"{label}: correct")
    return [text] if text is not None else None


def _choices(
    reader: NodeReader, entries: Entries, label: str, correct: list[str]
) -> list[Choice] | None:
    """Return the options in authored order, from `choices` or from `correct` then `wrong`."""
    correct_node = entries["correct"][1]
    if "wrong" in entries and "choices" in entries:
        reader.error(entries["choices"][0], f"{label}: give either 'wrong' or 'choices', not both")
        return None
    if "choices" in entries:
        options = reader.text_list(entries["choices"][1], f"{label}: choices", minimum=2)
        if options is None:
            return None
        for answer in correct:
            if answer not in options:
                reader.error(
                    correct_node,
                    f"{label}: correct answer '{answer}' is not one of the choices ("
                    + ", ".join(options)
                    + ")",
                )
        if len(correct) == len(options):
            reader.error(
                entries["choices"][1],
                f"{label}: every choice is correct; add at least one wrong choice",
            )
        choices = [Choice(o, o in correct) for o in options]
    elif "wrong" in entries:
        wrong = reader.text_list(entries["wrong"][1], f"{label}: wrong")
        if wrong is None:
            return None
        for answer in wrong:
            if answer in correct:
                reader.error(
                    entries["wrong"][1], f"{label}: '{answer}' is listed as both correct and wrong"
                )
        choices = [Choice(c, True) for c in correct] + [Choice(w, False) for w in wrong]
    else:
        reader.error(
            entries["correct"][0],
            f"{label}: needs 'wrong' (the distractors) or 'choices' (all options)",
        )
        return None
    texts = [c.text for c in choices]
    for duplicate in sorted({t for t in texts if texts.count(t) > 1}):
        reader.error(
            correct_node, f"{label}: option '{duplicate}' appears twice; options must be distinct"
        )
    return choices


def _truefalse(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
    answer = reader.boolean(entries["answer"][1], f"{label}: answer")
    if answer is None:
        return None
    return lambda common: TrueFalse(answer=answer, **common)


def _cloze(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
    node = entries["text"][1]
    text = reader.text(node, f"{label}: text")
    segments = read_gaps(reader, node, text, label) if text is not None else None
    exact = _exact(reader, entries, label)
    if text is None or segments is None or exact is None:
        return None
    return lambda common: Cloze(text=text, segments=segments, exact=exact, **common)


def _exact(reader: NodeReader, entries: Entries, label: str) -> bool | None:
    """Return whether typed answers must match exactly (the optional `exact` field)."""
    if "exact" not in entries:
        return False
    return reader.boolean(entries["exact"][1], f"{label}: exact")


def _short(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
    node = entries["answer"][1]
    if isinstance(node, yaml.ScalarNode):
        answer = reader.text(node, f"{label}: answer")
        answers = [answer] if answer is not None else None
    else:
        answers = reader.text_list(node, f"{label}: answer")
    exact = _exact(reader, entries, label)
    lines = (
        reader.integer(entries["lines"][1], f"{label}: lines", minimum=1)
        if "lines" in entries
        else 0
    )
    if answers is None or exact is None or lines is None:
        return None
    if lines > MAX_LINES:
        reader.error(
            entries["lines"][1],
            f"{label}: lines must be at most {MAX_LINES} (a page), got {lines}; for a longer "
            "answer, split the question",
        )
        return None
    stripped = tuple(a.strip() for a in answers)
    return lambda common: ShortAnswer(answers=stripped, exact=exact, lines=lines, **common)


def _numeric(reader: NodeReader, entries: Entries, label: str, comma: bool) -> Build | None:
    answer = reader.number(entries["answer"][1], f"{label}: answer", decimal_comma=comma)
    tolerance: Decimal | None = Decimal(0)
    if "tolerance" in entries:
        tolerance = reader.number(
            entries["tolerance"][1], f"{label}: tolerance", decimal_comma=comma
        )
        if tolerance is not None and tolerance < 0:
            reader.error(
                entries["tolerance"][1],
                f"{label}: tolerance must be ≥ 0, got '{entries['tolerance'][1].value}'",
            )
            return None
    unit: str | None = ""
    if "unit" in entries:
        unit = reader.text(entries["unit"][1], f"{label}: unit", allow_empty=True)
    if answer is None or tolerance is None or unit is None:
        return None
    return lambda common: Numeric(answer=answer, tolerance=tolerance, unit=unit.strip(), **common)


def _match(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
    node = entries["pairs"][1]
    pairs_entries = reader.mapping(node, f"{label}: pairs")
    if pairs_entries is None:
        return None
    pairs: list[tuple[str, str]] = []
    for left, (key, value) in pairs_entries.items():
        right = reader.text(value, f"{label}: the match for '{left}'")
        if not left.strip():
            reader.error(key, f"{label}: a left item of pairs is empty")
            return None
        if right is None:
            return None
        pairs.append((left, right))
    if len(pairs) < 2:
        reader.error(node, f"{label}: pairs needs at least 2 pairs, got {len(pairs)}")
        return None
    rights = [r for _, r in pairs]
    for duplicate in sorted({r for r in rights if rights.count(r) > 1}):
        reader.error(
            node,
            f"{label}: right side '{duplicate}' is used twice; every right item must be distinct",
        )
        return None
    return lambda common: Match(pairs=tuple(pairs), **common)


def _order(reader: NodeReader, entries: Entries, label: str, _comma: bool) -> Build | None:
    node = entries["items"][1]
    items = reader.text_list(node, f"{label}: items", minimum=2)
    if items is None:
        return None
    for duplicate in sorted({i for i in items if items.count(i) > 1}):
        reader.error(node, f"{label}: item '{duplicate}' appears twice; items must be distinct")
        return None
    return lambda common: Order(items=tuple(items), **common)


_TYPE_READERS: dict[str, TypeReader] = {
    "single": _choice_reader(SingleChoice),
    "multiple": _choice_reader(MultipleChoice),
    "truefalse": _truefalse,
    "cloze": _cloze,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "order": _order,
}

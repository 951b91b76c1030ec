"""Hypothesis strategies: valid banks with every question type, and one mutated field of them.

Each valid question comes with what the loader must make of it (`Expected`: attribute values of the
model), so a property can check the round trip and not only that loading succeeds.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from quizgen.bank.yaml_slips import curly_quoted
from quizgen.model import Choice, Gap

# Letters with and without accents, digits, spaces and the punctuation banks use; no brackets or
# bars (they mean gaps in cloze text), no control characters (always an error).
ALPHABET = "abcxyzABCÄÖÜäöüßéñ0123456789 .,;:!?'’„“-–&<>*#%/"

LANGUAGES = {"en": ".", "de": ","}
SOURCE = "seeds/t.txt"
SOURCE_TEXT = "The cat sat on the mat. It was 3,5 metres long and very old.\n"


# One draw per text (draws are what costs time); spaces folded so the loader has nothing to strip.
# (a text wrapped in curly quotes, as if they were YAML's, is a slip the loader reports)
texts = (
    st.text(ALPHABET, min_size=1, max_size=12)
    .map(lambda t: " ".join(t.split()) or "x")
    .map(lambda t: t + "x" if curly_quoted(t) else t)
)
words = st.text("abcxyzäöüß", min_size=1, max_size=8)
identifiers = st.builds(
    str.__add__,
    st.sampled_from("abcxyz0189"),
    st.text("abcxyz0189-", max_size=8),
)


def distinct(minimum: int, maximum: int) -> st.SearchStrategy[list[str]]:
    return st.lists(texts, min_size=minimum, max_size=maximum, unique=True)


@dataclass
class Generated:
    """A question as a bank file holds it, and the attributes the loaded model must have."""

    data: dict[str, Any]
    expected: dict[str, Any]


@st.composite
def _common(draw: st.DrawFn, qtype: str) -> Generated:
    data: dict[str, Any] = {"id": "", "type": qtype}
    expected: dict[str, Any] = {}
    if qtype != "cloze" or draw(st.booleans()):
        data["prompt"] = expected["prompt"] = draw(texts)
    else:
        expected["prompt"] = ""
    data["source"] = expected["source"] = draw(texts)
    if draw(st.booleans()):
        data["explanation"] = expected["explanation"] = draw(texts)
    if draw(st.booleans()):
        tags = draw(distinct(0, 3))
        data["tags"], expected["tags"] = tags, tuple(tags)
    if draw(st.booleans()):
        data["points"] = expected["points"] = draw(st.integers(1, 9))
    return Generated(data, expected)


@st.composite
def _choice(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    options = draw(distinct(2, 5))
    if qtype == "single":
        correct = options[:1]
        question.data["correct"] = correct[0]
    else:
        correct = options[: draw(st.integers(1, len(options) - 1))]
        question.data["correct"] = correct
    if draw(st.booleans()):
        shown = draw(st.permutations(options))
        question.data["choices"] = shown
    else:
        shown = options
        question.data["wrong"] = options[len(correct) :]
    question.expected["choices"] = tuple(Choice(o, o in correct) for o in shown)
    if draw(st.booleans()):
        question.data["shuffle"] = question.expected["shuffle"] = draw(st.booleans())
    return question


@st.composite
def _truefalse(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    question.data["answer"] = question.expected["answer"] = draw(st.booleans())
    return question


@st.composite
def _cloze(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    written, segments = [], []
    for _ in range(draw(st.integers(1, 3))):
        before = draw(st.one_of(st.just(""), texts.map(lambda t: f"{t} ")))
        answers = draw(st.lists(words, min_size=1, max_size=3, unique=True))
        written += [before, "[[" + "|".join(answers) + "]]"]
        segments += [before, Gap(tuple(answers))]
    after = draw(st.one_of(st.just(""), texts.map(lambda t: f" {t}")))
    written.append(after)
    segments.append(after)
    question.data["text"] = question.expected["text"] = "".join(written)
    question.expected["segments"] = tuple(s for s in segments if s != "")
    return question


@st.composite
def _short(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    answers = draw(distinct(1, 3))
    question.data["answer"] = answers[0] if len(answers) == 1 and draw(st.booleans()) else answers
    question.expected["answers"] = tuple(answers)
    return question


def _number(draw: st.DrawFn, language: str, *, signed: bool) -> tuple[str, Decimal]:
    whole = draw(st.integers(0, 10**6))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,3}", fullmatch=True)))
    sign = draw(st.sampled_from(["", "-"])) if signed else ""
    point = f".{fraction}" if fraction else ""
    written = f"{sign}{whole}{point.replace('.', LANGUAGES[language])}"
    return written, Decimal(f"{sign}{whole}{point}")


@st.composite
def _numeric(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    written, value = _number(draw, language, signed=True)
    question.data["answer"], question.expected["answer"] = written, value
    if draw(st.booleans()):
        written, value = _number(draw, language, signed=False)
        question.data["tolerance"], question.expected["tolerance"] = written, value
    if draw(st.booleans()):
        question.data["unit"] = question.expected["unit"] = draw(texts)
    return question


@st.composite
def _match(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    lefts = draw(distinct(2, 4))
    rights = draw(st.lists(texts, min_size=len(lefts), max_size=len(lefts), unique=True))
    question.data["pairs"] = dict(zip(lefts, rights, strict=True))
    question.expected["pairs"] = tuple(zip(lefts, rights, strict=True))
    return question


@st.composite
def _order(draw: st.DrawFn, qtype: str, language: str) -> Generated:
    question = draw(_common(qtype))
    items = draw(distinct(2, 5))
    question.data["items"], question.expected["items"] = items, tuple(items)
    return question


QUESTION_STRATEGIES = {
    "single": _choice,
    "multiple": _choice,
    "truefalse": _truefalse,
    "cloze": _cloze,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "order": _order,
}


@dataclass
class GeneratedBank:
    """A bank of one question per type (in a drawn order), as data and as expected values."""

    data: dict[str, Any]
    questions: list[Generated]


@st.composite
def valid_banks(draw: st.DrawFn) -> GeneratedBank:
    """Draw a valid bank holding one question of every type."""
    language = draw(st.sampled_from(sorted(LANGUAGES)))
    ids = draw(st.lists(identifiers, min_size=8, max_size=8, unique=True))
    questions = []
    for qid, qtype in zip(ids, draw(st.permutations(list(QUESTION_STRATEGIES))), strict=True):
        question = draw(QUESTION_STRATEGIES[qtype](qtype, language))
        question.data["id"] = question.expected["id"] = qid
        questions.append(question)
    data: dict[str, Any] = {
        "bank": draw(identifiers),
        "title": draw(texts),
        "language": language,
        "source": SOURCE,
    }
    if draw(st.booleans()):
        data["description"] = draw(texts)
    if draw(st.booleans()):
        data["tags"] = draw(distinct(1, 3))
    data["questions"] = [q.data for q in questions]
    return GeneratedBank(data, questions)


# What a mutated field may become: anything YAML can hold, and the near misses a teacher types.
NEAR_MISSES = st.sampled_from(
    [
        "",
        " ",
        "~",
        "true",
        "False",
        "yes",
        "0",
        "-1",
        "2,5",
        "2.5.1",
        "1e3",
        "[[x]]",
        "[[",
        "a|b",
        "[[ |x]]",
        "[[a[[b]]]]",
        "\x07",
        "\x1f",
        "\ufeff",
        "single",
        "nope",
        "seeds",
        "../t.txt",
    ]
)
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | NEAR_MISSES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
MUTATIONS_PER_FIELD_OWNER = 3  # drawing a valid bank costs more than loading three changed copies
BANK_FIELDS = ["bank", "title", "language", "source", "description", "tags", "deck", "questions"]
QUESTION_FIELDS = ["id", "type", "prompt", "source", "explanation", "tags", "points", "correct"]
QUESTION_FIELDS += ["wrong", "choices", "shuffle", "answer", "text", "tolerance", "unit", "pairs"]
QUESTION_FIELDS += ["items", "answer_in_quote", "extra"]


def _changed(draw: st.DrawFn, value: Any) -> Any:
    """Return a value near the given one: the mistakes a teacher makes in a list, mapping or text."""
    if isinstance(value, list) and value:
        choices = [value + value[:1], value[:1], [], [*value[:-1], draw(ANY_VALUE)]]
    elif isinstance(value, dict) and value:
        first = next(iter(value))
        choices = [dict.fromkeys(value, value[first]), {**value, " ": "x"}, {first: value[first]}]
        choices.append({**value, first: draw(ANY_VALUE)})
    elif isinstance(value, str):
        choices = [f"{value}[[", f"[[]]{value}", f"[[ | {value}]]", f"-{value}", f"{value}\x07"]
    else:
        choices = []
    return draw(st.sampled_from(choices) | ANY_VALUE) if choices else draw(ANY_VALUE)


def _mutate(draw: st.DrawFn, bank: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of the bank with one field of `owner` (the bank or a question) changed."""
    if owner is bank:
        copy = target = deepcopy(bank)
    else:  # the question alone in its bank: a small file, so many mutations stay fast
        target = deepcopy(owner)
        copy = {**bank, "questions": [target]}
    present = sorted(target)
    every = BANK_FIELDS if owner is bank else QUESTION_FIELDS
    # mostly a field the question has, mostly changed a little: that reaches each type's checks
    name = draw(st.sampled_from([*present, *present, *present, *every]))
    action = draw(st.sampled_from(["change", "change", "change", "delete", "copy", "anything"]))
    if action == "delete" and name in target:
        del target[name]
    elif name == "type":
        target[name] = draw(st.sampled_from(sorted(QUESTION_STRATEGIES)) | ANY_VALUE)
    elif action == "change" and name in target:
        target[name] = _changed(draw, target[name])
    elif action == "copy":  # e.g. correct: the choices
        target[name] = deepcopy(target[draw(st.sampled_from(present))])
    else:
        target[name] = draw(ANY_VALUE)
    return copy


@st.composite
def mutated_banks(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Draw a valid bank, then copies of it that each change one field: of the bank, of each question."""
    bank = draw(valid_banks()).data
    owners = [bank, *bank["questions"]] * MUTATIONS_PER_FIELD_OWNER
    return [_mutate(draw, bank, owner) for owner in owners]

"""Pedagogical lint: questions that give themselves away or repeat each other (warnings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from quizgen.bank.folded_text import fold
from quizgen.bank.yaml_slips import curly_quoted
from quizgen.errors import Location, Problem
from quizgen.model import (
    Bank,
    ChoiceQuestion,
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

# an A4 page of body text holds about 3,000 characters (45 lines of 70)
PAGE_CHARACTERS = 3000
# below this many choice questions a pattern in them is chance
PATTERN_QUESTIONS = 4
_NEAR_LETTERS = 2  # Rakete and Raketen, Patriot-System and Patriot-Systeme
_DIGIT = re.compile(r"\d")
_WORDS = 3  # a distractor of this many words found in the quote is a statement the quote makes
# with two items or pairs, knowing one place (or partner) gives the other away
_FEWEST_PARTS = 3


def lint_bank(bank: Bank) -> list[Problem]:
    """Return the bank's pedagogical warnings (and errors for typed answers in curly quotes)."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], Question] = {}
    for question in bank.questions:
        problems.extend(_question_problems(question))
        key = (question.type, fold(question.source), _answer_key(question))
        first = seen.setdefault(key, question)
        if first is not question:
            problems.append(
                _warn(
                    question.location,
                    question,
                    f"has the same quote and answer as question '{first.id}' (line "
                    f"{first.location.line}); ask something else of it, or remove one",
                )
            )
    problems.extend(_bank_patterns(bank))
    return problems


def _warn(where: Location, question: Question, message: str) -> Problem:
    return Problem(where, "warning", f"question '{question.id}': {message}")


def _question_problems(question: Question) -> Iterator[Problem]:
    """Yield what gives one question away."""
    if isinstance(question, ChoiceQuestion):
        yield from _near_duplicate_choices(question)
        yield from _distractors_stated(question)
    if isinstance(question, TrueFalse) and not question.answer and _states(question):
        yield _warn(
            question.where("answer"),
            question,
            "the statement is false (answer: false), but its source quote says it word for word",
        )
    if isinstance(question, Order | Match):
        yield from _too_few_parts(question)
    given_away = _answer_in_prompt(question)
    if given_away:
        yield _warn(
            question.where("prompt"),
            question,
            f"the prompt contains its own answer '{given_away}'; reword it",
        )
    length = len(question.prompt) + (len(question.text) if isinstance(question, Cloze) else 0)
    if length > PAGE_CHARACTERS:
        yield _warn(
            question.where("text" if isinstance(question, Cloze) else "prompt"),
            question,
            f"the prompt is {length:,} characters, longer than a printed page (about "
            f"{PAGE_CHARACTERS:,}); split it into several questions",
        )
    if isinstance(question, Cloze):
        for gap in question.gaps:
            if curly_quoted(gap.answer):
                yield Problem(
                    question.where("text"),
                    "error",
                    f"question '{question.id}': gap '{gap.answer}' is wrapped in curly quotes: "
                    "the quiz would expect them typed and mark the right answer wrong; put the "
                    "quotes outside the gap",
                )


def _too_few_parts(question: Order | Match) -> Iterator[Problem]:
    if isinstance(question, Order):
        count, what = len(question.items), "an order question with only {} items"
        away, part = "who knows where one goes knows where the other goes", "item"
    else:
        count, what = len(question.pairs), "a match question with only {} pairs"
        away, part = "who knows one pair knows the other", "pair"
    if count < _FEWEST_PARTS:
        yield _warn(
            question.location,
            question,
            f"{what.format(count)} gives itself away ({away}); add a third {part}, or ask it "
            "as true/false or single choice",
        )


def _near_duplicate_choices(question: ChoiceQuestion) -> Iterator[Problem]:
    texts = [choice.text for choice in question.choices]
    folded = [_plain(text) for text in texts]
    for i, one in enumerate(folded):
        for j in range(i):
            if _nearly_same(one, folded[j]):
                yield _warn(
                    question.where("choices" if "choices" in question.field_positions else "wrong"),
                    question,
                    f"choices '{texts[j]}' and '{texts[i]}' are nearly the same; "
                    "make them plainly different",
                )


def _nearly_same(one: str, other: str) -> bool:
    """Return whether two folded choices differ in no more than two letters in one place."""
    if one == other:
        return True
    if min(len(one), len(other)) < 6 or abs(len(one) - len(other)) > _NEAR_LETTERS:
        return False
    if _DIGIT.search(one) or _DIGIT.search(other):
        return False  # numbers a digit apart (1990, 1991) mean different things
    start = 0
    limit = min(len(one), len(other))
    while start < limit and one[start] == other[start]:
        start += 1
    end = 0
    while end < limit - start and one[-1 - end] == other[-1 - end]:
        end += 1
    return max(len(one), len(other)) - start - end <= _NEAR_LETTERS


def _distractors_stated(question: ChoiceQuestion) -> Iterator[Problem]:
    quote = _plain(question.source)
    for choice in question.choices:
        text = _plain(choice.text)
        if not choice.correct and len(text.split()) >= _WORDS and _has_words(quote, text):
            yield _warn(
                question.where("choices" if "choices" in question.field_positions else "wrong"),
                question,
                f"the wrong choice '{choice.text}' is stated in its source quote as true; "
                "check the answer, or reword the choice",
            )


def _states(question: TrueFalse) -> bool:
    statement = _plain(question.prompt)
    return len(statement.split()) >= _WORDS and _has_words(_plain(question.source), statement)


def _answer_in_prompt(question: Question) -> str | None:
    """Return the answer a prompt gives away, or None."""
    prompt = _plain(question.prompt)
    if not prompt:
        return None
    if isinstance(question, SingleChoice):
        right = [c.text for c in question.choices if c.correct]
        wrong = [c.text for c in question.choices if not c.correct]
        if any(_has_words(prompt, _plain(w)) for w in wrong):
            return None  # "ATACMS or HIMARS?": the prompt names the options
        return next((r for r in right if _giveaway(prompt, r)), None)
    if isinstance(question, ShortAnswer):
        return next((a for a in question.answers if _giveaway(prompt, a)), None)
    if isinstance(question, Numeric):
        number = str(question.answer)
        written = {number, number.replace(".", ",")}
        words = f" {prompt} "
        if any(f" {n} " in words for n in written):
            return number
    if isinstance(question, Cloze):
        rest = _plain(" ".join(s for s in question.segments if isinstance(s, str)))
        context = f"{prompt} {rest}"
        return next((g.answer for g in question.gaps if _giveaway(context, g.answer)), None)
    return None


def _giveaway(prompt: str, answer: str) -> bool:
    plain = _plain(answer)
    return len(plain) >= 3 and not plain.isdigit() and _has_words(prompt, plain)


def _has_words(text: str, words: str) -> bool:
    """Return whether `words` occur in `text` as whole words (both made _plain)."""
    return bool(words) and f" {words} " in f" {text} "


_PUNCTUATION = re.compile(r"[^\w\s-]")


@lru_cache(maxsize=4096)  # choices and quotes recur across a bank's questions
def _plain(text: str) -> str:
    """Fold a text and drop its punctuation, for comparing what it says."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def _answer_key(question: Question) -> str:
    """Return what a question asks for, to find two that ask the same of the same quote."""
    if isinstance(question, ChoiceQuestion):
        return "|".join(sorted(_plain(c.text) for c in question.choices if c.correct))
    if isinstance(question, TrueFalse):
        return f"{_plain(question.prompt)}|{question.answer}"
    if isinstance(question, ShortAnswer):
        return _plain(question.answers[0])
    if isinstance(question, Numeric):
        return str(question.answer)
    if isinstance(question, Cloze):
        return "|".join(_plain(g.answer) for g in question.gaps)
    if isinstance(question, Match):
        return "|".join(f"{_plain(a)}={_plain(b)}" for a, b in question.pairs)
    if isinstance(question, Order):
        return "|".join(_plain(i) for i in question.items)
    return question.id  # pragma: no cover - every type is above


def _bank_patterns(bank: Bank) -> Iterator[Problem]:
    """Yield patterns across the bank's choice questions a student can learn instead of the text."""
    singles = [q for q in bank.questions if isinstance(q, SingleChoice) and len(q.choices) >= 3]
    longest = [q for q in singles if _correct_is_longest(q)]
    if len(singles) >= PATTERN_QUESTIONS and len(longest) == len(singles):
        yield Problem(
            bank.location,
            "warning",
            f"in all {len(singles)} single-choice questions the correct choice is the longest; "
            "students learn to pick the longest: lengthen some wrong choices",
        )
    fixed = [
        q
        for q in bank.questions
        if isinstance(q, SingleChoice | MultipleChoice) and not q.shuffle and len(q.choices) >= 3
    ]
    places = {tuple(i for i, c in enumerate(q.choices) if c.correct) for q in fixed}
    if len(fixed) >= PATTERN_QUESTIONS and len(places) == 1:
        place = ", ".join(str(i + 1) for i in next(iter(places)))
        yield Problem(
            bank.location,
            "warning",
            f"in all {len(fixed)} choice questions with shuffle: false the correct choice is "
            f"number {place}; students learn the place: vary it, or let quizgen shuffle",
        )


def _correct_is_longest(question: SingleChoice) -> bool:
    right = max(len(c.text) for c in question.choices if c.correct)
    return all(len(c.text) < right for c in question.choices if not c.correct)

"""Deterministic shuffles: the same bank, question and variant always give the same order."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

from quizgen.model import Bank, Choice, ChoiceQuestion, Match, Order, Question

T = TypeVar("T")


def seeded_random(*parts: object) -> random.Random:
    """Return a Random seeded from the parts (stable across Python runs, unlike hash())."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def shuffled(items: Sequence[T], *parts: object) -> list[T]:
    """Return the items in a deterministic order seeded by the parts."""
    result = list(items)
    seeded_random(*parts).shuffle(result)
    return result


def choice_order(
    bank: Bank, question: ChoiceQuestion, variant: int = 0, seed: int = 0
) -> list[Choice]:
    """Return the options as shown: shuffled per variant unless the bank says `shuffle: false`."""
    if not question.shuffle:
        return list(question.choices)
    return shuffled(question.choices, bank.id, question.id, seed, variant)


def question_order(bank: Bank, variant: int, seed: int = 0) -> list[Question]:
    """Return the questions for a variant: bank order for variant 0, shuffled otherwise."""
    if variant == 0:
        return list(bank.questions)
    return shuffled(bank.questions, bank.id, "questions", seed, variant)


def scrambled(items: Sequence[T], *parts: object) -> list[T]:
    """Return the items shuffled by the parts, never in their given order (that is the answer)."""
    result = shuffled(items, *parts)
    if len(result) > 1 and result == list(items):
        result = result[1:] + result[:1]
    return result


def match_order(bank: Bank, question: Match, variant: int = 0, seed: int = 0) -> list[int]:
    """Return the indices of a match's right-hand items as shown: the same in every output."""
    return scrambled(range(len(question.pairs)), bank.id, question.id, "match", seed, variant)


def item_order(bank: Bank, question: Order, variant: int = 0, seed: int = 0) -> list[int]:
    """Return the indices of an order question's items as shown: the same in every output."""
    return scrambled(range(len(question.items)), bank.id, question.id, "order", seed, variant)

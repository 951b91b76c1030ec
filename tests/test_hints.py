"""The "did you mean" hints: the closest known word, and none when nothing is close."""

from __future__ import annotations

import pytest

from quizgen.errors import closest

FIELDS = ("type", "tags", "source", "answer", "prompt")


@pytest.mark.parametrize(
    "written, meant",
    [("tpye", "type"), ("anwser", "answer"), ("srouce", "source"), ("promt", "prompt")],
)
def test_a_slip_of_the_keys_gets_the_word_meant(written: str, meant: str) -> None:
    assert closest(written, FIELDS) == meant


def test_a_word_like_none_known_gets_no_hint() -> None:
    assert closest("klasse", FIELDS) is None

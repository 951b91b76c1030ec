"""Rank candidates: the most useful first, a few per sentence, none asking what another asks."""

from __future__ import annotations

from collections import Counter

from quizgen.draft.candidates import Candidate

# a short sentence holds one or two facts worth asking, a long one up to four: more would ask
# the same sentence again and again, and the teacher wants the whole text covered
MAX_PER_SENTENCE = 4
WORDS_PER_QUESTION = 18
PER_ANSWER = 3  # the same name gapped in a fourth sentence teaches nothing new
REPEAT_PENALTY = 3.0  # an answer asked before drops below the first questions on others
LEAD_BONUS = 0.5  # news put what matters first: the first sentences win ties


def per_sentence_cap(words: int) -> int:
    """Return how many candidates a sentence of so many words may give."""
    return min(MAX_PER_SENTENCE, 2 + words // WORDS_PER_QUESTION)


def rank(candidates: list[Candidate], words: list[int]) -> list[Candidate]:
    """Return the chosen candidates, best first; ties go to the earlier sentence and place.

    `words` is each sentence's length in words.
    """
    sentences = len(words)
    chosen: list[Candidate] = []
    per_sentence: Counter[int] = Counter()
    per_answer: Counter[str] = Counter()
    asked: set[tuple[int, tuple[int, int]]] = set()
    remaining = list(candidates)

    def value(candidate: Candidate) -> tuple[float, int, int, str]:
        lead = LEAD_BONUS * (1 - candidate.sentence / max(sentences, 1))
        repeat = REPEAT_PENALTY * per_answer[candidate.answer.casefold()]
        score = candidate.score + lead - repeat
        return (-score, candidate.sentence, candidate.span[0], candidate.kind)

    while remaining:
        best = min(remaining, key=value)
        remaining.remove(best)
        places = best.places()
        covered = {sentence for sentence, _span in places}
        if (
            any(per_sentence[s] >= per_sentence_cap(words[s]) for s in covered)
            or per_answer[best.answer.casefold()] >= PER_ANSWER
            or any(
                s == here and _overlap(span, there) for s, span in asked for here, there in places
            )
        ):
            continue
        chosen.append(best)
        asked.update(places)
        for sentence in covered:
            per_sentence[sentence] += 1
        per_answer[best.answer.casefold()] += 1
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]

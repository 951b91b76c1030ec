"""What the quiz page shows and how its script checks it, formatted from the answer layer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from quizgen.answers.keys import answer_key_entry
from quizgen.answers.solutions import Solution, SolvedQuestion
from quizgen.model import Bank
from quizgen.present import markup
from quizgen.present.article import cite_paragraphs
from quizgen.present.pages import content_digest


@dataclass(frozen=True)
class QuestionView:
    """One question as the template shows it; `solution` says what is right, in shown order."""

    qid: str
    number: int
    type: str
    points: int
    prompt: Markup
    has_prompt: bool  # False for a cloze without one: the template shows its fallback
    explanation: Markup
    source: str
    solution: Solution
    # what earns a share under partial scoring ("tick" …), else "": the card says so. Not in
    # the repr, which keys saved progress: an answer stays the same answer under another rule
    partial_part: str = field(default="", repr=False)
    # where its quote stands in the text ("Abs. 3"); not in the repr either: the same question
    # stays the same question when the text above it gains a paragraph
    paragraphs: str = field(default="", repr=False)


def quiz_path(bank: Bank) -> str:
    """Return where a bank's quiz goes below the output folder."""
    return f"{bank.id}/{bank.id}-quiz.html"


def question_views(
    solved: Sequence[SolvedQuestion], common: Mapping[str, str] | None = None
) -> list[QuestionView]:
    """Return every question as the quiz shows it; with the [common] strings, its quote's place."""
    return [
        QuestionView(
            qid=s.question.id,
            number=s.number,
            type=s.type,
            points=s.question.points,
            prompt=markup.inline(s.question.prompt),
            has_prompt=s.has_prompt,
            explanation=markup.block(s.question.explanation),
            source=s.question.source,
            solution=s.solution,
            partial_part=s.scoring.part if s.scoring.partial and s.scoring.parts > 1 else "",
            paragraphs=cite_paragraphs(s.paragraphs, common) if common else "",
        )
        for s in solved
    ]


def answer_key(solved: Sequence[SolvedQuestion]) -> dict[str, dict[str, object]]:
    """Return per question id what the page's script needs to check an answer."""
    return {s.question.id: answer_key_entry(s.scoring) for s in solved}


def question_hashes(
    views: Sequence[QuestionView], key: dict[str, dict[str, object]], language: str
) -> dict[str, str]:
    """Return per question id a digest of what the page shows and checks for it (keys its progress)."""
    # without its number: a question added or removed before it leaves a saved answer valid;
    # without its scoring rule: a saved answer stays the same answer under another rule
    return {
        view.qid: content_digest(language, replace(view, number=0), _without_rule(key[view.qid]))
        for view in views
    }


def _without_rule(entry: dict[str, object]) -> dict[str, object]:
    """Return a key entry without its scoring rule."""
    return {name: value for name, value in entry.items() if name != "partial"}

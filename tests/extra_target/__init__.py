"""A new output format written as a newcomer would: this module and one registry line, nothing else.

It writes a plain-text list of every question with its answer (formatted from the answer layer),
declares the file as teacher material, and reads an option of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.answers.solve import solve_bank
from quizgen.targets import FileRole


@dataclass(frozen=True)
class AnswerListOptions:
    """--seed orders the options here as it does in the quiz."""

    seed: int = 0
    heading: str = "Answers"  # an option of this target alone, not on the command line


class AnswerListTarget:
    """Writes <bank>/<bank>-answers.txt for every bank."""

    name = "answers"
    options = AnswerListOptions
    labels = ("key",)

    def build(self, banks, out, context) -> None:
        options = context.options(AnswerListOptions)
        seed = options.seed
        for bank in banks:
            lines = [options.heading] + [
                f"{solved.number}. {solved.question.id}: {solved.scoring.kind}"
                for solved in solve_bank(bank, {"true": "true", "false": "false"}, 0, seed)
            ]
            out.write(
                f"{bank.id}/{bank.id}-answers.txt",
                "\n".join(lines) + "\n",
                FileRole("key", bank.id, "teacher"),
            )


TARGET = AnswerListTarget()

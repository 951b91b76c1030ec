"""The table `quizgen list` prints."""

from __future__ import annotations

from quizgen.check.grounding import coverage
from quizgen.model import QUESTION_TYPES, Bank

_SHORT = {
    "single": "sc",
    "multiple": "mc",
    "truefalse": "tf",
    "cloze": "cl",
    "short": "sa",
    "numeric": "nu",
    "match": "ma",
    "order": "or",
}


def bank_table(banks: list[Bank]) -> str:
    """Return one row per bank: id, title, language, questions per type, sections/paragraphs covered."""
    header = [
        "bank",
        "title",
        "lang",
        "questions",
        *(_SHORT[t] for t in QUESTION_TYPES),
        "sections",
        "paragraphs",
    ]
    rows = [header]
    for bank in banks:
        counts = bank.question_counts()
        cov = coverage(bank)
        rows.append(
            [
                bank.id,
                bank.title,
                bank.language,
                str(len(bank.questions)),
                *(str(counts[t]) for t in QUESTION_TYPES),
                f"{cov.sections_covered}/{cov.sections}",
                f"{cov.paragraphs_covered}/{cov.paragraphs}",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    legend = "types: " + ", ".join(f"{_SHORT[t]}={t}" for t in QUESTION_TYPES)
    return "\n".join([*lines, "", legend])

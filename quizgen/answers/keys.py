"""The answer key as the quiz's checking script (quiz-check.js) reads it, in the HTML quiz and on Anki cards."""

from __future__ import annotations

from quizgen.answers.solutions import Scoring

# What the script reads of each kind of scoring (quiz-check.js knows these kinds).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("correct", "partial"),
    "text": ("accepted", "exact", "partial"),
    "number": ("answer", "tolerance", "unit"),
    "select": ("correct", "partial"),
}


def answer_key_entry(scoring: Scoring) -> dict[str, object]:
    """Return what the script needs to check one question's answer, as JSON-ready values."""
    key: dict[str, object] = {"points": scoring.points, "kind": scoring.kind}
    for name in KEY_FIELDS[scoring.kind]:
        value = getattr(scoring, name)
        if name in ("answer", "tolerance"):
            value = float(value)  # JSON numbers; the script allows for binary fractions
        elif isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        elif name == "partial" and not value:
            continue  # the script reads a missing rule as all or nothing
        key[name] = value
    return key

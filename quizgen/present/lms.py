"""What the learning-platform exports show alike: the general feedback, and short titles."""

from __future__ import annotations

from markupsafe import Markup, escape

from quizgen.model import Question
from quizgen.present import markup
from quizgen.present.strings import fill

TITLE_LENGTH = 60  # characters of the prompt in a question's title; the platforms list by it


def general_feedback(question: Question, quote_text: str, title: str) -> Markup:
    """Return the explanation, then the source quote with the bank's title (`[common] quote`)."""
    # the UI string is the catalog's HTML; the quote and the title are the bank's text
    quote = fill(quote_text, quote=escape(question.source), title=escape(title))
    return Markup(f"{markup.block(question.explanation)}<p>{quote}</p>")


def shortened(text: str, length: int = TITLE_LENGTH) -> str:
    """Return text on one line, cut at `length` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""Turn questions into Anki notes: field HTML that is safe and inert, tags, stable GUIDs."""

from __future__ import annotations

import re
from pathlib import Path

import genanki
from markupsafe import Markup, escape

from quizgen.answers.numbers import format_decimal, letter
from quizgen.answers.shuffle import choice_order, item_order, match_order
from quizgen.model import (
    Bank,
    ChoiceQuestion,
    Cloze,
    Gap,
    Match,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, template_errors
from quizgen.targets.anki.models import FIELDS_FILE, NOTE_TYPES

# Anki reads its own syntax out of field HTML after the template is filled: {{c1::…}} clozes,
# [sound:…] and [anki:tts] tags, and the reviewer's [[type:…]] marker. As character references
# these show the same in the browser but are no longer syntax, so bank text stays text.
_ANKI_SYNTAX = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;"})
_WHITESPACE = re.compile(r"\s+")


def anki_html(html: Markup) -> str:
    """Return safe HTML for an Anki field, with Anki's own markup syntax made inert."""
    return str(html).translate(_ANKI_SYNTAX)


def anki_tag(tag: str) -> str:
    """Return a tag Anki keeps whole: whitespace (its tag separator) becomes '_'."""
    return _WHITESPACE.sub("_", tag.strip())


def note_guid(bank: Bank, question: Question) -> str:
    """Return the note's GUID: from the bank and question ids only, so edits keep it."""
    return genanki.guid_for(bank.id, question.id)


class NoteFields:
    """Renders one bank's questions into note field values with the field macros."""

    def __init__(self, bank: Bank, template_dirs: tuple[Path, ...]) -> None:
        self.bank = bank
        strings = ui_strings(bank.language, template_dirs)
        self.common, self.anki = strings["common"], strings["anki"]
        self.env = environment(template_dirs)
        with template_errors(self.env, FIELDS_FILE):
            self.macros = self.env.get_template(FIELDS_FILE).module

    def fields(self, question: Question) -> list[str]:
        """Return the note's field values in the order of its note type."""
        with template_errors(self.env, FIELDS_FILE):  # the macros may be a teacher's own
            return self._fields(question)

    def _fields(self, question: Question) -> list[str]:
        values: dict[str, Markup] = {
            "Prompt": markup.inline(question.prompt),
            "Instruction": escape(self._instruction(question)),
            "Explanation": self._explanation(question),
            "Source": self.macros.source(
                self.common["source"],
                markup.plain(question.source),
                markup.plain(self.bank.title),
                self.bank.language,
            ),
            **self._specific(question),
        }
        fields = {name: anki_html(value) for name, value in values.items()}
        if isinstance(question, Cloze):
            fields["Text"] = cloze_text(question)
        return [fields[name] for name in NOTE_TYPES[question.type].fields]

    def _instruction(self, question: Question) -> str:
        if isinstance(question, Cloze) and question.prompt.strip():
            return ""  # the teacher's prompt already says what to do
        if isinstance(question, Numeric) and question.unit:
            return self.anki["numeric_unit"].replace("{unit}", question.unit)
        return self.anki[question.type]

    def _explanation(self, question: Question) -> Markup:
        if not question.explanation.strip():
            return Markup("")
        return self.macros.explanation(
            self.common["explanation"], markup.block(question.explanation)
        )

    def _specific(self, question: Question) -> dict[str, Markup]:
        if isinstance(question, ChoiceQuestion):
            options = [
                {"key": key, "text": markup.inline(choice.text), "correct": choice.correct}
                for key, choice in zip(
                    _letters(len(question.choices)), choice_order(self.bank, question), strict=True
                )
            ]
            return {
                "Body": self.macros.choices(options),
                "Solution": self.macros.choice_solution(options),
            }
        if isinstance(question, TrueFalse):
            verdict = self.common["true" if question.answer else "false"]
            return {"Body": Markup(""), "Solution": self.macros.verdict(verdict, question.answer)}
        if isinstance(question, Match):
            return self._match(question)
        if isinstance(question, Order):
            return self._order(question)
        if isinstance(question, ShortAnswer):
            return self._typein(question.answers[0], "", "", question.answers[1:])
        if isinstance(question, Numeric):
            tolerance = (
                format_decimal(question.tolerance, self.bank.language) if question.tolerance else ""
            )
            answer = format_decimal(question.answer, self.bank.language)
            return self._typein(answer, question.unit, tolerance, ())
        if isinstance(question, Cloze):
            return self._cloze(question)
        raise TypeError(f"no Anki note type for question type '{question.type}'")

    def _match(self, question: Match) -> dict[str, Markup]:
        lefts = [_keyed(str(n), left) for n, (left, _right) in enumerate(question.pairs, 1)]
        rights = [right for _left, right in question.pairs]
        shown = [rights[i] for i in match_order(self.bank, question)]
        keyed = {
            text: _keyed(key, text) for key, text in zip(_letters(len(shown)), shown, strict=True)
        }
        pairs = [
            {"left": left, "right": keyed[right]} for left, right in zip(lefts, rights, strict=True)
        ]
        return {
            "Body": self.macros.match_items(lefts, list(keyed.values())),
            "Solution": self.macros.match_solution(pairs),
        }

    def _order(self, question: Order) -> dict[str, Markup]:
        shown = [question.items[i] for i in item_order(self.bank, question)]
        keyed = {
            text: _keyed(key, text) for key, text in zip(_letters(len(shown)), shown, strict=True)
        }
        return {
            "Body": self.macros.order_items(list(keyed.values())),
            "Solution": self.macros.order_solution([keyed[item] for item in question.items]),
        }

    def _typein(
        self, answer: str, unit: str, tolerance: str, also: tuple[str, ...]
    ) -> dict[str, Markup]:
        solution = self.macros.typein_solution(
            self.anki["answer"], answer, unit, tolerance, self.anki["also_accepted"], also
        )
        return {"Answer": markup.plain(answer), "Solution": solution}

    def _cloze(self, question: Cloze) -> dict[str, Markup]:
        gaps = [
            {"number": n, "answer": gap.answer, "also": gap.answers[1:]}
            for n, gap in enumerate(question.gaps, 1)
            if len(gap.answers) > 1
        ]
        if not gaps:
            return {"Solution": Markup("")}
        return {
            "Solution": self.macros.cloze_solution(
                self.anki["gap"], self.anki["also_accepted"], gaps
            )
        }


def cloze_text(question: Cloze) -> str:
    """Return the cloze field: inert text with one {{cN::answer}} per gap, numbered in order."""
    parts, number = [], 0
    for segment in question.segments:
        if isinstance(segment, Gap):
            number += 1
            # ':' as a reference too, so a '::' in an answer cannot start a cloze hint
            answer = anki_html(markup.plain(segment.answer)).replace(":", "&#58;")
            parts.append(f"{{{{c{number}::{answer}}}}}")
        else:
            parts.append(anki_html(markup.inline_spaced(segment)))
    return "".join(parts)


def _keyed(key: str, text: str) -> dict[str, object]:
    return {"key": key, "text": markup.inline(text)}


def _letters(count: int) -> list[str]:
    """Return the labels A, B, … for `count` options."""
    return [letter(n) for n in range(1, count + 1)]

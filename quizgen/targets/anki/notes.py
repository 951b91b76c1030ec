"""Turn questions into Anki notes: field HTML that is safe and inert, tags, stable GUIDs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from quizgen.answers.keys import answer_key_entry
from quizgen.answers.numbers import uses_decimal_comma
from quizgen.answers.solutions import ClozeSolution, GapSolution, SolvedQuestion
from quizgen.errors import TargetError
from quizgen.model import Bank, Question, Withdrawn
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, find_template_file, template_errors
from quizgen.targets.anki.cards import removed_cards
from quizgen.targets.anki.genanki_api import genanki
from quizgen.targets.anki.models import FIELDS, FIELDS_FILE, MODEL_NAME

# Anki reads its own syntax out of field HTML after the template is filled: {{c1::…}} clozes,
# [sound:…] and [anki:tts] tags, and the reviewer's [[type:…]] marker. As character references
# these show the same in the browser but are no longer syntax, so bank text stays text.
_ANKI_SYNTAX = (("{", "&#123;"), ("}", "&#125;"), ("[", "&#91;"), ("]", "&#93;"))
_WHITESPACE = re.compile(r"\s+")
# The fields each question type's own macros in fields.html fill (<type>_body, …); the others
# are the same for every type. A type's other own fields stay empty.
OWN_FIELDS = {
    "single": ("Body", "Solution"),
    "multiple": ("Body", "Solution"),
    "truefalse": ("Body", "Solution"),
    "match": ("Body", "Solution"),
    "order": ("Body", "Solution"),
    "cloze": ("Text", "Solution"),
    "short": ("Answer", "Solution"),
    "numeric": ("Answer", "Solution"),
}
WITHDRAWN_TAG = "quizgen::withdrawn"
# the one card of a question without gaps: a cloze note needs a cloze number to make a card
ONE_CARD = "{{c1::1}}"


def anki_html(html: Markup | str) -> str:
    """Return safe HTML for an Anki field, with Anki's own markup syntax made inert."""
    text = str(html)
    # str.replace, not str.translate: translate takes a slow path on any non-ASCII text (40x here);
    # and only where needed: replace scans even a text without the character 10x slower than `in`
    for character, reference in _ANKI_SYNTAX:
        if character in text:
            text = text.replace(character, reference)
    return text


def cloze_content(html: Markup | str) -> str:
    """Return HTML for inside a {{cN::…}}: inert, and with ':' a reference so '::' starts no hint."""
    return anki_html(html).replace(":", "&#58;")


@lru_cache(maxsize=4096)  # a bank has few tags, each on many notes
def anki_tag(tag: str) -> str:
    """Return a tag Anki keeps whole: whitespace (its tag separator) becomes '_'."""
    return _WHITESPACE.sub("_", tag.strip())


def note_guid(bank: Bank, question_id: str) -> str:
    """Return the note's GUID: from the bank and question ids only, so edits keep it."""
    # the note type's name too: a note of quizgen 0.1's note types cannot become a v2 note
    guid: str = genanki.guid_for(bank.id, question_id, MODEL_NAME)
    return guid


class FieldMacros:
    """The field macros of anki/fields.html, compiled once for every bank of a build."""

    def __init__(self, template_dirs: tuple[Path, ...]) -> None:
        self.template_dirs = template_dirs
        self.env = environment(template_dirs)
        self.env.globals["anki_cloze"] = lambda solution: Markup(cloze_text(solution))
        with template_errors(self.env, FIELDS_FILE):
            # the macros are the teacher's to change: Jinja cannot type them
            self.module: Any = self.env.get_template(FIELDS_FILE).module
        self._of_type: dict[str, _TypeMacros] = {}

    def of_type(self, question_type: str) -> _TypeMacros:
        """Return the macros of a question type's own fields (looked up once per build)."""
        found = self._of_type.get(question_type)
        if found is None:
            own = tuple(
                (name, self._macro(f"{question_type}_{name.lower()}"))
                for name in OWN_FIELDS[question_type]
            )
            instruction = getattr(self.module, f"{question_type}_instruction", None)
            found = self._of_type[question_type] = _TypeMacros(own, instruction)
        return found

    def _macro(self, name: str) -> Any:
        """Return a field macro; an override written before the answer layer lacks them."""
        macro = getattr(self.module, name, None)
        if macro is None:
            where = find_template_file(self.template_dirs, FIELDS_FILE) or FIELDS_FILE
            raise TargetError(
                f"{where}: error: no macro '{name}'; each question type now has its own field "
                "macros: copy quizgen's templates/anki/fields.html again and redo your changes "
                "(see docs/anki.md)"
            )
        return macro


@dataclass(frozen=True)
class _TypeMacros:
    own: tuple[tuple[str, Any], ...]  # the fields only this type fills, with their macros
    instruction: Any | None  # the type's instruction macro, if it has one


class NoteFields:
    """Renders one bank's questions into note field values with the field macros."""

    def __init__(self, bank: Bank, macros: FieldMacros) -> None:
        self.bank = bank
        strings = ui_strings(bank.language, macros.template_dirs)
        self.common, self.anki, self.html = strings["common"], strings["anki"], strings["html"]
        self.macros = macros
        self._title = markup.plain(bank.title)
        self._removed = cloze_content(escape(self.anki["removed_gap"]))
        self._instructions: dict[str, str] = {}
        self._typed_strings = {
            "accepted": self.anki["typed_accepted"],
            "not_accepted": self.anki["typed_not_accepted"],
            "not_a_number": self.html["not_a_number"],
            "number_example": self.html["number_example"],
        }

    def all_fields(self, solved: Sequence[SolvedQuestion]) -> list[list[str]]:
        """Return every note's field values in the note type's order."""
        with template_errors(self.macros.env, FIELDS_FILE):  # the macros may be a teacher's own
            return [self._fields(s) for s in solved]

    def withdrawn_fields(self, withdrawn: Withdrawn) -> list[str]:
        """Return the fields of a withdrawn question's note: every card it had says so."""
        notice = self.anki["withdrawn"]
        inert = cloze_content(escape(notice))
        values = {
            "Question": anki_html(escape(f"{notice} ({withdrawn.id})")),
            "Id": anki_html(escape(f"{self.bank.id}/{withdrawn.id}")),
            "Kind": "withdrawn",
            "Removed": notice_cards(range(1, withdrawn.gaps + 1), inert),
        }
        return [values.get(name, "") for name in FIELDS]

    def _fields(self, solved: SolvedQuestion) -> list[str]:
        question = solved.question
        macros = self.macros.of_type(question.type)
        values: dict[str, str] = {
            "Question": anki_html(escape(question_summary(solved))),
            "Prompt": anki_html(markup.inline(question.prompt)),
            # a macro returns escaped Markup; the plain catalog string is escaped here, once a type
            "Instruction": anki_html(macros.instruction(solved, self.anki))
            if macros.instruction
            else self._instruction(question.type),
            "Explanation": anki_html(self._explanation(question)),
            "Source": anki_html(
                self.macros.module.source(
                    self.common["source"],
                    markup.plain(question.source),
                    self._title,
                    self.bank.language,
                )
            ),
            "Id": anki_html(escape(f"{self.bank.id}/{question.id}")),
            "Kind": question.type,
            "Data": self._data(solved),
            # a cloze's cards come from its Text; every other type's one card from this marker
            "Cards": "" if "Text" in OWN_FIELDS[question.type] else ONE_CARD,
            "Removed": notice_cards(removed_cards(question), self._removed),
        }
        # the type's own fields come from its macros in fields.html: <type>_body, _answer, …
        for name, macro in macros.own:
            html = macro(solved.solution, self.anki)
            # the cloze text is Anki syntax already made inert, so it skips anki_html
            values[name] = str(html) if name == "Text" else anki_html(html)
        return [values.get(name, "") for name in FIELDS]

    def _instruction(self, question_type: str) -> str:
        """Return the [anki] catalog's instruction for a type without an instruction macro."""
        found = self._instructions.get(question_type)
        if found is None:
            found = anki_html(escape(self.anki[question_type]))
            self._instructions[question_type] = found
        return found

    def _data(self, solved: SolvedQuestion) -> str:
        """Return the JSON the card's script judges a typed answer by (none for other types)."""
        if "Answer" not in OWN_FIELDS[solved.question.type]:
            return ""
        data = {
            # a card does not score: the bank's rule would only make every note change
            "key": answer_key_entry(
                replace(solved.scoring, partial=False) if solved.scoring.partial else solved.scoring
            ),
            "lang": self.bank.language,
            "decimalComma": uses_decimal_comma(self.bank.language),
            "strings": self._typed_strings,
        }
        # in an HTML attribute: escaped, so bank text cannot end it; references decode to the JSON
        return anki_html(escape(json.dumps(data, ensure_ascii=False, sort_keys=True)))

    def _explanation(self, question: Question) -> Markup:
        if not question.explanation.strip():
            return Markup("")
        explanation: Markup = self.macros.module.explanation(
            self.common["explanation"], markup.block(question.explanation)
        )
        return explanation


def notice_cards(numbers: Iterable[int], notice: str) -> str:
    """Return cloze markers that keep these cards, each showing the (inert) notice, front and back."""
    return "".join(f"{{{{c{n}::{notice}::{notice}}}}}" for n in numbers)


def question_summary(solved: SolvedQuestion) -> str:
    """Return the note's plain text for Anki's browser: the prompt, and a cloze's text with gaps."""
    parts = [markup.plain_text(solved.question.prompt)] if solved.question.prompt.strip() else []
    if isinstance(solved.solution, ClozeSolution):
        parts.append("".join(map(_plain_part, solved.solution.parts)))
    return " ".join(parts)


def _plain_part(part: str | GapSolution) -> str:
    if isinstance(part, GapSolution):
        return "[…]"
    lead = " " if part[:1].isspace() else ""
    trail = " " if part[-1:].isspace() else ""
    return f"{lead}{markup.plain_text(part)}{trail}"


def note_tags(tags: Iterable[str]) -> list[str]:
    """Return tags as Anki keeps them, each once, in order."""
    return list(dict.fromkeys(anki_tag(t) for t in tags))


def cloze_text(solution: ClozeSolution) -> str:
    """Return the cloze field: inert text with one {{cN::answer}} per gap, N its card number."""
    parts = []
    for part in solution.parts:
        if isinstance(part, GapSolution):
            answer = cloze_content(markup.plain(part.answer))
            parts.append(f"{{{{c{part.card}::{answer}}}}}")
        else:
            parts.append(anki_html(markup.inline_spaced(part)))
    return "".join(parts)

"""Turn questions into Anki notes: field HTML that is safe and inert, tags, stable GUIDs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import genanki
from markupsafe import Markup, escape

from quizgen.answers.solutions import ClozeSolution, GapSolution, SolvedQuestion
from quizgen.errors import TargetError
from quizgen.model import Bank, Question
from quizgen.present import markup
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, find_template_file, template_errors
from quizgen.targets.anki.models import FIELDS_FILE, NOTE_TYPES

# Anki reads its own syntax out of field HTML after the template is filled: {{c1::…}} clozes,
# [sound:…] and [anki:tts] tags, and the reviewer's [[type:…]] marker. As character references
# these show the same in the browser but are no longer syntax, so bank text stays text.
_ANKI_SYNTAX = (("{", "&#123;"), ("}", "&#125;"), ("[", "&#91;"), ("]", "&#93;"))
_WHITESPACE = re.compile(r"\s+")
# The fields a question type's own macros fill (the others are the same for every type).
TYPE_FIELDS = ("Body", "Answer", "Text", "Solution")


def anki_html(html: Markup) -> str:
    """Return safe HTML for an Anki field, with Anki's own markup syntax made inert."""
    text = str(html)
    # str.replace, not str.translate: translate takes a slow path on any non-ASCII text (40x here)
    for character, reference in _ANKI_SYNTAX:
        text = text.replace(character, reference)
    return text


def anki_tag(tag: str) -> str:
    """Return a tag Anki keeps whole: whitespace (its tag separator) becomes '_'."""
    return _WHITESPACE.sub("_", tag.strip())


def note_guid(bank: Bank, question: Question) -> str:
    """Return the note's GUID: from the bank and question ids only, so edits keep it."""
    guid: str = genanki.guid_for(bank.id, question.id)
    return guid


class NoteFields:
    """Renders one bank's questions into note field values with the field macros."""

    def __init__(self, bank: Bank, template_dirs: tuple[Path, ...]) -> None:
        self.bank = bank
        strings = ui_strings(bank.language, template_dirs)
        self.common, self.anki = strings["common"], strings["anki"]
        self.template_dirs = template_dirs
        self.env = environment(template_dirs)
        self.env.globals["anki_cloze"] = lambda solution: Markup(cloze_text(solution))
        with template_errors(self.env, FIELDS_FILE):
            # the macros are the teacher's to change: Jinja cannot type them
            self.macros: Any = self.env.get_template(FIELDS_FILE).module

    def fields(self, solved: SolvedQuestion) -> list[str]:
        """Return the note's field values in the order of its note type."""
        with template_errors(self.env, FIELDS_FILE):  # the macros may be a teacher's own
            return self._fields(solved)

    def _fields(self, solved: SolvedQuestion) -> list[str]:
        question = solved.question
        names = NOTE_TYPES[question.type].fields
        values: dict[str, Markup] = {
            "Prompt": markup.inline(question.prompt),
            "Instruction": escape(self._instruction(solved)),
            "Explanation": self._explanation(question),
            "Source": self.macros.source(
                self.common["source"],
                markup.plain(question.source),
                markup.plain(self.bank.title),
                self.bank.language,
            ),
        }
        # the type's own fields come from its macros in fields.html: <type>_body, _answer, …
        for name in TYPE_FIELDS:
            if name in names:
                values[name] = self._macro(f"{question.type}_{name.lower()}")(
                    solved.solution, self.anki
                )
        # the cloze text is Anki syntax already made inert, so it skips anki_html
        fields = {n: str(v) if n == "Text" else anki_html(v) for n, v in values.items()}
        return [fields[name] for name in names]

    def _macro(self, name: str) -> Any:
        """Return a field macro; an override written before the answer layer lacks them."""
        macro = getattr(self.macros, name, None)
        if macro is None:
            where = find_template_file(self.template_dirs, FIELDS_FILE) or FIELDS_FILE
            raise TargetError(
                f"{where}: error: no macro '{name}'; each question type now has its own field "
                "macros: copy quizgen's templates/anki/fields.html again and redo your changes "
                "(see docs/anki.md)"
            )
        return macro

    def _instruction(self, solved: SolvedQuestion) -> str:
        macro = getattr(self.macros, f"{solved.type}_instruction", None)
        # a macro returns escaped Markup; the plain catalog string is escaped by the caller
        instruction: str = macro(solved, self.anki) if macro else self.anki[solved.type]
        return instruction

    def _explanation(self, question: Question) -> Markup:
        if not question.explanation.strip():
            return Markup("")
        explanation: Markup = self.macros.explanation(
            self.common["explanation"], markup.block(question.explanation)
        )
        return explanation


def cloze_text(solution: ClozeSolution) -> str:
    """Return the cloze field: inert text with one {{cN::answer}} per gap, numbered in order."""
    parts = []
    for part in solution.parts:
        if isinstance(part, GapSolution):
            # ':' as a reference too, so a '::' in an answer cannot start a cloze hint
            answer = anki_html(markup.plain(part.answer)).replace(":", "&#58;")
            parts.append(f"{{{{c{part.number}::{answer}}}}}")
        else:
            parts.append(anki_html(markup.inline_spaced(part)))
    return "".join(parts)

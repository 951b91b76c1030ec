"""Turn questions into Anki notes: field HTML that is safe and inert, tags, stable GUIDs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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
    # str.replace, not str.translate: translate takes a slow path on any non-ASCII text (40x here);
    # and only where needed: replace scans even a text without the character 10x slower than `in`
    for character, reference in _ANKI_SYNTAX:
        if character in text:
            text = text.replace(character, reference)
    return text


@lru_cache(maxsize=4096)  # a bank has few tags, each on many notes
def anki_tag(tag: str) -> str:
    """Return a tag Anki keeps whole: whitespace (its tag separator) becomes '_'."""
    return _WHITESPACE.sub("_", tag.strip())


def note_guid(bank: Bank, question: Question) -> str:
    """Return the note's GUID: from the bank and question ids only, so edits keep it."""
    guid: str = genanki.guid_for(bank.id, question.id)
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
            names = NOTE_TYPES[question_type].fields
            own = tuple(
                (name, self._macro(f"{question_type}_{name.lower()}"))
                for name in TYPE_FIELDS
                if name in names
            )
            instruction = getattr(self.module, f"{question_type}_instruction", None)
            found = self._of_type[question_type] = _TypeMacros(names, own, instruction)
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
    names: tuple[str, ...]  # the note type's fields, in order
    own: tuple[tuple[str, Any], ...]  # the fields only this type fills, with their macros
    instruction: Any | None  # the type's instruction macro, if it has one


class NoteFields:
    """Renders one bank's questions into note field values with the field macros."""

    def __init__(self, bank: Bank, macros: FieldMacros) -> None:
        self.bank = bank
        strings = ui_strings(bank.language, macros.template_dirs)
        self.common, self.anki = strings["common"], strings["anki"]
        self.macros = macros
        self._title = markup.plain(bank.title)

    def all_fields(self, solved: Sequence[SolvedQuestion]) -> list[list[str]]:
        """Return every note's field values in the order of its note type."""
        with template_errors(self.macros.env, FIELDS_FILE):  # the macros may be a teacher's own
            return [self._fields(s) for s in solved]

    def _fields(self, solved: SolvedQuestion) -> list[str]:
        question = solved.question
        macros = self.macros.of_type(question.type)
        values: dict[str, Markup] = {
            "Prompt": markup.inline(question.prompt),
            # a macro returns escaped Markup; the plain catalog string is escaped here
            "Instruction": macros.instruction(solved, self.anki)
            if macros.instruction
            else escape(self.anki[question.type]),
            "Explanation": self._explanation(question),
            "Source": self.macros.module.source(
                self.common["source"],
                markup.plain(question.source),
                self._title,
                self.bank.language,
            ),
        }
        # the type's own fields come from its macros in fields.html: <type>_body, _answer, …
        for name, macro in macros.own:
            values[name] = macro(solved.solution, self.anki)
        # the cloze text is Anki syntax already made inert, so it skips anki_html
        return [str(values[n]) if n == "Text" else anki_html(values[n]) for n in macros.names]

    def _explanation(self, question: Question) -> Markup:
        if not question.explanation.strip():
            return Markup("")
        explanation: Markup = self.macros.module.explanation(
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

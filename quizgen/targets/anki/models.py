"""quizgen's Anki note types: a versioned schema of fixed ids, field names and card layouts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import genanki

from quizgen.errors import TargetError
from quizgen.present.templates import find_template_file

# The fields of each layout, in order. Field names, their order and the card template's name are
# the contract with every student's collection: Anki hashes them to recognise a note type, and a
# note whose note type no longer matches is skipped on import as "conflicting". Changing them means
# a new version (new ids, new names); the HTML and CSS inside the templates may change freely.
LAYOUT_FIELDS: dict[str, tuple[str, ...]] = {
    "reveal": ("Prompt", "Instruction", "Body", "Solution", "Explanation", "Source"),
    "typein": ("Prompt", "Instruction", "Answer", "Solution", "Explanation", "Source"),
    "cloze": ("Text", "Prompt", "Instruction", "Solution", "Explanation", "Source"),
}
CARD_TEMPLATE_NAME = "Card"
CSS_FILE = "anki/card.css"
FIELDS_FILE = "anki/fields.html"  # Jinja macros for the HTML inside the fields
SIDES = ("front", "back")


@dataclass(frozen=True)
class NoteType:
    """One question type's note type: a fixed id, a versioned name and a layout."""

    question_type: str
    label: str
    layout: str
    version: int
    model_id: int

    @property
    def name(self) -> str:
        """Return the name students see in Anki, with the schema version."""
        return f"quizgen {self.label} v{self.version}"

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the field names in order."""
        return LAYOUT_FIELDS[self.layout]


# The ids were drawn once from sha256("quizgen note type <type> v<version>") and are frozen here:
# they must never change for a version, whatever else is renamed.
NOTE_TYPES: dict[str, NoteType] = {
    nt.question_type: nt
    for nt in (
        NoteType("single", "single choice", "reveal", 1, 1504813375),
        NoteType("multiple", "multiple choice", "reveal", 1, 2144175237),
        NoteType("truefalse", "true or false", "reveal", 1, 1897904821),
        NoteType("cloze", "cloze", "cloze", 1, 1220188675),
        NoteType("short", "short answer", "typein", 1, 1736531993),
        NoteType("numeric", "number", "typein", 1, 1225761281),
        NoteType("match", "matching", "reveal", 1, 1497606617),
        NoteType("order", "ordering", "reveal", 1, 1101157537),
    )
}


def template_files(template_dirs: tuple[Path, ...]) -> list[Path]:
    """Return the template files the notes are made from (the first on the search path wins)."""
    cards = (_card_file(layout, side) for layout in LAYOUT_FIELDS for side in SIDES)
    names = [CSS_FILE, FIELDS_FILE, *cards]
    return [_find(template_dirs, name) for name in names]


def genanki_models(template_dirs: tuple[Path, ...]) -> dict[str, genanki.Model]:
    """Return a genanki model per question type, its card HTML and CSS read from the templates."""
    css = _find(template_dirs, CSS_FILE).read_text(encoding="utf-8")
    layouts = {
        layout: {
            "name": CARD_TEMPLATE_NAME,
            "qfmt": _find(template_dirs, _card_file(layout, "front")).read_text(encoding="utf-8"),
            "afmt": _find(template_dirs, _card_file(layout, "back")).read_text(encoding="utf-8"),
        }
        for layout in LAYOUT_FIELDS
    }
    return {
        nt.question_type: genanki.Model(
            nt.model_id,
            nt.name,
            fields=[{"name": name} for name in nt.fields],
            templates=[dict(layouts[nt.layout])],
            css=css,
            model_type=genanki.Model.CLOZE if nt.layout == "cloze" else genanki.Model.FRONT_BACK,
            sort_field_index=0,
        )
        for nt in NOTE_TYPES.values()
    }


def front_template(template_dirs: tuple[Path, ...], question_type: str) -> Path:
    """Return the card front template file a question type's notes use."""
    return _find(template_dirs, _card_file(NOTE_TYPES[question_type].layout, "front"))


def _card_file(layout: str, side: str) -> str:
    # Not .html: Anki's {{#Field}} and {{type:Answer}} are not Jinja and must not be read as such.
    return f"anki/{layout}.{side}.mustache"


def _find(template_dirs: tuple[Path, ...], name: str) -> Path:
    found = find_template_file(template_dirs, name)
    if found is None:
        searched = ", ".join(str(d) for d in template_dirs)
        raise TargetError(f"{name}: error: Anki card template not found in {searched}")
    return found

"""quizgen's Anki note type: one versioned schema of a fixed id, field names and one card layout.

Every question type shares it, so a question that changes type keeps its note: Anki skips an
incoming note whose note type differs from the one in the collection ("conflicting"). It is a
cloze note type, so that a cloze's gaps are cards of their own, and the other types make their one
card from a cloze marker in the Cards field (see docs/anki.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.errors import TargetError
from quizgen.present.templates import find_template_file
from quizgen.targets.anki.genanki_api import genanki

# Field names, their order and the card template's name are the contract with every student's
# collection: Anki compares them to recognise a note type, and a note whose note type no longer
# matches is skipped on import as "conflicting". Changing them means a new version (a new id and
# name); the HTML, CSS and scripts inside the templates may change freely. Data holds JSON, so a
# later quizgen can pass new facts to the card scripts without a new field.
FIELDS = (
    "Question",  # plain text, the column Anki's browser sorts and searches by
    "Prompt",
    "Instruction",
    "Text",  # a cloze's running text with {{cN::…}} gaps
    "Body",  # options, items, pairs as the front shows them
    "Answer",  # the typed answer Anki compares with ({{type:Answer}})
    "Solution",
    "Explanation",
    "Source",
    "Id",  # bank/question, so a student can name the question and quizgen can read a deck back
    "Kind",  # the question type, or "withdrawn"
    "Data",  # JSON for the card scripts (what a typed answer is judged by)
    "Cards",  # cloze markers that keep the one card of a question without gaps
    "Removed",  # cloze markers that keep the cards of removed gaps, with a note saying so
)
VERSION = 2
MODEL_ID = 123993858  # drawn once from sha256("quizgen note type v2"), frozen with the fields
MODEL_NAME = f"quizgen v{VERSION}"
CARD_TEMPLATE_NAME = "Card"
CSS_FILE = "anki/card.css"
FIELDS_FILE = "anki/fields.html"  # Jinja macros for the HTML inside the fields
FRONT_FILE = "anki/card.front.mustache"
BACK_FILE = "anki/card.back.mustache"
# the scripts the back runs, after the template: the quiz's own checking rules, then the card's
SCRIPT_FILES = ("html/quiz-check.js", "anki/typed-answer.js")
# {{Field}}, {{filter:Field}}, {{#Field}}, {{/Field}}, {{^Field}}: Anki's own template syntax;
# a "{{" with no "}}" after it matches with no tag
_TAG = re.compile(r"\{\{(?:([^{}]+?)\}\}|(?![^{}]*\}\}))")
SPECIAL_FIELDS = frozenset(
    {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"}
)
SHOW_VERDICT = "\n<script>QuizgenTyped.show(document);</script>\n"
# The note types of quizgen 0.1 (one per question type): their notes cannot become v2 notes.
LEGACY_MODEL_IDS = frozenset(
    {1504813375, 2144175237, 1897904821, 1220188675, 1736531993, 1225761281, 1497606617, 1101157537}
)


def template_files(template_dirs: tuple[Path, ...]) -> list[Path]:
    """Return the template files the note type is made from (the first on the search path wins)."""
    return [
        _find(template_dirs, name)
        for name in (CSS_FILE, FIELDS_FILE, FRONT_FILE, BACK_FILE, *SCRIPT_FILES)
    ]


def genanki_model(template_dirs: tuple[Path, ...]) -> genanki.Model:
    """Return the note type, its card HTML, scripts and CSS read from the templates."""
    files = template_files(template_dirs)
    css, _fields, front, back, *scripts = (path.read_text(encoding="utf-8") for path in files)
    if "{{cloze:" not in front:
        raise TargetError(
            f"{files[2]}: error: the card front shows no {{{{cloze:…}}}} field, and Anki refuses "
            "a cloze note type without one; keep {{cloze:Text}} in it"
        )
    for path, text in ((files[2], front), (files[3], back)):
        check_card_template(path, text)
    for path, script in zip(files[4:], scripts, strict=True):
        if "{{" in script or "</script" in script.lower():
            # Anki's template engine would read the first, and the second would end the script
            raise TargetError(f"{path}: error: a card script must not contain '{{{{' or '</script'")
    # run after the back's elements exist: AnkiDroid runs a script while it reads the page
    inline = "".join(f"\n<script>\n{script}</script>" for script in scripts) + SHOW_VERDICT
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": CARD_TEMPLATE_NAME, "qfmt": front, "afmt": back + inline}],
        css=css,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )


def check_card_template(path: Path, template: str) -> None:
    """Refuse a card template Anki cannot fill: an unknown field, an unclosed tag or section."""
    sections: list[tuple[str, int]] = []  # open {{#Field}} / {{^Field}}: name, where
    for match in _TAG.finditer(template):
        tag = match.group(1)
        if tag is None:  # a "{{" that no "}}" closes
            _template_error(path, template, match.start(), "a '{{' is not closed by '}}'")
        name = tag.lstrip("#/^").rpartition(":")[2].strip()
        if name not in FIELDS and name not in SPECIAL_FIELDS:
            _template_error(
                path,
                template,
                match.start(),
                f"the card template shows the field '{name}', which quizgen's note type does "
                f"not have (Anki would show an error on every card); its fields are: "
                + ", ".join(FIELDS),
            )
        if tag[:1] in "#^":
            sections.append((name, match.start()))
        elif tag[:1] == "/":
            if not sections or sections[-1][0] != name:
                opened = (
                    f"'{{{{#{sections[-1][0]}}}}}' is still open" if sections else "none is open"
                )
                _template_error(
                    path, template, match.start(), f"'{{{{/{name}}}}}' closes no section ({opened})"
                )
            sections.pop()
    if sections:
        name, where = sections[-1]
        _template_error(
            path, template, where, f"'{{{{#{name}}}}}' is never closed by '{{{{/{name}}}}}'"
        )


def _template_error(path: Path, template: str, at: int, message: str) -> None:
    line = template.count("\n", 0, at) + 1
    column = at - template.rfind("\n", 0, at)
    raise TargetError(f"{path}:{line}:{column}: error: {message}")


def front_template(template_dirs: tuple[Path, ...]) -> Path:
    """Return the card front template file."""
    return _find(template_dirs, FRONT_FILE)


def _find(template_dirs: tuple[Path, ...], name: str) -> Path:
    found = find_template_file(template_dirs, name)
    if found is None:
        searched = ", ".join(str(d) for d in template_dirs)
        raise TargetError(f"{name}: error: Anki card template not found in {searched}")
    return found

"""The bank format as a JSON Schema, made from the loader's own field lists, for editors.

An editor reads a bank as YAML 1.2 does: `points: 1` is a number, `answer: true` a boolean,
`~` and an empty value null. The loader reads every value as text and converts only what its
field needs, so the schema takes each value in every form the loader accepts (a text field
takes numbers, booleans and null too: `correct: NO`, `wrong: [~]` are texts to quizgen). It
never rejects a bank the loader accepts; what only the loader can tell (a quote not in the
source, a correct answer missing from the choices, gap numbers) it leaves to `quizgen check`.
Nor does it ask texts to be distinct: `~` and `null`, `1.10` and `1.1` are one value to an
editor and two texts to quizgen.

`python -m quizgen.bank.schema` writes schema/bank.schema.json (a test keeps it in step).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from quizgen.bank.header import HEADER_FIELDS
from quizgen.bank.loader import BANK_FIELDS, BANK_REQUIRED, LANGUAGE_PATTERN, RESERVED_IDS
from quizgen.bank.node_reader import ID_PATTERN, NUMBER_PATTERN
from quizgen.bank.questions import COMMON_FIELDS, TYPE_FIELDS, TYPE_REQUIRED
from quizgen.bank.withdrawn import ENTRY_FIELDS
from quizgen.model import MAX_GAP_NUMBER, QUESTION_TYPES, SCORING_RULES

Schema = dict[str, Any]

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "schema" / "bank.schema.json"
SCHEMA_ID = "https://quizgen.invalid/schema/bank.schema.json"  # a name, never fetched

# the control characters node_reader.CONTROL_CHARACTER refuses, as a JSON Schema (ECMA) class
_CONTROLS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
_TEXT = {
    "type": ["string", "number", "boolean", "null"],
    "pattern": f"^[^{_CONTROLS}]*$",
}
_FILLED = {"allOf": [{"$ref": "#/definitions/text"}, {"pattern": r"\S"}]}
_BOOLEAN = {"oneOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}
_WHOLE = {"type": "integer", "minimum": 1}  # "1" quoted is a whole number to the loader too
_WHOLE_TEXT = {"type": "string", "pattern": r"^\s*0*[1-9]\d*\s*$"}
_NUMBER_TEXT = {"type": "string", "pattern": rf"^\s*{NUMBER_PATTERN.pattern}\s*$"}
_ID = {
    "oneOf": [
        {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"},
        {"type": "integer", "minimum": 0},  # `bank: 2024` is the id "2024"
    ]
}


def _texts(minimum: int, what: str) -> Schema:
    return {
        "type": "array",
        "items": {"$ref": "#/definitions/filled"},
        "minItems": minimum,
        "description": what,
    }


def _gap_number(what: str) -> Schema:
    maximum = {"maximum": MAX_GAP_NUMBER}
    return {"oneOf": [{**_WHOLE, **maximum}, _WHOLE_TEXT], "description": what}


# Each field's value, keyed by (owner, field); the owner is "bank", a question type, or "" for
# any question. The loader's tuples say which fields exist: a field missing here is a KeyError.
_FIELD_VALUES: dict[tuple[str, str], Schema] = {
    ("bank", "bank"): {
        **_ID,
        "not": {"enum": list(RESERVED_IDS)},  # the output folders' names
        "description": "The bank's id: names its outputs and Anki ids.",
    },
    ("bank", "title"): {"$ref": "#/definitions/filled", "description": "The bank's title."},
    ("bank", "language"): {
        "type": "string",
        "pattern": f"^{LANGUAGE_PATTERN.pattern}$",
        "description": "A BCP 47 tag: de, en, de-AT …",
    },
    ("bank", "source"): {
        "$ref": "#/definitions/filled",
        "description": "The source text, a path relative to the project folder.",
    },
    ("bank", "description"): {"$ref": "#/definitions/text", "description": "Markdown."},
    ("bank", "instructions"): {
        "$ref": "#/definitions/text",
        "description": "Markdown, printed under the worksheet's head.",
    },
    ("bank", "hyphenate"): {
        **_BOOLEAN,
        "description": "Hyphenate the PDFs (default: yes, but not in English).",
    },
    ("bank", "print_source"): {
        "oneOf": [{"type": "boolean"}, {"enum": ["true", "false", "handout"]}],
        "description": "Print the source text: before the questions on the worksheet (true), "
        "as a PDF of its own (handout), or not (false, the default).",
    },
    ("bank", "time"): {
        "oneOf": [_WHOLE, _WHOLE_TEXT],
        "description": "Minutes the worksheet takes, printed in its head.",
    },
    ("bank", "header"): {
        "type": "object",
        # text as quizgen.toml's [header] takes it: `class: 7` is refused ("7"), null is blank
        "properties": {name: {**_TEXT, "type": ["string", "null"]} for name in HEADER_FIELDS},
        "additionalProperties": False,
        "description": "School, class and teacher, printed at the top of the worksheet and "
        "key; quizgen.toml's [header] gives the fields left out.",
    },
    ("bank", "tags"): _texts(0, "Tags added to every question."),
    ("bank", "deck"): {"$ref": "#/definitions/text", "description": "The Anki deck path."},
    ("bank", "withdrawn"): {
        "type": "array",
        "items": {"$ref": "#/definitions/withdrawn"},
        "description": "Questions taken out that students' Anki decks still have.",
    },
    ("bank", "scoring"): {
        "$ref": "#/definitions/scoring",
        "description": "The marking rule of questions that set none.",
    },
    ("bank", "questions"): {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/definitions/question"},
    },
    ("", "id"): {**_ID, "description": "Unique in the bank."},
    ("", "prompt"): {"$ref": "#/definitions/filled", "description": "Markdown (inline)."},
    ("cloze", "prompt"): {"$ref": "#/definitions/text", "description": "Optional for cloze."},
    ("", "source"): {
        "$ref": "#/definitions/filled",
        "description": "A verbatim quote of the source text; quizgen check proves it is there.",
    },
    ("", "explanation"): {"$ref": "#/definitions/text", "description": "Markdown."},
    ("", "tags"): _texts(0, "Tags of this question."),
    ("", "points"): {"oneOf": [_WHOLE, _WHOLE_TEXT], "description": "A whole number ≥ 1."},
    ("", "removed_gaps"): {
        "type": "array",
        "uniqueItems": True,
        "items": _gap_number("A gap number"),
        "description": "Anki cards (gap numbers) this question no longer has.",
    },
    ("", "scoring"): {"$ref": "#/definitions/scoring"},
    ("", "draft"): {
        **_BOOLEAN,
        "description": "true: a candidate from quizgen draft, still to be read and edited.",
    },
    ("", "shuffle"): {**_BOOLEAN, "description": "false keeps the written order."},
    ("", "choices"): _texts(2, "Every option, in display order; correct names the right ones."),
    ("", "wrong"): _texts(1, "The distractors."),
    ("single", "correct"): {"$ref": "#/definitions/filled", "description": "The one right option."},
    ("multiple", "correct"): _texts(1, "The right options."),
    ("truefalse", "answer"): {**_BOOLEAN, "description": "Whether the prompt is true."},
    ("cloze", "text"): {
        "allOf": [{"$ref": "#/definitions/filled"}, {"pattern": r"\[\[[\s\S]*\]\]"}],
        "description": "The text with gaps [[answer]] or [[answer|also accepted]].",
    },
    ("short", "lines"): {
        "oneOf": [_WHOLE, _WHOLE_TEXT],
        "description": "Writing lines on the worksheet (default: by the answer's length).",
    },
    ("", "answer_in_quote"): {
        **_BOOLEAN,
        "description": "false: the answer is worked out from the quote, not written in it.",
    },
    ("", "exact"): {**_BOOLEAN, "description": "true compares as written, only spaces aside."},
    ("short", "answer"): {
        "oneOf": [{"$ref": "#/definitions/filled"}, _texts(1, "The accepted answers.")],
        "description": "The accepted answer, or a list of them.",
    },
    ("numeric", "answer"): {
        "oneOf": [{"type": "number"}, _NUMBER_TEXT],
        "description": "A number: 2.5 (or 2,5 in a decimal-comma language).",
    },
    ("numeric", "tolerance"): {
        "oneOf": [
            {"type": "number", "minimum": 0},
            {"allOf": [_NUMBER_TEXT, {"pattern": r"^\s*\+?\d"}]},
        ],
        "description": "How far off an answer may be (≥ 0, default 0).",
    },
    ("numeric", "unit"): {"$ref": "#/definitions/text", "description": "Shown after the box."},
    ("match", "pairs"): {
        "type": "object",
        "minProperties": 2,
        "propertyNames": {"pattern": r"\S"},
        "additionalProperties": {"$ref": "#/definitions/filled"},
        "description": "Left item: its right partner (right sides distinct).",
    },
    ("order", "items"): _texts(2, "The items in the right order."),
}


def _value(owner: str, name: str) -> Schema:
    """Return the schema of one field's value: the type's own, else any question's."""
    value = _FIELD_VALUES.get((owner, name))
    return value if value is not None else _FIELD_VALUES[("", name)]


def _question_type(qtype: str) -> Schema:
    """Return the schema of one question type: its fields, the required ones, nothing else."""
    fields = COMMON_FIELDS + TYPE_FIELDS[qtype]
    required = ("id", "type", "source") + (("prompt",) if qtype != "cloze" else ())
    schema: Schema = {
        "type": "object",
        "properties": {
            name: {"const": qtype} if name == "type" else _value(qtype, name) for name in fields
        },
        "required": list(required + TYPE_REQUIRED[qtype]),
        "additionalProperties": False,
    }
    if "wrong" in fields and "choices" in fields:  # one of them, not both
        schema["oneOf"] = [{"required": ["wrong"]}, {"required": ["choices"]}]
    return schema


def bank_schema() -> Schema:
    """Return the JSON Schema (draft 7) of a bank file."""
    entry_values = {"id": _ID, "gaps": _gap_number("How many gaps the withdrawn cloze had.")}
    withdrawn_entry: Schema = {
        "type": "object",
        "properties": {name: entry_values[name] for name in ENTRY_FIELDS},
        "required": ["id"],
        "additionalProperties": False,
    }
    definitions: Schema = {
        "text": _TEXT,
        "filled": _FILLED,
        "scoring": {"enum": list(SCORING_RULES), "description": "How a question earns points."},
        "withdrawn": {"oneOf": [_ID, withdrawn_entry]},
        "question": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": list(QUESTION_TYPES)}},
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": qtype}}, "required": ["type"]},
                    "then": {"$ref": f"#/definitions/{qtype}"},
                }
                for qtype in QUESTION_TYPES
            ],
        },
        **{qtype: _question_type(qtype) for qtype in QUESTION_TYPES},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "quizgen question bank",
        "description": "A bank of questions drawn from one source text (docs/format.md).",
        "type": "object",
        "properties": {name: _value("bank", name) for name in BANK_FIELDS},
        "required": list(BANK_REQUIRED),
        "additionalProperties": False,
        "definitions": definitions,
    }


def schema_text() -> str:
    """Return the schema as committed: indented JSON, keys in the order written here."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


def installed_schema() -> Path:
    """Return the schema file quizgen ships: inside the wheel, or the checkout's schema/."""
    bundled = Path(__file__).resolve().parent.parent / "_schema" / "bank.schema.json"
    return bundled if bundled.is_file() else SCHEMA_PATH


if __name__ == "__main__":
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_PATH}\n")

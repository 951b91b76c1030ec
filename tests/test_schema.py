"""The bank schema: made from the loader's definitions, it accepts every bank and rejects bad ones."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from quizgen.bank.loader import load_bank
from quizgen.bank.schema import SCHEMA_PATH, bank_schema, schema_text
from tests.harness import FIXTURES, PROJECTS, REPO

BANKS = sorted(
    [*(REPO / "questions").rglob("*.yaml"), *PROJECTS.glob("*/questions/**/*.y*ml")],
)
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))

# Bad fixtures whose mistake no schema can see, with the kind of reason: what the YAML parser
# refuses or loses before a schema sees the data, and what only the loader or checker can tell.
BEYOND_THE_SCHEMA = {
    "alias": "yaml",  # an editor resolves it; quizgen refuses aliases
    "bad-indent": "syntax",
    "tab-indent": "syntax",
    "invalid-syntax": "syntax",
    "unquoted-colon": "syntax",
    "tag": "yaml",  # !!str is a string to an editor
    "complex-key": "yaml",  # a list as a key is no JSON
    "duplicate-key": "duplicates",  # the data keeps the last value
    "duplicate-question-id": "duplicates",
    "correct-also-wrong": "cross-field",
    "correct-not-a-choice": "cross-field",
    "all-choices-correct": "cross-field",
    "match-duplicate-right": "duplicates",
    "duplicate-option": "duplicates",  # `~` and `null` are one value to JSON, two texts to quizgen
    "order-duplicate": "duplicates",
    "withdrawn-twice": "duplicates",
    "withdrawn-still-in-bank": "cross-field",
    "removed-gaps-own-card": "cross-field",
    "removed-gaps-still-a-gap": "gaps",
    "cloze-empty-gap": "gaps",
    "cloze-gap-inside-gap": "gaps",
    "cloze-gap-number-twice": "gaps",
    "cloze-gap-number-zero": "gaps",
    "cloze-gap-numbers-mixed": "gaps",
    "cloze-unbalanced": "gaps",
    "number-comma-in-english": "language",  # 3,5 is a number in German
    "quote-not-in-source": "quote",
    "source-empty": "files",
    "source-is-folder": "files",
    "source-missing": "files",
    "source-outside": "files",
    "link-to-a-file": "links",
    "link-to-the-local-network": "links",
    "source-misspelt": "files",
    "lines-too-many": "limit",  # a whole number; the loader knows how many fit a page
    # YAML slips (quizgen/bank/yaml_slips.py): the parser refuses them, or they are valid texts
    "slip-apostrophe-in-single-quotes": "syntax",
    "slip-cloze-starts-with-gap": "syntax",
    "slip-text-starts-with-at": "syntax",
    "slip-text-starts-with-dash": "syntax",
    "slip-text-starts-with-star": "syntax",
    "slip-answer-in-curly-quotes": "quote",  # a text with curly quotes is a valid text
    "slip-gap-in-curly-quotes": "quote",
}


class _Yaml12Loader(yaml.SafeLoader):
    """Read YAML as an editor's language server does (YAML 1.2 core schema: no dates, no yes/no)."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """Return a YAML 1.2 integer: 0777 is decimal, only 0o17 is octal."""
    written = loader.construct_scalar(node)
    return int(written, 0) if written.startswith(("0o", "0x")) else int(written, 10)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _integer)


def _as_json(value: Any) -> Any:
    """Return the value as JSON holds it: mapping keys are texts."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _schema_errors(path: Path) -> list[str]:
    data = _as_json(yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Yaml12Loader))
    validator = jsonschema.Draft7Validator(bank_schema())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schema/bank.schema.json is stale: run python -m quizgen.bank.schema"
    )


def test_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _format_errors(bank: Path) -> list[str]:
    """Return the loader's errors about the bank file itself (its source text may lie elsewhere:
    many fixture projects are laid over a base project that holds it)."""
    root = bank.parent
    while root.name != "questions":
        root = root.parent
    _bank, problems = load_bank(bank, root.parent, {})
    return [
        p.message
        for p in problems
        if p.severity == "error"
        and p.location.path.startswith("questions/")
        and not p.message.startswith(("source file '", "source '"))
    ]


def _schema_or_parser_errors(bank: Path) -> list[str]:
    try:
        return _schema_errors(bank)
    except yaml.YAMLError as exc:  # the parser refuses it: an editor shows that itself
        return [f"YAML: {exc}"]


@pytest.mark.parametrize("bank", BANKS, ids=[str(p.relative_to(REPO)) for p in BANKS])
def test_the_schema_agrees_with_the_loader_on_every_repository_bank(bank: Path) -> None:
    # every bank the loader accepts is valid; the few broken on purpose are rejected
    if _format_errors(bank):
        assert _schema_or_parser_errors(bank)
    else:
        assert _schema_errors(bank) == []


@pytest.mark.parametrize("bank", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_is_rejected_or_beyond_the_schema(bank: Path) -> None:
    try:
        errors = _schema_errors(bank)
    except yaml.YAMLError:  # the parser refuses it: no schema sees it (an editor says so itself)
        errors = []
    if bank.stem in BEYOND_THE_SCHEMA:
        assert errors == [], f"the schema catches {bank.stem}: take it off BEYOND_THE_SCHEMA"
    else:
        assert errors, f"the schema accepts {bank.stem}: catch it, or list it with a reason"


def test_every_listed_fixture_exists() -> None:
    assert set(BEYOND_THE_SCHEMA) <= {p.stem for p in BAD}

"""The contract between Python and the quiz page's script: its UI strings and its answer kinds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from quizgen.targets.html import QUIZ_SCRIPTS, SCRIPT_STRINGS

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TEMPLATES = REPO / "templates"
QUIZ_CHECK = TEMPLATES / "html" / "quiz-check.js"
SCRIPTS = [TEMPLATES / name for name in QUIZ_SCRIPTS]
CATALOGS = sorted((TEMPLATES / "i18n").glob("*.toml"))
# the repository's banks, and fixture projects from tests/fixtures/projects/ or tests/fixtures/html/
PROJECTS = ["repo", "mini", "german", "hostile"]
QUIZ_DATA = re.compile(r'<script type="application/json" id="quiz-data">(.*?)</script>', re.DOTALL)
# run by Node: check every case with QuizCheck and print what it returned
NODE_CHECK = """
const QuizCheck = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(c => QuizCheck.check(c.key, c.controls, c.options))));
"""


def script_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS)


def strings_used() -> set[str]:
    return set(re.findall(r"\bS\.([A-Za-z_]\w*)", script_text()))


def placeholders_filled() -> dict[str, set[str]]:
    """Return per UI string the placeholders the script fills in, from its fill(S.name, {…}) calls."""
    calls = re.findall(r"\bfill\(S\.(\w+),\s*\{([^}]*)\}", script_text())
    return {name: set(re.findall(r"(\w+)\s*:", values)) for name, values in calls}


def catalog(path: Path) -> dict[str, str]:
    html: dict[str, str] = tomllib.loads(path.read_text(encoding="utf-8")).get("html", {})
    return html


def script_kinds() -> list[str]:
    """Return the answer kinds quiz-check.js has a checker for (the keys of its `checkers`)."""
    text = QUIZ_CHECK.read_text(encoding="utf-8")
    table = re.search(r"var checkers = \{\n(.*?)\n  \};", text, re.DOTALL)
    assert table, f"{QUIZ_CHECK}: no `var checkers = {{ … }};` table"
    return re.findall(r"^    (\w+): function", table.group(1), re.MULTILINE)


def test_the_scripts_use_only_strings_python_passes() -> None:
    assert strings_used() == set(SCRIPT_STRINGS)


def test_the_contract_parsers_see_the_scripts() -> None:
    # guards the regular expressions above: were they to find nothing, the tests would prove nothing
    assert {"right", "not_a_number", "result_low"} <= strings_used()
    assert placeholders_filled()["score"] == {"score", "max"}
    assert script_kinds() == ["choice", "text", "number", "select"]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_every_catalog_has_every_script_string(path: Path) -> None:
    missing = [name for name in SCRIPT_STRINGS if name not in catalog(path)]
    assert not missing, f"{path}: [html] lacks {missing}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_catalog_placeholders_are_ones_the_script_fills(path: Path) -> None:
    filled = placeholders_filled()
    strings = catalog(path)
    wrong = {
        name: sorted(set(re.findall(r"\{(\w+)\}", strings[name])) - filled.get(name, set()))
        for name in SCRIPT_STRINGS
        if name in strings
    }
    assert not {name: extra for name, extra in wrong.items() if extra}, path


def built_quiz(
    name: str, make_project: Callable[..., Path], run_quizgen: Callable[..., Result], tmp: Path
) -> dict[str, object]:
    """Build a project with the CLI and return its quiz's embedded data."""
    if name == "repo" or (TESTS / "fixtures" / "projects" / name).is_dir():
        root = make_project(name)
    else:
        root = Path(shutil.copytree(TESTS / "fixtures" / "html" / name, tmp / name))
    result = run_quizgen(root, "build", "--only", "html")
    assert result.exit_code == 0, result.output
    pages = sorted((root / "output" / "site").glob("*/*-quiz.html"))
    assert len(pages) == 1, pages
    match = QUIZ_DATA.search(pages[0].read_text(encoding="utf-8"))
    assert match, f"{pages[0]}: no quiz-data block"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def keys_of(data: dict[str, object]) -> list[dict[str, Any]]:
    questions = data["questions"]
    assert isinstance(questions, dict)
    return list(questions.values())


def test_the_repo_bank_uses_every_kind(
    make_project: Callable[..., Path], run_quizgen: Callable[..., Result], tmp_path: Path
) -> None:
    # so that the check through Node below tries every checker on a key Python wrote
    data = built_quiz("repo", make_project, run_quizgen, tmp_path)
    assert {key["kind"] for key in keys_of(data)} == set(script_kinds())


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed (./tasks test installs it); CI must not skip this")
        pytest.skip("node is not installed")
    return found


def test_node_exports_the_kinds_the_table_names() -> None:
    script = "console.log(JSON.stringify(require(process.argv[1]).KINDS))"
    run = subprocess.run(
        [node(), "-e", script, str(QUIZ_CHECK)], capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == script_kinds()


@pytest.mark.parametrize("name", PROJECTS)
def test_the_script_checks_every_kind_python_writes(
    name: str, make_project: Callable[..., Path], run_quizgen: Callable[..., Result], tmp_path: Path
) -> None:
    data = built_quiz(name, make_project, run_quizgen, tmp_path)
    first_of_kind = {key["kind"]: key for key in reversed(keys_of(data))}
    assert set(first_of_kind) <= set(script_kinds())
    # and Node, running quiz-check.js, tells a right from a wrong answer to one key of each kind
    options = {k: data[k] for k in ("lang", "decimalComma")} | {"strings": data["strings"]}
    cases, expected = [], []
    for kind, key in sorted(first_of_kind.items()):
        for controls, right in _answers(key, bool(data["decimalComma"])):
            cases.append({"key": key, "controls": controls, "options": options})
            expected.append((kind, right))
    run = subprocess.run(
        [node(), "-e", NODE_CHECK, str(QUIZ_CHECK)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(run.stdout)
    assert [(kind, r["right"]) for (kind, _), r in zip(expected, results, strict=True)] == expected
    assert [len(r["marks"]) for r in results] == [len(c["controls"]) for c in cases]
    # a number that is no number gets a note from the quiz's own strings, every placeholder filled
    for (kind, right), result in zip(expected, results, strict=True):
        if kind == "number":
            assert bool(result["note"]) is not right and "{" not in result["note"], result


def _answers(key: dict[str, Any], decimal_comma: bool) -> list[tuple[list[dict[str, Any]], bool]]:
    """Return a right and a wrong reading of the controls for a key entry, with which is which."""
    kind = key["kind"]
    if kind == "choice":
        correct = list(key["correct"])
        return [
            ([{"value": v, "checked": True} for v in correct], True),
            ([{"value": v, "checked": False} for v in correct], False),
        ]
    if kind == "text":
        accepted = list(key["accepted"])
        return [
            ([{"value": f"  {alts[-1]} ", "checked": False} for alts in accepted], True),
            ([{"value": "", "checked": False} for _ in accepted], False),
        ]
    if kind == "number":
        text = format(Decimal(repr(key["answer"])), "f")
        if decimal_comma:
            text = text.replace(".", ",")
        return [
            ([{"value": f"{text} {key['unit']}".strip(), "checked": False}], True),
            ([{"value": "abc", "checked": False}], False),
        ]
    correct = list(key["correct"])
    return [
        ([{"value": v, "checked": False} for v in correct], True),
        ([{"value": "", "checked": False} for _ in correct], False),
    ]

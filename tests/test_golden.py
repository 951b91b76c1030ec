"""Golden files for the quiz page, the Anki note fields and the flash cards, as the PDF's HTML has.

Regenerate with QUIZGEN_UPDATE_GOLDEN=1 and review the diff: a change here is a change students see.
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"


def compare(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("QUIZGEN_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden} differs; see module docstring"


def note_fields(deck: Path, tmp_path: Path) -> str:
    """Return every note of a deck as its GUID, note type and fields, one field a line."""
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = connection.execute("select guid, mid, flds, tags from notes order by id").fetchall()
    finally:
        connection.close()
    lines = []
    for guid, mid, fields, tags in rows:
        lines.append(f"== note {guid} model {mid} tags [{tags.strip()}]")
        lines.extend(f"  {n}: {value}" for n, value in enumerate(fields.split("\x1f")))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("project", ["mini", "repo"])
def test_golden_quiz_and_deck(project: str, make_project, run_quizgen, tmp_path: Path) -> None:
    root = make_project(project)
    result = run_quizgen(root, "build", "--only", "anki,html,cards")
    assert result.exit_code == 0, result.stderr
    bank = "lighthouse" if project == "mini" else "atacms"
    out = root / "output" / "site" / bank
    compare(f"{bank}-quiz.html", (out / f"{bank}-quiz.html").read_text(encoding="utf-8"))
    compare(f"{bank}-anki-fields.txt", note_fields(out / f"{bank}.apkg", tmp_path))
    compare(f"{bank}-cards.tsv", (out / f"{bank}-cards.tsv").read_text(encoding="utf-8"))

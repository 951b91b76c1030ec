"""Where a project's banks are: every YAML file under questions/."""

from __future__ import annotations

from pathlib import Path

from quizgen.errors import UsageError

QUESTIONS_DIR = "questions"
BANK_SUFFIXES = (".yaml", ".yml")


def bank_files(root: Path) -> list[Path]:
    """Return every bank file under questions/, sorted for deterministic output."""
    folder = root / QUESTIONS_DIR
    if not folder.is_dir():
        raise UsageError(
            f"{root}: no '{QUESTIONS_DIR}/' folder; is this a quizgen project? (use --project DIR)"
        )
    return sorted(p for p in folder.rglob("*") if p.suffix in BANK_SUFFIXES and p.is_file())

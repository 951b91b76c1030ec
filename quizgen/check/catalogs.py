"""A bank whose language has no string catalog: its outputs would show English labels."""

from __future__ import annotations

from pathlib import Path

from quizgen.errors import Problem
from quizgen.model import Bank
from quizgen.present.search_path import template_dirs
from quizgen.present.strings import FALLBACK_LANGUAGE, catalog_files


def catalog_problems(bank: Bank, root: Path) -> list[Problem]:
    """Warn when no catalog translates the bank's language (English labels are shown instead)."""
    primary = bank.language.split("-")[0].lower()
    if primary == FALLBACK_LANGUAGE:
        return []
    files = catalog_files(bank.language, template_dirs(root))
    if any(path.stem.lower() in (primary, bank.language.lower()) for path in files):
        return []
    message = (
        f"no string catalog for language '{bank.language}': the outputs show English labels "
        f"(Question, Points, Check …); copy quizgen's templates/i18n/{FALLBACK_LANGUAGE}.toml to "
        f"templates/i18n/{primary}.toml in the project and translate it"
    )
    return [Problem(bank.location, "warning", message)]

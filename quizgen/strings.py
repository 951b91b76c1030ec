"""UI strings per language, from templates/i18n/<lang>.toml (teachers can extend them)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.templates import find_template_file

FALLBACK_LANGUAGE = "en"


def ui_strings(language: str, dirs: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    """Return {section: {key: text}} for a language: English, overlaid by the primary subtag, then the full tag."""
    merged: dict[str, dict[str, str]] = {}
    primary = language.split("-")[0].lower()
    for name in dict.fromkeys([FALLBACK_LANGUAGE, primary, language.lower()]):
        # later folders on the search path are the defaults; the project's own come last to win
        for folder in reversed(dirs):
            path = folder / "i18n" / f"{name}.toml"
            if path.is_file():
                for section, values in _read(path).items():
                    merged.setdefault(section, {}).update(values)
    return merged


def has_catalog(language: str, dirs: tuple[Path, ...]) -> bool:
    """Return whether a catalog exists for the language's primary subtag."""
    return find_template_file(dirs, f"i18n/{language.split('-')[0].lower()}.toml") is not None


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QuizgenError(f"{path}: error: invalid string catalog: {exc}") from exc
    return {k: v for k, v in data.items() if isinstance(v, dict)}

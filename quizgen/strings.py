"""UI strings per language, from templates/i18n/<lang>.toml (teachers can extend them)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from quizgen.errors import TargetError

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


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise TargetError(
            f"{path}:1:1: error: string catalog is not valid UTF-8; save it as UTF-8"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 gives the position only in the message: "… (at line 2, column 10)"
        found = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
        where = f"{found[1]}:{found[2]}" if found else "1:1"
        message = re.sub(r"\s*\(at [^)]*\)$", "", str(exc))
        raise TargetError(f"{path}:{where}: error: invalid string catalog: {message}") from exc
    return {k: v for k, v in data.items() if isinstance(v, dict)}

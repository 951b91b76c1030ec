"""UI strings per language, from templates/i18n/<lang>.toml (teachers can extend them)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from quizgen.errors import TargetError, closest

log = logging.getLogger(__name__)

FALLBACK_LANGUAGE = "en"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def fill(template: str, **values: object) -> str:
    """Return a UI string with its {name} placeholders filled; unknown ones stay as written."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


def plural(texts: Mapping[str, str], kind: str, count: int) -> str:
    """Return '1 Frage' / '3 Fragen': the `<kind>_one` or `<kind>_other` string, filled."""
    return fill(texts[f"{kind}_one" if count == 1 else f"{kind}_other"], count=count)


def ui_strings(language: str, dirs: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    """Return {section: {key: text}} for a language: English, overlaid by the primary subtag, then the full tag."""
    merged: dict[str, dict[str, str]] = {}
    reference = shipped_catalog(dirs)
    for path in catalog_files(language, dirs):
        for section, values in read_catalog(path, reference).items():
            merged.setdefault(section, {}).update(values)
    return merged


def shipped_catalog(dirs: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    """Return quizgen's own English catalog: the keys every catalog may set."""
    return _read(dirs[-1] / "i18n" / f"{FALLBACK_LANGUAGE}.toml")


def read_catalog(path: Path, reference: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Return one catalog as the outputs read it (moved keys in their new place); refuse typos."""
    catalog = _moved_keys(path, _read(path))
    _require_known_keys(path, catalog, reference)
    return catalog


# Keys that moved to [common] (the plurals shared by the PDF and the HTML pages; the source line
# and unit shared by the GIFT and Moodle XML exports): a project's catalog written for the earlier
# place keeps working.
MOVED_TO_COMMON = {
    ("html", key): "common"
    for key in ("questions_one", "questions_other", "points_one", "points_other")
} | {("gift", key): "common" for key in ("quote", "unit")}
# Words the plurals above replaced: a catalog may still set them; they are no longer shown.
RETIRED = {
    ("common", "point"),
    ("common", "points"),
    ("common", "question"),
    ("pdf", "question"),
    ("pdf", "questions"),
}


def _moved_keys(path: Path, catalog: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Return the catalog with keys from their earlier section put where quizgen reads them."""
    moved: dict[str, dict[str, str]] = {}
    earlier: list[tuple[str, str, str]] = []
    for section, values in catalog.items():
        for key, value in values.items():
            if (section, key) in RETIRED:
                _warn_retired(
                    str(path), _line_of(path, r"^\s*" + re.escape(key) + r"\s*="), key, section
                )
            elif (section, key) in MOVED_TO_COMMON:
                earlier.append((MOVED_TO_COMMON[section, key], key, value))
            else:
                moved.setdefault(section, {})[key] = value
    for section, key, value in earlier:  # a value written in the new place wins
        moved.setdefault(section, {}).setdefault(key, value)
    return moved


def forget_warnings() -> None:
    """Forget which catalog warnings were said: a build says each once, however many came before."""
    _warn_retired.cache_clear()


@cache  # the catalogs are read once per bank and target: say it once
def _warn_retired(path: str, line: int, key: str, section: str) -> None:
    log.warning(
        "%s:%d:1: warning: '%s' in [%s] is no longer used (quizgen writes "
        "questions_one/_other and points_one/_other of [common]); remove it",
        path,
        line,
        key,
        section,
    )


def catalog_files(language: str, dirs: tuple[Path, ...]) -> list[Path]:
    """Return the catalogs a language's strings come from, later ones overriding earlier ones."""
    primary = language.split("-")[0].lower()
    return [
        folder / "i18n" / f"{name}.toml"
        for name in dict.fromkeys([FALLBACK_LANGUAGE, primary, language.lower()])
        # later folders on the search path are the defaults; the project's own come last to win
        for folder in reversed(dirs)
        if (folder / "i18n" / f"{name}.toml").is_file()
    ]


def _require_known_keys(
    path: Path, catalog: dict[str, dict[str, str]], reference: dict[str, dict[str, str]]
) -> None:
    """Refuse a key the outputs never use: it is a typo, and the text it holds would never show."""
    for section, values in catalog.items():
        known = reference.get(section)
        if known is None:
            hint = closest(section, reference)
            advice = (
                f"did you mean [{hint}]?" if hint else f"expected one of: {', '.join(reference)}"
            )
            line = _line_of(path, r"^\s*\[\s*" + re.escape(section) + r"\s*\]")
            raise TargetError(f"{path}:{line}:1: error: unknown section [{section}]; {advice}")
        for key, value in values.items():
            if key in known and isinstance(value, str) and _fills_only(value, known[key]):
                continue  # the usual case: no need to read the file again for a position
            line = _line_of(path, r"^\s*" + re.escape(key) + r"\s*=")
            if key not in known:
                hint = closest(key, known)
                advice = f"; did you mean '{hint}'?" if hint else ""
                raise TargetError(
                    f"{path}:{line}:1: error: unknown key '{key}' in [{section}]{advice}"
                )
            if not isinstance(value, str):
                raise TargetError(
                    f"{path}:{line}:1: error: '{key}' in [{section}] must be a quoted text"
                )
            # a placeholder quizgen does not fill would print as "{bogus}" or break formatting
            allowed = set(PLACEHOLDER.findall(known[key]))
            unknown = sorted(set(PLACEHOLDER.findall(value)) - allowed)
            if unknown:
                offer = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
                raise TargetError(
                    f"{path}:{line}:1: error: '{key}' in [{section}] uses {{{unknown[0]}}}, "
                    f"which quizgen does not fill; it fills: {offer}"
                )


def _fills_only(value: str, reference: str) -> bool:
    """Return whether a string uses only the placeholders its shipped version has."""
    return set(PLACEHOLDER.findall(value)) <= set(PLACEHOLDER.findall(reference))


def _line_of(path: Path, pattern: str) -> int:
    """Return the first line matching a pattern (tomllib gives no positions)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _read(path: Path) -> dict[str, dict[str, str]]:
    import tomllib  # here: `check` parses no catalog unless the project has its own

    try:
        tables = _parsed(path.read_text(encoding="utf-8"))
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
    return {section: dict(values) for section, values in tables.items()}  # (the caller's own)


# Every target reads the catalogs of each bank's language again (a tenth of the QTI and Moodle
# exports' time at 10,000 questions was TOML parsing): a text is parsed once, the file read each
# time, so that a catalog edited between builds (serve) is read as it now is.
@lru_cache(maxsize=64)
def _parsed(text: str) -> dict[str, dict[str, str]]:
    import tomllib

    data = tomllib.loads(text)
    return {k: v for k, v in data.items() if isinstance(v, dict)}

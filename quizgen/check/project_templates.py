"""The project's own templates and string catalogs, checked by `check` as `build` would read them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from quizgen.errors import Location, Problem, TargetError
from quizgen.present.search_path import builtin_template_dir, template_dirs

# a located message as the build raises it: "path:line:column: error: message"
_LOCATED = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$", re.S
)
# the files Jinja reads (the Anki card templates are Anki's, checked by the anki target)
_JINJA_SUFFIXES = (".j2", ".html")


def project_template_problems(root: Path) -> list[Problem]:
    """Return the errors of the project's own templates/ folder: Jinja syntax, catalog keys."""
    dirs = template_dirs(root)
    own = dirs[0]
    if own == builtin_template_dir().resolve():
        return []  # no folder of its own (or quizgen's own checkout): nothing a teacher wrote
    problems = [
        _catalog_problem(path, dirs, root) for path in sorted((own / "i18n").glob("*.toml"))
    ]
    names = [
        path.relative_to(own).as_posix()
        for path in sorted(own.rglob("*"))
        if path.is_file() and path.suffix in _JINJA_SUFFIXES and path.parts[-2:-1] != ("i18n",)
    ]
    if names:
        problems += _template_problems(dirs, names, root)
    return [p for p in problems if p is not None]


def _catalog_problem(path: Path, dirs: tuple[Path, ...], root: Path) -> Problem | None:
    """Return a catalog's first problem, as the build would refuse it, or None."""
    from quizgen.present.strings import read_catalog, shipped_catalog

    try:
        read_catalog(path, shipped_catalog(dirs))
    except TargetError as exc:
        return _located(str(exc), root)
    return None


def _template_problems(dirs: tuple[Path, ...], names: list[str], root: Path) -> list[Problem]:
    """Return a problem for each template Jinja cannot compile."""
    import jinja2  # only for a project with templates of its own

    from quizgen.present.templates import environment

    shared = environment(dirs)
    # by folder, with the filters of the targets that read it (GIFT's |gift …): Jinja looks a
    # filter up as it compiles, so a template naming one compiles only there; made when needed,
    # as every target is imported for it
    own: dict[str, jinja2.Environment] = {}

    def compile_(name: str) -> None:
        try:
            shared.get_template(name)
        except jinja2.TemplateAssertionError as exc:
            if not (exc.message or "").startswith("No filter named"):
                raise
            folder = name.split("/", 1)[0]
            if folder not in own:
                own[folder] = environment(dirs)
                own[folder].filters.update(_filters_of(folder))
            own[folder].get_template(name)

    problems = []
    for name in names:
        try:
            compile_(name)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or name}:{exc.lineno}:1"
            problems.append(_located(f"{where}: error: {exc.message}", root))
        except UnicodeDecodeError:
            where = f"{dirs[0] / name}:1:1"
            message = "template is not valid UTF-8; save it as UTF-8"
            problems.append(_located(f"{where}: error: {message}", root))
    return problems


def _filters_of(folder: str) -> dict[str, Any]:
    """Return the template filters of the targets that read a folder of the search path.

    A folder no target names (shared/, a teacher's own) holds what their templates include:
    it gets every target's filters.
    """
    from quizgen.targets import load_target, target_names

    targets = [load_target(name) for name in target_names()]
    readers = [t for t in targets if folder in getattr(t, "template_folders", ())] or targets
    filters: dict[str, Any] = {}
    for target in readers:
        filters.update(getattr(target, "template_filters", {}))
    return filters


def _located(text: str, root: Path) -> Problem:
    """Return a build error's message as a located problem, its path shown from the project."""
    found = _LOCATED.match(text)
    if not found:
        return Problem(Location("templates"), "error", text)
    path = Path(found["path"])
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(path)
    where = Location(shown, int(found["line"]), int(found["column"]))
    return Problem(where, "error", found["message"])

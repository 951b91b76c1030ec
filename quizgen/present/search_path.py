"""The template search path: the project's own templates/ first, then the ones quizgen ships.

Kept apart from the Jinja environment so that a build with nothing to do need not import Jinja.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the quizgen package


def builtin_template_dir() -> Path:
    """Return the shipped templates: inside the wheel, or the checkout's top-level templates/."""
    bundled = PACKAGE_DIR / "_templates"
    if bundled.is_dir():
        return bundled
    return PACKAGE_DIR.parent / "templates"


def template_dirs(project_root: Path) -> tuple[Path, ...]:
    """Return the template search path, the project's overrides first."""
    dirs = []
    own = project_root / "templates"
    if own.is_dir():
        dirs.append(own.resolve())
    builtin = builtin_template_dir().resolve()
    if builtin not in dirs:
        dirs.append(builtin)
    return tuple(dirs)

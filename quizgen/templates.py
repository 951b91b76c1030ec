"""Find templates: the project's own templates/ first, then the ones quizgen ships."""

from __future__ import annotations

from pathlib import Path

import jinja2

PACKAGE_DIR = Path(__file__).resolve().parent


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


def environment(dirs: tuple[Path, ...], *, autoescape: bool = True) -> jinja2.Environment:
    """Return a Jinja environment over the search path; undefined names fail loudly."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def find_template_file(dirs: tuple[Path, ...], relative: str) -> Path | None:
    """Return the first file named `relative` on the search path."""
    for folder in dirs:
        candidate = folder / relative
        if candidate.is_file():
            return candidate
    return None

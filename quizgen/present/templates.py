"""Find templates: the project's own templates/ first, then the ones quizgen ships."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import jinja2
from jinja2.debug import rewrite_traceback_stack

from quizgen.errors import TargetError
from quizgen.present import markup
from quizgen.present.search_path import builtin_template_dir, template_dirs
from quizgen.present.strings import fill, plural

__all__ = [
    "builtin_template_dir",
    "template_dirs",
]  # where they were first; callers import them here


# the template names loaded while a target builds, for the build record (templates_read)
_READ: ContextVar[set[str] | None] = ContextVar("quizgen_templates_read", default=None)


class _NotingLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that notes the name of every template it serves."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        found = super().get_source(environment, template)
        read = _READ.get()
        if read is not None:
            read.add(template)
        return found


@contextmanager
def templates_read() -> Iterator[set[str]]:
    """Collect the names of the templates loaded meanwhile: a target's own may include any."""
    read: set[str] = set()
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


def environment(dirs: tuple[Path, ...], *, autoescape: bool = True) -> jinja2.Environment:
    """Return a Jinja environment over the search path; undefined names fail loudly."""
    env = jinja2.Environment(
        loader=_NotingLoader([str(d) for d in dirs]),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        inline=markup.inline,
        block=markup.block,
        inline_spaced=markup.inline_spaced,
        plain_text=markup.plain_text,
        fill=fill,
    )
    env.globals["plural"] = plural
    return env


def find_template_file(dirs: tuple[Path, ...], relative: str) -> Path | None:
    """Return the first file named `relative` on the search path."""
    for folder in dirs:
        candidate = folder / relative
        if candidate.is_file():
            return candidate
    return None


def render_template(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render a template; a broken (teacher-edited) template is a located error, not a traceback."""
    with template_errors(env, name):
        return env.get_template(name).render(**context)


@contextmanager
def template_errors(env: jinja2.Environment, name: str) -> Iterator[None]:
    """Turn a Jinja error inside the block into a TargetError naming the template file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise TargetError(f"{exc.filename}:{exc.lineno}:1: error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        frames = _template_frames(env)
        where = f"{frames[-1].filename}:{frames[-1].lineno}:1" if frames else name
        raise TargetError(f"{where}: error: {exc.message}") from exc
    except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as exc:
        # a teacher's template that computes something wrong (1/0, range() of a missing value)
        frames = _template_frames(env)
        if not frames:
            raise  # quizgen's own mistake: keep the traceback
        where = f"{frames[-1].filename}:{frames[-1].lineno}:1"
        raise TargetError(f"{where}: error: {type(exc).__name__}: {exc}") from exc


def _template_frames(env: jinja2.Environment) -> list[traceback.FrameSummary]:
    """Return the frames of the exception being handled that lie in template files, by their lines."""
    # Jinja maps a template's compiled lines back to its own when it renders a template, but not
    # when Python calls a macro (the Anki fields): map them here; mapped frames stay as they are.
    rewritten = rewrite_traceback_stack()
    return [
        f for f in traceback.extract_tb(rewritten.__traceback__) if _is_template(f.filename, env)
    ]


def _is_template(filename: str, env: jinja2.Environment) -> bool:
    """Return whether a traceback frame belongs to a template file on the search path."""
    loader = env.loader
    folders = loader.searchpath if isinstance(loader, jinja2.FileSystemLoader) else []
    return any(filename.startswith(str(folder)) for folder in folders)

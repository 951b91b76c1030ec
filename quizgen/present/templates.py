"""Find templates: the project's own templates/ first, then the ones quizgen ships."""

from __future__ import annotations

import hashlib
import os
import stat
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

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


class _Environment(jinja2.Environment):
    """An environment whose templates hold their globals in a plain dict, not a ChainMap.

    Jinja copies a template's globals into every render's context, and for every {% import %};
    over a ChainMap that is a Python call per key, a third of the cost of rendering a small
    template (the cards' and GIFT's one per question). Set the globals before a template is
    loaded (as Jinja asks anyway): a template keeps those it was loaded with.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, jinja2.Template] = {}

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """Return a template; with `auto_reload` off (a build), a loaded one from a plain dict."""
        # Jinja's own cache takes a lock and reorders its queue on every look-up: a few us, twice
        # a question where each renders a template that imports another (GIFT, the cards)
        if self.auto_reload or globals or not isinstance(name, str):
            return super().get_template(name, parent, globals)
        key = name if parent is None else self.join_path(name, parent)
        template = self._loaded.get(key)
        if template is None:
            template = self._loaded[key] = super().get_template(name, parent, globals)
        return template


def environment(dirs: tuple[Path, ...], *, autoescape: bool = True) -> jinja2.Environment:
    """Return a Jinja environment over the search path; undefined names fail loudly."""
    env = _Environment(
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
    env.bytecode_cache = _bytecode_cache()
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs; a file that cannot be read or written is no cache."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # Jinja keys a file by its name and path and keeps the source's checksum with the code,
        # so an edited template is compiled again; the key adds what else decides the code
        key = self.get_cache_key(f"{name}\x00{_compiled_alike(environment)}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not _private(self.directory):  # code others could write is never run
            return
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file fails in pickle or marshal, in any way: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if _private(self.directory):
                super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only home or a full disk: the next run compiles again


def _private(folder: str) -> bool:
    """Return whether a folder is the user's own, and no one else may write in it (as Jinja asks)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _compiled_alike(env: jinja2.Environment) -> str:
    """Return a digest of what, besides a template's source, decides its compiled code."""
    settings = (
        jinja2.__version__,  # (Python's version is in every cache file already)
        env.autoescape,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.optimized,
        env.is_async,
        sorted(env.extensions),
        env.code_generator_class.__qualname__,
        env.finalize is None or _passes(env.finalize),
        # a filter or test that wants the context is called with it: the call is compiled in
        sorted((name, _passes(f)) for name, f in env.filters.items() if _passes(f)),
        sorted((name, _passes(f)) for name, f in env.tests.items() if _passes(f)),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def _passes(function: object) -> str:
    return str(getattr(function, "jinja_pass_arg", ""))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return the cache of compiled templates in the user's cache folder, or None without one."""
    folder = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(folder):  # unset, or relative (which the XDG spec says to ignore)
        folder = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(folder):  # no home to expand it with (a bare service account)
        return None
    return _CompiledTemplates(os.path.join(folder, "quizgen", "templates"), "%s.cache")


def find_template_file(dirs: tuple[Path, ...], relative: str) -> Path | None:
    """Return the first file named `relative` on the search path (noted as read, as templates are)."""
    read = _READ.get()
    if read is not None:
        read.add(relative)
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

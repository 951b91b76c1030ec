"""The template layer: compiled templates kept between runs, never stale, never in the way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from quizgen.errors import TargetError
from quizgen.present.templates import environment, render_template


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a fresh XDG_CACHE_HOME for this test."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record the name of every template Jinja compiles from source."""
    names: list[str] = []
    original = jinja2.Environment._compile

    def record(env: jinja2.Environment, source: str, filename: str) -> object:
        names.append(Path(filename).name)
        return original(env, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", record)
    yield names


def template_folder(tmp_path: Path, text: str) -> tuple[Path, ...]:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return (folder,)


def test_a_template_is_compiled_once_and_read_from_the_cache_after(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    dirs = template_folder(tmp_path, "<p>{{ word }}</p>")
    assert render_template(environment(dirs), "page.html", word="eins") == "<p>eins</p>"
    assert render_template(environment(dirs), "page.html", word="zwei") == "<p>zwei</p>"
    assert compiled == ["page.html"]
    assert len(list((cache_home / "quizgen" / "templates").iterdir())) == 1


def test_an_edited_template_is_compiled_again(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    dirs = template_folder(tmp_path, "<p>{{ word }}</p>")
    render_template(environment(dirs), "page.html", word="eins")
    page = dirs[0] / "page.html"
    stat = page.stat()
    page.write_text("<b>{{ word }}</b>", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the text decides
    assert render_template(environment(dirs), "page.html", word="eins") == "<b>eins</b>"
    assert compiled == ["page.html", "page.html"]


def test_settings_that_change_the_code_keep_their_own_compiled_copy(
    tmp_path: Path, cache_home: Path
) -> None:
    dirs = template_folder(tmp_path, "{{ text }}")
    for _ in range(2):  # the second time from the cache
        assert render_template(environment(dirs), "page.html", text="<b>") == "&lt;b&gt;"
        assert (
            render_template(environment(dirs, autoescape=False), "page.html", text="<b>") == "<b>"
        )


def test_a_damaged_cache_file_is_compiled_again(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    dirs = template_folder(tmp_path, "<p>{{ word }}</p>")
    render_template(environment(dirs), "page.html", word="eins")
    (cached,) = (cache_home / "quizgen" / "templates").iterdir()
    cached.write_bytes(cached.read_bytes()[:40])
    assert render_template(environment(dirs), "page.html", word="zwei") == "<p>zwei</p>"
    assert compiled == ["page.html", "page.html"]


def test_a_cache_folder_that_cannot_be_made_is_no_cache(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    cache_home.write_text("a file where the folder would go", encoding="utf-8")
    dirs = template_folder(tmp_path, "<p>{{ word }}</p>")
    for word in ("eins", "zwei"):
        assert render_template(environment(dirs), "page.html", word=word) == f"<p>{word}</p>"
    assert compiled == ["page.html", "page.html"]


def test_an_error_in_a_template_read_from_the_cache_names_its_line(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    dirs = template_folder(tmp_path, "<p>\n{{ 1 // zero }}\n</p>")
    for _ in range(2):
        with pytest.raises(TargetError) as error:
            render_template(environment(dirs), "page.html", zero=0)
        assert str(error.value).startswith(f"{dirs[0] / 'page.html'}:2:1: error: ZeroDivisionError")
    assert compiled == ["page.html"]


def test_a_filter_that_wants_the_context_keeps_its_own_compiled_copy(
    tmp_path: Path, cache_home: Path
) -> None:
    dirs = template_folder(tmp_path, "{{ word | mark }}")

    @jinja2.pass_context
    def with_context(context: jinja2.runtime.Context, word: str) -> str:
        return f"{context['where']}:{word}"

    for _ in range(2):  # the second time from the cache
        plain = environment(dirs)
        plain.filters["mark"] = lambda word: f"*{word}*"
        assert render_template(plain, "page.html", word="x") == "*x*"
        contextual = environment(dirs)
        contextual.filters["mark"] = with_context
        assert render_template(contextual, "page.html", word="x", where="here") == "here:x"


def test_a_cache_folder_others_may_write_in_is_never_read(
    tmp_path: Path, cache_home: Path, compiled: list[str]
) -> None:
    dirs = template_folder(tmp_path, "<p>{{ word }}</p>")
    render_template(environment(dirs), "page.html", word="eins")
    folder = cache_home / "quizgen" / "templates"
    folder.chmod(0o777)  # anyone could put code here for the next build to run
    assert render_template(environment(dirs), "page.html", word="zwei") == "<p>zwei</p>"
    assert compiled == ["page.html", "page.html"]

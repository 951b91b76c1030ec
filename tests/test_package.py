"""The installed package carries its templates; a project's own templates override them."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from quizgen.present.strings import ui_strings
from quizgen.present.templates import builtin_template_dir, template_dirs

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once (offline: the build backend comes from the test environment)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    return next(out.glob("quizgen-*.whl"))


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment outside the repository with only the wheel installed.

    Its dependencies come from the test environment's site-packages through a .pth file, which
    adds that folder to sys.path without running its .pth files (so the editable install of the
    checkout stays invisible).
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True
    )
    return venv


@pytest.mark.slow
def test_wheel_contains_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "quizgen").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert "quizgen/output/archive.py" in modules and modules <= names, sorted(modules - names)


@pytest.mark.slow
def test_wheel_contains_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {
        n.removeprefix("quizgen/_templates/") for n in names if n.startswith("quizgen/_templates/")
    }
    in_repo = {
        p.relative_to(REPO / "templates").as_posix()
        for p in (REPO / "templates").rglob("*")
        if p.is_file()
    }
    assert in_repo and shipped == in_repo


@pytest.mark.slow
def test_installed_wheel_finds_its_templates(fresh_venv: Path, tmp_path: Path) -> None:
    script = (
        "import quizgen.present.templates as t, quizgen.present.strings as s; d = t.builtin_template_dir(); "
        "print(d); print(s.ui_strings('de', (d,))['common']['source'])"
    )
    result = subprocess.run(
        [fresh_venv / "bin" / "python", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": ""},
        check=True,
    )
    folder, word = result.stdout.splitlines()
    assert folder.startswith(str(fresh_venv)) and folder.endswith("quizgen/_templates")
    assert word == "Quelle"


@pytest.mark.slow
def test_installed_wheel_checks_a_project(fresh_venv: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "questions").mkdir(parents=True)
    (project / "seeds").mkdir()
    (project / "seeds" / "atacms.txt").write_bytes((REPO / "seeds" / "atacms.txt").read_bytes())
    (project / "questions" / "atacms.yaml").write_bytes(
        (REPO / "questions" / "atacms.yaml").read_bytes()
    )
    result = subprocess.run(
        [fresh_venv / "bin" / "quizgen", "list"], capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 0, result.stderr
    assert "atacms" in result.stdout


def test_checkout_uses_top_level_templates() -> None:
    assert builtin_template_dir() == REPO / "templates"


def test_project_templates_override_single_strings(tmp_path: Path) -> None:
    (tmp_path / "templates" / "i18n").mkdir(parents=True)
    (tmp_path / "templates" / "i18n" / "de.toml").write_text(
        '[common]\nsource = "Zitat"\n', encoding="utf-8"
    )
    dirs = template_dirs(tmp_path)
    assert dirs[0] == (tmp_path / "templates").resolve()
    strings = ui_strings("de", dirs)
    assert strings["common"]["source"] == "Zitat"
    assert strings["common"]["true"] == "Richtig"  # the rest still comes from the built-in catalog


def test_regional_language_falls_back_to_primary_then_english(tmp_path: Path) -> None:
    strings = ui_strings("de-AT", template_dirs(tmp_path))
    assert strings["common"]["false"] == "Falsch"
    assert ui_strings("fr", template_dirs(tmp_path))["common"]["false"] == "False"


def test_broken_string_catalog_is_a_located_error(tmp_path: Path) -> None:
    from quizgen.errors import TargetError

    (tmp_path / "templates" / "i18n").mkdir(parents=True)
    (tmp_path / "templates" / "i18n" / "de.toml").write_text("[common\n", encoding="utf-8")
    with pytest.raises(
        TargetError, match=r"templates/i18n/de.toml:1:8: error: invalid string catalog"
    ):
        ui_strings("de", template_dirs(tmp_path))


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        (
            '[pdf]\nworksheeet = "Blatt"\n',
            "de.toml:2:1: error: unknown key 'worksheeet' in [pdf]; did you mean 'worksheet'?",
        ),
        (
            '[nonsense]\nx = "y"\n',
            "de.toml:1:1: error: unknown section [nonsense]; expected one of: ",
        ),
        (
            '[pdf]\nvariant = "Version {letter} {n}"\n',
            "de.toml:2:1: error: 'variant' in [pdf] uses {n}, which quizgen does not fill; it fills: {letter}",
        ),
        (
            "[pdf]\nworksheet = 5\n",
            "de.toml:2:1: error: 'worksheet' in [pdf] must be a quoted text",
        ),
    ],
    ids=["key", "section", "placeholder", "not-text"],
)
def test_unknown_catalog_entry_is_a_located_error(
    tmp_path: Path, catalog: str, message: str
) -> None:
    from quizgen.errors import TargetError

    (tmp_path / "templates" / "i18n").mkdir(parents=True)
    (tmp_path / "templates" / "i18n" / "de.toml").write_text(catalog, encoding="utf-8")
    with pytest.raises(TargetError) as caught:
        ui_strings("de", template_dirs(tmp_path))
    assert message in str(caught.value)


def test_a_catalog_edited_between_reads_is_read_as_it_now_is(tmp_path: Path) -> None:
    catalog = tmp_path / "templates" / "i18n" / "de.toml"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('[common]\nsource = "Zitat"\n', encoding="utf-8")
    first = ui_strings("de", template_dirs(tmp_path))
    first["common"]["source"] = "changed by a caller"  # (each caller gets its own copy)
    assert ui_strings("de", template_dirs(tmp_path))["common"]["source"] == "Zitat"
    catalog.write_text('[common]\nsource = "Beleg"\n', encoding="utf-8")  # (serve: saved again)
    assert ui_strings("de", template_dirs(tmp_path))["common"]["source"] == "Beleg"

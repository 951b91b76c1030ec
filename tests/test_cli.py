"""The command line as a user meets it: exit codes, list output, config defaults, entry points."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen import __version__
from quizgen.cli import main


def test_check_clean_project_exits_zero(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("mini"), "check")
    assert result.exit_code == 0
    assert "1 bank(s) valid, 0 error(s), 0 warning(s)" in result.stderr


def test_list_shows_types_and_coverage(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("mini"), "list")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("lighthouse"))
    assert row.split()[-12:] == ["en", "8", "1", "1", "1", "1", "1", "1", "1", "1", "2/2", "2/2"]


def test_list_repository_covers_every_section(run_quizgen) -> None:
    result = run_quizgen(Path(__file__).parent.parent, "list")
    row = next(line for line in result.stdout.splitlines() if line.startswith("atacms"))
    assert row.split()[-2:] == ["6/6", "6/6"]


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "--version"], capture_output=True, text=True
    )
    assert result.stdout.strip() == f"quizgen, version {__version__}"


def test_python_m_reports_problems_without_traceback(make_project) -> None:
    root = make_project("unclosed-list")  # questions/x.yaml: "bank: ["
    result = subprocess.run(
        [sys.executable, "-m", "quizgen", "--project", str(root), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("questions/x.yaml:2:1: error: invalid YAML")
    assert "Traceback" not in result.stderr


def test_unknown_option_is_usage_error(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("mini"), "check", "--nope")
    assert result.exit_code == 2
    assert "Error: No such option '--nope'." in result.stderr
    assert "1 bank(s) valid" not in result.stderr  # nothing was checked


def test_config_sets_option_defaults(make_project, run_quizgen) -> None:
    root = make_project("mini")
    text = (root / "questions" / "lighthouse.yaml").read_text(encoding="utf-8")
    (root / "questions" / "lighthouse.yaml").write_text(
        text.replace('answer: ["1887"]', "answer: [1888]")
    )
    lenient = run_quizgen(root, "check")
    assert lenient.exit_code == 0  # only a warning
    assert "lighthouse.yaml:37:13: warning: question 'year': answer '1888'" in lenient.stderr
    (root / "quizgen.toml").write_text("[check]\nstrict = true\n", encoding="utf-8")
    strict = run_quizgen(root, "check")
    assert strict.exit_code == 1
    assert "lighthouse.yaml:37:13: error: question 'year': answer '1888'" in strict.stderr
    assert strict.stderr.endswith("0 bank(s) valid, 1 error(s), 0 warning(s)\n")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[check]\nstrict = \n", "quizgen.toml:2:10: error: invalid TOML"),
        (
            "[chek]\nstrict = true\n",
            "quizgen.toml:1:1: error: unknown section 'chek'; expected one of:",
        ),
        (
            "[build]\nvariant = 2\n",
            "quizgen.toml:2:1: error: [build]: unknown option 'variant'; did you mean 'variants'?",
        ),
        (
            "[check]\nstrict = 0\n",
            "quizgen.toml:2:1: error: [check]: strict must be true or false, got 0",
        ),
        (
            "[build]\nvariants = 2.9\n",
            "quizgen.toml:2:1: error: [build]: variants must be a whole number, got 2.9",
        ),
        (
            "[build]\nout = 5\n",
            "quizgen.toml:2:1: error: [build]: out must be a quoted text, got 5",
        ),
        (
            "[build]\nonly = 5\n",
            "quizgen.toml:2:1: error: [build]: only must be a list of texts like",
        ),
        (
            "build = 3\n",
            "quizgen.toml:1:1: error: 'build' must be a table: write [build] and its options",
        ),
        (
            '[build]\ncombine-deck = "A"\ncombine_deck = "B"\n',
            "quizgen.toml:3:1: error: [build]: 'combine_deck' and 'combine-deck' are the same option",
        ),
    ],
    ids=[
        "invalid-toml",
        "unknown-section",
        "unknown-option",
        "flag",
        "int",
        "text",
        "list",
        "not-a-table",
        "spelled-twice",
    ],
)
def test_bad_config(toml: str, message: str, make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(toml, encoding="utf-8")
    # [build] is checked by the build, which knows every target's options
    command = "build" if "build" in toml else "check"
    result = run_quizgen(root, command)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_unknown_target_is_usage_error(make_project, run_quizgen) -> None:
    result = run_quizgen(make_project("mini"), "build", "--only", "docx")
    assert result.exit_code == 2
    assert (
        "quizgen: error: unknown target 'docx'; expected one of: pdf, anki, html, cards"
        in result.stderr
    )


def test_bad_source_date_epoch_is_usage_error(make_project, run_quizgen, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_quizgen(make_project("mini"), "build", "--only", "anki")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds, got 'yesterday'" in result.stderr


def test_source_date_epoch_in_milliseconds_is_usage_error(
    make_project, run_quizgen, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796141520000")
    root = make_project("mini")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 2
    assert (
        "SOURCE_DATE_EPOCH must be seconds since 1970, at most 4102444800 (the year 2100), got "
        "'1796141520000'; in milliseconds? Divide by 1000"
    ) in result.stderr
    assert not (root / "output").exists()


def test_project_that_is_not_a_folder_is_usage_error(tmp_path: Path, run_quizgen) -> None:
    result = run_quizgen(tmp_path / "missing", "check")
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--version"], ["check"], ["list"], ["--project", "{configured}", "check"]],
    ids=["version", "check", "list", "check-with-build-config"],
)
def test_light_commands_do_not_import_the_heavy_targets(args: list[str], make_project) -> None:
    """`check` runs in editors and CI on every save: it must not pay for WeasyPrint or Anki."""
    code = (
        "import sys, runpy; sys.argv = ['quizgen', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('quizgen', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('weasyprint', 'genanki', 'playwright', 'jinja2') if m in sys.modules))"
    )
    repo = Path(__file__).resolve().parent.parent
    if "{configured}" in args:
        root = make_project("repo")
        (root / "quizgen.toml").write_text("[build]\nvariants = 2\n", encoding="utf-8")
        args = [str(root) if a == "{configured}" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=repo
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_leaves_its_objects_to_the_exit_not_to_the_cyclic_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # freed as the process ends, without a last collection looking through them all first
    monkeypatch.setattr(sys, "argv", ["quizgen", "--version"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

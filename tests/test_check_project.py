"""What `check` finds beyond the banks: quizgen.toml, the command line's bank names."""

from __future__ import annotations

import pytest

from tests.harness import run_cli


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'paper = "a4"\n[build]\nvariants = 2\n',
            "quizgen.toml:1:1: error: 'paper' is an option of [build]: an option above the "
            "first [section] line belongs to no command; move it below the [build] line",
        ),
        (
            "[build]\npaper = A4\n",
            'quizgen.toml:2:9: error: invalid TOML: Invalid value; put text in quotes: paper = "A4"',
        ),
        (
            '[check]\nstrict = true\n[build]\nstrict = "yes"\n',
            "quizgen.toml:4:1: error: [build]: strict must be true or false, got 'yes'",
        ),
    ],
    ids=["top-level-option", "text-without-quotes", "located-in-its-section"],
)
def test_config_problem_is_explained(toml: str, message: str, make_project) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(toml, encoding="utf-8")
    result = run_cli(root, "build" if "[build]" in toml else "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_only_and_paper_as_a_teacher_writes_them(make_project) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text('[build]\nonly = "anki, cards"\npaper = "A4"\n', "utf-8")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.stderr
    built = sorted(p.name for p in (root / "output" / "site" / "lighthouse").iterdir())
    assert built == ["lighthouse-cards.tsv", "lighthouse.apkg"]


def test_paper_on_the_command_line_in_any_case(make_project) -> None:
    root = make_project("mini")
    result = run_cli(root, "build", "--only", "pdf", "--paper", "A4")
    assert result.exit_code == 0, result.stderr


def test_project_after_the_command(make_project) -> None:
    from click.testing import CliRunner

    from quizgen.cli import cli

    root = make_project("mini")
    for args in (["check", "--project", str(root)], ["check", f"--project={root}", "--strict"]):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert "1 bank(s) valid" in result.stderr


def test_a_bank_file_is_found_in_questions(make_project, monkeypatch, tmp_path) -> None:
    root = make_project("mini")
    monkeypatch.chdir(tmp_path)  # not the project: the name is looked for there, then in it
    result = run_cli(root, "check", "lighthouse.yaml")
    assert result.exit_code == 0, result.stderr
    assert "1 bank(s) valid" in result.stderr


def test_a_misspelt_bank_file_gets_a_suggestion(make_project) -> None:
    result = run_cli(make_project("mini"), "check", "lightouse.yaml")
    assert result.exit_code == 2
    assert "no bank file 'lightouse.yaml' under" in result.stderr
    assert "; did you mean 'lighthouse.yaml'?" in result.stderr

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


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('[build]\nvariants = 2\nroster = "9b.csv"\n', "3:1: error: [build]: 'roster'"),
        ('roster = "9b.csv"\n', "1:1: error: 'roster'"),
    ],
    ids=["in-build", "top-level"],
)
def test_a_roster_in_quizgen_toml_is_refused_for_the_command_line(
    toml: str, where: str, make_project
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(toml, encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(root, command)
        assert result.exit_code == 2
        assert result.stderr == (
            f"quizgen.toml:{where} cannot be set in quizgen.toml: a class list is for one build, "
            "not a default to keep; give it on the command line: quizgen build --roster FILE\n"
        )
    assert not (root / "output").exists()


BUILD_OPTIONS = (
    "combine, combine-deck, jobs, only, out, paper, print-source, seed, strict, variants"
)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("variant = 2", "[build]: unknown option 'variant'; did you mean 'variants'?"),
        ('colour = "red"', f"[build]: unknown option 'colour'; expected one of: {BUILD_OPTIONS}"),
        ('variants = "drei"', "[build]: variants must be a whole number, got 'drei'"),
        ("variants = 0", "[build]: variants must be between 1 and 99, got 0"),
        ('paper = "a5"', "[build]: paper must be one of a4, letter, got 'a5'"),
        ("jobs = 0", "[build]: jobs must be a whole number of 1 or more, got 0"),
        (
            'only = ["pdf", "docx"]',
            "[build]: only must be a list of targets among pdf, anki, html, cards, gift, moodle, "
            "qti, got ['pdf', 'docx']",
        ),
    ],
    ids=[
        "did-you-mean",
        "unknown-option",
        "wrong-type",
        "out-of-range",
        "not-a-choice",
        "count",
        "unknown-target",
    ],
)
def test_check_finds_the_slips_in_build_that_build_finds(
    line: str, message: str, make_project
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(f"[check]\nstrict = true\n\n[build]\n{line}\n", "utf-8")
    for command in ("check", "build"):
        result = run_cli(root, command)
        assert result.exit_code == 2, command
        assert result.stderr.splitlines() == [f"quizgen.toml:5:1: error: {message}"], command
    assert not (root / "output").exists()


def test_check_reads_a_build_table_a_teacher_writes(make_project) -> None:
    root = make_project("mini")
    config = '[build]\nonly = "pdf, gift"\npaper = "A4"\nvariants = 99\ncombine-deck = "10b"\n'
    (root / "quizgen.toml").write_text(config, "utf-8")
    result = run_cli(root, "check")
    assert result.exit_code == 0, result.stderr


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

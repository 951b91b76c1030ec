"""Build options as docs/cli.md documents them, checked on the files a build writes."""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

WARNING = "questions/warned.yaml:11:13: {}: question 'year': answer '1888' does not occur in its source quote"


def deck_table(package: Path, tmp_path: Path) -> list[dict]:
    """Return the decks stored in an .apkg (the `decks` JSON of its `col` table), Default left out."""
    database = tmp_path / f"{package.stem}-{len(list(tmp_path.glob('*.anki2')))}.anki2"
    with zipfile.ZipFile(package) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        (decks,) = connection.execute("select decks from col").fetchone()
    return sorted(
        (d for d in json.loads(decks).values() if d["name"] != "Default"), key=lambda d: d["name"]
    )


def files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


# --- --strict -------------------------------------------------------------------------------------


def test_build_without_strict_builds_a_bank_with_a_warning(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["warned-bank"])
    result = run_quizgen(root, "build", "--only", "anki,html")
    assert result.exit_code == 0
    assert WARNING.format("warning") in result.stderr
    assert {"warned/warned-quiz.html", "warned/warned.apkg"} <= set(files(root / "output" / "site"))


def test_build_strict_fails_on_a_warning_and_writes_nothing_for_that_bank(
    make_project, run_quizgen
) -> None:
    root = make_project("mini", add=["warned-bank"])
    result = run_quizgen(root, "build", "--strict", "--only", "anki,html")
    assert result.exit_code == 1
    assert WARNING.format("error") in result.stderr
    assert not (root / "output" / "site" / "warned").exists()
    built = files(root / "output" / "site")
    assert "lighthouse/lighthouse-quiz.html" in built and "lighthouse/lighthouse.apkg" in built
    assert not [name for name in built if "warned" in name]
    index = (root / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-bank="lighthouse"' in index and 'data-bank="warned"' not in index


# --- -v -------------------------------------------------------------------------------------------


def test_verbose_logs_what_the_build_does_to_stderr(make_project) -> None:
    root = make_project("mini")
    command = [sys.executable, "-m", "quizgen", "--project", str(root)]
    quiet = subprocess.run(
        [*command, "build", "--only", "html"], capture_output=True, text=True, check=True
    )
    loud = subprocess.run(
        [*command, "-v", "build", "--only", "html", "--force"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "quizgen: building html for 1 bank(s)" in loud.stderr.splitlines()
    assert "quizgen: building" not in quiet.stderr
    assert "quizgen: building" not in loud.stdout  # logs go to stderr only


# --- quizgen.toml ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["combine-deck", "combine_deck"])
def test_config_option_names_take_a_dash_or_an_underscore(
    make_project, run_quizgen, tmp_path, name
) -> None:
    root = make_project("mini")
    config = f'[build]\nonly = ["anki"]\ncombine = true\n{name} = "Klasse 10b"\n'
    (root / "quizgen.toml").write_text(config, encoding="utf-8")
    assert run_quizgen(root, "build").exit_code == 0
    names = [d["name"] for d in deck_table(root / "output" / "site" / "quizgen.apkg", tmp_path)]
    assert names == ["Klasse 10b::The Lighthouse <Test> & Co"]
    assert not (
        root / "output" / "site" / "lighthouse" / "lighthouse-quiz.html"
    ).exists()  # only = anki


def test_command_line_options_override_the_config(make_project, run_quizgen, tmp_path) -> None:
    root = make_project("mini")
    config = '[build]\nonly = ["html"]\ncombine = true\ncombine-deck = "Klasse 10b"\n'
    (root / "quizgen.toml").write_text(config, encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "anki", "--combine-deck", "Küste")
    assert result.exit_code == 0, result.output
    names = [d["name"] for d in deck_table(root / "output" / "site" / "quizgen.apkg", tmp_path)]
    assert names == ["Küste::The Lighthouse <Test> & Co"]
    assert not (
        root / "output" / "site" / "lighthouse" / "lighthouse-quiz.html"
    ).exists()  # not html


@pytest.mark.parametrize("section, command", [("build", "build"), ("check", "check")])
def test_jobs_below_one_in_the_config_is_a_located_usage_error(
    section: str, command: str, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(f"[{section}]\njobs = 0\n", encoding="utf-8")
    result = run_quizgen(root, command)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"quizgen.toml:2:1: error: [{section}]: jobs must be a whole number of 1 or more, got 0"
    ]
    assert not (root / "output").exists()


def test_every_built_in_target_reads_its_options_from_the_light_table() -> None:
    """check knows the targets' options from quizgen.target_options, without importing them."""
    from quizgen.target_options import TARGET_OPTIONS
    from quizgen.targets import TARGET_MODULES, load_target

    assert list(TARGET_OPTIONS) == list(TARGET_MODULES)
    for name, options in TARGET_OPTIONS.items():
        assert load_target(name).options is options, name


# --- the deck --------------------------------------------------------------------------------------


def test_bank_description_becomes_the_deck_description(make_project, run_quizgen, tmp_path) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "anki").exit_code == 0
    (deck,) = deck_table(root / "output" / "site" / "lighthouse" / "lighthouse.apkg", tmp_path)
    assert deck["name"] == "The Lighthouse <Test> & Co"
    # the bank's description is "A *small* bank with every question type." (Markdown)
    assert deck["desc"] == "<p>A <em>small</em> bank with every question type.</p>"


def test_bank_without_a_description_gives_an_empty_one(make_project, run_quizgen, tmp_path) -> None:
    root = make_project("mini", add=["other-bank"])
    assert run_quizgen(root, "build", "--only", "anki", "other").exit_code == 0
    (deck,) = deck_table(root / "output" / "site" / "other" / "other.apkg", tmp_path)
    assert (deck["name"], deck["desc"]) == ("O", "")


def test_a_build_of_one_target_imports_no_other(make_project) -> None:
    root = make_project("mini")
    script = (
        "import sys\n"
        "from quizgen.cli import main\n"
        "sys.argv = ['quizgen', 'build', '--only', 'anki', '-q']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('quizgen.targets.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    imported = ast.literal_eval(done.stdout.splitlines()[-1])
    assert imported and all(m.startswith("quizgen.targets.anki") for m in imported), imported
    assert (root / "output" / "site" / "lighthouse" / "lighthouse.apkg").is_file()


@pytest.mark.parametrize(
    "line, message",
    [
        (
            'variants = "drei"',
            "quizgen.toml:3:1: error: [build]: variants must be a whole number, got 'drei'",
        ),
        (
            "variant = 3",
            "quizgen.toml:3:1: error: [build]: unknown option 'variant'; did you mean 'variants'?",
        ),
    ],
)
def test_options_of_targets_not_built_are_checked_all_the_same(
    line: str, message: str, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text(f'[build]\nonly = ["html"]\n{line}\n', encoding="utf-8")
    result = run_quizgen(root, "build")
    assert result.exit_code == 2
    assert message in result.stderr.splitlines()
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("args", "option", "takes", "built", "fix"),
    [
        (("--only", "html", "--variants", "3"), "--variants", "pdf", "html", "add it"),
        (("--only", "anki", "--paper", "letter"), "--paper", "pdf", "anki", "add it"),
        (("--only", "anki,gift", "--seed", "4"), "--seed", "pdf or html", "anki, gift", "add one"),
        (("--only", "html", "--combine"), "--combine", "anki", "html", "add it"),
        (("--only", "pdf", "--combine-deck", "Küste"), "--combine-deck", "anki", "pdf", "add it"),
    ],
    ids=["variants", "paper", "seed", "combine", "combine-deck"],
)
def test_an_option_typed_for_a_target_not_built_is_refused(
    args: tuple[str, ...], option: str, takes: str, built: str, fix: str, make_project, run_quizgen
) -> None:
    # typed for this build, it would change nothing, and nothing would say so
    root = make_project("mini")
    result = run_quizgen(root, "build", *args)
    assert result.exit_code == 2
    first = takes.split(" or ")[0]
    assert result.stderr == (
        f"quizgen: error: {option} is for the {takes} target, which --only leaves out (it builds "
        f"{built}); {fix}, --only {built.replace(', ', ',')},{first}, or leave out {option}\n"
    )
    assert not (root / "output").exists()


def test_a_target_option_in_the_config_is_kept_for_the_builds_that_take_it(
    make_project, run_quizgen
) -> None:
    # a default in quizgen.toml is for many builds: one that leaves its target out ignores it
    root = make_project("mini")
    (root / "quizgen.toml").write_text("[build]\nvariants = 2\ncombine = true\n", encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "html", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert files(root / "output" / "site") == [
        "index.html",
        "lighthouse/lighthouse-quiz.html",
    ]

"""quizgen init and quizgen new: a project and a starter bank that check and build as made."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizgen.authoring.language_guess import guess_language
from quizgen.bank.loader import MAX_SOURCE_BYTES
from quizgen.bank.schema import SCHEMA_PATH
from quizgen.cli import cli
from quizgen.config import load_config
from quizgen.model import QUESTION_TYPES
from quizgen.settings import build_option_kinds, build_settings
from quizgen.targets import target_names
from tests.harness import PROJECTS, REPO, run_cli

ARTICLES = {
    "de": REPO / "seeds" / "atacms.txt",
    "en": PROJECTS / "article-en" / "seeds" / "harbour.txt",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project made by quizgen init."""
    result = run_cli(tmp_path, "init", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    return tmp_path / "p"


def _with_article(project: Path, language: str = "de", name: str = "article.txt") -> Path:
    (project / "seeds" / name).write_bytes(ARTICLES[language].read_bytes())
    return project


# --- init ---------------------------------------------------------------------------------


def test_init_makes_a_project_in_a_new_folder(project: Path) -> None:
    assert sorted(p.name for p in project.iterdir()) == [
        ".gitignore",
        "questions",
        "quizgen.toml",
        "seeds",
    ]
    assert "output/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    result = run_cli(project, "build")
    assert result.exit_code == 0, result.output


def test_init_makes_a_project_in_the_current_folder(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "quizgen.toml").is_file() and (tmp_path / "questions").is_dir()
    assert "quizgen new BANK --source seeds/ARTICLE.txt" in result.output


def test_init_tells_how_to_go_into_a_folder_with_a_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path, "init", "Klasse 9b")
    assert result.exit_code == 0, result.output
    assert "  cd 'Klasse 9b'\n" in result.output  # a line to paste into the shell as it is


def test_init_takes_empty_folders_that_are_there(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert run_cli(tmp_path, "init").exit_code == 0


def test_init_overwrites_nothing(project: Path) -> None:
    before = (project / "quizgen.toml").read_bytes()
    (project / "questions" / "mine.yaml").write_text("bank: mine\n", encoding="utf-8")
    result = run_cli(project, "init")
    assert result.exit_code == 1
    assert (
        "quizgen: error: '" in result.stderr
        and "' already has questions, quizgen.toml, .gitignore; quizgen init overwrites nothing"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert (project / "quizgen.toml").read_bytes() == before


def test_init_refuses_a_file_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run_cli(tmp_path, "init", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1
    assert "notes.txt' is a file; expected a folder for the new project" in result.stderr


def _uncommented(text: str) -> str:
    """Return quizgen.toml with every option line switched on."""
    return re.sub(r"^# ([a-z-]+ = )", r"\1", text, flags=re.MULTILINE)


def test_config_lists_every_option_at_its_default(project: Path) -> None:
    text = (project / "quizgen.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {
        name: {} for name in ("check", "coverage", "build", "draft", "serve", "new", "header")
    }  # all commented out
    values = tomllib.loads(_uncommented(text))
    in_config = build_option_kinds(target_names(), in_config=True)
    assert set(values["build"]) == {k.replace("_", "-") for k in in_config}
    assert values["header"] == {"school": "", "class": "", "teacher": ""}
    for name, command in cli.commands.items():
        if name == "build":
            continue
        options = {
            p.name.replace("_", "-") for p in command.params if p.param_type_name == "option"
        }
        assert set(values.get(name, {})) == options, name
    defaults = {"out": "output", "variants": 1, "seed": 0, "paper": "a4", "combine": False}
    assert {k: values["build"][k] for k in defaults} == defaults
    assert values["build"]["only"] == [] and values["check"]["strict"] is False


def test_config_switched_on_is_accepted(project: Path) -> None:
    path = project / "quizgen.toml"
    path.write_text(_uncommented(path.read_text(encoding="utf-8")), encoding="utf-8")
    from quizgen.cli import _option_kinds

    # every command's options, as the CLI reads them from quizgen.toml
    kinds = {name: _option_kinds(c) for name, c in cli.commands.items() if name != "build"}
    assert load_config(project, kinds, skip=("build", "header"))["check"] == {
        "strict": False,
        "jobs": 1,
    }
    assert build_settings(project, {})["combine_deck"] == "quizgen"
    assert run_cli(project, "check").exit_code == 0


# --- new ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_new_writes_a_bank_that_passes_check_strict(project: Path, language: str) -> None:
    _with_article(project, language)
    result = run_cli(project, "new", "article", "--source", "seeds/article.txt")
    assert result.exit_code == 0, result.output
    assert f"language: {language}, guessed from the text" in result.stderr
    assert "wrote questions/article.yaml: 8 example questions" in result.output
    check = run_cli(project, "check", "--strict")
    assert check.exit_code == 0, check.stderr
    assert "1 bank(s) valid, 0 error(s), 0 warning(s)" in check.stderr
    bank = yaml.safe_load((project / "questions" / "article.yaml").read_text(encoding="utf-8"))
    assert [q["type"] for q in bank["questions"]] == list(QUESTION_TYPES)
    assert bank["language"] == language
    assert "no good example found" not in result.stderr  # an article gives every type


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_example_quotes_the_text_and_draws_its_answer_from_it(
    project: Path, language: str
) -> None:
    text = " ".join(ARTICLES[language].read_text(encoding="utf-8").split())
    _with_article(project, language)
    run_cli(project, "new", "article", "--source", "seeds/article.txt")
    bank = yaml.safe_load((project / "questions" / "article.yaml").read_text(encoding="utf-8"))
    questions = {q["type"]: q for q in bank["questions"]}
    for question in bank["questions"]:
        assert question["source"] in text
    assert questions["single"]["correct"] in questions["single"]["source"]
    assert all(w not in questions["single"]["source"] for w in questions["single"]["wrong"])
    assert all(c in questions["multiple"]["source"] for c in questions["multiple"]["correct"])
    assert questions["truefalse"]["answer"] is False  # a number changed
    assert (
        questions["cloze"]["text"].replace("[[", "").replace("]]", "")
        == questions["cloze"]["source"]
    )
    assert str(questions["numeric"]["answer"]) in questions["numeric"]["source"]
    assert len(questions["match"]["pairs"]) == 3


def test_starter_bank_names_the_schema_and_is_valid_under_it(project: Path) -> None:
    _with_article(project)
    run_cli(project, "new", "article", "--source", "seeds/article.txt")
    path = project / "questions" / "article.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    named = (path.parent / first.split("=", 1)[1]).resolve()
    assert named == SCHEMA_PATH.resolve()
    schema = json.loads(named.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_new_starter_bank_builds(project: Path) -> None:
    _with_article(project, "en")
    run_cli(project, "new", "article", "--source", "seeds/article.txt")
    result = run_cli(project, "build", "--only", "html,gift")
    assert result.exit_code == 0, result.output
    assert (project / "output" / "site" / "article" / "article-quiz.html").is_file()


def test_new_with_language_given_says_no_guess(project: Path) -> None:
    _with_article(project, "en")
    result = run_cli(project, "new", "a", "--source", "seeds/article.txt", "--language", "en-GB")
    assert result.exit_code == 0, result.output
    assert "guessed" not in result.stderr
    assert "language: en-GB " in (project / "questions" / "a.yaml").read_text(encoding="utf-8")


def test_a_text_too_short_for_examples_gets_placeholders_that_pass(project: Path) -> None:
    (project / "seeds" / "short.txt").write_text("Die Katze schläft.\n", encoding="utf-8")
    result = run_cli(project, "new", "short", "--source", "seeds/short.txt", "--language", "de")
    assert result.exit_code == 0, result.output
    assert "no good example found for: " in result.stderr and "multiple" in result.stderr
    text = (project / "questions" / "short.yaml").read_text(encoding="utf-8")
    assert "PLACEHOLDER" in text
    check = run_cli(project, "check", "--strict")
    assert check.exit_code == 0, check.stderr


def test_a_yaml_hostile_text_is_quoted_safely(project: Path) -> None:
    hostile = (
        'Title: "quoted" #not a comment\n\n- Item: with a colon, 12 apples and a \\ backslash.\n'
        "* Star, 3 pears and [brackets] or & ampersands follow here.\n"
        "Tab\there and 'single' quotes, then 45 plums, Anna, Berta und Clara.\n"
    )
    (project / "seeds" / "hostile.txt").write_text(hostile, encoding="utf-8")
    result = run_cli(project, "new", "hostile", "--source", "seeds/hostile.txt")
    assert result.exit_code == 0, result.output
    check = run_cli(project, "check", "--strict")
    assert check.exit_code == 0, check.stderr


def test_new_finds_a_source_named_from_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_article(project)
    monkeypatch.chdir(project / "seeds")
    result = run_cli(project, "new", "article", "--source", "article.txt")
    assert result.exit_code == 0, result.output
    assert "source: seeds/article.txt " in (project / "questions" / "article.yaml").read_text(
        encoding="utf-8"
    )


def test_language_guess_counts_common_words() -> None:
    assert guess_language("Der Hund und die Katze sind nicht im Haus.").language == "de"
    assert guess_language("The dog and the cat are not in the house.").language == "en"
    tie = guess_language("12 34")
    assert tie.language == "en" and tie.describe() == "0 German and 0 English common words"


# --- new: one test per error message ------------------------------------------------------


def _new(project: Path, *args: str):  # type: ignore[no-untyped-def]
    result = run_cli(project, "new", *args)
    assert "Traceback" not in result.output
    return result


def test_error_no_questions_folder(tmp_path: Path) -> None:
    result = _new(tmp_path, "a", "--source", "seeds/a.txt")
    assert result.exit_code == 2
    assert "no 'questions/' folder; make a project first (quizgen init)" in result.stderr


def test_error_bank_id_invalid(project: Path) -> None:
    result = _new(_with_article(project), "Über Brücken", "--source", "seeds/article.txt")
    assert result.exit_code == 2
    assert (
        "quizgen: error: bank id 'Über Brücken' must be 1–64 lowercase letters, digits and "
        "hyphens, starting with a letter or digit, such as 'ueber-bruecken'" in result.stderr
    )


def test_error_bank_file_exists(project: Path) -> None:
    _with_article(project)
    (project / "questions" / "article.yaml").write_text("mine\n", encoding="utf-8")
    result = _new(project, "article", "--source", "seeds/article.txt")
    assert result.exit_code == 2
    assert (
        "quizgen: error: questions/article.yaml already exists; quizgen new overwrites nothing"
        in result.stderr
    )
    assert (project / "questions" / "article.yaml").read_text(encoding="utf-8") == "mine\n"


def test_error_bank_id_used_by_another_file(project: Path) -> None:
    _with_article(project)
    (project / "questions" / "unit-1").mkdir()
    (project / "questions" / "unit-1" / "old.yaml").write_text("bank: article\n", encoding="utf-8")
    result = _new(project, "article", "--source", "seeds/article.txt")
    assert result.exit_code == 2
    assert (
        "quizgen: error: bank id 'article' is already used by questions/unit-1/old.yaml; "
        "bank ids must be unique" in result.stderr
    )


def test_error_source_missing_with_did_you_mean(project: Path) -> None:
    result = _new(_with_article(project), "a", "--source", "seeds/artikel.txt")
    assert result.exit_code == 2
    assert (
        "quizgen: error: source file 'seeds/artikel.txt' does not exist; did you mean "
        "'seeds/article.txt'?" in result.stderr
    )


def test_error_source_missing_without_a_close_name(project: Path) -> None:
    result = _new(project, "a", "--source", "seeds/nothing.txt")
    assert "does not exist; expected a UTF-8 text file in the project" in result.stderr


def test_error_source_outside_the_project(project: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("Ein Satz.", encoding="utf-8")
    result = _new(project, "a", "--source", str(tmp_path / "outside.txt"))
    assert result.exit_code == 2
    assert "lies outside the project; copy it into seeds/ and name the copy" in result.stderr


def test_error_source_is_a_folder(project: Path) -> None:
    result = _new(project, "a", "--source", "seeds")
    assert result.exit_code == 2
    assert "quizgen: error: source 'seeds' is a folder; expected the path of a text file" in (
        result.stderr
    )


def test_error_source_not_utf8(project: Path) -> None:
    (project / "seeds" / "latin1.txt").write_bytes(
        "Erste Zeile.\nDas Café ist zu.".encode("latin-1")
    )
    result = _new(project, "a", "--source", "seeds/latin1.txt")
    assert result.exit_code == 1
    assert (
        "seeds/latin1.txt:2:8: error: source file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
        in result.stderr
    )


def test_error_source_empty(project: Path) -> None:
    (project / "seeds" / "empty.txt").write_text(" \n\n", encoding="utf-8")
    result = _new(project, "a", "--source", "seeds/empty.txt")
    assert result.exit_code == 1
    assert (
        "seeds/empty.txt:1:1: error: source file is empty; expected the text the questions quote"
        in result.stderr
    )


def test_error_source_too_large(project: Path) -> None:
    with (project / "seeds" / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)
    result = _new(project, "a", "--source", "seeds/huge.txt")
    assert result.exit_code == 1
    assert (
        f"seeds/huge.txt:1:1: error: source file is {MAX_SOURCE_BYTES + 1} bytes" in result.stderr
    )


def test_error_language_not_a_tag(project: Path) -> None:
    result = _new(
        _with_article(project), "a", "--source", "seeds/article.txt", "--language", "Deutsch!"
    )
    assert result.exit_code == 2
    assert (
        "quizgen: error: --language 'Deutsch!' is not a BCP 47 tag; expected e.g. de, en, de-AT"
        in result.stderr
    )
    assert not (project / "questions" / "a.yaml").exists()


def test_a_text_no_example_can_be_drawn_from_is_refused_at_the_source(project: Path) -> None:
    from tests.test_draft_errors import LONG

    (project / "seeds" / "long.txt").write_text(LONG, encoding="utf-8")
    result = run_cli(project, "new", "long", "--source", "seeds/long.txt", "--language", "en")
    assert result.exit_code == 1
    assert (
        "seeds/long.txt:1:1: error: no example question can be drawn from this text (its "
        "sentences are too long, too short or too few to quote)" in result.stderr
    )
    assert "Traceback" not in result.output and "/tmp" not in result.stderr
    assert not (project / "questions" / "long.yaml").exists()

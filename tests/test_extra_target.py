"""A new target needs its own module and one registry line: it is built, recorded and listed."""

from __future__ import annotations

import json

import pytest

from quizgen import targets


@pytest.fixture
def registry_with_extra_target(monkeypatch: pytest.MonkeyPatch) -> None:
    # the one registry line a new format adds
    monkeypatch.setitem(targets.TARGET_MODULES, "answers", "tests.extra_target")


def test_extra_target_is_built_recorded_and_listed(
    registry_with_extra_target, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    result = run_quizgen(root, "build", "--only", "answers,html")
    assert result.exit_code == 0, result.stderr
    out = root / "output"
    text = (out / "teacher" / "lighthouse" / "lighthouse-answers.txt").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["Answers", "1. builder: choice"]
    manifest = json.loads((out / ".quizgen-manifest.json").read_text(encoding="utf-8"))
    assert manifest["teacher/lighthouse/lighthouse-answers.txt"] == {
        "target": "answers",
        "label": "key",
        "bank": "lighthouse",
        "audience": "teacher",
        "variant": "",
        "featured": False,
    }
    index = (out / "teacher" / "index.html").read_text(encoding="utf-8")
    assert 'href="lighthouse/lighthouse-answers.txt" class="file key" download' in index
    assert "lighthouse-answers.txt" not in (out / "site" / "index.html").read_text("utf-8")


def test_extra_target_is_offered_by_only(registry_with_extra_target, make_project, run_quizgen):
    result = run_quizgen(make_project("mini"), "build", "--only", "docx")
    assert "expected one of: pdf, anki, html, cards, gift, moodle, qti, answers" in result.stderr


def test_extra_target_reads_its_option_from_quizgen_toml(
    registry_with_extra_target, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text("[build]\nseed = 'seven'\n", encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "answers")
    assert result.exit_code == 2
    assert "quizgen.toml:2:1: error: [build]: seed must be a whole number, got 'seven'" in (
        result.stderr
    )


def test_library_build_applies_quizgen_toml(registry_with_extra_target, make_project) -> None:
    from quizgen.build import build

    root = make_project("mini")
    (root / "quizgen.toml").write_text('[build]\nonly = ["answers"]\nout = "site"\n', "utf-8")
    report = build(root)
    assert sorted(p.relative_to(root).as_posix() for p in report.written) == [
        "site/teacher/index.html",
        "site/teacher/lighthouse/lighthouse-answers.txt",
    ]


def test_library_build_checks_target_options(make_project) -> None:
    from quizgen.build import build
    from quizgen.errors import UsageError

    root = make_project("mini")
    with pytest.raises(UsageError, match="paper must be one of a4, letter, got 'a3'"):
        build(root, settings={"paper": "a3", "only": ["pdf"]})
    with pytest.raises(UsageError, match="unknown build option 'colour'"):
        build(root, settings={"colour": "red"})


def test_a_targets_own_option_comes_from_quizgen_toml(
    registry_with_extra_target, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text('[build]\nheading = "Lösungen"\n', encoding="utf-8")
    assert run_quizgen(root, "build", "--only", "answers").exit_code == 0
    text = (root / "output/teacher/lighthouse/lighthouse-answers.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Lösungen"


def test_library_build_checks_option_kinds(make_project) -> None:
    from quizgen.build import build
    from quizgen.errors import UsageError

    with pytest.raises(UsageError, match="build option 'variants' must be a whole number, got '2'"):
        build(make_project("mini"), settings={"variants": "2"})


def test_library_build_takes_only_as_text(registry_with_extra_target, make_project) -> None:
    from quizgen.build import build

    report = build(make_project("mini"), settings={"only": "answers"})
    assert [p.name for p in report.written] == ["index.html", "lighthouse-answers.txt"]


def test_check_knows_a_new_targets_own_options(
    registry_with_extra_target, make_project, run_quizgen
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text('[build]\nheading = "Lösungen"\n', encoding="utf-8")
    assert run_quizgen(root, "check").exit_code == 0
    (root / "quizgen.toml").write_text('[build]\nheadin = "Lösungen"\n', encoding="utf-8")
    result = run_quizgen(root, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "quizgen.toml:2:1: error: [build]: unknown option 'headin'; did you mean 'heading'?"
    )

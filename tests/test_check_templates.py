"""`check` finds the slips in a project's own templates and string catalogs, as `build` would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import REPO, copy_project, run_cli


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = copy_project(tmp_path, "mini")
    for name, content in files.items():
        path = root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


QUIZ = (REPO / "templates" / "html" / "quiz.html.j2").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"html/quiz.html.j2": QUIZ.replace("{% endfor %}", "", 1)},
            "templates/html/quiz.html.j2:",
        ),
        (
            {"i18n/en.toml": '[html]\nrigth = "Yes!"\n'},
            "templates/i18n/en.toml:2:1: error: unknown key 'rigth' in [html]; did you mean 'right'?",
        ),
        (
            {"i18n/en.toml": '[html]\nright = "Yes!\n'},
            "templates/i18n/en.toml:2:14: error: invalid string catalog: Illegal character",
        ),
        (
            {"i18n/en.toml": b'[html]\nright = "Caf\xe9"\n'},
            "templates/i18n/en.toml:1:1: error: string catalog is not valid UTF-8; save it as UTF-8",
        ),
        (
            {"html/_questions.html.j2": b"<p>M\xfcller</p>\n"},
            "templates/html/_questions.html.j2:1:1: error: template is not valid UTF-8; save it as UTF-8",
        ),
        (
            {"i18n/en.toml": '[htm]\nright = "Yes!"\n'},
            "templates/i18n/en.toml:1:1: error: unknown section [htm]; did you mean [html]?",
        ),
    ],
    ids=[
        "template-syntax",
        "unknown-key",
        "invalid-toml",
        "not-utf8",
        "template-not-utf8",
        "unknown-section",
    ],
)
def test_check_reports_what_build_would_refuse(tmp_path: Path, files, expected: str) -> None:
    result = run_cli(project(tmp_path, files), "check")
    assert result.exit_code == 1, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    broken = "{# a teacher's page #}\n<p>{{ bank.title }</p>\n"
    result = run_cli(project(tmp_path, {"html/index.html.j2": broken}), "check")
    assert result.exit_code == 1
    assert "templates/html/index.html.j2:2:1: error:" in result.stderr


def test_own_templates_and_catalogs_that_work_pass(tmp_path: Path) -> None:
    files = {"html/quiz.html.j2": QUIZ, "i18n/en.toml": '[html]\nright = "Yes!"\n'}
    result = run_cli(project(tmp_path, files), "check")
    assert result.exit_code == 0, result.stderr


def test_a_catalog_key_from_its_earlier_place_passes_as_the_build_takes_it(tmp_path: Path) -> None:
    """points_one moved from [html] to [common]: the build still reads it there, so check does."""
    files = {"i18n/en.toml": '[html]\npoints_one = "1 pt"\n'}
    result = run_cli(project(tmp_path, files), "check")
    assert result.exit_code == 0, result.stderr


def test_copies_of_the_gift_templates_pass_with_its_own_filters(tmp_path: Path) -> None:
    """GIFT's templates use |gift, |weighted and more, which only the GIFT target has."""
    shipped = REPO / "templates" / "gift"
    files = {
        path.relative_to(REPO / "templates").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(shipped.rglob("*.j2"))
    }
    result = run_cli(project(tmp_path, files), "check")
    assert result.exit_code == 0, result.stderr
    assert "No filter named" not in result.stderr


def test_a_cards_template_may_use_the_cards_filter(tmp_path: Path) -> None:
    # outside an {% if %}: Jinja looks such a filter up as it compiles the template
    own = "{{ card(q.question.prompt | plain_text_spaced, q.question.id) }}\n"
    result = run_cli(project(tmp_path, {"cards/types/single.txt.j2": own}), "check")
    assert result.exit_code == 0, result.stderr


def test_a_targets_filter_is_unknown_to_another_targets_templates(tmp_path: Path) -> None:
    broken = QUIZ.replace("{{ bank.title }}", "{{ bank.title | gift }}", 1)
    assert broken != QUIZ
    result = run_cli(project(tmp_path, {"html/quiz.html.j2": broken}), "check")
    assert result.exit_code == 1
    assert "templates/html/quiz.html.j2:" in result.stderr
    assert "No filter named 'gift'" in result.stderr


def test_a_shared_template_may_use_any_targets_filters(tmp_path: Path) -> None:
    """A macro file in shared/ is what a GIFT template imports: GIFT's filters are its own."""
    shared = "{% macro category_of(bank) %}{{ bank | category }}{% endmacro %}\n"
    result = run_cli(project(tmp_path, {"shared/gift_macros.j2": shared}), "check")
    assert result.exit_code == 0, result.stderr

"""A teacher's own templates and strings: one type at a time, and located errors when they break."""

from __future__ import annotations

from pathlib import Path


def write(root: Path, relative: str, text: str) -> None:
    path = root / "templates" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_one_question_type_of_the_quiz_can_be_overridden(make_project, run_quizgen) -> None:
    root = make_project("mini")
    write(
        root,
        "html/types/short.html.j2",
        '{% macro controls(q) %}<textarea id="q-{{ q.qid }}-answer" data-control></textarea>'
        "{% endmacro %}\n{% macro solution(q) %}<p>{{ q.solution.answer }}</p>{% endmacro %}\n",
    )
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    page = (root / "output/site/lighthouse/lighthouse-quiz.html").read_text(encoding="utf-8")
    assert page.count("<textarea") == 1  # the bank's one short question, the others as shipped
    assert 'type="radio"' in page


def test_a_template_that_fails_while_rendering_is_a_located_error(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    write(root, "pdf/types/short.html", "<p>\n{{ 1 / 0 }}</p>\n")
    result = run_quizgen(root, "build", "--only", "pdf")
    assert result.exit_code == 1
    where = root / "templates/pdf/types/short.html"
    assert f"{where}:2:1: error: ZeroDivisionError: division by zero" in result.stderr
    assert not (root / "output").exists()


def test_a_catalog_written_for_the_earlier_place_of_the_plurals_still_works(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    write(root, "i18n/en.toml", '[html]\npoints_other = "{count} pts."\n')
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    page = (root / "output/site/lighthouse/lighthouse-quiz.html").read_text(encoding="utf-8")
    assert "2 pts." in page and "2 points" not in page


def test_a_catalog_written_for_the_earlier_place_of_the_source_line_still_works(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    write(root, "i18n/en.toml", '[gift]\nquote = "From {title}: {quote}"\nunit = "[{unit}]"\n')
    assert run_quizgen(root, "build", "--only", "gift,moodle").exit_code == 0
    for name in ("lighthouse.gift", "lighthouse-moodle.xml"):
        text = (root / "output/teacher/lighthouse" / name).read_text(encoding="utf-8")
        assert "From The Lighthouse" in text and "[km]" in text and "Source:" not in text


def test_a_field_macro_that_fails_is_reported_at_its_own_line(make_project, run_quizgen) -> None:
    root = make_project("mini")
    shipped = (Path(__file__).resolve().parent.parent / "templates/anki/fields.html").read_text(
        encoding="utf-8"
    )
    lines = shipped.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "macro numeric_answer" in line)
    lines[number - 1] = "{% macro numeric_answer(s, t) %}{{ 1 / 0 }}{% endmacro %}"
    write(root, "anki/fields.html", "\n".join(lines) + "\n")
    result = run_quizgen(root, "build", "--only", "anki")
    assert result.exit_code == 1
    where = root / "templates/anki/fields.html"
    assert f"{where}:{number}:1: error: ZeroDivisionError: division by zero" in result.stderr


def test_retired_catalog_words_are_a_warning_and_the_new_place_wins(
    make_project, run_quizgen, caplog
) -> None:
    root = make_project("mini")
    write(
        root,
        "i18n/en.toml",
        '[common]\npoints = "pts"\npoints_other = "{count} new"\n\n'
        '[html]\npoints_other = "{count} old"\n',
    )
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    page = (root / "output/site/lighthouse/lighthouse-quiz.html").read_text(encoding="utf-8")
    assert "2 new" in page and "2 old" not in page
    where = root / "templates/i18n/en.toml"
    assert f"{where}:2:1: warning: 'points' in [common] is no longer used" in caplog.text


def test_a_type_template_without_its_solution_macro_is_named(make_project, run_quizgen) -> None:
    root = make_project("mini")
    write(root, "html/types/single.html.j2", "{% macro controls(q) %}X{% endmacro %}\n")
    result = run_quizgen(root, "build", "--only", "html")
    assert result.exit_code == 1
    where = root / "templates/html/types/single.html.j2"
    assert f"{where}: error: no macro 'solution'; a question type's template defines" in (
        result.stderr
    )


def test_each_build_in_one_process_says_a_catalog_warning_again(
    make_project, run_quizgen, caplog
) -> None:
    # as `serve` builds after every save: the second build's --strict fails as the first did
    root = make_project("mini")
    write(root, "i18n/en.toml", '[common]\npoints = "pts"\n')
    for _build in range(2):
        caplog.clear()
        result = run_quizgen(root, "build", "--only", "cards", "--force", "--strict")
        assert result.exit_code == 1
        assert caplog.text.count("'points' in [common] is no longer used") == 1

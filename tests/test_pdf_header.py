"""The header line of school, class and teacher: a bank's `header:`, quizgen.toml's [header]."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.present.strings import ui_strings
from quizgen.present.templates import render_template
from quizgen.project import load_project
from quizgen.targets.pdf import TEMPLATE, pdf_environment
from quizgen.targets.pdf.layout import document_view
from tests.harness import REPO, run_cli
from tests.test_quiz_progress_browser import edit

DIRS = (REPO / "templates",)
SOURCE = "source: seeds/lighthouse.txt\n"


def with_header(root: Path, yaml: str) -> None:
    edit(root, "lighthouse", (SOURCE, SOURCE + yaml))


def header_of(
    root: Path, kind: str = "worksheet", language: str = "en"
) -> tuple[tuple[str, str], ...]:
    bank = load_project(root).banks[0]
    return document_view(bank, kind, 0, 0, "a4", ui_strings(language, DIRS)).header_line


def test_the_head_names_school_class_and_teacher_in_the_bank_language(
    make_project: Callable[..., Path],
) -> None:
    root = make_project("mini")
    with_header(root, "header:\n  teacher: Ms Brown\n  school: Hill School\n  class: 9b\n")
    expected = (("School", "Hill School"), ("Class", "9b"), ("Teacher", "Ms Brown"))
    assert header_of(root) == expected
    assert header_of(root, "key") == expected  # the key's head says it too
    assert [label for label, _ in header_of(root, language="de")] == [
        "Schule",
        "Klasse",
        "Lehrkraft",
    ]


def test_quizgen_toml_fills_in_what_the_bank_leaves_out_and_the_bank_wins(
    make_project: Callable[..., Path],
) -> None:
    root = make_project("mini")
    _header_in_quizgen_toml(root)
    assert header_of(root) == (("School", "Hill School"), ("Class", "9b"), ("Teacher", "Ms Brown"))
    # the bank's own class wins; its empty teacher prints none
    with_header(root, "header:\n  class: 10a\n  teacher: ''\n")
    assert header_of(root) == (("School", "Hill School"), ("Class", "10a"))


def test_a_null_or_empty_header_value_prints_the_field_blank_as_an_empty_text_does(
    make_project: Callable[..., Path],
) -> None:
    root = make_project("mini")
    _header_in_quizgen_toml(root)
    # as quizgen.toml's `teacher = ""`: blank, not "None" or "null", and not quizgen.toml's value
    blank = "header:\n  school: ~\n  class: null\n  teacher:\n"
    with_header(root, blank)
    assert header_of(root) == ()
    edit(root, "lighthouse", (blank, "header:\n  class: NULL\n  teacher: 'null'\n"))  # quoted: text
    assert header_of(root) == (("School", "Hill School"), ("Teacher", "null"))


@pytest.mark.parametrize(
    ("written", "text"),
    [
        *[("7", None), ("10.2", None), ("true", None), ("1e3", None), ("0x1f", None)],
        *[("'7'", "7"), ('"10.2"', "10.2"), ("9b", "9b"), ("yes", "yes"), ("10.2b", "10.2b")],
    ],
)
def test_a_header_value_yaml_reads_as_a_number_or_boolean_is_refused_as_quizgen_toml_does(
    make_project: Callable[..., Path], written: str, text: str | None
) -> None:
    root = make_project("mini")
    with_header(root, f"header:\n  class: {written}\n")
    banks = load_project(root).banks
    assert [bank.header.class_name for bank in banks] == ([] if text is None else [text])


def test_no_header_prints_no_line(make_project: Callable[..., Path]) -> None:
    root = make_project("mini")
    assert header_of(root) == ()
    with_header(root, "header:\n  school: '  '\n")
    assert header_of(root) == ()
    html = render_template(
        pdf_environment(DIRS),
        TEMPLATE,
        doc=document_view(
            load_project(root).banks[0], "worksheet", 0, 0, "a4", ui_strings("en", DIRS)
        ),
    )
    assert 'class="sheet-line"' not in html


def test_hostile_header_text_stays_text(make_project: Callable[..., Path]) -> None:
    root = make_project("mini")
    with_header(root, 'header:\n  school: "<script>alert(1)</script> & <b>Co</b>"\n')
    bank = load_project(root).banks[0]
    view = document_view(bank, "worksheet", 0, 0, "a4", ui_strings("en", DIRS))
    html = render_template(pdf_environment(DIRS), TEMPLATE, doc=view)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>Co" not in html


def test_a_header_value_of_the_wrong_type_in_quizgen_toml_is_located(
    make_project: Callable[..., Path],
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text('[header]\nschool = "Hill School"\nclass = 9\n', "utf-8")
    for command in ("check", "build"):
        result = run_cli(root, command)
        assert result.exit_code == 2
        assert result.stderr.startswith(
            "quizgen.toml:3:1: error: [header]: class must be a quoted text, got 9"
        ), result.stderr


def test_an_unknown_header_field_in_quizgen_toml_is_located(
    make_project: Callable[..., Path],
) -> None:
    root = make_project("mini")
    (root / "quizgen.toml").write_text('[header]\nteachers = "Ms Brown"\n', "utf-8")
    result = run_cli(root, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "quizgen.toml:2:1: error: [header]: unknown option 'teachers'; did you mean 'teacher'?"
    ), result.stderr


def _header_in_quizgen_toml(root: Path) -> None:
    (root / "quizgen.toml").write_text(
        '[header]\nschool = "Hill School"\nclass = "9b"\nteacher = "Ms Brown"\n', "utf-8"
    )

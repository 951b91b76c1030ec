"""The GIFT file, read back by the independent npm parser gift-pegjs (tests/js/parse-gift.js)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.answers.solve import solve_bank
from quizgen.present import markup
from quizgen.project import load_project
from quizgen.targets.gift import escape

PARSER = Path(__file__).resolve().parent / "js" / "parse-gift.js"
GIFT_TYPES = {"single": "MC", "multiple": "MC", "truefalse": "TF", "short": "Short"}
GIFT_TYPES |= {"numeric": "Numerical", "match": "Matching", "cloze": "Short"}


def parsed(path: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run gift-pegjs")
        pytest.skip("node is not installed")
    result = subprocess.run([node, str(PARSER), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"gift-pegjs refused {path}: {result.stderr}"
    return json.loads(result.stdout)


def build_gift(root: Path, run_quizgen) -> tuple[list[dict], object]:
    result = run_quizgen(root, "build", "--only", "gift")
    assert result.exit_code == 0, result.stderr
    bank = load_project(root).banks[0]
    return parsed(root / "output" / "teacher" / bank.id / f"{bank.id}.gift"), bank


def unescaped(text: str) -> str:
    # gift-pegjs keeps Moodle's placeholders for escaped characters (&&061; for "=") in matching
    # answers, which Moodle turns back into the characters
    return re.sub(r"&&(\d{3});", lambda m: chr(int(m[1])), text)


def typed(answer: str) -> str:
    """Return a typed answer as Moodle stores it: as written, a "*" escaped (not a wildcard)."""
    return answer.replace("*", "\\*")


@pytest.mark.parametrize("project", ["repo", "gift-specials", "gift-traps", "hostile", "mini"])
def test_every_question_reads_back_as_written(project: str, make_project, run_quizgen) -> None:
    questions, bank = build_gift(make_project(project), run_quizgen)
    by_id = {q["title"]: q for q in questions if q["type"] != "Category"}
    labels = {"true": "true", "false": "false"}
    for solved in solve_bank(bank, labels):
        question, solution = solved.question, solved.solution
        answers = solution.accepted if question.type == "short" else ()
        if question.type == "cloze" and len(solution.gaps) == 1:
            answers = solution.gaps[0].accepted
        if (
            question.type == "order"
            or (question.type == "cloze" and len(solution.gaps) > 1)
            or any("->" in answer for answer in answers)  # Moodle would read a matching question
        ):
            assert question.id not in by_id  # GIFT cannot hold them
            continue
        got = by_id.pop(question.id)
        assert got["type"] == GIFT_TYPES[question.type] and got["id"] == question.id
        assert got["tags"] == [
            "_".join(t.replace("]", ")").split()) for t in (*bank.tags, *question.tags)
        ] or (got["tags"] is None and not (bank.tags or question.tags))
        feedback = got["globalFeedback"]["text"]
        assert str(markup.block(question.explanation)) in feedback
        assert question.source in html.unescape(feedback)
        if question.type in ("single", "multiple"):
            choices = [(unescaped(c["text"]["text"]), c) for c in got["choices"]]
            assert [text for text, _ in choices] == [
                str(markup.inline(o.text)) for o in solution.options
            ]
            for (_, choice), option in zip(choices, solution.options, strict=True):
                if question.type == "single":
                    assert choice["isCorrect"] is option.correct
                else:
                    assert (choice["weight"] > 0) is option.correct
            if question.type == "multiple":
                weights = [Decimal(str(c["weight"])) for _, c in choices]
                assert abs(sum(w for w in weights if w > 0) - 100) < Decimal("0.0001")
                right = sum(o.correct for o in solution.options)
                wrong = -Decimal(100) / right if solved.scoring.partial else Decimal(-100)
                assert all(abs(w - wrong) < Decimal("0.0001") for w in weights if w < 0)
        elif question.type == "truefalse":
            assert got["isTrue"] is solution.value
        elif question.type == "short":
            assert [c["text"]["text"] for c in got["choices"]] == [
                typed(a) for a in solution.accepted
            ]
        elif question.type == "numeric":
            assert Decimal(str(got["choices"]["number"])) == solution.value
            assert Decimal(str(got["choices"]["range"])) == solution.tolerance
        elif question.type == "match":
            pairs = [
                (p["subquestion"]["text"], unescaped(p["subanswer"])) for p in got["matchPairs"]
            ]
            assert pairs == [
                (str(markup.inline(row.text)), str(markup.inline(row.partner.text)))
                for row in solution.rows
            ]
        elif question.type == "cloze":
            assert got["hasEmbeddedAnswers"] is True
            gap = solution.gaps[0]
            assert [c["text"]["text"] for c in got["choices"]] == [typed(a) for a in gap.accepted]
        if question.type not in ("cloze", "numeric"):
            assert got["stem"]["text"] == str(markup.inline(question.prompt))
    assert by_id == {}


def test_what_gift_cannot_hold_is_named_once(make_project, run_quizgen, caplog) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "gift").exit_code == 0
    assert (
        "questions/lighthouse.yaml: warning: GIFT cannot hold 'lamp', 'day' (a cloze with several "
        "gaps, an ordering question, or a typed answer with '->', which Moodle reads as matching): "
        "left out of lighthouse.gift; lighthouse-moodle.xml has them"
    ) in caplog.text


def test_numbers_have_a_decimal_point_in_a_german_bank(make_project, run_quizgen) -> None:
    root = make_project("gift-specials")
    assert run_quizgen(root, "build", "--only", "gift").exit_code == 0
    text = (root / "output/teacher/zeichen/zeichen.gift").read_text(encoding="utf-8")
    assert "{#2.5:0.1\n" in text and "2,5:" not in text


def test_the_rules_where_gift_pegjs_and_moodle_disagree_are_kept(make_project, run_quizgen):
    """gift-pegjs cannot see these (lms-formats.md), so the text Moodle reads is checked here."""
    root = make_project("gift-specials")
    assert run_quizgen(root, "build", "--only", "gift").exit_code == 0
    blocks = (
        (root / "output/teacher/zeichen/zeichen.gift").read_text(encoding="utf-8").split("\n\n")
    )
    answers = {
        b.split("::")[1]: re.split(r"(?<!\\)\{", b, maxsplit=1)[1] for b in blocks[1:] if "::" in b
    }
    # Moodle reads a choice holding "->" as a matching question: the bank's "a -> b" is HTML here
    assert "->" not in answers["mehrere"] and "a -&gt; b" in answers["mehrere"]
    # true/false carries general feedback only, so Moodle's order of the two feedbacks never matters
    assert answers["wahr"].startswith("F####")
    # Moodle keeps the category line as written (no GIFT escapes), and strips tags from it: they
    # are character references, as in the Moodle XML file, so both make the same category
    assert blocks[0] == "$CATEGORY: $course$/top/Zeichen: {~=#\\} &amp; &lt;b&gt;"


def test_a_slash_in_the_title_is_one_category_in_gift_and_moodle_xml(make_project, run_quizgen):
    from tests.lms.moodle_read import category_names, parse

    root = make_project("mini")
    bank = root / "questions" / "lighthouse.yaml"
    text = bank.read_text(encoding="utf-8")
    title = "Küste / Leuchtturm & <b>Co</b>"
    bank.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text), "utf-8")
    assert run_quizgen(root, "build", "--only", "gift,moodle").exit_code == 0
    gift = (root / "output/teacher/lighthouse/lighthouse.gift").read_text(encoding="utf-8")
    line = gift.split("\n", 1)[0]
    assert line == "$CATEGORY: $course$/top/Küste // Leuchtturm &amp; &lt;b&gt;Co&lt;//b&gt;"
    xml = parse((root / "output/teacher/lighthouse/lighthouse-moodle.xml").read_bytes())
    moodle = xml.find("question[@type='category']/category/text").text
    expected = ["$course$", "top", title]
    assert category_names(line.removeprefix("$CATEGORY: ")) == category_names(moodle) == expected


def test_answers_that_look_like_gift_syntax_are_marked_as_moodle_should(
    make_project, run_quizgen, caplog
) -> None:
    """Moodle compares a typed answer with the stored text: no HTML, "*" a wildcard, "%50%" a grade."""
    root = make_project("gift-traps")
    assert run_quizgen(root, "build", "--only", "gift").exit_code == 0
    text = (root / "output/teacher/traps/traps.gift").read_text(encoding="utf-8")
    blocks = {b.split("::")[1]: b for b in text.split("\n\n") if "::" in b}
    assert "=AT&T's\n" in blocks["apostrophe"] and '="quotes"\n' in blocks["apostrophe"]
    assert "=\\*\n" in blocks["star"] and "=a\\*b\n" in blocks["star"]
    assert "=%100%%50%\n" in blocks["percent"]  # the grade first: the text is "%50%"
    assert "=%100%%50%\n" in blocks["percent-option"] and "~%0%%100%\n" in blocks["percent-option"]
    # "=->" would make Moodle read a matching question: left out, and said
    assert "arrow" not in blocks and "arrow-gap" not in blocks
    assert "GIFT cannot hold 'arrow', 'arrow-gap'" in caplog.text


def test_a_long_list_of_left_out_questions_is_cut_short() -> None:
    from quizgen.targets.gift import listed

    ids = [f"q{i}" for i in range(1, 13)]
    assert listed(ids[:10]) == ", ".join(f"'q{i}'" for i in range(1, 11))
    assert listed(ids) == ", ".join(f"'q{i}'" for i in range(1, 11)) + " and 2 more"


@given(st.text(alphabet=st.sampled_from(list("a ~=#{}:\\\r\nä")), max_size=12))
def test_each_special_character_gets_one_backslash(text: str) -> None:
    # the escapes as one regex gives them, each character once (a backslash before another too)
    expected = re.sub(r"([~=#{}:\\])", r"\\\1", text).replace("\r\n", "\n").replace("\n", "\\n")
    assert escape(text) == expected

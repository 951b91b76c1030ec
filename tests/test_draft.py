"""`quizgen draft`: candidates from a source text that check passes as written."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from quizgen.bank.loader import load_bank
from quizgen.check.grounding import check_bank
from quizgen.draft.language import language
from quizgen.draft.quantities import bank_number, changed_number
from quizgen.draft.ranking import per_sentence_cap
from quizgen.draft.sentences import sentences
from tests.harness import FIXTURES, REPO

ENGLISH = FIXTURES / "draft" / "english.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project holding the ATACMS article and the English test text, and no bank."""
    root = tmp_path / "p"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "seeds" / "atacms.txt", root / "seeds" / "atacms.txt")
    shutil.copy(ENGLISH, root / "seeds" / "english.txt")
    return root


def _draft(run_quizgen, root: Path, source: str, *args: str) -> list[dict[str, object]]:
    result = run_quizgen(root, "draft", str(root / "seeds" / source), *args)
    assert result.exit_code == 0, result.stderr
    out = root / "questions" / "draft.yaml"
    if "-o" in args:
        out = Path(args[args.index("-o") + 1])
    return list(yaml.safe_load(out.read_text(encoding="utf-8"))["questions"])


def _kind(question: dict[str, object]) -> str:
    return str(question["id"]).rsplit("-", 1)[0]


@pytest.mark.parametrize(
    ("source", "minimum", "kinds"),
    [
        ("atacms.txt", 25, {"acronym", "numeric", "countries", "false-person", "person", "org"}),
        ("english.txt", 25, {"acronym", "number", "numeric", "date", "countries", "false-number"}),
    ],
)
def test_draft_yields_many_kinds_that_check_passes(
    source: str, minimum: int, kinds: set[str], project: Path, run_quizgen
) -> None:
    questions = _draft(run_quizgen, project, source)
    assert len(questions) >= minimum
    assert kinds <= {_kind(q) for q in questions}
    assert {"cloze", "short", "numeric", "multiple", "truefalse"} <= {q["type"] for q in questions}
    assert all(q["draft"] is True for q in questions)
    result = run_quizgen(project, "check")
    assert result.exit_code == 0, result.stderr
    assert "1 bank(s) valid, 0 error(s), 1 warning(s)" in result.stderr  # the drafts, no other


def test_every_quote_is_a_whole_sentence_of_the_text(project: Path, run_quizgen) -> None:
    for source in ("atacms.txt", "english.txt"):
        out = project / "questions" / f"{source}.yaml"
        questions = _draft(run_quizgen, project, source, "-o", str(out))
        text = (project / "seeds" / source).read_text(encoding="utf-8")
        whole = {s.text for s in sentences(text, "de" if source == "atacms.txt" else "en")}
        for question in questions:
            assert question["source"] in text
            assert question["source"] in whole
            if question["type"] == "cloze":
                assert (
                    str(question["text"]).replace("[[", "").replace("]]", "") == question["source"]
                )


def test_written_bank_loads_with_no_problem_but_the_drafts(project: Path, run_quizgen) -> None:
    _draft(run_quizgen, project, "english.txt")
    bank, problems = load_bank(project / "questions" / "draft.yaml", project, {})
    assert bank is not None and problems == []
    assert [p.message.split(" (")[0] for p in check_bank(bank)] == [
        f"{len(bank.questions)} question(s) still marked 'draft: true'"
    ]
    assert bank.language == "en" and bank.source.display_path == "seeds/english.txt"


def test_header_tells_the_teacher_how_to_curate(project: Path, run_quizgen) -> None:
    _draft(run_quizgen, project, "english.txt")
    head = (project / "questions" / "draft.yaml").read_text(encoding="utf-8").split("\nbank:")[0]
    assert "Delete those you do not want" in head
    assert 'Remove the line "draft: true"' in head
    assert "quizgen check" in head


def test_no_two_candidates_ask_the_same_thing(project: Path, run_quizgen) -> None:
    for source in ("atacms.txt", "english.txt"):
        out = project / "questions" / f"{source}.yaml"
        questions = _draft(run_quizgen, project, source, "-o", str(out))
        asked = [(q["source"], q.get("text") or q["prompt"]) for q in questions]
        assert len(set(asked)) == len(asked)
        gaps = [
            (q["source"], str(q["text"]).split("[[")[1].split("]]")[0])
            for q in questions
            if q["type"] == "cloze"
        ]
        assert len(set(gaps)) == len(gaps)
        answers = Counter(gap for _source, gap in gaps)
        assert max(answers.values()) <= 3


def test_ranking_caps_candidates_per_sentence(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")
    per_quote = Counter(str(q["source"]) for q in questions)
    for quote, count in per_quote.items():
        assert count <= per_sentence_cap(len(quote.split()))
    assert max(per_quote.values()) > 1
    assert per_sentence_cap(8) == 2 and per_sentence_cap(40) == 4


def test_the_most_useful_come_first(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")
    kinds = [_kind(q) for q in questions]
    assert kinds[0] == "acronym"
    assert kinds.index("numeric") < kinds.index("country")
    assert kinds.index("countries") < kinds.index("org")


def test_same_input_gives_the_same_bytes(project: Path, run_quizgen) -> None:
    _draft(run_quizgen, project, "atacms.txt")
    first = (project / "questions" / "draft.yaml").read_bytes()
    _draft(run_quizgen, project, "atacms.txt", "--force")
    assert (project / "questions" / "draft.yaml").read_bytes() == first


def test_language_is_guessed_and_can_be_given(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")
    assert questions[0]["prompt"] == "Wofür steht die Abkürzung ATACMS?"
    out = project / "questions" / "en.yaml"
    _draft(run_quizgen, project, "english.txt", "--language", "en", "-o", str(out))
    assert 'language: "en"' in out.read_text(encoding="utf-8")


def test_list_asks_which_countries_the_text_names(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")
    named = next(q for q in questions if _kind(q) == "countries")
    assert named["type"] == "multiple"
    assert named["correct"] == [
        "Südkorea",
        "Taiwan",
        "Rumänien",
        "Polen",
        "Vereinigte Arabische Emirate",
    ]
    assert str(named["prompt"]).endswith("umfassen …“")
    text = (REPO / "seeds" / "atacms.txt").read_text(encoding="utf-8")
    assert len(named["wrong"]) == 3
    for wrong in named["wrong"]:
        assert wrong not in text
    # the same list is not also asked as "which country is missing" or a false list
    assert not {"list", "false-list"} & {_kind(q) for q in questions}


def test_lists_take_turns_between_single_and_multiple_choice(project: Path, run_quizgen) -> None:
    (project / "seeds" / "lists.txt").write_text(
        "Truppen aus Polen, Rumänien und Ungarn nahmen an der Übung im Frühjahr teil.\n\n"
        "Beobachter kamen aus Finnland, Schweden und Norwegen zu der Übung im Norden.\n",
        encoding="utf-8",
    )
    questions = _draft(run_quizgen, project, "lists.txt")
    kinds = [_kind(q) for q in questions]
    assert {"countries", "list", "false-list"} <= set(kinds)
    named = next(q for q in questions if _kind(q) == "countries")
    missing = next(q for q in questions if _kind(q) == "list")
    assert named["correct"] == ["Polen", "Rumänien", "Ungarn"]
    assert missing["correct"] in {"Finnland", "Schweden", "Norwegen"}
    assert "___" in str(missing["prompt"])
    for wrong in missing["wrong"]:
        assert wrong not in {"Finnland", "Schweden", "Norwegen", "Polen", "Rumänien", "Ungarn"}
    false_list = next(q for q in questions if _kind(q) == "false-list")
    assert str(false_list["prompt"]).startswith("Laut Text gilt: ")
    assert false_list["answer"] is False
    assert run_quizgen(project, "check").exit_code == 0


def test_a_number_with_a_unit_is_asked_as_a_numeric_question(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")
    numeric = next(q for q in questions if q["type"] == "numeric")
    assert numeric["id"] == "numeric-1"
    assert numeric["answer"] == 190 and numeric["tolerance"] == 0 and numeric["unit"] == "Meilen"
    assert str(numeric["prompt"]).startswith("Welche Zahl fehlt? „")
    assert "bis zu … Meilen haben." in str(numeric["prompt"])
    assert "190" not in str(numeric["prompt"]) and "190 Meilen" in str(numeric["source"])
    # the same number is not gapped as well
    assert not any(q["type"] == "cloze" and "[[190]]" in str(q["text"]) for q in questions)


def test_numbers_take_turns_as_gap_numeric_question_and_false_statement(
    project: Path, run_quizgen
) -> None:
    (project / "seeds" / "zahlen.txt").write_text(
        "Die neue Brücke über den Fluss kostet nach Angaben der Stadt 2,5 Milliarden Euro.\n\n"
        "Der Zug über die Brücke braucht jetzt nur noch 12 Minuten bis zum Bahnhof.\n\n"
        "Die Stadt hat 2019 neue Busse für die Strecke über die Brücke gekauft.\n\n"
        "Beim Bau der Brücke arbeiteten in den letzten Monaten 3.600 Menschen mit.\n\n"
        "Die neue Strecke über die Brücke ist insgesamt 40 Kilometer lang.\n",
        encoding="utf-8",
    )
    questions = _draft(run_quizgen, project, "zahlen.txt")
    asked = {str(q["source"]).split()[-2]: q["type"] for q in questions}
    assert len(asked) == len(questions)  # one question a sentence
    assert asked == {
        "Milliarden": "numeric",
        "zum": "truefalse",
        "Brücke": "cloze",  # 2019: a year, never a numeric question
        "Menschen": "truefalse",
        "Kilometer": "cloze",
    }
    raw = (project / "questions" / "draft.yaml").read_text(encoding="utf-8")
    assert 'answer: 2,5\n    tolerance: 0\n    unit: "Milliarden Euro"\n' in raw
    bank, problems = load_bank(project / "questions" / "draft.yaml", project, {})
    assert bank is not None and problems == []
    assert [str(q.answer) for q in bank.questions if q.type == "numeric"] == ["2.5"]
    assert [p.message.split(" (")[0] for p in check_bank(bank)] == [
        f"{len(bank.questions)} question(s) still marked 'draft: true'"
    ]


@pytest.mark.parametrize(
    ("written", "code", "answer"),
    [("3.600", "de", "3600"), ("2,5", "de", "2,5"), ("3,600", "en", "3600"), ("2.5", "en", "2.5")],
)
def test_numeric_answers_lose_their_grouping(written: str, code: str, answer: str) -> None:
    assert bank_number(written, language(code)) == answer


_ACRONYMS = (
    "The World Health Organization (WHO) met the International Monetary Fund (IMF) in Geneva "
    "on Monday. The World Trade Organization (WTO) joined the talks a day later, officials said."
)


def test_three_acronyms_of_one_passage_make_a_match_question(project: Path, run_quizgen) -> None:
    (project / "seeds" / "acronyms.txt").write_text(
        _ACRONYMS + "\n\nThe European Central Bank (ECB) was not invited to the meeting.\n",
        encoding="utf-8",
    )
    questions = _draft(run_quizgen, project, "acronyms.txt")
    match = next(q for q in questions if q["type"] == "match")
    assert match["id"] == "acronyms-1"
    assert match["source"] == _ACRONYMS
    assert match["pairs"] == {
        "WHO": "World Health Organization",
        "IMF": "International Monetary Fund",
        "WTO": "World Trade Organization",
    }
    # the match asks them: no "what does WHO stand for" besides; the other paragraph's is asked
    acronyms = [q["prompt"] for q in questions if _kind(q) == "acronym"]
    assert acronyms == ["What does ECB stand for?"]
    assert run_quizgen(project, "check").exit_code == 0


def test_acronyms_of_different_paragraphs_make_no_match(project: Path, run_quizgen) -> None:
    (project / "seeds" / "apart.txt").write_text(
        _ACRONYMS.replace(" The World Trade", "\n\nThe World Trade"), encoding="utf-8"
    )
    questions = _draft(run_quizgen, project, "apart.txt")
    assert not [q for q in questions if q["type"] == "match"]
    assert len([q for q in questions if _kind(q) == "acronym"]) == 3


def test_people_with_different_titles_make_a_match_question(project: Path, run_quizgen) -> None:
    quote = (
        "Bundeskanzler Olaf Scholz traf am Montag Außenministerin Annalena Baerbock und "
        "Finanzminister Christian Lindner im Kanzleramt."
    )
    (project / "seeds" / "titel.txt").write_text(quote + "\n", encoding="utf-8")
    questions = _draft(run_quizgen, project, "titel.txt")
    match = next(q for q in questions if q["type"] == "match")
    assert match["pairs"] == {
        "Olaf Scholz": "Bundeskanzler",
        "Annalena Baerbock": "Außenministerin",
        "Christian Lindner": "Finanzminister",
    }
    assert match["source"] == quote
    assert run_quizgen(project, "check").exit_code == 0


def test_people_sharing_a_title_make_no_match(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "atacms.txt")  # three times "Präsident"
    assert not [q for q in questions if q["type"] == "match"]


def test_acronym_question_asks_for_the_long_form(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "english.txt")
    acronyms = {q["prompt"]: q["answer"] for q in questions if _kind(q) == "acronym"}
    assert acronyms["What does ICRN stand for?"] == "International Coastal Resilience Network"


def test_false_statements_change_one_fact_and_explain_it(project: Path, run_quizgen) -> None:
    questions = _draft(run_quizgen, project, "english.txt")
    numbers = [q for q in questions if _kind(q) == "false-number"]
    assert numbers
    for question in numbers:
        assert question["answer"] is False
        assert question["prompt"] != question["source"]
        assert str(question["explanation"]).startswith("The text says “")


@pytest.mark.parametrize(
    ("written", "unit", "code", "changed"),
    [
        ("190", "Meilen", "de", "380"),
        ("3.600", "Soldaten", "de", "7.200"),
        ("2,5", "Milliarden Euro", "de", "5"),
        ("3,600", "soldiers", "en", "7,200"),
        ("500", "firefighters", "en", "1,000"),
        ("80", "percent", "en", "40"),
        ("40", "Minuten", "de", "20"),
    ],
)
def test_changed_numbers_keep_their_spelling_and_stay_possible(
    written: str, unit: str, code: str, changed: str
) -> None:
    assert changed_number(written, unit, language(code)) == changed


def test_headings_are_never_quoted() -> None:
    text = (REPO / "seeds" / "atacms.txt").read_text(encoding="utf-8")
    found = [s.text for s in sentences(text, "de")]
    assert "Verhandlungen mit Drittländern" not in found
    assert len(found) == 13
    assert any("Lockheed Martin Corp. hergestellt" in s for s in found)

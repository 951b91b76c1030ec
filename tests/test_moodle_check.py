"""The Moodle XML checker rejects each kind of broken file: a checker that cannot fail proves nothing."""

from __future__ import annotations

import pytest

from tests.lms.moodle_check import check

HEAD = "<name><text>q</text></name><questiontext format='html'><text>Q?</text></questiontext>"
CATEGORY = "<question type='category'><category><text>$course$/top/B</text></category></question>"
VALID = {
    "multichoice": "<single>true</single><answer fraction='100'><text>a</text></answer>"
    "<answer fraction='0'><text>b</text></answer>",
    "multiple": "<single>false</single><answer fraction='33.33333'><text>a</text></answer>"
    "<answer fraction='33.33333'><text>b</text></answer>"
    "<answer fraction='33.33333'><text>c</text></answer>"
    "<answer fraction='-100'><text>d</text></answer>",
    "truefalse": "<answer fraction='100'><text>true</text></answer>"
    "<answer fraction='0'><text>false</text></answer>",
    "shortanswer": "<usecase>0</usecase><answer fraction='100'><text>a\\*</text></answer>",
    "numerical": "<answer fraction='100'><text>2.5</text><tolerance>0.1</tolerance></answer>"
    "<units><unit><unit_name>m</unit_name><multiplier>1</multiplier></unit></units>",
    "matching": "<subquestion><text>a</text><answer><text>1</text></answer></subquestion>"
    "<subquestion><text>b</text><answer><text>2</text></answer></subquestion>"
    "<subquestion><text></text><answer><text>3</text></answer></subquestion>",
    "ordering": "<selecttype>ALL</selecttype><answer fraction='1'><text>a</text></answer>"
    "<answer fraction='2'><text>b</text></answer>",
}
CLOZE = "<name><text>c</text></name><questiontext format='html'><text>{text}</text></questiontext>"


def quiz(*questions: str, declaration: bool = True) -> bytes:
    """Return a file: the declaration, <quiz>, a category, then the questions."""
    head = "<?xml version='1.0' encoding='UTF-8'?>\n" if declaration else ""
    return f"{head}<quiz>{CATEGORY}{''.join(questions)}</quiz>".encode()


def question(kind: str, body: str, head: str = HEAD, idnumber: str = "") -> str:
    moodle_type = "multichoice" if kind == "multiple" else kind
    number = f"<idnumber>{idnumber}</idnumber>" if idnumber else ""
    return f"<question type='{moodle_type}'>{head}{number}{body}</question>"


def cloze(text: str) -> str:
    return question("cloze", "", CLOZE.format(text=text))


def test_a_file_of_every_type_passes() -> None:
    gaps = "A {1:SHORTANSWER:=a\\}b~=&amp;#126;} B {2:NUMERICAL:=2.5:0.1} C {1:MC:=x~y}"
    data = quiz(*(question(kind, body) for kind, body in VALID.items()), cloze(gaps))
    assert [str(p) for p in check(data) if p.severity == "error"] == []
    # the same idnumber in two categories is allowed
    other = CATEGORY.replace("/B", "/C")
    assert check(quiz(question("truefalse", VALID["truefalse"], idnumber="x"), other,
                      question("truefalse", VALID["truefalse"], idnumber="x"))) == []  # fmt: skip


def _swap(kind: str, old: str, new: str) -> str:
    assert old in VALID[kind]
    return question(kind, VALID[kind].replace(old, new, 1))


BROKEN = {
    "no declaration": (quiz(declaration=False), "no XML declaration"),
    "not XML": (quiz("<question>"), "not well-formed XML"),
    "root": (b"<?xml version='1.0' encoding='UTF-8'?><questions/>", "Moodle reads only <quiz>"),
    "stray element": (quiz("<category/>"), "something other than <question>"),
    "unknown type": (quiz(question("dragdrop", "")), "xmltypeunsupported"),
    "category text": (
        quiz("<question type='category'><category/></question>"),
        "without <category><text>",
    ),
    "no name": (
        quiz(question("truefalse", VALID["truefalse"], HEAD.split("</name>")[1])),
        "xmlimportnoname",
    ),
    "no question text": (
        quiz(question("truefalse", VALID["truefalse"], "<name><text>q</text></name>")),
        "no <questiontext>",
    ),
    "text format": (
        quiz(question("truefalse", VALID["truefalse"], HEAD.replace("html", "wiki"))),
        "format 'wiki'",
    ),
    "grade": (quiz(question("truefalse", "<defaultgrade>two</defaultgrade>")), "not a number"),
    "fraction": (quiz(_swap("multiple", "33.33333", "33.3")), "'33.3' is not one of Moodle's"),
    "one answer": (
        quiz(question("multichoice", "<answer fraction='100'><text>a</text></answer>")),
        "at least 2 answers",
    ),
    "single at 100": (quiz(_swap("multichoice", "'100'", "'50'")), "no answer at 100 %"),
    "single flag": (quiz(_swap("multichoice", ">true<", ">yes<")), "not true or false"),
    "multiple sum": (quiz(_swap("multiple", "33.33333", "50")), "fractionsaddwrong"),
    "true/false texts": (quiz(_swap("truefalse", ">true<", ">yes<")), "not 'true' and 'false'"),
    "true/false fractions": (quiz(_swap("truefalse", "'0'", "'100'")), "not 100 and 0"),
    "short at 100": (quiz(_swap("shortanswer", "'100'", "'50'")), "no answer at 100 %"),
    "short empty": (quiz(_swap("shortanswer", "a\\*", "")), "answers with text"),
    "usecase": (quiz(_swap("shortanswer", ">0<", ">yes<")), "<usecase>"),
    "decimal comma": (quiz(_swap("numerical", "2.5", "2,5")), "'2,5' is not a number"),
    "tolerance": (quiz(_swap("numerical", "0.1", "a bit")), "tolerance 'a bit'"),
    "unit": (quiz(_swap("numerical", ">m<", "><")), "needs a name"),
    "numerical at 100": (quiz(_swap("numerical", "'100'", "'50'")), "no answer at 100 %"),
    "one pair": (
        quiz(_swap("matching", "<text>b</text>", "<text></text>")),
        "needs 2 sub-questions",
    ),
    "pair without answer": (quiz(_swap("matching", ">2<", "><")), "nomatchinganswer"),
    "no gap": (quiz(cloze("just text")), "without gaps"),
    "unknown gap type": (quiz(cloze("A {1:SHORT:=x} B {1:SA:=y}")), "a gap Moodle cannot read"),
    "unescaped brace": (quiz(cloze("A {1:SA:=a}b} B")), "a gap Moodle cannot read"),
    "gap at 100": (quiz(cloze("A {1:SA:%50%a~b}")), "gap 1 has no answer at 100 %"),
    "choice gap": (quiz(cloze("A {1:MULTICHOICE:=a}")), "fewer than 2 answers"),
    "number gap": (quiz(cloze("A {1:NUMERICAL:=zwei}")), "'zwei' is not a number"),
    "unescaped hash": (quiz(cloze("A {1:SA:=a#b}")), "an unescaped '#'"),
    "unescaped tilde": (quiz(cloze("A {1:SA:=a~b}")), "an unescaped '~'"),
    "unescaped quote": (quiz(cloze('A {1:SA:=say "hi"}')), 'holds " unescaped'),
    "unescaped slash": (quiz(cloze("A {1:SA:=a/b}")), "holds / unescaped"),
    "unescaped backslash": (quiz(cloze("A {1:SA:=a\\b}")), "holds \\ unescaped"),
    "one item": (
        quiz(question("ordering", "<selecttype>ALL</selecttype><answer><text>a</text></answer>")),
        "needs 2 items",
    ),
    "random subset": (
        quiz(_swap("ordering", "<selecttype>ALL</selecttype>", "<selectcount>1</selectcount>")),
        "shows a random 1 of 2 items",
    ),
    "same idnumber": (
        quiz(*(question("truefalse", VALID["truefalse"], idnumber="x") for _ in range(2))),
        "idnumber 'x' is used 2 times",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_rejected(case: str) -> None:
    data, expected = BROKEN[case]
    found = [str(p) for p in check(data) if p.severity == "error"]
    assert any(expected in problem for problem in found), found


def test_a_matching_question_with_two_answers_gets_a_notice() -> None:
    distractor = "<subquestion><text></text><answer><text>3</text></answer></subquestion>"
    data = quiz(_swap("matching", distractor, ""))
    assert [str(p) for p in check(data)] == [
        "question 2 ('q'): notice: 2 answers: Moodle's edit form asks for 3 (a distractor) "
        "before saving"
    ]

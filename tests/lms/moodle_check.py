"""A checker for Moodle XML files, written from the importer's rules (lms-formats.md, Moodle XML).

Moodle has no schema, and its import reports a broken question as a notice and goes on: this
checker names everything that would drop a question or leave it broken. `check(data)` returns
the problems; an "error" breaks the import of that question, a "notice" is something Moodle's
edit form would refuse to save unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tests.lms.moodle_read import (
    NUMERIC_ANSWER,
    Alternative,
    Question,
    html_text,
    is_number,
    parse,
    read_questions,
)

# question_bank::fraction_options_full(), in percent; the import matches within 1e-5 of a fraction
GRADES = tuple(
    Decimal(g)
    for g in ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333",
              "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0")
)  # fmt: skip
TYPES = {
    *("category", "multichoice", "truefalse", "shortanswer", "numerical", "description"),
    *("matching", "match", "cloze", "multianswer", "essay", "calculated", "calculatedsimple"),
    *("calculatedmulti", "ordering"),
}
FORMATS = {"html", "markdown", "plain_text", "moodle_auto_format"}
# What a gap's answer source may hold besides its text: Moodle's two escapes, the wildcard's, and
# HTML character references (decoded before the gap is read)
_GAP_ESCAPES = re.compile(r"\\[}#*]|&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one question (its position in the file and its idnumber or name)."""

    where: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


def check(data: bytes) -> list[Problem]:
    """Return every problem Moodle's importer would have with the file."""
    declaration = data.split(b"?>", 1)[0] if data.startswith(b"<?xml") else b""
    if not re.search(rb"""encoding=["']UTF-8["']""", declaration, re.IGNORECASE):
        return [Problem("file", "no XML declaration with encoding UTF-8")]
    try:
        root = parse(data)
    except ValueError as exc:
        return [Problem("file", str(exc))]
    if root.tag != "quiz":
        return [Problem("file", f"the root is <{root.tag}>, Moodle reads only <quiz>")]
    problems: list[Problem] = []
    if len(root.findall("question")) != len(root):
        problems.append(Problem("file", "<quiz> holds something other than <question>"))
    questions = read_questions(root)
    for number, question in enumerate(questions, start=1):
        where = f"question {number} ({question.fields.get('idnumber') or question.name!r})"
        problems += [Problem(where, m, s) for m, s in question_problems(question)]
    problems += _duplicate_ids(questions)
    return problems


def question_problems(q: Question) -> list[tuple[str, str]]:
    """Return (message, severity) for one question."""
    if q.type not in TYPES:
        return [(f"type {q.type!r} is not one Moodle imports (xmltypeunsupported)", "error")]
    if q.type == "category":
        text = q.texts.get("category", ("", ""))[1]
        return [] if text else [("a category without <category><text>", "error")]
    found = []
    if not q.name:
        found.append("no <name><text> (xmlimportnoname)")
    text_format, _ = q.texts.get("questiontext", (None, ""))
    if text_format is None:
        found.append("no <questiontext><text>")
    elif text_format not in FORMATS:
        found.append(f"questiontext format {text_format!r} is not one of {sorted(FORMATS)}")
    for tag in ("defaultgrade", "penalty"):
        if tag in q.fields and not is_number(q.fields[tag]):
            found.append(f"<{tag}> {q.fields[tag]!r} is not a number")
    found += TYPE_RULES.get(q.type, lambda q: [])(q)
    return [(message, "error") for message in found] + _notices(q)


def _grade(fraction: str) -> Decimal | None:
    """Return a fraction attribute as Moodle's grade, or None when it is not one of them."""
    try:
        value = Decimal(fraction)
    except InvalidOperation:
        return None
    match = [g for g in GRADES if abs(abs(value) - g) / 100 < Decimal("0.00001")]
    return (match[0] if value >= 0 else -match[0]) if match else None


def _graded(q: Question) -> tuple[list[str], list[Decimal]]:
    problems, grades = [], []
    for answer in q.answers:
        grade = _grade(answer.fraction)
        if grade is None:
            problems.append(f"fraction {answer.fraction!r} is not one of Moodle's grades")
        else:
            grades.append(grade)
    return problems, grades


def _multichoice(q: Question) -> list[str]:
    problems, grades = _graded(q)
    single = q.fields.get("single", "true")
    if single not in ("true", "false"):
        problems.append(f"<single> is {single!r}, not true or false")
    if len(q.answers) < 2:
        problems.append("a multiple choice needs at least 2 answers")
    if problems:
        return problems
    if single == "true" and max(grades) != 100:
        problems.append("a single-answer multiple choice has no answer at 100 % (fractionsnomax)")
    positive = sum(g for g in grades if g > 0)
    if single == "false" and round(positive / 100, 2) != 1:
        problems.append(f"the positive fractions add up to {positive}, not 100 (fractionsaddwrong)")
    return problems


def _truefalse(q: Question) -> list[str]:
    texts = sorted(a.text for a in q.answers)
    if texts != ["false", "true"]:
        return [f"the answers are {texts}, not 'true' and 'false'"]
    if sorted(a.fraction for a in q.answers) != ["0", "100"]:
        return [f"the fractions are {[a.fraction for a in q.answers]}, not 100 and 0"]
    return []


def _shortanswer(q: Question) -> list[str]:
    problems, grades = _graded(q)
    if not q.answers or any(not a.text for a in q.answers):
        problems.append("a short answer needs answers with text")
    elif not problems and max(grades) != 100:
        problems.append("no answer at 100 % (fractionsnomax)")
    if q.fields.get("usecase", "0") not in ("0", "1"):
        problems.append("<usecase> is neither 0 nor 1")
    return problems


def _numerical(q: Question) -> list[str]:
    problems, grades = _graded(q)
    for answer in q.answers:
        if not (is_number(answer.text) or answer.text == "*"):
            problems.append(f"answer {answer.text!r} is not a number (answermustbenumberorstar)")
        tolerance = answer.fields.get("tolerance", "0")
        if not is_number(tolerance):
            problems.append(f"tolerance {tolerance!r} is not a number")
    if not q.answers:
        problems.append("a numerical question needs an answer")
    elif grades and max(grades) != 100:
        problems.append("no answer at 100 % (fractionsnomax)")
    for name, multiplier in q.units:
        if not name or not is_number(multiplier):
            problems.append(f"unit {name!r} needs a name and a number as multiplier")
    return problems


def _matching(q: Question) -> list[str]:
    problems = []
    stems = [(text, answer) for text, answer in q.subquestions if text]
    if len(stems) < 2:
        problems.append(f"a matching question needs 2 sub-questions, it has {len(stems)}")
    problems += [f"sub-question {t!r} has no answer (nomatchinganswer)" for t, a in stems if not a]
    return problems


def _cloze(q: Question) -> list[str]:
    problems = []
    if not q.gaps:
        problems.append("a cloze without gaps (questionsmissing)")
    if re.search(r"[{}]", re.sub(r"\{#\d+\}", "", q.text_outside_gaps)):
        problems.append("a '{' or '}' outside the gaps: a gap Moodle cannot read")
    for number, gap in enumerate(q.gaps, start=1):
        where = f"gap {number}"
        if not any(a.fraction == 100 for a in gap.alternatives):
            problems.append(f"{where} has no answer at 100 % (fractionsnomax)")
        if gap.kind == "MULTICHOICE" and len(gap.alternatives) < 2:
            problems.append(f"{where} is a MULTICHOICE gap with fewer than 2 answers")
        for alternative in gap.alternatives:
            problems += _gap_answer_problems(where, gap.kind, alternative)
    return problems


def _gap_answer_problems(where: str, kind: str, alternative: Alternative) -> list[str]:
    source, answer = alternative.source, alternative.answer
    problems = []
    # a NUMERICAL gap's answer that is not a number stays text, as the importer leaves it
    if kind == "NUMERICAL" and not (NUMERIC_ANSWER.match(source) or answer == "*"):
        problems.append(f"{where}: {answer!r} is not a number (answermustbenumberorstar)")
    if alternative.feedback is not None:
        problems.append(f"{where}: {source!r} is followed by feedback: an unescaped '#'?")
    if kind == "SHORTANSWER" and alternative.fraction == 0:
        problems.append(f"{where}: {source!r} scores 0 %: an unescaped '~'?")
    bare = _GAP_ESCAPES.sub("", source)
    unescaped = sorted(set(re.findall(r'[\\"/&<>{]', bare)))
    if unescaped:
        problems.append(f"{where}: {source!r} holds {' '.join(unescaped)} unescaped")
    return problems


def _ordering(q: Question) -> list[str]:
    problems = []
    items = [a for a in q.answers if html_text(a.text).strip()]
    if len(items) < 2:
        problems.append(f"an ordering question needs 2 items, it has {len(items)}")
    select = q.fields.get("selecttype", "RANDOM").upper()
    count = q.fields.get("selectcount", "6")
    if select not in ("ALL", "EXACT") and (not count.isdigit() or int(count) < len(items)):
        problems.append(f"selecttype {select} shows a random {count} of {len(items)} items")
    return problems


def _notices(q: Question) -> list[tuple[str, str]]:
    if q.type not in ("matching", "match"):
        return []
    answers = [a for t, a in q.subquestions if t or a]
    if len(answers) >= 3:
        return []
    message = f"{len(answers)} answers: Moodle's edit form asks for 3 (a distractor) before saving"
    return [(message, "notice")]


def _duplicate_ids(questions: list[Question]) -> list[Problem]:
    seen = Counter(
        (q.category, q.fields["idnumber"])
        for q in questions
        if q.type != "category" and q.fields.get("idnumber")
    )
    return [
        Problem(f"category {category!r}", f"idnumber {idnumber!r} is used {n} times")
        for (category, idnumber), n in seen.items()
        if n > 1
    ]


TYPE_RULES = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
    "match": _matching,
    "cloze": _cloze,
    "multianswer": _cloze,
    "ordering": _ordering,
}


def errors(data: bytes) -> list[str]:
    """Return the problems that break an import, as text."""
    return [str(p) for p in check(data) if p.severity == "error"]

"""Read a Moodle XML file back as Moodle's importer would (question/format/xml/format.php).

Written from the importer's source, not from quizgen's writer: texts are trimmed, fractions are
percentages, a cloze's question text is cut into gaps with the regular expressions of
question/type/multianswer/questiontype.php and each answer decoded the way it decodes them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# qtype_multianswer's gap syntax. Python's look-behinds need a fixed width, so Moodle's
# (?<!\\|&|&amp;) is three of them.
_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALTERNATIVE = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
GAP_TYPES = {
    **dict.fromkeys(["NUMERICAL", "NM"], "NUMERICAL"),
    **dict.fromkeys(["SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"], "SHORTANSWER"),
    **dict.fromkeys(
        ["MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH", "MULTICHOICE_S",
         "MCS", "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS", "MCHS"],
        "MULTICHOICE",
    ),
    **dict.fromkeys(
        ["MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH", "MULTIRESPONSE_S", "MRS",
         "MULTIRESPONSE_HS", "MRHS"],
        "MULTIRESPONSE",
    ),
}  # fmt: skip
_TYPE_NAMES = "|".join(sorted(GAP_TYPES, key=len, reverse=True))
GAP = re.compile(rf"\{{([0-9]*):({_TYPE_NAMES}):({_ALTERNATIVE}(~{_ALTERNATIVE})*)\}}", re.DOTALL)
_ONE_ALTERNATIVE = re.compile(f"~?{_ALTERNATIVE}", re.DOTALL)
_NUMBER = r"-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)"
NUMERIC_ANSWER = re.compile(f"^({_NUMBER})(:{_NUMBER})?$", re.DOTALL)
MACHINE_NUMBER = re.compile(r"^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


@dataclass
class Alternative:
    """One answer of a gap: its grade, the answer as Moodle stores it, and its feedback."""

    fraction: Decimal
    answer: str
    feedback: str | None
    source: str  # as written in the gap, before decoding
    tolerance: str = ""


@dataclass
class Gap:
    """A cloze gap: its weight (the points), its sub-question type and its answers."""

    weight: int
    kind: str  # SHORTANSWER, NUMERICAL, MULTICHOICE, MULTIRESPONSE
    alternatives: list[Alternative]


@dataclass
class Answer:
    """An `<answer>`: its fraction attribute as written, text, format and the fields inside."""

    fraction: str
    text: str
    text_format: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Question:
    """One `<question>` as the importer reads it."""

    type: str
    category: str  # the category it lands in (the last category question before it)
    fields: dict[str, str]  # simple child elements: single, usecase, idnumber, defaultgrade …
    texts: dict[str, tuple[str, str]]  # name, questiontext …: (format, text)
    answers: list[Answer]
    subquestions: list[tuple[str, str]]  # matching: (text, answer)
    units: list[tuple[str, str]]  # numerical: (unit_name, multiplier)
    tags: list[str]
    gaps: list[Gap] = field(default_factory=list)
    text_outside_gaps: str = ""  # the question text with {#1} … where the gaps were

    @property
    def name(self) -> str:
        """Return the name's text."""
        return self.texts.get("name", ("", ""))[1]

    @property
    def text(self) -> str:
        """Return the question text."""
        return self.texts.get("questiontext", ("", ""))[1]


def parse(data: bytes) -> ET.Element:
    """Return the document's root; raise ValueError when it is not XML."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc


def read_questions(root: ET.Element) -> list[Question]:
    """Return every `<question>` below `<quiz>`, categories included."""
    questions, category = [], ""
    for element in root.findall("question"):
        question = read_question(element, category)
        if question.type == "category":
            category = question.texts.get("category", ("", ""))[1]
        questions.append(question)
    return questions


def read_question(element: ET.Element, category: str) -> Question:
    """Return one question's parts as the importer reads them (texts trimmed)."""
    texts, fields = {}, {}
    for child in element:
        text = child.find("text")
        if text is not None and child.tag not in ("answer", "subquestion"):
            texts[child.tag] = (child.get("format", ""), (text.text or "").strip())
        elif len(child) == 0:
            fields[child.tag] = (child.text or "").strip()
    answers = [
        Answer(
            answer.get("fraction", ""),
            _text(answer),
            answer.get("format", ""),
            {f.tag: (f.text or "").strip() for f in answer if len(f) == 0 and f.tag != "text"},
        )
        for answer in element.findall("answer")
    ]
    subquestions = [(_text(s), _text(s.find("answer"))) for s in element.findall("subquestion")]
    units = [
        (_child(u, "unit_name"), _child(u, "multiplier")) for u in element.iterfind("units/unit")
    ]
    tags = [_text(tag) for tag in element.iterfind("tags/tag")]
    question = Question(
        element.get("type", ""), category, fields, texts, answers, subquestions, units, tags
    )
    if question.type in ("cloze", "multianswer"):
        question.gaps, question.text_outside_gaps = read_gaps(question.text)
    return question


def read_gaps(text: str) -> tuple[list[Gap], str]:
    """Return a cloze text's gaps and the text with `{#n}` in their places."""
    gaps, outside, start = [], [], 0
    for number, match in enumerate(GAP.finditer(text), start=1):
        outside += [text[start : match.start()], f"{{#{number}}}"]
        start = match.end()
        kind = GAP_TYPES[match[2]]
        gaps.append(Gap(int(match[1] or 1), kind, _alternatives(match[3], kind)))
    outside.append(text[start:])
    return gaps, "".join(outside)


def _alternatives(written: str, kind: str) -> list[Alternative]:
    alternatives, remaining = [], written
    while remaining and (match := _ONE_ALTERNATIVE.search(remaining)):
        grade, percent, source, feedback = match[1], match[2], match[3], match[5]
        if grade == "=":
            fraction = Decimal(100)
        elif percent:
            fraction = Decimal(percent.replace(",", "."))
        else:
            fraction = Decimal(0)
        number = NUMERIC_ANSWER.match(source) if kind == "NUMERICAL" else None
        if number:
            alternative = Alternative(fraction, number[1], feedback, source, number[6] or "0")
        else:
            decoded = html.unescape(source).replace("\\}", "}").replace("\\#", "#")
            alternative = Alternative(fraction, decoded, feedback, source)
        alternatives.append(alternative)
        remaining = remaining[match.end() :]
    return alternatives


def literal(answer: str) -> str:
    """Return a short answer as the text a student must type: Moodle's `\\*` is a plain `*`."""
    return answer.replace("\\*", "*")


def html_text(text: str) -> str:
    """Return HTML as the text a reader sees: tags dropped, references decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def category_names(path: str) -> list[str]:
    """Return a category path's names as Moodle splits them: "/" separates, "//" is a "/"."""
    names = re.split(r"(?<!/)/(?!/)", path)
    # PARAM_TEXT drops tags: what is left shows as HTML, so references are decoded on screen
    return [html.unescape(re.sub(r"<[^>]*>", "", n.replace("//", "/")).strip()) for n in names]


def is_number(text: str) -> bool:
    """Return whether the text is a machine number: Moodle reads "2,5" by the site's locale."""
    if not MACHINE_NUMBER.match(text.strip()):
        return False
    try:
        Decimal(text.strip())
    except InvalidOperation:
        return False
    return True


def _text(element: ET.Element | None) -> str:
    node = element.find("text") if element is not None else None
    return (node.text or "").strip() if node is not None else ""


def _child(element: ET.Element, tag: str) -> str:
    node = element.find(tag)
    return (node.text or "").strip() if node is not None else ""

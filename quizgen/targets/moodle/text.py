"""Text as Moodle's XML importer reads it: HTML fields, plain answers, cloze gaps, names.

Every rule here comes from the importer's source (docs/lms.md names the files): category and
question names lose their HTML tags (PARAM_TEXT), a cloze gap is cut at the first `~`, `#` or `}`
not preceded by `\\` or `&`, and a short answer's `*` is a wildcard.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from quizgen.present.lms import shortened
from quizgen.present.xml import XmlWriter

# XML 1.0 cannot hold these at all, not even as references; no bank text means them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Inside a gap: `}` and `#` have Moodle's backslash escapes; the importer decodes HTML references
# before it looks at them, so everything else special is written as a numeric reference (a `\~`
# would reach the student's answer key with its backslash). `*` is the short answer's wildcard.
_GAP_ESCAPES = {
    "}": "\\}",
    "#": "\\#",
    "*": "\\*",
    "&": "&#38;",  # not &amp;: Moodle reads a gap's end after "&amp;" as escaped
    "<": "&#60;",
    ">": "&#62;",
    '"': "&#34;",
    "~": "&#126;",
    "/": "&#47;",
    "\\": "&#92;",
    "{": "&#123;",
}


def xml_text(text: str) -> str:
    """Return text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def add_text(xml: XmlWriter, tag: str, text: str, text_format: str | None = None) -> None:
    """Write `<tag format="…"><text>…</text></tag>`, Moodle's shape for every text field."""
    xml.wrapped(tag, "text", xml_text(text), {"format": text_format} if text_format else None)


def add_value(xml: XmlWriter, tag: str, value: object) -> None:
    """Write `<tag>value</tag>`."""
    xml.leaf(tag, xml_text(str(value)))


def question_name(question_id: str, summary: str) -> str:
    """Return a question's name: its id and the start of its prompt, tags kept as text."""
    short = shortened(summary)
    return html.escape(f"{question_id}: {short}" if short else question_id, quote=False)


def short_answer(text: str) -> str:
    """Return an accepted answer with a literal `*` escaped (Moodle reads `*` as any text)."""
    return text.replace("*", "\\*")


def gap_answer(text: str) -> str:
    """Return a cloze answer as the text of a gap holds it, every special character escaped."""
    return "".join(_GAP_ESCAPES.get(char, char) for char in text)


def gap(points: int, answers: tuple[str, ...]) -> str:
    """Return a SHORTANSWER gap accepting every answer at 100 %: `{1:SHORTANSWER:=a~=b}`."""
    return f"{{{points}:SHORTANSWER:{'~'.join('=' + gap_answer(a) for a in answers)}}}"


def cloze_text(markup_html: Markup | str) -> str:
    """Return HTML around gaps with its braces as references, so no text reads as a gap."""
    return str(markup_html).replace("{", "&#123;").replace("}", "&#125;")

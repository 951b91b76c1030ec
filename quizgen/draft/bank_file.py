"""Write drafted candidates as a bank file the loader reads as it is.

Every text is written as a JSON string, which is a YAML double-quoted scalar: no character of a
sentence (a colon, a '#', a quote, a leading '-') can change what the loader reads.
"""

from __future__ import annotations

import json

from quizgen.draft.candidates import Candidate

_HEADER = {
    "de": """\
# Fragenentwurf von `quizgen draft` aus {source}: {count} Vorschläge, die nützlichsten zuerst.
# So wird daraus eine Fragensammlung:
#   1. Jeden Vorschlag lesen. Unbrauchbare löschen (vom "- id:" bis vor das nächste).
#   2. Brauchbare bei Bedarf umformulieren; "source" bleibt ein wörtliches Zitat des Textes.
#   3. Bei jedem behaltenen Vorschlag die Zeile "draft: true" löschen.
#   4. bank und title anpassen, dann `quizgen check` (es meldet übrige Entwürfe).
""",
    "en": """\
# Draft questions by `quizgen draft` from {source}: {count} candidates, the most useful first.
# To make them a bank:
#   1. Read each candidate. Delete those you do not want (from its "- id:" to the next one).
#   2. Edit the ones you keep as needed; "source" stays a word-for-word quote of the text.
#   3. Remove the line "draft: true" from every candidate you keep.
#   4. Adjust bank and title, then run `quizgen check` (it lists the drafts left).
""",
}


def bank_yaml(
    candidates: list[Candidate], bank_id: str, title: str, language: str, source: str
) -> str:
    """Return the bank file's text: the header comment, the bank's fields, the candidates."""
    lines = [
        _HEADER[language.split("-")[0]].format(source=source, count=len(candidates)),
        f"bank: {_quoted(bank_id)}",
        f"title: {_quoted(title)}",
        f"language: {_quoted(language)}",
        f"source: {_quoted(source)}",
        "questions:",
    ]
    numbers: dict[str, int] = {}
    for candidate in candidates:
        numbers[candidate.kind] = numbers.get(candidate.kind, 0) + 1
        lines.append("")
        lines.append(f"  - id: {candidate.kind}-{numbers[candidate.kind]}")
        fields = dict(candidate.fields)
        qtype = fields.pop("type")
        lines.append(f"    type: {qtype}")
        lines.append("    draft: true")
        for name, value in fields.items():
            if isinstance(value, list):
                lines.append(f"    {name}:")
                lines += [f"      - {_quoted(item)}" for item in value]
            elif isinstance(value, dict):
                lines.append(f"    {name}:")
                lines += [f"      {_quoted(k)}: {_quoted(v)}" for k, v in value.items()]
            elif qtype == "numeric" and name in ("answer", "tolerance"):
                lines.append(f"    {name}: {value}")  # a number, as the teacher would write it
            elif name == "answer" and value in ("true", "false"):
                lines.append(f"    {name}: {value}")
            else:
                lines.append(f"    {name}: {_quoted(str(value))}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)

"""Turn a bank's YAML file into the model, locating every problem in it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from quizgen.errors import Location, Problem
from quizgen.model import (
    QUESTION_TYPES,
    Bank,
    Choice,
    Cloze,
    Gap,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    SingleChoice,
    SourceText,
    TrueFalse,
)
from quizgen.source_text import parse_source
from quizgen.strict_yaml import decode_text, node_location, read_yaml_file

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
GAP_PATTERN = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
NUMBER_PATTERN = re.compile(r"[+-]?\d+([.,]\d+)?")
# languages that write 2,5 for two and a half
DECIMAL_COMMA_LANGUAGES = {
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "pl",
    "cs",
    "da",
    "sv",
    "nb",
    "fi",
    "ru",
}
MAX_SOURCE_BYTES = 10 * 1024 * 1024

BANK_FIELDS = ("bank", "title", "language", "source", "description", "tags", "deck", "questions")
BANK_REQUIRED = ("bank", "title", "language", "source", "questions")
COMMON_FIELDS = ("id", "type", "prompt", "source", "explanation", "tags", "points")
TYPE_FIELDS = {
    "single": ("correct", "wrong", "choices", "shuffle"),
    "multiple": ("correct", "wrong", "choices", "shuffle"),
    "truefalse": ("answer",),
    "cloze": ("text",),
    "short": ("answer",),
    "numeric": ("answer", "tolerance", "unit"),
    "match": ("pairs",),
    "order": ("items",),
}
TYPE_REQUIRED = {
    "single": ("correct",),
    "multiple": ("correct",),
    "truefalse": ("answer",),
    "cloze": ("text",),
    "short": ("answer",),
    "numeric": ("answer",),
    "match": ("pairs",),
    "order": ("items",),
}
ALL_QUESTION_FIELDS = COMMON_FIELDS + tuple(sorted({f for fs in TYPE_FIELDS.values() for f in fs}))

Entries = dict[str, tuple[yaml.Node, yaml.Node]]


class _Reader:
    """Reads typed values out of YAML nodes, recording a located problem for each mistake."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node) -> Location:
        return node_location(self.display_path, node)

    def error(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.at(where)
        self.problems.append(Problem(location, "error", message))

    def warning(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.at(where)
        self.problems.append(Problem(location, "warning", message))

    def mapping(self, node: yaml.Node, what: str) -> Entries | None:
        """Return a mapping's entries by key; duplicate and non-text keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of 'field: value' lines, not {_kind(node)}")
            return None
        entries: Entries = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, f"{what} has a key that is {_kind(key)}; expected a field name")
                continue
            if key.value in entries:
                first = self.at(entries[key.value][0])
                self.error(key, f"duplicate key '{key.value}' (first given on line {first.line})")
                continue
            entries[key.value] = (key, value)
        return entries

    def fields(
        self,
        entries: Entries,
        owner: yaml.Node,
        what: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        known: tuple[str, ...] = (),
    ) -> None:
        """Report unknown fields (with a hint) and missing required ones."""
        for name, (key, _value) in entries.items():
            if name in allowed:
                continue
            if name in known:
                self.error(
                    key,
                    f"{what}: field '{name}' is not used by this question type; "
                    f"expected one of: {', '.join(allowed)}",
                )
                continue
            hint = difflib.get_close_matches(name, allowed + known, n=1, cutoff=0.6)
            suggestion = (
                f"; did you mean '{hint[0]}'?"
                if hint
                else f"; expected one of: {', '.join(allowed)}"
            )
            self.error(key, f"{what}: unknown field '{name}'{suggestion}")
        for name in required:
            if name not in entries:
                self.error(owner, f"{what}: missing required field '{name}'")

    def text(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        """Return a scalar's text exactly as written."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        if not allow_empty and not node.value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        return node.value

    def text_list(self, node: yaml.Node, what: str, *, minimum: int = 1) -> list[str] | None:
        """Return a list of non-empty texts with at least `minimum` items."""
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list like [a, b], not {_kind(node)}")
            return None
        values = [self.text(item, f"{what} item") for item in node.value]
        if any(v is None for v in values):
            return None
        if len(values) < minimum:
            self.error(
                node,
                f"{what} needs at least {minimum} item{'s' if minimum > 1 else ''}, got {len(values)}",
            )
            return None
        return values  # type: ignore[return-value]

    def integer(self, node: yaml.Node, what: str, *, minimum: int) -> int | None:
        """Return a whole number written in plain digits."""
        value = self.text(node, what)
        if value is None:
            return None
        if not re.fullmatch(r"\d+", value.strip()) or int(value) < minimum:
            self.error(node, f"{what} must be a whole number ≥ {minimum}, got '{value}'")
            return None
        return int(value)

    def number(self, node: yaml.Node, what: str, *, decimal_comma: bool) -> Decimal | None:
        """Return a decimal number; `2,5` is accepted only in decimal-comma languages."""
        value = self.text(node, what)
        if value is None:
            return None
        written = value.strip()
        if NUMBER_PATTERN.fullmatch(written) and ("," not in written or decimal_comma):
            try:
                return Decimal(written.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
                pass
        example = "2,5 or 2.5" if decimal_comma else "2.5"
        self.error(node, f"{what} must be a number like {example}, got '{value}'")
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        """Return true or false, written exactly so."""
        value = self.text(node, what)
        if value is None:
            return None
        if value.strip() in ("true", "false"):
            return value.strip() == "true"
        self.error(node, f"{what} must be true or false, got '{value}'")
        return None

    def identifier(self, node: yaml.Node, what: str) -> str | None:
        """Return an id matching ID_PATTERN."""
        value = self.text(node, what)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.error(
                node,
                f"{what} '{value}' must be 1–64 lowercase letters, digits and hyphens, "
                "starting with a letter or digit",
            )
            return None
        return value


def _kind(node: yaml.Node) -> str:
    """Describe a node's shape for an error message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text '{node.value}'" if node.value else "empty"


def load_bank(
    path: Path, root: Path, sources: dict[Path, SourceText | None]
) -> tuple[Bank | None, list[Problem]]:
    """Load one bank file; return the bank (None if invalid) and every problem found.

    `sources` caches source texts by resolved path across banks.
    """
    display = _display(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(Location(display), "error", f"cannot read bank file: {exc.strerror}")]
    node, problems = read_yaml_file(data, display)
    if node is None:
        return None, problems
    reader = _Reader(display)
    reader.problems.extend(problems)
    bank = _read_bank(reader, node, path, root, sources)
    if any(p.severity == "error" for p in reader.problems):
        bank = None
    return bank, reader.problems


def _display(path: Path, root: Path) -> str:
    """Return a path as the user should see it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_bank(
    reader: _Reader, node: yaml.Node, path: Path, root: Path, sources: dict[Path, SourceText | None]
) -> Bank | None:
    entries = reader.mapping(node, "a bank file")
    if entries is None:
        return None
    reader.fields(entries, node, "bank", BANK_FIELDS, BANK_REQUIRED)
    values: dict[str, object] = {}
    if "bank" in entries:
        values["id"] = reader.identifier(entries["bank"][1], "bank id")
    for name in ("title", "description", "deck"):
        if name in entries:
            values[name] = reader.text(
                entries[name][1], f"bank {name}", allow_empty=name != "title"
            )
    language = None
    if "language" in entries:
        language = reader.text(entries["language"][1], "language")
        if language is not None and not LANGUAGE_PATTERN.fullmatch(language):
            reader.error(
                entries["language"][1],
                f"language '{language}' is not a BCP 47 tag; expected e.g. de, en, de-AT",
            )
            language = None
    values["language"] = language
    if "tags" in entries:
        values["tags"] = _tags(reader, entries["tags"][1])
    source = None
    if "source" in entries:
        source = _read_source(reader, entries["source"][1], root, sources)
    questions = None
    if "questions" in entries:
        decimal_comma = bool(language) and language.split("-")[0].lower() in DECIMAL_COMMA_LANGUAGES
        questions = _read_questions(reader, entries["questions"][1], decimal_comma)
    if any(p.severity == "error" for p in reader.problems) or source is None or questions is None:
        return None
    return Bank(
        id=values["id"],
        title=values["title"],
        language=language,
        source=source,
        questions=tuple(questions),
        description=values.get("description") or "",
        tags=values.get("tags") or (),
        deck=values.get("deck") or "",
        path=path,
        display_path=reader.display_path,
        location=reader.at(node),
    )  # type: ignore[arg-type]


def _tags(reader: _Reader, node: yaml.Node) -> tuple[str, ...] | None:
    values = reader.text_list(node, "tags", minimum=0)
    return tuple(v.strip() for v in values) if values is not None else None


def _read_source(
    reader: _Reader, node: yaml.Node, root: Path, sources: dict[Path, SourceText | None]
) -> SourceText | None:
    """Resolve a bank's source path inside the project and read it (once per path)."""
    written = reader.text(node, "source")
    if written is None:
        return None
    try:
        resolved = (root / written).resolve()
        inside = resolved.is_relative_to(root.resolve())
        exists = inside and resolved.is_file()
    except (OSError, ValueError):  # a NUL byte or an over-long name
        inside, exists = True, False
    if not inside:
        reader.error(
            node,
            f"source '{written}' lies outside the project; expected a path inside the project folder",
        )
        return None
    if not exists:
        reader.error(
            node,
            f"source file '{written}' does not exist; expected a text file relative to the project root",
        )
        return None
    if resolved not in sources:
        sources[resolved] = _read_source_file(reader, node, resolved, written)
    elif sources[resolved] is None:
        reader.error(node, f"source file '{written}' cannot be used (see its first error)")
    return sources[resolved]


def _read_source_file(
    reader: _Reader, node: yaml.Node, resolved: Path, written: str
) -> SourceText | None:
    size = resolved.stat().st_size
    if size > MAX_SOURCE_BYTES:
        reader.error(
            node, f"source file '{written}' is {size} bytes; at most {MAX_SOURCE_BYTES} are read"
        )
        return None
    text, problems = decode_text(resolved.read_bytes(), written, "source file")
    if text is None:
        reader.problems.extend(problems)
        return None
    if not text.strip():
        reader.error(
            node, f"source file '{written}' is empty; expected the text the questions quote"
        )
        return None
    return parse_source(resolved, written, text)


def _read_questions(reader: _Reader, node: yaml.Node, decimal_comma: bool) -> list[Question] | None:
    if not isinstance(node, yaml.SequenceNode):
        reader.error(
            node,
            f"questions must be a list of questions (each starting with '- id:'), not {_kind(node)}",
        )
        return None
    if not node.value:
        reader.error(node, "questions must hold at least one question")
        return None
    questions: list[Question] = []
    seen: dict[str, Location] = {}
    for item in node.value:
        question = _read_question(reader, item, decimal_comma)
        if question is None:
            continue
        if question.id in seen:
            reader.error(
                question.where("id"),
                f"duplicate question id '{question.id}' (first used on line {seen[question.id].line})",
            )
            continue
        seen[question.id] = question.where("id")
        questions.append(question)
    return questions


def _read_question(reader: _Reader, node: yaml.Node, decimal_comma: bool) -> Question | None:
    entries = reader.mapping(node, "a question")
    if entries is None:
        return None
    qid = reader.identifier(entries["id"][1], "question id") if "id" in entries else None
    label = f"question '{qid}'" if qid else "question"
    if "id" not in entries:
        reader.error(node, "question: missing required field 'id'")
    qtype = None
    if "type" in entries:
        qtype = reader.text(entries["type"][1], f"{label}: type")
        if qtype is not None and qtype not in QUESTION_TYPES:
            hint = difflib.get_close_matches(qtype, QUESTION_TYPES, n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            reader.error(
                entries["type"][1],
                f"{label}: unknown type '{qtype}'; expected one of: "
                + ", ".join(QUESTION_TYPES)
                + extra,
            )
            qtype = None
    else:
        reader.error(node, f"{label}: missing required field 'type'")
    allowed = COMMON_FIELDS + (
        TYPE_FIELDS[qtype] if qtype else ALL_QUESTION_FIELDS[len(COMMON_FIELDS) :]
    )
    required = (
        ("source",)
        + (TYPE_REQUIRED[qtype] if qtype else ())
        + (("prompt",) if qtype and qtype != "cloze" else ())
    )
    reader.fields(entries, node, label, allowed, required, known=ALL_QUESTION_FIELDS)
    if qtype is None or qid is None or any(name not in entries for name in required):
        return None

    before = len(reader.problems)
    common: dict[str, object] = {"id": qid, "location": reader.at(node)}
    common["field_locations"] = {name: reader.at(value) for name, (_key, value) in entries.items()}
    if "prompt" in entries:
        common["prompt"] = reader.text(
            entries["prompt"][1], f"{label}: prompt", allow_empty=qtype == "cloze"
        )
    else:
        common["prompt"] = ""
    if "source" in entries:
        common["source"] = reader.text(entries["source"][1], f"{label}: source")
    if "explanation" in entries:
        common["explanation"] = reader.text(
            entries["explanation"][1], f"{label}: explanation", allow_empty=True
        )
    if "tags" in entries:
        common["tags"] = _tags(reader, entries["tags"][1])
    if "points" in entries:
        common["points"] = reader.integer(entries["points"][1], f"{label}: points", minimum=1)
    build = _TYPE_READERS[qtype]
    specific = build(reader, entries, label, decimal_comma)
    if specific is None or (
        len(reader.problems) > before
        and any(p.severity == "error" for p in reader.problems[before:])
    ):
        return None
    return specific(**common)  # type: ignore[operator]


TypeReader = Callable[[_Reader, Entries, str, bool], Callable[..., Question] | None]


def _choice_reader(cls: type[SingleChoice] | type[MultipleChoice]) -> TypeReader:
    def read(reader: _Reader, entries: Entries, label: str, _comma: bool):
        single = cls is SingleChoice
        correct_node = entries["correct"][1]
        if single:
            text = (
                reader.text(correct_node, f"{label}: correct")
                if not isinstance(correct_node, yaml.SequenceNode)
                else None
            )
            if isinstance(correct_node, yaml.SequenceNode):
                reader.error(
                    correct_node,
                    f"{label}: a single-choice question has one correct answer; "
                    "write it as text, or use type: multiple",
                )
            correct = [text] if text is not None else None
        else:
            correct = reader.text_list(correct_node, f"{label}: correct")
        if correct is None:
            return None
        shuffle = True
        if "shuffle" in entries:
            shuffle = reader.boolean(entries["shuffle"][1], f"{label}: shuffle")
        if "wrong" in entries and "choices" in entries:
            reader.error(
                entries["choices"][0], f"{label}: give either 'wrong' or 'choices', not both"
            )
            return None
        if "choices" in entries:
            options = reader.text_list(entries["choices"][1], f"{label}: choices", minimum=2)
            if options is None:
                return None
            for answer in correct:
                if answer not in options:
                    reader.error(
                        correct_node,
                        f"{label}: correct answer '{answer}' is not one of the choices ("
                        + ", ".join(options)
                        + ")",
                    )
            if len(correct) == len(options):
                reader.error(
                    entries["choices"][1],
                    f"{label}: every choice is correct; add at least one wrong choice",
                )
            choices = [Choice(o, o in correct) for o in options]
        elif "wrong" in entries:
            wrong = reader.text_list(entries["wrong"][1], f"{label}: wrong")
            if wrong is None:
                return None
            for answer in wrong:
                if answer in correct:
                    reader.error(
                        entries["wrong"][1],
                        f"{label}: '{answer}' is listed as both correct and wrong",
                    )
            choices = [Choice(c, True) for c in correct] + [Choice(w, False) for w in wrong]
        else:
            reader.error(
                entries["correct"][0],
                f"{label}: needs 'wrong' (the distractors) or 'choices' (all options)",
            )
            return None
        texts = [c.text for c in choices]
        for duplicate in sorted({t for t in texts if texts.count(t) > 1}):
            reader.error(
                correct_node,
                f"{label}: option '{duplicate}' appears twice; options must be distinct",
            )
        if shuffle is None:
            return None
        return lambda **common: cls(choices=tuple(choices), shuffle=shuffle, **common)

    return read


def _truefalse(reader: _Reader, entries: Entries, label: str, _comma: bool):
    answer = reader.boolean(entries["answer"][1], f"{label}: answer")
    if answer is None:
        return None
    return lambda **common: TrueFalse(answer=answer, **common)


def _cloze(reader: _Reader, entries: Entries, label: str, _comma: bool):
    node = entries["text"][1]
    text = reader.text(node, f"{label}: text")
    if text is None:
        return None
    segments: list[str | Gap] = []
    position = 0
    for match in GAP_PATTERN.finditer(text):
        segments.append(text[position : match.start()])
        answers = tuple(a.strip() for a in match.group(1).split("|"))
        if not all(answers):
            reader.error(
                node,
                f"{label}: gap '[[{match.group(1)}]]' has an empty answer; write [[answer]] or [[answer|alternative]]",
            )
            return None
        segments.append(Gap(answers))
        position = match.end()
    segments.append(text[position:])
    if not any(isinstance(s, Gap) for s in segments):
        reader.error(node, f"{label}: cloze text has no gap; mark each gap as [[answer]]")
        return None
    if any("[[" in s or "]]" in s for s in segments if isinstance(s, str)):
        reader.error(
            node, f"{label}: cloze text has an unbalanced '[[' or ']]'; write gaps as [[answer]]"
        )
        return None
    segments = [s for s in segments if s != ""]
    return lambda **common: Cloze(text=text, segments=tuple(segments), **common)


def _short(reader: _Reader, entries: Entries, label: str, _comma: bool):
    node = entries["answer"][1]
    if isinstance(node, yaml.ScalarNode):
        answers = [reader.text(node, f"{label}: answer")]
        if answers[0] is None:
            return None
    else:
        answers = reader.text_list(node, f"{label}: answer")
        if answers is None:
            return None
    return lambda **common: ShortAnswer(answers=tuple(a.strip() for a in answers), **common)


def _numeric(reader: _Reader, entries: Entries, label: str, comma: bool):
    answer = reader.number(entries["answer"][1], f"{label}: answer", decimal_comma=comma)
    tolerance = Decimal(0)
    if "tolerance" in entries:
        tolerance = reader.number(
            entries["tolerance"][1], f"{label}: tolerance", decimal_comma=comma
        )
        if tolerance is not None and tolerance < 0:
            reader.error(
                entries["tolerance"][1],
                f"{label}: tolerance must be ≥ 0, got '{entries['tolerance'][1].value}'",
            )
            return None
    unit = ""
    if "unit" in entries:
        unit = reader.text(entries["unit"][1], f"{label}: unit", allow_empty=True)
    if answer is None or tolerance is None or unit is None:
        return None
    return lambda **common: Numeric(answer=answer, tolerance=tolerance, unit=unit.strip(), **common)


def _match(reader: _Reader, entries: Entries, label: str, _comma: bool):
    node = entries["pairs"][1]
    pairs_entries = reader.mapping(node, f"{label}: pairs")
    if pairs_entries is None:
        return None
    pairs = []
    for left, (key, value) in pairs_entries.items():
        right = reader.text(value, f"{label}: the match for '{left}'")
        if not left.strip():
            reader.error(key, f"{label}: a left item of pairs is empty")
            return None
        if right is None:
            return None
        pairs.append((left, right))
    if len(pairs) < 2:
        reader.error(node, f"{label}: pairs needs at least 2 pairs, got {len(pairs)}")
        return None
    rights = [r for _, r in pairs]
    for duplicate in sorted({r for r in rights if rights.count(r) > 1}):
        reader.error(
            node,
            f"{label}: right side '{duplicate}' is used twice; every right item must be distinct",
        )
        return None
    return lambda **common: Match(pairs=tuple(pairs), **common)


def _order(reader: _Reader, entries: Entries, label: str, _comma: bool):
    node = entries["items"][1]
    items = reader.text_list(node, f"{label}: items", minimum=2)
    if items is None:
        return None
    for duplicate in sorted({i for i in items if items.count(i) > 1}):
        reader.error(node, f"{label}: item '{duplicate}' appears twice; items must be distinct")
        return None
    return lambda **common: Order(items=tuple(items), **common)


_TYPE_READERS: dict[str, TypeReader] = {
    "single": _choice_reader(SingleChoice),
    "multiple": _choice_reader(MultipleChoice),
    "truefalse": _truefalse,
    "cloze": _cloze,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "order": _order,
}

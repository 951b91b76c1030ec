"""One QTI <item> per solved question, in the shapes Canvas's own QTI export writes.

Each question type has its builder in ITEM_BUILDERS, reached by the type's name as templates are
(docs/architecture.md): this module formats the answer layer's solutions, it decides nothing.
Canvas reads the structure written by its exporter (lib/cc/qti/qti_items.rb): the type and
points in itemmetadata, choices as response_label idents, scores as respcondition/setvar, the
general feedback as itemfeedback "general_fb".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from quizgen.answers.numbers import machine_number
from quizgen.answers.solutions import (
    ChoiceSolution,
    ClozeSolution,
    MatchSolution,
    NumericSolution,
    OrderSolution,
    ShortSolution,
    SolvedQuestion,
    TrueFalseSolution,
)
from quizgen.output.ids import stable_id
from quizgen.present import markup
from quizgen.present.lms import general_feedback, shortened
from quizgen.present.strings import fill
from quizgen.targets.qti.xml import add, element

# Canvas keeps a true/false question only when its answers read "True" and "False" (it shows
# them in the student's language); other texts turn it into multiple choice (choice_interaction.rb).
TRUE_FALSE_TEXTS = {"true": "True", "false": "False"}


@dataclass(frozen=True)
class BankText:
    """What every item of a bank needs besides its question: ids, the title, the UI strings."""

    bank_id: str
    title: str
    texts: Mapping[str, str]  # [common] overlaid by [qti]


@dataclass(frozen=True)
class Item:
    """A built <item>, and whether the bank fixed the order of its options (`shuffle: false`)."""

    element: ET.Element
    fixed_order: bool = False


def item_ident(bank_id: str, question_id: str) -> str:
    """Return an item's ident: bank and question id, joined by "_", which neither id can hold."""
    return f"{bank_id}_{question_id}"


def answer_ident(bank_id: str, question_id: str, *parts: str) -> str:
    """Return a number naming a choice: Canvas keeps numeric idents as its answer ids."""
    return str(stable_id("quizgen qti answer", bank_id, question_id, *parts))


class _Builder:
    """The parts every item has: metadata, the stem, scoring, the general feedback."""

    def __init__(self, q: SolvedQuestion, bank: BankText) -> None:
        self.q, self.bank = q, bank

    def ident(self, *parts: str) -> str:
        return answer_ident(self.bank.bank_id, self.q.question.id, *parts)

    def start(self, question_type: str, stem: Markup, answer_ids: Sequence[str]) -> ET.Element:
        """Return the <item> with its metadata and stem; the caller adds its responses."""
        question = self.q.question
        title = f"{question.id}: {shortened(stem.striptags())}"
        item = element("item", ident=item_ident(self.bank.bank_id, question.id), title=title)
        fields = add(add(item, "itemmetadata"), "qtimetadata")
        for label, entry in (
            ("question_type", question_type),
            ("points_possible", str(self.q.scoring.points)),
            ("original_answer_ids", ",".join(answer_ids)),
        ):
            field = add(fields, "qtimetadatafield")
            add(field, "fieldlabel", label)
            add(field, "fieldentry", entry)
        self.presentation = add(item, "presentation")
        self.html(self.presentation, stem)
        return item

    def html(self, parent: ET.Element, html: Markup) -> None:
        material = add(parent, "material")
        add(material, "mattext", str(html), texttype="text/html")

    def plain(self, parent: ET.Element, text: str) -> None:
        material = add(parent, "material")
        add(material, "mattext", text, texttype="text/plain")

    def scoring(self, item: ET.Element) -> ET.Element:
        """Return <resprocessing> with SCORE declared and the general feedback always shown."""
        processing = add(item, "resprocessing")
        outcomes = add(processing, "outcomes")
        add(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        # first and continue="Yes": Canvas stops at the first scoring condition that matches
        shown = add(processing, "respcondition", **{"continue": "Yes"})
        add(add(shown, "conditionvar"), "other")
        add(shown, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        return processing

    def condition(self, processing: ET.Element, score: str, action: str = "Set") -> ET.Element:
        """Add a scoring <respcondition>; return its <conditionvar> for the caller to fill."""
        attributes = {"continue": "No"} if action == "Set" else {}
        condition = add(processing, "respcondition", **attributes)
        test = add(condition, "conditionvar")
        add(condition, "setvar", score, action=action, varname="SCORE")
        return test

    def feedback(self, item: ET.Element) -> None:
        """Add the general feedback: the explanation, then the quote with the bank's title."""
        html = general_feedback(self.q.question, self.bank.texts["quote"], self.bank.title)
        feedback = add(item, "itemfeedback", ident="general_fb")
        self.html(add(feedback, "flow_mat"), html)

    def varequal(self, parent: ET.Element, respident: str, value: str) -> None:
        add(parent, "varequal", value, respident=respident)


def _single(q: SolvedQuestion, bank: BankText) -> Item:
    """Single choice: the right option's ident scores 100."""
    solution = q.solution
    assert isinstance(solution, ChoiceSolution)
    labels = [(o.value, markup.inline(o.text), o.correct) for o in solution.options]
    kind = "multiple_choice_question"
    return _choice_item(q, bank, kind, labels, shuffle=solution.shuffle)


def _multiple(q: SolvedQuestion, bank: BankText) -> Item:
    """Multiple answers: all right options and none of the others score 100, as Canvas writes it."""
    solution = q.solution
    assert isinstance(solution, ChoiceSolution)
    labels = [(o.value, markup.inline(o.text), o.correct) for o in solution.options]
    kind = "multiple_answers_question"
    return _choice_item(q, bank, kind, labels, shuffle=solution.shuffle, multiple=True)


def _true_false(q: SolvedQuestion, bank: BankText) -> Item:
    """True or false: Canvas's own answer texts, which it shows in the student's language."""
    solution = q.solution
    assert isinstance(solution, TrueFalseSolution)
    labels = [(o.value, escape(TRUE_FALSE_TEXTS[o.value]), o.correct) for o in solution.options]
    # Canvas never shuffles true/false ("No" tells other readers the same): no reason to turn
    # shuffling off for the quiz
    item = _choice_item(q, bank, "true_false_question", labels, shuffle=False)
    return Item(item.element)


def _choice_item(
    q: SolvedQuestion,
    bank: BankText,
    kind: str,
    labels: Sequence[tuple[str, Markup, bool]],
    *,
    shuffle: bool,
    multiple: bool = False,
) -> Item:
    """Return a choice item: labels are (value, HTML, correct) in display order."""
    b = _Builder(q, bank)
    ids = [b.ident(value) for value, _, _ in labels]
    item = b.start(kind, markup.inline(q.question.prompt), ids)
    response = add(
        b.presentation,
        "response_lid",
        ident="response1",
        rcardinality="Multiple" if multiple else "Single",
    )
    render = add(response, "render_choice", shuffle="Yes" if shuffle else "No")
    for ident, (_, html, _) in zip(ids, labels, strict=True):
        b.html(add(render, "response_label", ident=ident), html)
    test = b.condition(b.scoring(item), "100")
    if multiple:
        both = add(test, "and")
        for ident, (_, _, correct) in zip(ids, labels, strict=True):
            b.varequal(both if correct else add(both, "not"), "response1", ident)
    else:
        right = [ident for ident, (*_, correct) in zip(ids, labels, strict=True) if correct]
        b.varequal(test, "response1", right[0])
    b.feedback(item)
    return Item(item, fixed_order=not shuffle)


def _short(q: SolvedQuestion, bank: BankText) -> Item:
    """Short answer: a text field; each accepted answer scores 100."""
    solution = q.solution
    assert isinstance(solution, ShortSolution)
    b = _Builder(q, bank)
    item = b.start("short_answer_question", markup.inline(q.question.prompt), [])
    _text_field(b)
    test = b.condition(b.scoring(item), "100")
    for answer in solution.accepted:
        b.varequal(test, "response1", answer)
    b.feedback(item)
    return Item(item)


def _numeric(q: SolvedQuestion, bank: BankText) -> Item:
    """Numerical: the value, or within value ± tolerance, with machine numbers (2.5)."""
    solution = q.solution
    assert isinstance(solution, NumericSolution)
    b = _Builder(q, bank)
    stem = markup.inline(q.question.prompt)
    if solution.unit:  # Canvas has no unit: the prompt names it, as in the GIFT file
        stem += Markup(" ") + escape(fill(bank.texts["unit"], unit=solution.unit))
    item = b.start("numerical_question", stem, [])
    _text_field(b, fibtype="Decimal")
    either = add(b.condition(b.scoring(item), "100"), "or")
    b.varequal(either, "response1", machine_number(solution.value))
    if solution.tolerance:
        within = add(either, "and")
        low, high = solution.value - solution.tolerance, solution.value + solution.tolerance
        add(within, "vargte", machine_number(low), respident="response1")
        add(within, "varlte", machine_number(high), respident="response1")
    b.feedback(item)
    return Item(item)


def _cloze(q: SolvedQuestion, bank: BankText) -> Item:
    """Fill in multiple blanks: [blank1] … in the text, each blank's accepted answers as labels."""
    solution = q.solution
    assert isinstance(solution, ClozeSolution)
    b = _Builder(q, bank)
    stem = markup.inline(q.question.prompt) + Markup("<br>") if q.has_prompt else Markup("")
    for part in solution.parts:
        if isinstance(part, str):
            # Canvas reads any [word] in the text as a blank: the bank's brackets are references
            html = str(markup.inline_spaced(part)).replace("[", "&#91;").replace("]", "&#93;")
            stem += Markup(html)
        else:
            stem += escape(f"[blank{part.number}]")
    blanks = [
        (
            f"blank{gap.number}",
            [(b.ident(str(gap.number), str(k)), a) for k, a in enumerate(gap.accepted)],
        )
        for gap in solution.gaps
    ]
    item = b.start(
        "fill_in_multiple_blanks_question", stem, [i for _, ids in blanks for i, _ in ids]
    )
    for blank, answers in blanks:
        response = add(b.presentation, "response_lid", ident=f"response_{blank}")
        b.plain(response, blank)
        render = add(response, "render_choice")
        for ident, answer in answers:
            b.plain(add(render, "response_label", ident=ident), answer)
    processing = b.scoring(item)
    share = _share(len(blanks))
    for blank, answers in blanks:
        test = b.condition(processing, share, action="Add")
        parent = add(test, "or") if len(answers) > 1 else test
        for ident, _ in answers:
            b.varequal(parent, f"response_{blank}", ident)
    b.feedback(item)
    return Item(item)


def _match(q: SolvedQuestion, bank: BankText) -> Item:
    """Matching: a drop-down of the partners (plain text in Canvas) beside each left item."""
    solution = q.solution
    assert isinstance(solution, MatchSolution)
    rows = [(str(r.number), markup.inline(r.text), r.partner.value) for r in solution.rows]
    partners = [(p.value, markup.plain_text(p.text)) for p in solution.partners]
    return _pairs_item(q, bank, markup.inline(q.question.prompt), rows, partners)


def _order(q: SolvedQuestion, bank: BankText) -> Item:
    """Ordering, which Canvas lacks, as matching: each item beside a drop-down of places 1 … n."""
    solution = q.solution
    assert isinstance(solution, OrderSolution)
    rows = [(i.letter, markup.inline(i.text), str(i.position)) for i in solution.shown]
    places = [(str(n), str(n)) for n in range(1, len(solution.shown) + 1)]
    stem = markup.inline(q.question.prompt) + Markup(" ") + escape(bank.texts["order_hint"])
    return _pairs_item(q, bank, stem, rows, places)


def _pairs_item(
    q: SolvedQuestion,
    bank: BankText,
    stem: Markup,
    rows: Sequence[tuple[str, Markup, str]],
    choices: Sequence[tuple[str, str]],
) -> Item:
    """Return a matching item: rows are (key, HTML, key of the right choice), choices (key, text)."""
    b = _Builder(q, bank)
    row_ids = {key: b.ident("row", key) for key, _, _ in rows}
    choice_ids = {key: b.ident("choice", key) for key, _ in choices}
    item = b.start("matching_question", stem, list(row_ids.values()))
    for key, html, _ in rows:
        response = add(b.presentation, "response_lid", ident=f"response_{row_ids[key]}")
        b.html(response, html)
        render = add(response, "render_choice")
        for choice, text in choices:
            b.plain(add(render, "response_label", ident=choice_ids[choice]), text)
    processing = b.scoring(item)
    share = _share(len(rows))
    for key, _, right in rows:
        test = b.condition(processing, share, action="Add")
        b.varequal(test, f"response_{row_ids[key]}", choice_ids[right])
    b.feedback(item)
    return Item(item)


def _text_field(b: _Builder, fibtype: str = "") -> None:
    response = add(b.presentation, "response_str", ident="response1", rcardinality="Single")
    render = add(response, "render_fib", **({"fibtype": fibtype} if fibtype else {}))
    add(render, "response_label", ident="answer1", rshuffle="No")


def _share(count: int) -> str:
    """Return each of `count` parts' share of 100 with two decimals, as Canvas's export writes it."""
    return str((Decimal(100) / count).quantize(Decimal("0.01")))


ItemBuilder = Callable[[SolvedQuestion, BankText], Item]

# One builder per question type, by its name (quizgen.model.QUESTION_TYPES).
ITEM_BUILDERS: dict[str, ItemBuilder] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _true_false,
    "short": _short,
    "numeric": _numeric,
    "cloze": _cloze,
    "match": _match,
    "order": _order,
}


def build_item(q: SolvedQuestion, bank: BankText) -> Item:
    """Return the QTI item for one solved question."""
    return ITEM_BUILDERS[q.type](q, bank)

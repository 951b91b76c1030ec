"""One QTI <item> per solved question, in the shapes Canvas's own QTI export writes.

Each question type has its builder in ITEM_BUILDERS, reached by the type's name as templates are
(docs/architecture.md): this module formats the answer layer's solutions, it decides nothing.
Canvas reads the structure written by its exporter (lib/cc/qti/qti_items.rb): the type and
points in itemmetadata, choices as response_label idents, scores as respcondition/setvar, the
general feedback as itemfeedback "general_fb".
"""

from __future__ import annotations

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
from quizgen.present.xml import XmlFragment, XmlWriter

# Canvas keeps a true/false question only when its answers read "True" and "False" (it shows
# them in the student's language); other texts turn it into multiple choice (choice_interaction.rb).
TRUE_FALSE_TEXTS = {"true": "True", "false": "False"}

ITEM_DEPTH = 3  # <questestinterop><assessment><section><item>

_HTML, _PLAIN = {"texttype": "text/html"}, {"texttype": "text/plain"}


@dataclass(frozen=True)
class BankText:
    """What every item of a bank needs besides its question: ids, the title, the UI strings."""

    bank_id: str
    title: str
    texts: Mapping[str, str]  # [common] overlaid by [qti]


@dataclass(frozen=True)
class Item:
    """A written <item>, and whether the bank fixed the order of its options (`shuffle: false`)."""

    xml: XmlFragment
    fixed_order: bool = False


def item_ident(bank_id: str, question_id: str) -> str:
    """Return an item's ident: bank and question id, joined by "_", which neither id can hold."""
    return f"{bank_id}_{question_id}"


def answer_ident(bank_id: str, question_id: str, *parts: str) -> str:
    """Return a number naming a choice: Canvas keeps numeric idents as its answer ids."""
    return str(stable_id("quizgen qti answer", bank_id, question_id, *parts))


class _Builder:
    """The parts every item has: metadata, the stem, scoring, the general feedback.

    An item is written in document order: `start` writes the metadata and the stem and leaves
    <presentation> open for the responses, `scoring` the scoring every item has, leaving
    <resprocessing> open for the conditions, and `finish` the general feedback.
    """

    def __init__(self, q: SolvedQuestion, bank: BankText) -> None:
        self.q, self.bank = q, bank
        self.xml = XmlWriter(ITEM_DEPTH)

    def ident(self, *parts: str) -> str:
        return answer_ident(self.bank.bank_id, self.q.question.id, *parts)

    def start(self, question_type: str, stem: Markup, answer_ids: Sequence[str]) -> None:
        """Write the <item>'s start, its metadata and stem; the caller writes its responses."""
        xml, question = self.xml, self.q.question
        title = f"{question.id}: {shortened(stem.striptags())}"
        xml.start("item", ident=item_ident(self.bank.bank_id, question.id), title=title)
        xml.start("itemmetadata")
        xml.start("qtimetadata")
        for label, entry in (
            ("question_type", question_type),
            ("points_possible", str(self.q.scoring.points)),
            ("original_answer_ids", ",".join(answer_ids)),
        ):
            xml.start("qtimetadatafield")
            xml.leaf("fieldlabel", label)
            xml.leaf("fieldentry", entry)
            xml.end()
        xml.end()
        xml.end()
        xml.start("presentation")
        self.html(stem)

    def html(self, html: Markup) -> None:
        self.xml.wrapped("material", "mattext", str(html), attributes=_HTML)

    def plain(self, text: str) -> None:
        self.xml.wrapped("material", "mattext", text, attributes=_PLAIN)

    def scoring(self) -> None:
        """End <presentation>; start <resprocessing>: SCORE declared, the general feedback shown."""
        self.xml.end()
        self.xml.start("resprocessing")
        self.xml.insert(_SCORE_DECLARED)

    def condition(self, action: str = "Set") -> None:
        """Start a scoring <respcondition> and its <conditionvar>, for the caller to fill."""
        self.xml.start("respcondition", **({"continue": "No"} if action == "Set" else {}))
        self.xml.start("conditionvar")

    def scores(self, score: str, action: str = "Set") -> None:
        """End the condition's <conditionvar> with what its match does to SCORE; end it."""
        self.xml.end()
        self.xml.leaf("setvar", score, action=action, varname="SCORE")
        self.xml.end()

    def finish(self) -> XmlFragment:
        """End <resprocessing>; add the general feedback: the explanation, the quote, the title."""
        xml = self.xml
        xml.end()
        html = general_feedback(self.q.question, self.bank.texts["quote"], self.bank.title)
        xml.start("itemfeedback", ident="general_fb")
        xml.start("flow_mat")
        self.html(html)
        xml.end()
        xml.end()
        xml.end()
        return xml.fragment()

    def varequal(self, respident: str, value: str) -> None:
        self.xml.leaf("varequal", value, respident=respident)


def _score_declared() -> XmlFragment:
    """Return what every <resprocessing> holds first (the same in each item)."""
    xml = XmlWriter(ITEM_DEPTH + 2)
    xml.start("outcomes")
    xml.leaf("decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    xml.end()
    # first and continue="Yes": Canvas stops at the first scoring condition that matches
    xml.start("respcondition", **{"continue": "Yes"})
    xml.start("conditionvar")
    xml.leaf("other")
    xml.end()
    xml.leaf("displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    xml.end()
    return xml.fragment()


_SCORE_DECLARED = _score_declared()


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
    return Item(item.xml)


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
    b.start(kind, markup.inline(q.question.prompt), ids)
    xml = b.xml
    xml.start("response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single")
    xml.start("render_choice", shuffle="Yes" if shuffle else "No")
    for ident, (_, html, _) in zip(ids, labels, strict=True):
        xml.start("response_label", ident=ident)
        b.html(html)
        xml.end()
    xml.end()
    xml.end()
    b.scoring()
    b.condition()
    if multiple:
        xml.start("and")
        for ident, (_, _, correct) in zip(ids, labels, strict=True):
            if correct:
                b.varequal("response1", ident)
            else:
                xml.start("not")
                b.varequal("response1", ident)
                xml.end()
        xml.end()
    else:
        right = [ident for ident, (*_, correct) in zip(ids, labels, strict=True) if correct]
        b.varequal("response1", right[0])
    b.scores("100")
    return Item(b.finish(), fixed_order=not shuffle)


def _short(q: SolvedQuestion, bank: BankText) -> Item:
    """Short answer: a text field; each accepted answer scores 100."""
    solution = q.solution
    assert isinstance(solution, ShortSolution)
    b = _Builder(q, bank)
    b.start("short_answer_question", markup.inline(q.question.prompt), [])
    _text_field(b)
    b.scoring()
    b.condition()
    for answer in solution.accepted:
        b.varequal("response1", answer)
    b.scores("100")
    return Item(b.finish())


def _numeric(q: SolvedQuestion, bank: BankText) -> Item:
    """Numerical: the value, or within value ± tolerance, with machine numbers (2.5)."""
    solution = q.solution
    assert isinstance(solution, NumericSolution)
    b = _Builder(q, bank)
    stem = markup.inline(q.question.prompt)
    if solution.unit:  # Canvas has no unit: the prompt names it, as in the GIFT file
        stem += Markup(" ") + escape(fill(bank.texts["unit"], unit=solution.unit))
    b.start("numerical_question", stem, [])
    _text_field(b, fibtype="Decimal")
    b.scoring()
    b.condition()
    xml = b.xml
    xml.start("or")
    b.varequal("response1", machine_number(solution.value))
    if solution.tolerance:
        xml.start("and")
        low, high = solution.value - solution.tolerance, solution.value + solution.tolerance
        xml.leaf("vargte", machine_number(low), respident="response1")
        xml.leaf("varlte", machine_number(high), respident="response1")
        xml.end()
    xml.end()
    b.scores("100")
    return Item(b.finish())


def _cloze(q: SolvedQuestion, bank: BankText) -> Item:
    """Fill in multiple blanks: [blank1] … in the text, each blank's accepted answers as labels."""
    solution = q.solution
    assert isinstance(solution, ClozeSolution)
    b = _Builder(q, bank)
    html = [f"{markup.inline(q.question.prompt)}<br>"] if q.has_prompt else []
    for part in solution.parts:
        if isinstance(part, str):
            # Canvas reads any [word] in the text as a blank: the bank's brackets are references
            html.append(str(markup.inline_spaced(part)).replace("[", "&#91;").replace("]", "&#93;"))
        else:
            html.append(f"[blank{part.number}]")  # (nothing in it to escape)
    stem = Markup("".join(html))
    blanks = [
        (
            f"blank{gap.number}",
            [(b.ident(str(gap.number), str(k)), a) for k, a in enumerate(gap.accepted)],
        )
        for gap in solution.gaps
    ]
    b.start("fill_in_multiple_blanks_question", stem, [i for _, ids in blanks for i, _ in ids])
    xml = b.xml
    for blank, answers in blanks:
        xml.start("response_lid", ident=f"response_{blank}")
        b.plain(blank)
        xml.start("render_choice")
        for ident, answer in answers:
            xml.start("response_label", ident=ident)
            b.plain(answer)
            xml.end()
        xml.end()
        xml.end()
    b.scoring()
    share = _share(len(blanks))
    for blank, answers in blanks:
        b.condition(action="Add")
        if len(answers) > 1:
            xml.start("or")
        for ident, _ in answers:
            b.varequal(f"response_{blank}", ident)
        if len(answers) > 1:
            xml.end()
        b.scores(share, action="Add")
    return Item(b.finish())


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
    b.start("matching_question", stem, list(row_ids.values()))
    xml = b.xml
    for key, html, _ in rows:
        xml.start("response_lid", ident=f"response_{row_ids[key]}")
        b.html(html)
        xml.start("render_choice")
        for choice, text in choices:
            xml.start("response_label", ident=choice_ids[choice])
            b.plain(text)
            xml.end()
        xml.end()
        xml.end()
    b.scoring()
    share = _share(len(rows))
    for key, _, right in rows:
        b.condition(action="Add")
        b.varequal(f"response_{row_ids[key]}", choice_ids[right])
        b.scores(share, action="Add")
    return Item(b.finish())


def _text_field(b: _Builder, fibtype: str = "") -> None:
    b.xml.start("response_str", ident="response1", rcardinality="Single")
    b.xml.start("render_fib", **({"fibtype": fibtype} if fibtype else {}))
    b.xml.leaf("response_label", ident="answer1", rshuffle="No")
    b.xml.end()
    b.xml.end()


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

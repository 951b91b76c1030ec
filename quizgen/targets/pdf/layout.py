"""What a worksheet or key shows: numbering, order, blank widths, points, prepared for templates."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from quizgen.answers.numbers import format_decimal, letter
from quizgen.answers.solutions import (
    ClozeSolution,
    GapSolution,
    Option,
    ShortSolution,
    Solution,
    SolvedQuestion,
)
from quizgen.answers.solve import solve_bank
from quizgen.answers.written import written_answer
from quizgen.model import Bank, SheetHeader
from quizgen.present import markup
from quizgen.present.article import ArticleSection, article, cite_paragraphs
from quizgen.present.strings import fill, plural
from quizgen.target_options import PAPER_SIZES
from quizgen.targets.pdf import paper_markup

TEMPLATE = "pdf/document.html"  # every document: worksheet, key, grid, class list
KINDS = ("worksheet", "key")
KEYS = ("key", "grid")  # the documents that show a marking grid
HANDOUT = "text"  # the kind of document that holds the source text alone (print_source: handout)
# Blank widths in em: a bucket hides the exact answer length but leaves room for handwriting.
BLANK_WIDTHS_EM = (6, 9, 12, 16, 20, 25, 30)
# Choices this short (in characters) sit in two columns.
SHORT_CHOICE = 32
PAGE_PLACEHOLDER = re.compile(r"\{(pages|page)\}")


@dataclass(frozen=True)
class QuestionView:
    """One numbered question as printed; the templates show answers only in a key."""

    id: str
    type: str
    number: int
    points: int
    points_text: str
    instruction: str
    prompt: Markup
    solution: Solution
    explanation: Markup | str = ""
    source: str = ""
    paragraphs: str = ""  # in a key, where the quote stands: "Abs. 3"
    scoring: str = ""  # in a key, how a question with parts is marked


@dataclass(frozen=True)
class GridRow:
    """One place of the marking grid: per variant, the answer as written and its points."""

    number: int
    answers: tuple[str, ...]
    points: tuple[int, ...]


@dataclass(frozen=True)
class MarkingGrid:
    """A key's first page: one row per question place, one column per variant."""

    columns: tuple[str, ...]  # "Variante A" …, or one "Lösung"
    rows: tuple[GridRow, ...]
    same_points: bool  # every variant gives a place the same points: one points column
    total: int


@dataclass(frozen=True)
class RosterRow:
    """One student of a roster as the key lists them: who got which variant."""

    number: int
    name: str
    class_name: str
    variant: str  # "Variante B", or "" when all have the same worksheet


@dataclass(frozen=True)
class PageStyle:
    """Values for the @page rule, already written as CSS (templates paste them as they are)."""

    size: str
    running_title: Markup
    variant: Markup
    footer: Markup


@dataclass(frozen=True)
class DocumentView:
    """A whole worksheet or key."""

    lang: str
    is_key: bool
    title: str
    label: str
    variant_letter: str
    variant_label: str
    summary: str
    description: Markup
    instructions: Markup  # the bank's, under the head
    time_text: str  # "Bearbeitungszeit: 30 Minuten", or ""
    header_line: tuple[tuple[str, str], ...]  # ("Schule", "Goethe-Gymnasium") … those given
    student_name: str  # a roster's worksheet: printed in the name field
    student_class: str  # … and in the class field
    hyphenate: bool
    total_points: int
    scoring_rule: str  # in a key with questions of several parts, how they are marked
    grid: MarkingGrid | None  # in a key, its first page
    roster: tuple[RosterRow, ...]  # a roster key's first page: the class list with variants
    article: tuple[ArticleSection, ...]  # the source text, on a worksheet or handout that prints it
    questions: tuple[QuestionView, ...]
    text: dict[str, str]
    page: PageStyle


def document_view(
    bank: Bank,
    kind: str,
    variant: int,
    seed: int,
    paper: str,
    strings: dict[str, dict[str, str]],
    grid_of: Sequence[int] = (),
    roster: Sequence[RosterRow] = (),
    print_source: bool | str = False,
) -> DocumentView:
    """Return everything a worksheet, key or handout template displays, in the variant's order.

    `grid_of` (for kind "grid"): the variants whose marking grid the document holds alone;
    `roster` (for kind "roster"): the class list a roster's key opens with.
    `print_source`: the build's print_source, for a bank that does not say.
    """
    text = {**strings.get("common", {}), **strings.get("pdf", {})}
    is_key = kind in ("key", "grid", "roster")
    variant_mark = letter(variant)
    label = text["key"] if is_key else text[HANDOUT if kind == HANDOUT else "worksheet"]
    variant_label = fill(text["variant"], letter=variant_mark) if variant_mark else ""
    if grid_of:
        variant_label = text["all_variants"]
    if kind == "roster":
        label = text["roster_list"]
    solved = solve_bank(bank, strings.get("common", {}), variant, seed)
    rule, usual = scoring_rule(solved, text) if is_key else ("", False)
    questions = tuple(question_view(q, is_key, text, bank.language, usual) for q in solved)
    printed = kind == HANDOUT or (
        kind == "worksheet" and print_mode(bank, print_source) == "worksheet"
    )
    summary = (
        f"{plural(text, 'questions', len(questions))} · {plural(text, 'points', bank.max_points)}"
    )
    running = f"{bank.title} · {label}"
    return DocumentView(
        lang=bank.language,
        is_key=is_key,
        title=bank.title,
        label=label,
        variant_letter=variant_mark,
        variant_label=variant_label,
        summary=summary,
        description=paper_markup.block(bank.description),
        instructions=paper_markup.block(bank.instructions),
        time_text=plural(text, "time", bank.time) if bank.time else "",
        header_line=header_line(bank.header, text),
        student_name="",
        student_class="",
        hyphenate=hyphenates(bank),
        total_points=bank.max_points,
        scoring_rule=rule,
        grid=marking_grid(bank, grid_of or (variant,), seed, strings) if kind in KEYS else None,
        roster=tuple(roster),
        article=article(bank.source) if printed else (),
        questions=() if grid_of or kind in ("roster", HANDOUT) else questions,
        text=text,
        page=PageStyle(
            size=PAPER_SIZES[paper],
            running_title=css_string(running),
            variant=css_string(variant_label) if variant_mark else Markup("none"),
            footer=css_counter_text(text["page"]),
        ),
    )


def for_student(view: DocumentView, name: str, class_name: str) -> DocumentView:
    """Return a worksheet with a student's name and class filled in, the name atop every page."""
    running = f"{view.title} · {view.label} · {name}"
    page = dataclasses.replace(view.page, running_title=css_string(running))
    return dataclasses.replace(view, student_name=name, student_class=class_name, page=page)


def header_line(header: SheetHeader, text: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Return the labelled school, class and teacher that are given (empty ones are left out)."""
    values = (
        (text["school"], header.school),
        (text["class"], header.class_name),
        (text["teacher"], header.teacher),
    )
    # one line: line breaks of a YAML block are spaces on paper anyway
    return tuple(
        (label, " ".join(value.split())) for label, value in values if value and value.strip()
    )


def scoring_rule(solved: Sequence[SolvedQuestion], text: dict[str, str]) -> tuple[str, bool]:
    """Return the key's head line on questions of several parts, and whether most are partial."""
    rules = [q.scoring.partial for q in solved if q.scoring.parts > 1]
    if not rules:
        return "", False
    usual = rules.count(True) > len(rules) / 2
    if usual:
        return text["rule_partial"], True
    return text["rule_all_except" if any(rules) else "rule_all"], False


def question_view(
    solved: SolvedQuestion,
    is_key: bool,
    text: dict[str, str],
    language: str,
    usual_partial: bool,
) -> QuestionView:
    """Return one question as printed: its answer space, and in a key its answer."""
    question = solved.question
    instruction = text[f"instruction_{question.type}"]
    prompt = paper_markup.inline(question.prompt)
    if not solved.has_prompt:
        prompt, instruction = Markup(markup.plain(instruction)), ""
    return QuestionView(
        id=question.id,
        type=question.type,
        number=solved.number,
        points=question.points,
        points_text=plural(text, "points", question.points),
        instruction=instruction,
        prompt=prompt,
        solution=solved.solution,
        explanation=paper_markup.block(question.explanation) if is_key else "",
        source=question.source if is_key else "",
        paragraphs=cite_paragraphs(solved.paragraphs, text) if is_key else "",
        scoring=scoring_note(solved, text, language, usual_partial) if is_key else "",
    )


def scoring_note(
    solved: SolvedQuestion, text: dict[str, str], language: str, usual_partial: bool
) -> str:
    """Return how a question with parts is marked ("je richtige Lücke 0,5 Punkte"), else ""."""
    scoring = solved.scoring
    if scoring.parts < 2:
        return ""  # one answer: right or wrong, nothing to say
    if not scoring.partial:
        # the key's head says the usual rule; a question says only that it keeps another
        return text["scoring_all"] if usual_partial else ""
    share = (Decimal(scoring.points) / scoring.parts).quantize(Decimal("0.01")).normalize()
    words = (
        text["points_one"]
        if share == 1
        else fill(text["points_other"], count=format_decimal(share, language))
    )
    return fill(text[f"scoring_{scoring.part}"], share=words)


def hyphenates(bank: Bank) -> bool:
    """Return whether the PDFs hyphenate: as the bank says, else not English (rarely helps there)."""
    if bank.hyphenate is not None:
        return bank.hyphenate
    return bank.language.split("-")[0].lower() != "en"


def print_mode(bank: Bank, build_option: bool | str) -> str:
    """Return where the source text is printed: "worksheet", "handout" or "" (not at all).

    The bank's own print_source wins over the build's (quizgen.toml's [build]).
    """
    value = build_option if bank.print_source is None else bank.print_source
    return "handout" if value == "handout" else "worksheet" if value is True else ""


def marking_grid(
    bank: Bank, variants: Sequence[int], seed: int, strings: dict[str, dict[str, str]]
) -> MarkingGrid:
    """Return the grid of right answers, as written, for the given variants side by side."""
    text = strings.get("pdf", {})
    solved = [solve_bank(bank, strings.get("common", {}), v, seed) for v in variants]
    columns = tuple(
        fill(text["variant"], letter=letter(v)) if v else text["grid_answer"] for v in variants
    )
    rows = tuple(
        GridRow(
            number=place + 1,
            answers=tuple(written_answer(sheet[place]) for sheet in solved),
            points=tuple(sheet[place].question.points for sheet in solved),
        )
        for place in range(len(bank.questions))
    )
    same = all(len(set(row.points)) == 1 for row in rows)
    return MarkingGrid(columns, rows, same, bank.max_points)


def choice_columns(options: Sequence[Option]) -> int:
    """Return how many columns a list of tick boxes takes: two when every option is short."""
    return 2 if max(len(o.text) for o in options) <= SHORT_CHOICE else 1


def cloze_alternatives(solution: ClozeSolution, text: dict[str, str]) -> str:
    """Return the other accepted answers; with several gaps, which gap each belongs to."""
    several = len(solution.gaps) > 1
    return "; ".join(
        ", ".join(gap.alternatives)
        + (
            f" ({text['for']} {text['quote_open']}{gap.answer}{text['quote_close']})"
            if several
            else ""
        )
        for gap in solution.gaps
        if gap.alternatives
    )


def blank_width_em(gap: GapSolution) -> int:
    """Return a cloze blank's width: room for the longest answer, rounded up to a bucket."""
    needed = 0.75 * max(len(a) for a in gap.accepted) + 2.5
    return next((w for w in BLANK_WIDTHS_EM if w >= needed), BLANK_WIDTHS_EM[-1])


def answer_lines(solution: ShortSolution) -> int:
    """Return how many writing lines a short answer gets: as the bank says, else by its length."""
    if solution.lines:
        return solution.lines
    longest = max(len(a) for a in solution.accepted)
    return 1 if longest <= 40 else 2 if longest <= 90 else 3


def css_string(value: str) -> Markup:
    """Return text as a CSS string literal; every non-alphanumeric character is hex-escaped."""
    # Six hex digits always: a space after a shorter escape would be swallowed as its terminator.
    escaped = "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in value)
    return Markup(f'"{escaped}"')


def css_counter_text(template: str) -> Markup:
    """Return 'Seite {page} von {pages}' as CSS content with page counters."""
    parts = []
    for i, chunk in enumerate(PAGE_PLACEHOLDER.split(template)):
        if i % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(css_string(chunk))
    return Markup(" ".join(parts))


# What the question templates call to lay out an answer space (see templates/pdf/types/).
LAYOUT_HELPERS = {
    "choice_columns": choice_columns,
    "cloze_alternatives": cloze_alternatives,
    "blank_width_em": blank_width_em,
    "answer_lines": answer_lines,
}

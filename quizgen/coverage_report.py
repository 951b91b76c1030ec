"""`quizgen coverage BANK`: the source text with every quoted passage marked, and the gaps."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from markupsafe import Markup

from quizgen.bank.source_text import sentence_spans
from quizgen.check.grounding import coverage, quote_finder
from quizgen.errors import ProblemsFound
from quizgen.model import Bank, Question
from quizgen.output.freshness import DEFAULT_OUT
from quizgen.present import markup
from quizgen.present.pages import content_security_policy, read_asset
from quizgen.present.templates import environment, render_template, template_dirs
from quizgen.settings import build_settings

TEMPLATE = "html/coverage.html.j2"
STYLES = ("html/site.css", "html/coverage.css")


@dataclass(frozen=True)
class Piece:
    """A run of source text inside one sentence, and the questions that quote it."""

    text: str
    questions: tuple[str, ...]
    mark: str = ""  # the mark's id when quoted
    ends: tuple[str, ...] = ()  # the questions whose quote ends here: their links follow

    @property
    def depth(self) -> int:
        """Return how strongly the piece is marked: by 1, 2, or 3 and more questions."""
        return min(len(self.questions), 3)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text: its anchor, whether a question quotes any of it, its pieces."""

    anchor: str
    covered: bool
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        """Return the sentence as written."""
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class SectionView:
    """A heading and its paragraphs, each a list of sentences and the text between them."""

    heading: str
    paragraphs: tuple[tuple[Sentence | str, ...], ...]


@dataclass(frozen=True)
class QuestionRow:
    """One question in the report's list, and where its quote stands in the text."""

    qid: str
    number: int
    type: str
    prompt: Markup
    quote: str
    mark: str  # the id of the first mark of its quote


@dataclass(frozen=True)
class Report:
    """What the report shows of one bank."""

    bank: Bank
    sections: tuple[SectionView, ...]
    questions: tuple[QuestionRow, ...]
    uncovered: tuple[tuple[str, Sentence], ...]  # (section heading, sentence)
    sentences: int
    paragraphs: str  # "3/4", as `quizgen list` counts them
    sections_covered: str


def coverage_report(root: Path, name: str, out: Path | None = None) -> tuple[Path, Report]:
    """Write the coverage report of one valid bank; return where it went and what it shows."""
    from quizgen.project import load_project

    result = load_project(root, (name,))
    if result.failed(strict=False) or not result.banks:
        raise ProblemsFound(result.problems)
    (bank,) = result.banks  # (ids are unique: a name selects one bank)
    report = bank_report(bank)
    dirs = template_dirs(root)
    env = environment(dirs)
    style = read_asset(env, STYLES, "style")
    page = render_template(
        env, TEMPLATE, report=report, style=style, csp=content_security_policy((style,), ())
    )
    if out is None:
        out_dir = root / str(build_settings(root, {}).get("out") or DEFAULT_OUT)
        out = out_dir / "teacher" / bank.id / f"{bank.id}-coverage.html"  # teacher material
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out, report


def bank_report(bank: Bank) -> Report:
    """Return the text of a bank's source with the passages its questions quote, and the gaps."""
    finder = quote_finder(bank.source)
    quoted = []
    for question in bank.questions:
        match = finder.find(question.source)
        if match is not None:
            quoted.append((match.start, match.end, question.id))
    marker = _Marker(bank.source.text, quoted, sentence_spans(bank.source))
    sections = tuple(
        SectionView(
            section.heading, tuple(marker.paragraph(p.start, p.end) for p in section.paragraphs)
        )
        for section in bank.source.sections
    )
    uncovered = tuple(
        (section.heading, item)
        for section in sections
        for paragraph in section.paragraphs
        for item in paragraph
        if isinstance(item, Sentence) and not item.covered
    )
    cov = coverage(bank)
    rows = tuple(
        QuestionRow(q.id, n, q.type, markup.inline(_shown(q)), q.source, marker.first.get(q.id, ""))
        for n, q in enumerate(bank.questions, 1)
    )
    return Report(
        bank=bank,
        sections=sections,
        questions=rows,
        uncovered=uncovered,
        sentences=marker.sentences,
        paragraphs=f"{cov.paragraphs_covered}/{cov.paragraphs}",
        sections_covered=f"{cov.sections_covered}/{cov.sections}",
    )


def _shown(question: Question) -> str:
    """Return what the list shows of a question: its prompt, or a cloze's text."""
    texts = dict(question.markdown_texts())
    return question.prompt or texts.get("text", "")


class _Marker:
    """Cuts paragraphs into sentences and the sentences where quotes begin and end."""

    def __init__(
        self, text: str, quoted: list[tuple[int, int, str]], spans: list[tuple[int, int]]
    ) -> None:
        self.text, self.quoted, self.spans = text, quoted, spans
        self.first: dict[str, str] = {}  # question id -> the id of the first mark of its quote
        self.marks = self.sentences = 0

    def paragraph(self, start: int, end: int) -> tuple[Sentence | str, ...]:
        """Return a paragraph's sentences, with the text between them as it stands."""
        inside = [span for span in self.spans if start <= span[0] < end]
        runs = [self._runs(a, b) for a, b in inside]
        last = {
            qid: (i, j)
            for i, sentence in enumerate(runs)
            for j, run in enumerate(sentence)
            for qid in run[2]
        }
        items: list[Sentence | str] = []
        position = start
        for i, ((a, b), sentence) in enumerate(zip(inside, runs, strict=True)):
            if a > position:
                items.append(self.text[position:a])
            pieces = tuple(
                Piece(
                    self.text[x:y],
                    ids,
                    self._mark(ids),
                    tuple(qid for qid in ids if last[qid] == (i, j)),
                )
                for j, (x, y, ids) in enumerate(sentence)
            )
            self.sentences += 1
            covered = any(p.questions for p in pieces)
            items.append(Sentence(f"s-{self.sentences}", covered, pieces))
            position = b
        if end > position:
            items.append(self.text[position:end])
        return tuple(items)

    def _runs(self, start: int, end: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """Return a sentence cut where a quote begins or ends, each run with its questions."""
        cuts = sorted({start, end} | {x for q in self.quoted for x in q[:2] if start < x < end})
        return [
            (a, b, tuple(q[2] for q in self.quoted if q[0] < b and a < q[1]))
            for a, b in pairwise(cuts)
        ]

    def _mark(self, ids: tuple[str, ...]) -> str:
        """Return a new mark's id (or "" for text no question quotes)."""
        if not ids:
            return ""
        self.marks += 1
        mark = f"m-{self.marks}"
        for qid in ids:
            self.first.setdefault(qid, mark)
        return mark

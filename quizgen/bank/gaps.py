"""Read a cloze's gaps and the gap numbers a question no longer has, with located errors."""

from __future__ import annotations

import re

import yaml

from quizgen.bank.node_reader import NodeReader, describe
from quizgen.model import MAX_GAP_NUMBER, Gap, Question

GAP_PATTERN = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
# [[3: answer]] keeps a gap's Anki card number; not [[12:30]] (a time) nor [[1:n]]: a space follows
GAP_NUMBER = re.compile(r"\s*(\d+): +(.*)", re.DOTALL)


def read_gaps(
    reader: NodeReader, node: yaml.Node, text: str, label: str
) -> tuple[str | Gap, ...] | None:
    """Return a cloze text's segments: plain text and gaps, with their written numbers."""
    segments: list[str | Gap] = []
    numbers: set[int] = set()
    position = 0
    for match in GAP_PATTERN.finditer(text):
        segments.append(text[position : match.start()])
        if "[[" in match.group(1):
            reader.error(
                node,
                f"{label}: cloze text has an unbalanced '[[' or ']]'; write gaps as [[answer]]",
            )
            return None
        number, written = _gap_number(match.group(1))
        answers = tuple(a.strip() for a in written.split("|"))
        if not all(answers):
            reader.error(
                node,
                f"{label}: gap '[[{match.group(1)}]]' has an empty answer; write [[answer]] or [[answer|alternative]]",
            )
            return None
        if number is not None and not 1 <= number <= MAX_GAP_NUMBER:
            reader.error(
                node,
                f"{label}: gap '[[{match.group(1)}]]' has the number {number}; Anki numbers "
                f"gaps 1 to {MAX_GAP_NUMBER}",
            )
            return None
        if number is not None and number in numbers:
            reader.error(
                node,
                f"{label}: two gaps have the number {number}; give each gap its own number",
            )
            return None
        if number is not None:
            numbers.add(number)
        segments.append(Gap(answers, number))
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
    gaps = [s for s in segments if isinstance(s, Gap)]
    unnumbered = [g for g in gaps if g.number is None]
    if numbers and unnumbered:
        following = max(numbers) + 1
        reader.error(
            node,
            f"{label}: gap '[[{'|'.join(unnumbered[0].answers)}]]' has no number, but other gaps "
            "have one; once one gap has a number, every gap needs one: the number it had (gaps "
            "without numbers count 1, 2 … in reading order), and a new gap one no gap has had, "
            f"such as {following}",
        )
        return None
    return tuple(s for s in segments if s != "")


def _gap_number(written: str) -> tuple[int | None, str]:
    """Split a gap's text into its written number (if any) and its answers."""
    numbered = GAP_NUMBER.fullmatch(written)
    if numbered is None:
        return None, written
    return int(numbered.group(1)), numbered.group(2)


def read_removed_gaps(reader: NodeReader, node: yaml.Node, label: str) -> tuple[int, ...] | None:
    """Return the card numbers listed as removed: distinct whole numbers 1–500."""
    what = f"{label}: removed_gaps"
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    if items is None:
        reader.error(
            node, f"{what} must be a list of gap numbers like [3] or [2, 4], not {describe(node)}"
        )
        return None
    numbers = [reader.integer(item, f"{what} item", minimum=1) for item in items]
    if any(n is None for n in numbers):
        return None
    found = [n for n in numbers if n is not None]
    for number, item in zip(found, items, strict=True):
        if number > MAX_GAP_NUMBER:
            reader.error(item, f"{what}: Anki numbers gaps up to {MAX_GAP_NUMBER}, got {number}")
            return None
    if len(set(found)) < len(found):
        reader.error(node, f"{what} lists a number twice; list each removed gap once")
        return None
    return tuple(sorted(found))


def removed_gaps_free(reader: NodeReader, question: Question, label: str) -> bool:
    """Say whether no number listed as removed is a card the question still has."""
    clash = sorted(set(question.removed_gaps) & set(question.card_numbers))
    if clash and question.type != "cloze":
        reader.error(
            question.where("removed_gaps"),
            f"{label}: removed_gaps lists 1, which is this question's own card; list only the "
            "numbers of gaps the question no longer has",
        )
    elif clash:
        unused = max((*question.card_numbers, *question.removed_gaps)) + 1
        reader.error(
            question.where("text"),
            f"{label}: gap number {clash[0]} is listed in removed_gaps; a removed gap's number "
            "must not come back, as students may have suspended its card: give the gap a "
            f"number no gap has had, such as {unused}",
        )
    return not clash

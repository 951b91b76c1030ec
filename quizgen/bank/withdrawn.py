"""Read a bank's `withdrawn` list: questions taken out that students may still have."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from quizgen.bank.node_reader import NodeReader, describe
from quizgen.model import MAX_GAP_NUMBER, Question, Withdrawn

ENTRY_FIELDS = ("id", "gaps")


def read_withdrawn(
    reader: NodeReader, node: yaml.Node, questions: Sequence[Question]
) -> tuple[Withdrawn, ...] | None:
    """Return the withdrawn questions: ids (`- q7`), or `- {id: q9, gaps: 3}` for a cloze."""
    if not isinstance(node, yaml.SequenceNode):
        reader.error(
            node, f"withdrawn must be a list of question ids like [q7, q12], not {describe(node)}"
        )
        return None
    live = {q.id: q.location for q in questions}
    found: list[Withdrawn] = []
    seen: set[str] = set()
    for item in node.value:
        entry = _entry(reader, item)
        if entry is None:
            continue
        if entry.id in live:
            reader.error(
                item,
                f"withdrawn question '{entry.id}' is still in the bank (line "
                f"{live[entry.id].line}); delete the question, or take it off the withdrawn list",
            )
        elif entry.id in seen:
            reader.error(item, f"withdrawn question '{entry.id}' is listed twice; list it once")
        else:
            seen.add(entry.id)
            found.append(entry)
    if len(found) < len(node.value):
        return None
    return tuple(found)


def _entry(reader: NodeReader, item: yaml.Node) -> Withdrawn | None:
    """Return one withdrawn question: an id, or a mapping with its id and gap count."""
    if isinstance(item, yaml.ScalarNode):
        qid = reader.identifier(item, "withdrawn question id")
        return Withdrawn(qid, 1, reader.at(item)) if qid is not None else None
    entries = reader.mapping(item, "a withdrawn question (an id, or id: and gaps:)")
    if entries is None:
        return None
    reader.fields(entries, item, "withdrawn question", ENTRY_FIELDS, ("id",))
    if "id" not in entries:
        return None
    qid = reader.identifier(entries["id"][1], "withdrawn question id")
    gaps = (
        reader.integer(entries["gaps"][1], f"withdrawn question '{qid}': gaps", minimum=1)
        if "gaps" in entries
        else 1
    )
    if gaps is not None and gaps > MAX_GAP_NUMBER:
        reader.error(
            entries["gaps"][1],
            f"withdrawn question '{qid}': gaps: Anki numbers gaps up to {MAX_GAP_NUMBER}, got {gaps}",
        )
        return None
    if qid is None or gaps is None:
        return None
    return Withdrawn(qid, gaps, reader.at(item))

"""The fast paths of reading and checking give what the slow, exact ones give."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.bank import folded_text
from quizgen.bank.folded_text import _TRANSLATE, FoldedText, fold
from quizgen.bank.strict_yaml import _compose_with_libyaml, _StrictLoader
from quizgen.check.links import markdown_urls

REPO = Path(__file__).resolve().parent.parent
# (a tab inside a plain text, pasted from a word processor, is text to libyaml and an error to
# PyYAML's own parser: the loader takes libyaml's reading and warns of it)
BANKS = sorted(
    path
    for path in [
        *(REPO / "tests" / "fixtures").rglob("*.yaml"),
        *(REPO / "questions").rglob("*.yaml"),
    ]
    if path.name != "slip-tab-in-text.yaml"
)


def shape(node: yaml.Node) -> object:
    """Return a node tree as comparable values: kind, value, and where it starts and ends."""
    where = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, [shape(item) for item in node.value], where)
    return ("map", node.tag, [(shape(k), shape(v)) for k, v in node.value], where)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_both_parsers_agree(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    fast = _compose_with_libyaml(text)
    loader = _StrictLoader(text, "x")
    try:
        strict = loader.get_single_node()
    except yaml.YAMLError:
        assert fast is None  # every file PyYAML refuses takes the strict path for its message
        return
    finally:
        loader.dispose()
    if loader.problems or strict is None:
        assert fast is None  # anchors, aliases, tags, an empty file: reported by the strict path
    else:
        assert fast is not None and shape(fast) == shape(strict)


def test_the_fast_path_is_taken_for_a_plain_bank() -> None:
    text = (REPO / "questions" / "atacms.yaml").read_text(encoding="utf-8")
    assert _compose_with_libyaml(text) is not None


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold text one character at a time, mapping each folded character to its input index.

    The slow, plain definition that fold and FoldedText must agree with.
    """
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        mapped = char.translate(_TRANSLATE)
        if not mapped:
            continue
        if mapped.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            origin.append(index)
            pending_space = False
        for folded in mapped.casefold():
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


FOLDED = st.text(alphabet=st.sampled_from(list("aAßΣςİﬁ  \t\n\u00a0\u200b\u00ad–—-‘’“”„…'\".x1")))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(FOLDED)
def test_fold_is_normalise_without_positions(text: str) -> None:
    assert fold(text) == normalise(text)[0]


@settings(max_examples=500, derandomize=True, deadline=None)
@given(FOLDED)
def test_folded_text_maps_back_as_normalise_does(text: str) -> None:
    folded, origin = normalise(text)
    fast = FoldedText(text)
    assert fast.text == folded
    # a quote's match starts and ends on a character that is not a space
    assert [fast.origin(i) for i, c in enumerate(folded) if c != " "] == [
        origin[i] for i, c in enumerate(folded) if c != " "
    ]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab c")), min_size=100, max_size=400), st.data())
def test_the_index_finds_the_first_occurrence_as_str_find_does(
    text: str, data: st.DataObject
) -> None:
    with patch.object(folded_text, "_INDEX_COST_IN_SCANS", -1):  # index after the first search
        folded = FoldedText(text)
        start = data.draw(st.integers(0, len(folded.text)))
        length = data.draw(st.integers(1, 60))
        # a part of the text (found, perhaps earlier too), or that part changed (mostly not found)
        needle = folded.text[start : start + length] + data.draw(st.sampled_from(["", "c", "ac"]))
        assert folded.find(needle) == folded.text.find(needle)
        assert folded.find(needle) == folded.text.find(needle)


def test_text_without_link_marks_is_not_parsed_for_links() -> None:
    assert markdown_urls("Siehe https://example.org oder a]b (c)") == []
    assert markdown_urls("[a](http://x) <http://y> ![i](z)") == ["http://x", "http://y", "z"]
    assert markdown_urls("[a]\n\n[a]: http://r") == ["http://r"]


@pytest.mark.parametrize(
    "text",
    [
        "Mehr dazu im [Stadtarchiv](https://www.example.org/archiv/0).",
        "Erst [a](https://a.de/x) und **fett**, dann [b c](http://localhost).",
        "    [Code](http://localhost)",  # (an indented code block: no link at all)
        "Nur [Text] und ](Klammern)",
    ],
)
def test_simple_links_are_found_as_the_parser_finds_them(text: str) -> None:
    from quizgen.check.links import _permissive_parser, _walk

    parsed = [
        t.attrGet("href") for t in _walk(_permissive_parser().parse(text)) if t.attrGet("href")
    ]
    assert markdown_urls(text) == parsed

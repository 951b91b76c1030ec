"""Markdown rendering: the shortcut for plain text gives what the parser gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quizgen.present import markup

# letters of several scripts, digits, spaces, the punctuation banks use, and every character the
# shortcut leaves to the parser
TEXT = st.text(
    alphabet=st.sampled_from(list("aZäß🙂ש 1.9)\t:;,?-+#=~{}|'/\\`*_[]!<>&\"\n")), max_size=12
)


@given(TEXT)
def test_inline_text_renders_as_the_parser_renders_it(text: str) -> None:
    assert markup.inline(text) == markup._parser().renderInline(text).strip()


@given(TEXT)
def test_paragraphs_render_as_the_parser_renders_them(text: str) -> None:
    assert markup.block(text) == markup._parser().render(text).strip()


# texts of words, **bold** spans and links: the shortcut for simple spans gives what the parser gives
BOLD = st.lists(
    st.sampled_from(
        ["**", "a", "Ü", "9", " ", "(", ")", "?", ",", "€", "'", "*", "_", "\t", "ß", "!", "[", "]"]
    )
    | st.sampled_from(["](https://a.b/c)", "](http://x.de)", "[a]", "[Ab 1](https://e.org)"]),
    max_size=14,
).map("".join)


@given(BOLD)
def test_simple_spans_render_as_the_parser_renders_them(text: str) -> None:
    assert markup.inline(text) == markup._parser().renderInline(text).strip()
    assert markup.block(text) == markup._parser().render(text).strip()


@given(TEXT | BOLD)
def test_plain_text_is_the_rendered_text_without_its_tags(text: str) -> None:
    assert markup.plain_text(text) == markup.inline(text).striptags()


def test_plain_text_takes_the_shortcut_and_markdown_does_not() -> None:
    assert markup.inline("Wer baute den Turm?") == "Wer baute den Turm?"
    assert markup.block("Er steht auf einem Felsen.") == "<p>Er steht auf einem Felsen.</p>"
    assert markup.inline("**fett** & <b>") == "<strong>fett</strong> &amp; &lt;b&gt;"
    assert markup.block("1887. gebaut") == '<ol start="1887">\n<li>gebaut</li>\n</ol>'
    prompt = "Wofür stellte Bad Bach **6,0 Millionen Euro** bereit?"
    assert (
        markup.inline(prompt)
        == "Wofür stellte Bad Bach <strong>6,0 Millionen Euro</strong> bereit?"
    )
    more = "Mehr dazu im [Stadtarchiv](https://www.example.org/archiv/0)."
    assert (
        markup.block(more)
        == '<p>Mehr dazu im <a href="https://www.example.org/archiv/0">Stadtarchiv</a>.</p>'
    )
    for simple in (prompt, more):
        assert markup.simple_spans(simple) is not None
        assert markup.inline(simple) == markup._parser().renderInline(simple).strip()
        assert markup.block(simple) == markup._parser().render(simple).strip()
    assert markup.simple_links(markup.simple_spans(more) or []) == [
        "https://www.example.org/archiv/0"
    ]
    for left_to_the_parser in (
        "**(fett)**",  # punctuation inside: the parser's rules
        "**fett** *kursiv*",
        "**a****b**",  # one run of four asterisks
        "[Archiv](https://Example.org)",  # the parser writes the host in lower case
        "[Archiv](https://example.org/a%20b)",
        "![Bild](https://example.org/a.png)",
        "[Archiv](http://localhost:8000/)",
    ):
        assert markup.simple_spans(left_to_the_parser) is None, left_to_the_parser


def test_prepared_banks_render_without_parsing_again(monkeypatch) -> None:
    from pathlib import Path

    from quizgen.project import load_project

    root = Path(__file__).parent / "fixtures" / "projects" / "gift-specials"
    banks = load_project(root).banks
    markup._inline_markdown.cache_clear()  # (other tests may have rendered these texts)
    markup._block_markdown.cache_clear()
    markup.prepare(banks)

    def no_parser() -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(markup, "_parser", no_parser)
    for bank in banks:
        markup.block(bank.description)
        for question in bank.questions:
            markup.inline(question.prompt)
            markup.block(question.explanation)
            for field, text in question.markdown_texts():
                if field != "text":
                    markup.inline(text)
    assert any(not markup._PLAIN.fullmatch(q.prompt) for b in banks for q in b.questions)

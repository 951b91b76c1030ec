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


# texts of words and **bold** spans: the shortcut for bold text gives what the parser gives
BOLD = st.lists(
    st.sampled_from(["**", "a", "Ü", "9", " ", "(", ")", "?", ",", "€", "'", "*", "_", "\t", "ß"]),
    max_size=14,
).map("".join)


@given(BOLD)
def test_bold_text_renders_as_the_parser_renders_it(text: str) -> None:
    assert markup.inline(text) == markup._parser().renderInline(text).strip()
    assert markup.block(text) == markup._parser().render(text).strip()


def test_plain_text_takes_the_shortcut_and_markdown_does_not() -> None:
    assert markup.inline("Wer baute den Turm?") == "Wer baute den Turm?"
    assert markup.block("Er steht auf einem Felsen.") == "<p>Er steht auf einem Felsen.</p>"
    assert markup.inline("**fett** & <b>") == "<strong>fett</strong> &amp; &lt;b&gt;"
    assert markup.block("1887. gebaut") == '<ol start="1887">\n<li>gebaut</li>\n</ol>'
    prompt = "Wofür stellte Bad Bach **6,0 Millionen Euro** bereit?"
    assert (
        markup._bold_only(prompt)
        == "Wofür stellte Bad Bach <strong>6,0 Millionen Euro</strong> bereit?"
    )
    assert markup.inline(prompt) == markup._parser().renderInline(prompt).strip()
    assert markup._bold_only("**(fett)**") is None  # (punctuation inside: the parser's rules)
    assert markup._bold_only("**fett** *kursiv*") is None
    assert markup._bold_only("**a****b**") is None  # (one run of four asterisks)


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

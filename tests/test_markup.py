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
    assert markup.inline.__wrapped__(text) == markup._parser().renderInline(text).strip()


@given(TEXT)
def test_paragraphs_render_as_the_parser_renders_them(text: str) -> None:
    assert markup.block.__wrapped__(text) == markup._parser().render(text).strip()


def test_plain_text_takes_the_shortcut_and_markdown_does_not() -> None:
    assert markup.inline("Wer baute den Turm?") == "Wer baute den Turm?"
    assert markup.block("Er steht auf einem Felsen.") == "<p>Er steht auf einem Felsen.</p>"
    assert markup.inline("**fett** & <b>") == "<strong>fett</strong> &amp; &lt;b&gt;"
    assert markup.block("1887. gebaut") == '<ol start="1887">\n<li>gebaut</li>\n</ol>'

"""Text helpers: anything in, something SQLite can store out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.fetch.itemtext import html_text
from tui_reader.store.text import clean_tag, entity_key, one_line, utf8

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()))


@given(ANY_TEXT)
def test_utf8_always_encodes(text: str) -> None:
    stored = utf8(text)
    stored.encode("utf-8")
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        assert stored == text


@given(ANY_TEXT)
def test_helpers_never_raise(text: str) -> None:
    html_text(text)
    entity_key(text)
    assert "\n" not in one_line(text) and len(one_line(text)) <= 500
    assert clean_tag(text).isprintable()


def test_html_text_keeps_paragraphs_and_drops_markup() -> None:
    assert html_text("<p>One &amp; two</p><p>Three<br/>four</p><style>p{}</style>") == (
        "One & two\n\nThree\n\nfour"
    )
    assert html_text("plain text") == "plain text"
    assert html_text(None) == ""


def test_entity_key() -> None:
    assert entity_key("  The  Russian Defense Ministry. ") == "russian defense ministry"
    assert entity_key("ＡＢＣ") == "abc"  # NFKC

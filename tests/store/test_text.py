"""Text helpers: anything in, something SQLite can store out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.errors import one_line
from tui_reader.sanitize import is_safe
from tui_reader.store.text import clean_tag, entity_key, utf8

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()))


@given(ANY_TEXT)
def test_utf8_always_encodes(text: str) -> None:
    stored = utf8(text)
    stored.encode("utf-8")
    assert len(stored) == len(text)  # one for one: offsets into the text stay true
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        assert stored == text


@given(ANY_TEXT)
def test_helpers_never_raise(text: str) -> None:
    entity_key(text)
    stored = one_line(text, max_chars=500)
    assert "\n" not in stored and len(stored) <= 500 and stored == stored.strip()
    tag = clean_tag(text)
    assert is_safe(tag) and "\n" not in tag and tag == tag.strip()


def test_entity_key() -> None:
    assert entity_key("  The  Russian Defense Ministry. ") == "russian defense ministry"
    assert entity_key("ＡＢＣ") == "abc"  # NFKC


def test_one_line_folds_a_message_and_bounds_it() -> None:
    assert one_line("bad token\n  at line 3") == "bad token at line 3"
    assert one_line(ValueError()) == "ValueError"
    assert one_line("x" * 200) == "x" * 119 + "…"

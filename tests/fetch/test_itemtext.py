"""The rules the feed readers share: how an entry is known, how its HTML becomes text."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.fetch.itemtext import entry_guid, html_text

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()))


def test_an_entry_is_known_by_its_id_then_its_link_then_what_it_says() -> None:
    assert entry_guid(" urn:1 ", "https://a/1", "T", None, "") == "urn:1"
    assert entry_guid("  ", "https://a/1", "T", None, "") == "https://a/1"
    same = entry_guid(None, None, "Title", 1.5, "<p>x</p>")
    assert same == entry_guid("", None, "Title", 1.5, "<p>x</p>")
    assert same.startswith("sha1:") and same != entry_guid(None, None, "Title", 2.5, "<p>x</p>")


def test_a_guid_made_before_the_one_rule_is_made_the_same_way() -> None:
    """Items stored by earlier versions were keyed this way; they must keep matching."""
    assert entry_guid(None, None, "A title", 1700000000.0, "summary") == (
        "sha1:" + hashlib.sha1(b"A title\x1f1700000000.0\x1fsummary").hexdigest()
    )


def test_summaries_keep_paragraphs_and_drop_markup() -> None:
    assert html_text("<p>One &amp; two</p><p>Three<br/>four</p><style>p{}</style>") == (
        "One & two\n\nThree\n\nfour"
    )
    assert html_text("plain text") == "plain text"
    assert html_text(None) == ""
    assert html_text("Glaciers <b>re</b>treat <!-- a note --> fast") == "Glaciers retreat fast"
    assert html_text("<table><tr><td>a</td><td>b</td></tr></table>c") == "a b\n\nc"
    assert html_text("<script>alert(1)</script>x<noscript>y</noscript>") == "x"
    assert html_text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"


def test_titles_keep_their_text_as_written() -> None:
    assert html_text("Tom &amp; <i>Jerry</i>", paragraphs=False) == "Tom & Jerry"
    assert html_text("  spaced  ", paragraphs=False) == "  spaced  "
    assert html_text("a&lt;b", paragraphs=False) == "a<b"


@given(ANY_TEXT)
def test_any_text_becomes_text(text: str) -> None:
    assert len(html_text(text)) <= 20_000
    html_text(text, paragraphs=False)

"""The rules the feed readers share: how an entry is known, how its HTML becomes text."""

from __future__ import annotations

import hashlib
import re

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.fetch import itemtext
from tui_reader.fetch.itemtext import entry_guid, html_text, http_url

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


def _parsed_summary(markup: str) -> str:
    """html_text by the parser alone: what its fast path for plain summaries must equal."""
    saved = itemtext._PLAIN_SUMMARY
    itemtext._PLAIN_SUMMARY = re.compile(r"(?!)")  # matches nothing: every summary is parsed
    try:
        return html_text(markup)
    finally:
        itemtext._PLAIN_SUMMARY = saved


# Pieces of summaries around the fast path's edges: its tags, others, references, spaces
# and characters the parser might treat on its own.
_SUMMARY_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<P>",
        "<p class=x>",
        "<br>",
        "</div>",
        "<!-- c -->",
        "<",
        ">",
        "&",
        "&amp;",
        "&#8217;",
        " ",
        "  ",
        "\n",
        "\t",
        "\r",
        "\x00",
        "\x0c",
        "\u00a0",
        "word",
        "é",
        "</",
        "<p",
    ]
)


@given(st.lists(st.one_of(_SUMMARY_PIECES, ANY_TEXT), max_size=12).map("".join))
def test_a_plain_summary_reads_as_the_parser_reads_it(markup: str) -> None:
    assert html_text(markup) == _parsed_summary(markup)


def test_plain_summaries_take_the_fast_path() -> None:
    for markup in ("plain text", "<p>One.</p>\n<p>Two > three?</p><p>4</p>", " <p>a\r\nb</p> "):
        assert html_text(markup) == _parsed_summary(markup), markup
    assert itemtext._PLAIN_SUMMARY.fullmatch("<p>One.</p>\n<p>Two.</p>")
    assert not itemtext._PLAIN_SUMMARY.fullmatch("<p>One &amp; two</p>")
    assert not itemtext._PLAIN_SUMMARY.fullmatch("<p>One</p><br><p>two</p>")


def _parsed_url(link: str | None, base: str | None) -> str | None:
    """http_url by the parse alone: what its fast path for plain links must equal."""
    saved = itemtext._PLAIN_HTTP
    itemtext._PLAIN_HTTP = re.compile(r"(?!)")  # matches nothing: every link is parsed
    try:
        return http_url(link, base)
    finally:
        itemtext._PLAIN_HTTP = saved


def _pieces(*pieces: str, most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=most).map("".join)


# URL-shaped text: a scheme, its separator, a host, a port, then path, query and fragment
# pieces, each drawn from what makes urllib's parse differ (case, brackets, ";", empty "?").
URLS = st.tuples(
    st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
    st.sampled_from(["://", ":/", "//", ":", ""]),
    _pieces("a", "B", "9", ".", "-", "[", "]", "@", ":", "é", " ", most=5),
    st.sampled_from(["", ":80", ":", ":x"]),
    _pieces(
        "/", "?", "#", ";", "a", "..", "%20", " ", "\t", "\n", "\x1b", "é", "&amp;", "x=1",
        most=8,
    ),
).map("".join)  # fmt: skip


@given(URLS, st.one_of(st.none(), st.just("https://example.com/feed?x=1"), URLS))
def test_a_plain_link_is_taken_as_the_parse_takes_it(link: str, base: str | None) -> None:
    assert http_url(link, base) == _parsed_url(link, base)


def test_plain_links_skip_the_parse_and_others_do_not() -> None:
    base = "http://127.0.0.2:8080/feed/3.xml"
    for link, expected in (
        ("http://example.com/a/b.html?x=1#top", "http://example.com/a/b.html?x=1#top"),
        ("https://Example.com:8443", "https://Example.com:8443"),
        ("HTTP://example.com/a", "http://example.com/a"),  # urlsplit lower-cases the scheme
        ("http://example.com/a?", "http://example.com/a"),  # an empty query is dropped
        ("http://example.com/a;p", "http://example.com/a;p"),
        ("/relative/x", "http://127.0.0.2:8080/relative/x"),
        ("http://[::1/x", None),  # an unparseable host
        ("ftp://example.com/x", None),
    ):
        assert http_url(link, base) == expected == _parsed_url(link, base), link
    assert http_url("http://example.com/x", "http://[::1/") is None  # nor a base

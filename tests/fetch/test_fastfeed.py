"""The fast RSS path against feedparser: the same items, dates and links, or handed over.

Every document is parsed twice through parse_feed, with the fast path and with feedparser
alone; the ParsedFeeds (titles, site, every item's guid, title, link, author, date,
summary, content, and the warning) must be equal. The documents: feedparser's own test
suite (../shared/data/feedparser-cases, every .xml file) and a corpus written here of the
RSS that real feeds serve (WordPress-like items, cp1252 and mis-decoded text, entities,
CDATA, relative and permalink guids, many date forms, images, authors).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from html import escape
from pathlib import Path

import pytest

from tests.conftest import SHARED, needs_shared
from tui_reader.errors import FeedParseError
from tui_reader.fetch import fastfeed
from tui_reader.fetch.feeds import parse_feed
from tui_reader.models import ParsedFeed

CASES = SHARED / "data" / "feedparser-cases"
REPO = Path(__file__).resolve().parents[2]
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}
URL = "http://127.0.0.1:8080/news/feed.xml"


def both(body: bytes, headers: dict[str, str], url: str = URL) -> tuple[object, object]:
    def run(fast: bool) -> object:
        try:
            return parse_feed(body, headers, url, fast=fast)
        except FeedParseError as exc:
            return ("FeedParseError", str(exc))

    return run(True), run(False)


def fast_taken(body: bytes, headers: dict[str, str], url: str = URL) -> bool:
    """Whether the fast path read it (rather than handing it to feedparser)."""
    taken: list[bool] = []
    original = fastfeed.parse_plain_rss

    def spy(document: bytes, base: str) -> object:
        result = original(document, base)
        taken.append(result is not None)
        return result

    fastfeed.parse_plain_rss = spy  # type: ignore[assignment]
    try:
        with contextlib.suppress(FeedParseError):
            parse_feed(body, headers, url)
    finally:
        fastfeed.parse_plain_rss = original
    return any(taken)


# -- feedparser's own documents ----------------------------------------------------------
@needs_shared(CASES)
def test_feedparser_cases_give_the_same_result() -> None:
    import re

    header = re.compile(r"^\s*Header:\s+([^:]+):(.*)$", re.MULTILINE)
    files = sorted(p for p in CASES.rglob("*.xml"))
    assert files
    taken = 0
    for path in files:
        data = path.read_bytes()
        text = data.replace(b"\x00", b"").decode("latin-1")
        headers = {m.group(1).strip().lower(): m.group(2).strip() for m in header.finditer(text)}
        headers.setdefault("content-type", "application/xml")
        fast, slow = both(data, headers, "http://127.0.0.1:8080/" + path.name)
        assert fast == slow, path.relative_to(CASES)
        taken += fast_taken(data, headers, "http://127.0.0.1:8080/" + path.name)
    # The suite is mostly odd cases, but plain RSS 2.0 is there too.
    assert taken >= 20, taken


# -- our own corpus ------------------------------------------------------------------------
DATES = [
    "Tue, 14 Nov 2023 22:13:20 GMT",
    "Tue, 14 Nov 2023 22:13:20 +0000",
    "14 Nov 2023 22:13:20 +0200",
    "Tue, 14 Nov 23 22:13 EST",
    "Tue, 14 Nov 2023 22:13:20 -0000",
    "2023-11-14T22:13:20Z",
    "Tuesday, 14-Nov-2023 22:13:20 PST",
    "not a date",
    "",
]
TITLES = [
    "Council weighs new harbour plan",
    "Fish &amp; chips",
    "&lt;b&gt;Bold&lt;/b&gt; move",
    "A &lt;script&gt; in a title",
    "Caf\u00e9 opens \u2014 \u201cfinally\u201d",
    "Mis-decoded Caf\u00c3\u00a9",
    "cp1252 \x93quotes\x94 and \x85",
    "  padded title  ",
    "&amp;amp; double",
    "Tom &amp; Jerry &lt;3",
    "",
]
SUMMARIES = [
    "<p>Plain paragraph.</p>",
    "Text with <a href='/relative'>a relative link</a>.",
    "",
    "<![CDATA[<p>In CDATA &amp; more</p>]]>",
    "Line one<br>line two &nbsp; &copy;",
    "\u00a0 spaced \u00a0",
]
LINKS = [
    "http://127.0.0.1:8080/a/1.html",
    "https://example.org/story?id=1&amp;b=2",
    "https://example.org/story?id=1&amp;amp;b=2",
    "/relative/path.html",
    "https://example.org/a/../b",
    "https://example.org/a;params?x=1",
    "https://example.org/a?",
    "https://EXAMPLE.org:443/a#frag",
    "  https://example.org/padded  ",
]
GUIDS = [
    "",
    "<guid>http://127.0.0.1:8080/a/1.html</guid>",
    '<guid isPermaLink="false">tag:example.org,2023:1</guid>',
    "<guid>12345</guid>",
    '<guid isPermaLink="true">https://example.org/p/1</guid>',
    '<guid isPermaLink="false">  spaced id  </guid>',
]
AUTHORS = [
    "",
    "<dc:creator>Ingrid Solberg</dc:creator>",
    "<dc:creator><![CDATA[Tomas Varga]]></dc:creator>",
    "<author>editor@example.org (Amina Diallo)</author>",
    "<dc:creator>  </dc:creator>",
]
EXTRAS = [
    "",
    "<category>World</category><category domain='x'>Europe</category>",
    "<comments>https://example.org/c</comments>",
    "<enclosure url='https://example.org/a.mp3' length='1' type='audio/mpeg'/>",
    "<content:encoded><![CDATA[<p>Full <b>content</b> here.</p>]]></content:encoded>",
    "<media:thumbnail url='https://example.org/t.jpg'/>",
    "<source url='https://example.org/rss'>Elsewhere</source>",
]
CHANNEL_HEADS = [
    "<title>Harbour Post</title><link>http://127.0.0.1:8080/</link>",
    "<title>Post &amp; Courier</title><link>/</link><description>d</description>",
    "<title>Imaged</title><image><url>http://x/i.png</url><title>Img</title>"
    "<link>http://x/</link></image><link>http://127.0.0.1:8080/</link>",
    "<image><url>http://x/i.png</url><title>Img</title><link>http://x/</link></image>"
    "<title>Image first</title>",
    "<title>Atom linked</title><atom:link href='http://127.0.0.1:8080/feed.xml' rel='self'/>"
    "<sy:updatePeriod>hourly</sy:updatePeriod><language>en</language>",
    "<title>&lt;i&gt;HTML&lt;/i&gt; title</title>",
    "<link>http://127.0.0.1:8080/</link>",
]
NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:atom="http://www.w3.org/2005/Atom" '
    'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" '
    'xmlns:media="http://search.yahoo.com/mrss/"'
)


def _item(n: int) -> str:
    def pick(options: list[str]) -> str:
        return options[n % len(options)]

    title = pick(TITLES)
    parts = [
        f"<title>{title}</title>" if title or n % 3 else "",
        f"<link>{pick(LINKS)}</link>" if n % 5 else "",
        f"<description>{escape(pick(SUMMARIES)) if n % 4 else pick(SUMMARIES)}</description>"
        if n % 7
        else "",
        pick(GUIDS),
        f"<pubDate>{pick(DATES)}</pubDate>" if n % 6 else "",
        pick(AUTHORS),
        pick(EXTRAS),
    ]
    order = list(itertools.permutations(range(3)))[n % 6]
    head = [parts[i] for i in order]
    return "<item>" + "".join(head + parts[3:]) + "</item>"


def corpus() -> list[bytes]:
    docs = []
    for n in range(140):
        head = CHANNEL_HEADS[n % len(CHANNEL_HEADS)]
        items = "".join(_item(n * 7 + k) for k in range(1 + n % 5))
        doc = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {NAMESPACES}>'
            f"<channel>{head}{items}</channel></rss>"
        )
        docs.append(doc.encode("utf-8"))
    # The refresh benchmark's feeds, and a windows-1252 one.
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from refresh_bench import feed_xml

        docs += [feed_xml(i, 20, "http://127.0.0.3") for i in range(5)]
    finally:
        sys.path.pop(0)
    docs.append(
        b'<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
        b"<title>Caf\xe9 \x93news\x94</title><item><title>\x96 dash</title>"
        b"<link>http://127.0.0.1/x</link></item></channel></rss>"
    )
    return docs


@pytest.mark.parametrize("index", range(146))
def test_our_corpus_gives_the_same_result(index: int) -> None:
    doc = corpus()[index]
    fast, slow = both(doc, HEADERS)
    assert fast == slow, doc.decode("utf-8", "replace")


def test_the_corpus_is_mostly_read_by_the_fast_path() -> None:
    """Not a corpus of hand-overs: the fast path reads most of it (and the bench feeds)."""
    docs = corpus()
    taken = [fast_taken(doc, HEADERS) for doc in docs]
    assert sum(taken) >= len(docs) // 5, sum(taken)
    assert all(taken[-6:-1])  # the benchmark's feeds


def test_anything_not_plain_goes_to_feedparser() -> None:
    cases = [
        b"<rss version='0.91'><channel><title>t</title></channel></rss>",
        b"<rss version='2.0'><channel><title>t</title><item><foo>x</foo></item></channel></rss>",
        b"<rss version='2.0'><channel><title>t</title><item><title>a<b>b</b></title></item>"
        b"</channel></rss>",
        b"<rss version='2.0' xml:base='http://x/'><channel><title>t</title></channel></rss>",
        b"<rss version='2.0'><channel><title>t</title><item><title>a</title>"
        b"<title>b</title></item></channel></rss>",
        b"<rss version='2.0'><channel><title>broken</channel></rss>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title></feed>",
    ]
    for doc in cases:
        assert not fast_taken(doc, HEADERS), doc
        fast, slow = both(doc, HEADERS)
        assert fast == slow


def test_parsed_feeds_compare_every_field() -> None:
    """The comparison above is of whole ParsedFeeds (frozen dataclasses, compared by value)."""
    doc = corpus()[-2]
    fast = parse_feed(doc, HEADERS, URL)
    assert isinstance(fast, ParsedFeed) and fast.items and fast.items[0].published


def test_ascii_text_is_left_as_it_is() -> None:
    """fastfeed's text() returns ASCII at once: feedparser's two repairs (mis-decoded UTF-8,
    cp1252 references) change only characters past ASCII."""
    from feedparser.html import _cp1252

    assert min(_cp1252) >= 128
    text = fastfeed._helpers("")["text"]
    assert text("  Plain &amp; simple\t") == "Plain &amp; simple"
    assert text("caf\xc3\xa9") == "café"
    assert text("\x93q\x94") == "\u201cq\u201d"

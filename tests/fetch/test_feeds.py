"""parse_feed: every feed format, the item fields, and what is not a feed."""

from __future__ import annotations

import calendar
import json

import pytest

from tui_reader.errors import FeedParseError
from tui_reader.fetch.feeds import parse_feed
from tui_reader.models import ParsedFeed

URL = "https://news.example/feeds/main.xml"
XML = {"content-type": "application/rss+xml; charset=utf-8"}


def parse(body: bytes | str, headers: dict[str, str] | None = None) -> ParsedFeed:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return parse_feed(data, headers if headers is not None else XML, URL)


RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; News</title>
  <link>/</link>
  <item>
    <title>First &lt;b&gt;story&lt;/b&gt; [bold]x[/]</title>
    <link>/2024/first</link>
    <guid isPermaLink="false">tag:news.example,2024:1</guid>
    <dc:creator>Ann Author</dc:creator>
    <pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate>
    <description>&lt;p&gt;Short summary&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full text <a href="/rel">link</a><script>x()</script></p>
    ]]></content:encoded>
  </item>
  <item>
    <title>Second</title>
    <link>https://news.example/2024/second</link>
    <description>plain words</description>
  </item>
  <item>
    <title>Third, no id or link</title>
    <description>text</description>
  </item>
  <item>
    <title>Unsafe link</title>
    <link>javascript:alert(1)</link>
    <guid>unsafe-1</guid>
  </item>
</channel>
</rss>"""


def test_rss20_items() -> None:
    feed = parse(RSS20)
    assert feed.title == "Example & News"
    assert feed.site_url == "https://news.example/"
    assert feed.warning is None
    first, second, third, unsafe = feed.items
    assert first.guid == "tag:news.example,2024:1"
    assert first.title == "First story [bold]x[/]"
    assert first.link == "https://news.example/2024/first"
    assert first.author == "Ann Author"
    assert first.published == calendar.timegm((2024, 1, 2, 9, 0, 0))
    assert first.summary == "<p>Short summary</p>"
    # Item HTML is passed on as the feed wrote it: the cleaner sanitises it and resolves its
    # links against the item (tests/test_pipeline.py), so feedparser's slow sanitiser is off.
    assert first.content == '<p>Full text <a href="/rel">link</a><script>x()</script></p>'
    assert second.guid == "https://news.example/2024/second"
    assert second.content == ""
    assert third.guid.startswith("sha1:") and third.link is None
    assert parse(RSS20).items[2].guid == third.guid  # stable across parses
    assert unsafe.link is None and unsafe.guid.endswith("unsafe-1")


def test_guid_hash_differs_by_content() -> None:
    template = "<rss version='2.0'><channel><item><title>{}</title></item></channel></rss>"
    one = parse(template.format("a")).items[0].guid
    two = parse(template.format("b")).items[0].guid
    assert one != two


ATOM10 = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
  <title type="html">Blog &amp;lt;3</title>
  <link rel="alternate" href="https://blog.example/"/>
  <link rel="self" href="https://blog.example/atom.xml"/>
  <id>urn:uuid:60a76c80</id>
  <updated>2024-03-01T12:00:00Z</updated>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Post <em>one</em></div></title>
    <link href="posts/1"/>
    <id>urn:uuid:1225c695</id>
    <updated>2024-03-01T12:00:00Z</updated>
    <author><name>Bo Writer</name></author>
    <summary>A summary &amp; more</summary>
    <content type="html">&lt;p&gt;The whole post, longer than the summary.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only content</title>
    <id>urn:uuid:2</id>
    <published>2024-02-01T00:00:00+02:00</published>
    <updated>2024-02-05T00:00:00Z</updated>
    <content type="text">a &lt; b, plain</content>
  </entry>
</feed>"""


def test_atom10_items() -> None:
    feed = parse(ATOM10, {"content-type": "application/atom+xml"})
    assert feed.title == "Blog <3"
    assert feed.site_url == "https://blog.example/"
    one, two = feed.items
    assert one.title == "Post one"
    assert one.link == "https://blog.example/posts/1"
    assert one.author == "Bo Writer"
    assert one.published == calendar.timegm((2024, 3, 1, 12, 0, 0))
    assert one.summary == "A summary &amp; more"
    assert one.content == "<p>The whole post, longer than the summary.</p>"
    assert two.published == calendar.timegm((2024, 1, 31, 22, 0, 0))  # published wins
    assert two.content == "a &lt; b, plain"
    assert two.summary == ""  # feedparser copies content into summary; not kept twice


ATOM03 = """<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Old Atom</title>
  <link rel="alternate" type="text/html" href="http://old.example/"/>
  <entry>
    <title>Entry</title>
    <link rel="alternate" type="text/html" href="http://old.example/e/1"/>
    <id>tag:old.example,2004:1</id>
    <issued>2004-01-01T00:00:00Z</issued>
    <modified>2004-01-02T00:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;hi&lt;/p&gt;</content>
  </entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://rdf.example/">
    <title>RDF Site</title><link>http://rdf.example/</link><description>d</description>
  </channel>
  <item rdf:about="http://rdf.example/1">
    <title>RDF item</title><link>http://rdf.example/1</link>
    <dc:date>2003-12-13T18:30:02Z</dc:date>
  </item>
</rdf:RDF>"""

RSS091 = """<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Ninety-one</title><link>http://old.example/</link>
<description>d</description><language>en-us</language>
<item><title>Old item</title><link>http://old.example/1</link></item>
</channel></rss>"""

RSS090 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://my.netscape.com/rdf/simple/0.9/">
  <channel><title>Zero-nine</title><link>http://zero.example/</link></channel>
  <item><title>Z item</title><link>http://zero.example/1</link></item>
</rdf:RDF>"""


@pytest.mark.parametrize(
    ("document", "title", "item_title", "link"),
    [
        (ATOM03, "Old Atom", "Entry", "http://old.example/e/1"),
        (RDF, "RDF Site", "RDF item", "http://rdf.example/1"),
        (RSS091, "Ninety-one", "Old item", "http://old.example/1"),
        (RSS090, "Zero-nine", "Z item", "http://zero.example/1"),
    ],
)
def test_other_formats(document: str, title: str, item_title: str, link: str) -> None:
    feed = parse(document)
    assert feed.title == title
    assert [(i.title, i.link) for i in feed.items] == [(item_title, link)]


def test_atom03_dates_and_content() -> None:
    item = parse(ATOM03).items[0]
    assert item.published == calendar.timegm((2004, 1, 1, 0, 0, 0))
    assert item.content == "<p>hi</p>"


def test_rss_without_items_is_a_feed() -> None:
    feed = parse("<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert feed.title == "Quiet" and feed.items == ()


def test_longest_content_wins() -> None:
    doc = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>t</title>
      <content type="html">short</content></entry></feed>"""
    assert parse(doc).items[0].content == "short"
    doc = """<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
      xmlns:xhtml="http://www.w3.org/1999/xhtml"><channel><item><guid>g</guid>
      <content:encoded>&lt;p&gt;the longer of the two bodies&lt;/p&gt;</content:encoded>
      <xhtml:body><p>short</p></xhtml:body></item></channel></rss>"""
    assert parse(doc).items[0].content == "<p>the longer of the two bodies</p>"


def test_title_is_never_markup_parsed_beyond_html_decoding() -> None:
    doc = "<rss version='2.0'><channel><item><title>[link=x]a[/link] [@click=quit]</title>"
    doc += "<guid>1</guid></item></channel></rss>"
    assert parse(doc).items[0].title == "[link=x]a[/link] [@click=quit]"


def test_empty_title_is_allowed() -> None:
    doc = "<rss version='2.0'><channel><item><guid>1</guid><description>d</description>"
    doc += "</item></channel></rss>"
    assert parse(doc).items[0].title == ""


def test_content_location_header_sets_the_base() -> None:
    doc = "<rss version='2.0'><channel><item><guid>1</guid><link>p/2</link></item></channel></rss>"
    feed = parse_feed(doc.encode(), {"Content-Location": "http://other.example/dir/"}, URL)
    assert feed.items[0].link == "http://other.example/dir/p/2"


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Site",
    "home_page_url": "https://json.example/",
    "authors": [{"name": "Feed Author"}],
    "items": [
        {
            "id": "1",
            "url": "https://json.example/1",
            "title": "Hello",
            "content_html": "<p>Hi <script>x()</script><a href='/a'>a</a></p>",
            "summary": "Sum <b>",
            "date_published": "2024-05-01T10:00:00Z",
            "authors": [{"name": "Item Author"}],
        },
        {"id": 2, "content_text": "Line one\n\nLine <two>", "date_modified": "2024-05-02T00:00:00"},
        {"url": "/relative", "title": "No id"},
        {"title": "x", "url": "javascript:alert(1)", "id": "js"},
        "not an object",
        {},
    ],
}


def test_json_feed_11() -> None:
    feed = parse(json.dumps(JSON_FEED), {"content-type": "application/feed+json"})
    assert feed.title == "JSON Site"
    assert feed.site_url == "https://json.example/"
    assert feed.warning is None
    one, two, three, four = feed.items
    assert (one.guid, one.title, one.link, one.author) == (
        "1",
        "Hello",
        "https://json.example/1",
        "Item Author",
    )
    assert one.published == calendar.timegm((2024, 5, 1, 10, 0, 0))
    # Raw, as for XML feeds: the cleaner sanitises item HTML (tests/test_pipeline.py).
    assert one.content == "<p>Hi <script>x()</script><a href='/a'>a</a></p>"
    assert one.summary == "Sum &lt;b&gt;"
    assert two.guid == "2" and two.author == "Feed Author"
    assert two.content == "<p>Line one</p><p>Line &lt;two&gt;</p>"
    assert two.published == calendar.timegm((2024, 5, 2, 0, 0, 0))
    assert three.link == "https://news.example/relative" and three.guid == three.link
    assert four.link is None


def test_json_feed_10_detected_without_content_type() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Old JSON",
        "author": {"name": "Solo"},
        "items": [{"id": "a", "content_html": "<p>x</p>"}],
    }
    feed = parse(json.dumps(doc).encode("utf-8"), {"content-type": "text/plain"})
    assert feed.title == "Old JSON"
    assert feed.items[0].author == "Solo"


@pytest.mark.parametrize(
    ("body", "headers", "message"),
    [
        (b"", {}, "not a feed: empty response"),
        (b"  \r\n ", XML, "not a feed: empty response"),
        (
            b"<!DOCTYPE html><html><head><title>Home</title></head></html>",
            {},
            "not a feed: an HTML page",
        ),
        (b"<HTML><BODY>hi</BODY></HTML>", {"content-type": "text/xml"}, "not a feed: an HTML page"),
        (b"just some words", {}, "not a feed: no XML in the response"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, "not a feed: no XML in the response"),
        (
            b"<?xml version='1.0'?><error>quota</error>",
            XML,
            "not a feed: no RSS, Atom or RDF channel found",
        ),
        (
            b'{"a": 1}',
            {"content-type": "application/json"},
            "not a feed: JSON without a jsonfeed.org version",
        ),
        (
            b"[1, 2]",
            {"content-type": "application/json"},
            "not a feed: JSON that is not a JSON Feed object",
        ),
        (b"{not json", {}, "not a feed: invalid JSON"),
        (b"[" * 100_000, {"content-type": "application/json"}, "not a feed: invalid JSON"),
    ],
)
def test_not_a_feed(body: bytes, headers: dict[str, str], message: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, headers, URL)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_illformed_feed_still_gives_items_with_a_warning() -> None:
    doc = """<rss version="2.0"><channel><title>Broken &nbsp; feed</title>
    <item><title>One & two</title><link>http://a.example/1</link></item>
    <item><title>Unclosed<br></title><link>http://a.example/2</link></item>
    </channel>"""
    feed = parse(doc)
    assert [i.link for i in feed.items] == ["http://a.example/1", "http://a.example/2"]
    assert feed.warning is not None and feed.warning.startswith("not well-formed XML")


@pytest.mark.parametrize(
    ("body", "headers", "title"),
    [
        # Declared UTF-8, one stray Latin-1 byte: that byte is replaced, the rest kept.
        (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><item><guid>1"
            "</guid><title>caf\u00e9 ".encode()
            + b"\xe9"
            + " na\u00efve</title></item></channel></rss>".encode(),
            {},
            "caf\u00e9 \ufffd na\u00efve",
        ),
        # No declaration anywhere, windows-1252 bytes.
        (
            b"<rss version='2.0'><channel><item><guid>1</guid><title>\x93quoted\x94 \x80</title>"
            b"</item></channel></rss>",
            {},
            "\u201cquoted\u201d \u20ac",
        ),
        # No declaration, not well-formed (parsed loosely), UTF-8 with one stray byte: the
        # same judgement of the bytes as for pages (tui_reader/utf8.py), not a detector's.
        (
            "<rss version='2.0'><channel><item><guid>1</guid><title>"
            "Caf\u00e9 & \u201cna\u00efve\u201d ".encode()
            + b"\xe9<br></title></item></channel></rss>",
            {},
            "Caf\u00e9 & \u201cna\u00efve\u201d \ufffd",
        ),
        # The HTTP charset is wrong (says us-ascii): the bytes are UTF-8.
        (
            "<rss version='2.0'><channel><item><guid>1</guid><title>\u00fcber</title>"
            "</item></channel></rss>".encode(),
            {"content-type": "text/xml; charset=us-ascii"},
            "\u00fcber",
        ),
        # An unknown charset label falls back without a crash.
        (
            "<?xml version='1.0' encoding='x-no-such'?><rss version='2.0'><channel><item>"
            "<guid>1</guid><title>\u00fcber</title></item></channel></rss>".encode(),
            {},
            "\u00fcber",
        ),
        # UTF-16 with a BOM.
        (
            "<?xml version='1.0' encoding='utf-16'?><rss version='2.0'><channel><item>"
            "<guid>1</guid><title>\u0436\u0443\u0440\u043d\u0430\u043b</title></item></channel></rss>".encode(
                "utf-16"
            ),
            {},
            "\u0436\u0443\u0440\u043d\u0430\u043b",
        ),
    ],
)
def test_wrong_or_missing_charset(body: bytes | str, headers: dict[str, str], title: str) -> None:
    data = body.encode("latin-1") if isinstance(body, str) else body
    feed = parse_feed(data, headers, URL)
    assert feed.items[0].title == title

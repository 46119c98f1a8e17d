"""OPML import (1.0/2.0, folders as tags, odd attribute spellings) and export round trips."""

from __future__ import annotations

import pytest

from tui_reader.errors import FeedParseError
from tui_reader.fetch.opml import OpmlEntry, export_opml, parse_opml
from tui_reader.models import Feed

OPML_1 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>mySubscriptions</title></head>
  <body>
    <outline text="News">
      <outline text="World">
        <outline text="Caf\xe9 Times" type="rss" xmlUrl="http://cafe.example/rss"
                 htmlUrl="http://cafe.example/"/>
      </outline>
      <outline title="Tech Daily" text="ignored" xmlurl="https://tech.example/atom.xml"/>
    </outline>
    <outline text="Top level" XMLURL="http://top.example/feed" htmlUrl="javascript:alert(1)"/>
  </body>
</opml>"""


def test_opml_1_nested_folders_become_tags() -> None:
    result = parse_opml(OPML_1)
    assert result.entries == [
        OpmlEntry(
            "http://cafe.example/rss", "Caf\u00e9 Times", ("News", "World"), "http://cafe.example/"
        ),
        OpmlEntry("https://tech.example/atom.xml", "Tech Daily", ("News",), None),
        OpmlEntry("http://top.example/feed", "Top level", (), None),
    ]
    assert result.warnings == []


def test_opml_2_categories_and_feed_scheme() -> None:
    data = b"""<opml version="2.0"><head/><body>
      <outline text="A" type="rss" xmlUrl="feed://a.example/rss" category="/Sports/Baseball,local"/>
      <outline text="B" type="rss" xmlUrl="feed:https://b.example/rss"/>
      <outline text="C" type="rss" url="http://c.example/rss"/>
      <outline text="just a link" type="link" url="http://d.example/"/>
    </body></opml>"""
    result = parse_opml(data)
    assert [(e.url, e.tags) for e in result.entries] == [
        ("http://a.example/rss", ("Sports", "Baseball", "local")),
        ("https://b.example/rss", ()),
        ("http://c.example/rss", ()),
    ]


def test_duplicates_are_skipped_and_their_tags_merged() -> None:
    data = b"""<opml version="2.0"><body>
      <outline text="One"><outline text="A" xmlUrl="http://a.example/rss"/></outline>
      <outline text="Two"><outline text="A again" xmlUrl="http://a.example/rss"/></outline>
    </body></opml>"""
    result = parse_opml(data)
    assert result.entries == [OpmlEntry("http://a.example/rss", "A", ("One", "Two"))]
    assert result.warnings == ["skipped duplicate A again (http://a.example/rss)"]


def test_export_round_trips_through_import() -> None:
    feeds = [
        Feed(
            1,
            "http://a.example/rss",
            'A & "B" <c>',
            site_url="http://a.example/",
            tags=("News", "World"),
        ),
        Feed(2, "https://b.example/feed?x=1&y=2", "Bee", tags=("News",)),
        Feed(3, "http://c.example/atom", "", tags=()),
        Feed(4, "http://d.example/rss", "D\u00e9j\u00e0 vu \u2014 \U0001f600", tags=("Caf\u00e9",)),
    ]
    text = export_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    result = parse_opml(text.encode("utf-8"))
    assert result.warnings == []
    assert sorted(result.entries, key=lambda e: e.url) == sorted(
        (OpmlEntry(f.url, f.title, f.tags, f.site_url) for f in feeds), key=lambda e: e.url
    )


def test_export_drops_characters_xml_cannot_hold() -> None:
    text = export_opml([Feed(1, "http://a.example/rss", "bell\x07 and esc\x1b", tags=("t\x00",))])
    entry = parse_opml(text.encode()).entries[0]
    assert entry.title == "bell and esc"
    assert entry.tags == ("t",)


def test_export_of_nothing_is_valid_opml() -> None:
    assert parse_opml(export_opml([]).encode()).entries == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not OPML: the file is empty"),
        (b"   \n", "not OPML: the file is empty"),
        (b"hello, world", "not OPML: no XML in the file"),
        (b"<html><body>x</body></html>", "not OPML: the document is <html>, not <opml>"),
        (b'<rss version="2.0"><channel/></rss>', "not OPML: the document is <rss>, not <opml>"),
        (b"<opml><head/></opml>", "not OPML: no <body> element"),
    ],
)
def test_not_opml_is_one_line(data: bytes, message: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_opml(data)
    assert str(caught.value) == message


def test_outlines_inside_a_feed_outline_are_read() -> None:
    data = b"""<opml version="2.0"><body><outline text="Folder">
      <outline text="Parent" xmlUrl="http://p.example/rss">
        <outline text="Child" xmlUrl="http://c.example/rss"/>
      </outline></outline></body></opml>"""
    result = parse_opml(data)
    assert [(e.url, e.tags) for e in result.entries] == [
        ("http://p.example/rss", ("Folder",)),
        ("http://c.example/rss", ("Folder",)),
    ]

"""Feed discovery: <link rel="alternate"> in pages, candidate paths, and sniffing."""

from __future__ import annotations

import json

import pytest

from tui_reader.fetch.discover import CANDIDATE_PATHS, feed_links, looks_like_feed

PAGE = b"""<!DOCTYPE html>
<html><head>
<title>Site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="application/atom+xml" title="Atom" href="https://site.example/atom.xml">
<link rel="alternate" type="application/rss+xml" title="RSS" href="feed/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
<link rel="alternate" type="application/rss+xml" href="feed/">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="Alternate Feed" type="APPLICATION/RSS+XML; charset=utf-8" href="/upper.xml">
</head><body><a href="/rss">not a link tag</a></body></html>"""


def test_feed_links_in_preference_order() -> None:
    assert feed_links(PAGE, "https://site.example/blog/") == [
        "https://site.example/atom.xml",
        "https://site.example/blog/feed/",
        "https://site.example/upper.xml",
        "https://site.example/feed.json",
        "https://site.example/wp-json/wp/v2/pages/1",
        "https://site.example/comments/feed/",
    ]


def test_base_href_is_honoured() -> None:
    page = b'<html><head><base href="https://cdn.example/b/">'
    page += b'<link rel="alternate" type="application/rss+xml" href="rss.xml"></head></html>'
    assert feed_links(page, "https://site.example/") == ["https://cdn.example/b/rss.xml"]


def test_unsafe_base_is_ignored() -> None:
    page = b'<html><head><base href="javascript:x/">'
    page += b'<link rel="alternate" type="application/rss+xml" href="rss.xml"></head></html>'
    assert feed_links(page, "https://site.example/a/") == ["https://site.example/a/rss.xml"]


def test_rel_feed_without_type() -> None:
    page = b'<link rel="feed" href="/all.xml">'
    assert feed_links(page, "http://site.example/") == ["http://site.example/all.xml"]


def test_no_links_and_broken_html() -> None:
    assert feed_links(b"", "http://a.example/") == []
    assert (
        feed_links(b"<html><head><link rel=alternate type=application/rss+xml", "http://a/") == []
    )
    assert feed_links(b"\xff\xfe\x00garbage<<<", "http://a.example/") == []


def test_candidate_paths() -> None:
    assert CANDIDATE_PATHS[:2] == ("/feed", "/rss")
    for path in ("/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/feed.json"):
        assert path in CANDIDATE_PATHS
    assert all(path.startswith("/") for path in CANDIDATE_PATHS)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "text/html", True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", True),
        (b"\xef\xbb\xbf<!-- c --><?xml-stylesheet href='x'?>\n<rdf:RDF></rdf:RDF>", "", True),
        ('<?xml version="1.0"?><rss/>'.encode("utf-16"), "", True),
        (b"<!DOCTYPE html><html><head></head></html>", "application/rss+xml", False),
        (b"<html><body>hello</body></html>", "text/html", False),
        (
            json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": []}).encode(),
            "application/json",
            True,
        ),
        (b'{"items": []}', "application/feed+json", True),
        (b'{"a": 1}', "application/json", False),
        (b"", "application/rss+xml", False),
        (b"not xml at all", "text/plain", False),
        (b"<?xml version='1.0'?><!--" + b"x" * 70_000, "application/atom+xml", True),
        (b"<?xml version='1.0'?><error>nope</error>", "application/xml", False),
    ],
)
def test_looks_like_feed(body: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_feed(body, {"Content-Type": content_type}) is expected

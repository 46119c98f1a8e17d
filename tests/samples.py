"""Small, valid feeds and pages for tests, built in code so each test states what it serves."""

from __future__ import annotations

from email.utils import formatdate
from html import escape

from tests.loopback import LoopbackServer, Reply


def rss(title: str, items: list[tuple[str, str, str]], *, site: str = "http://127.0.0.1/") -> bytes:
    """RSS 2.0 with (guid, title, link) items; descriptions carry a short body."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(t)}</title>"
        f"<link>{escape(link)}</link>"
        f"<pubDate>{formatdate(1_700_000_000 + 3600 * n, usegmt=True)}</pubDate>"
        f"<description>{escape(t)}: a short summary of the story.</description></item>"
        for n, (guid, t, link) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(site)}</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    ).encode()


def article_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Test News</footer></body></html>"
    ).encode()


LONG_PARAGRAPHS = [
    "The city council voted on Tuesday to rebuild the old river bridge, ending a debate that "
    "has lasted for more than a decade and divided residents of both banks.",
    "Engineers told the council that the current structure, built in 1931, can no longer carry "
    "buses, and that repairs would cost nearly as much as a new span.",
    "Construction is expected to begin next spring and to take two years, during which a ferry "
    "service will run every fifteen minutes between the two landings.",
]


def serve_feeds_with_pages(server: LoopbackServer, feeds: int, items: int) -> list[str]:
    """`feeds` RSS feeds of `items` items on the loopback server, each item linking to an
    article page there whose text opens with "Page F-N opens with this sentence."."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    urls = []
    for f in range(feeds):
        entries = [
            (f"f{f}-{n}", f"Feed {f} story {n}", server.url(f"/p/{f}/{n}")) for n in range(items)
        ]
        body = rss(f"Feed {f}", entries)
        urls.append(
            server.add(f"/feed/{f}.xml", Reply(200, body, {"Content-Type": "application/rss+xml"}))
        )
        for n in range(items):
            text = [f"Page {f}-{n} opens with this sentence.", *LONG_PARAGRAPHS]
            server.add(f"/p/{f}/{n}", Reply(200, article_page(f"Feed {f} story {n}", text), html))
    return urls

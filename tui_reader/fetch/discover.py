"""Find a site's feed: `<link rel="alternate">` tags first, then the usual paths."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser

from .itemtext import http_url
from .safexml import scan_prolog, strip_bom

# Tried in this order when a page names no feed.
CANDIDATE_PATHS: tuple[str, ...] = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/feed.json",
    "/feed/atom",
    "/atom",
    "/index.rss",
    "/feeds/posts/default",
)

# Link types by preference class; within a class the page's own order wins (sites list
# their main feed first). application/json last: it is often an API, not a feed.
_FEED_TYPES = {
    "application/rss+xml": 0,
    "application/atom+xml": 0,
    "application/rdf+xml": 0,
    "application/x.atom+xml": 0,
    "application/x-atom+xml": 0,
    "application/x-rss+xml": 0,
    "application/feed+json": 1,
    "text/xml": 2,
    "application/xml": 2,
    "application/json": 3,
}
_FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/x-rss+xml",
    "application/x-atom+xml",
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf", "channel"})
_SCAN_BYTES = 1 << 20  # feed links live in <head>; a huge body is not read to the end
_SNIFF_BYTES = 64 * 1024
_COMMENTS = re.compile(r"comment", re.IGNORECASE)


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str, str]] = []  # (type, href, title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "base"):
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "base":
            if self.base is None and values.get("href"):
                self.base = values["href"].strip()
            return
        rels = values.get("rel", "").lower().split()
        href = values.get("href", "").strip()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if not href:
            return
        if "alternate" in rels and kind in _FEED_TYPES:
            self.links.append((kind, href, values.get("title", "")))
        elif "feed" in rels:  # HTML5 rel="feed": the type may be missing
            self.links.append((kind or "application/rss+xml", href, values.get("title", "")))

    handle_startendtag = handle_starttag


def feed_links(html: bytes, base_url: str) -> list[str]:
    """Feed URLs a page announces, absolute and http(s) only, best first, no duplicates.

    RSS/Atom (in page order) come before JSON Feed and generic XML/JSON; comment feeds last.
    """
    text = html[:_SCAN_BYTES].decode("utf-8", "replace")
    finder = _LinkFinder()
    finder.feed(text)
    finder.close()
    base = http_url(finder.base, base_url) or base_url
    ranked: list[tuple[int, int, int, str]] = []
    for position, (kind, href, title) in enumerate(finder.links):
        url = http_url(href, base)
        if url is None:
            continue
        comments = 1 if _COMMENTS.search(title) or _COMMENTS.search(href) else 0
        ranked.append((comments, _FEED_TYPES[kind], position, url))
    seen: set[str] = set()
    result: list[str] = []
    for *_, url in sorted(ranked):
        if url not in seen:
            seen.add(url)
            result.append(url)
    return result


def looks_like_feed(body: bytes, headers: Mapping[str, str]) -> bool:
    """True when the response is a feed: by its first bytes, or a feed content type."""
    lower = {name.lower(): value for name, value in headers.items()}
    kind = lower.get("content-type", "").split(";")[0].strip().lower()
    sample, bom = strip_bom(body[:_SNIFF_BYTES])
    try:
        text = sample.decode(bom or "utf-8", "replace")
    except LookupError:
        return False
    start = text.lstrip()
    if start.startswith("{"):
        return "jsonfeed.org/version" in start or kind == "application/feed+json"
    prolog = scan_prolog(start)
    if prolog.root_start < 0:
        # No element in the first 64 KiB (a long prolog): trust a feed content type.
        return kind in _FEED_CONTENT_TYPES and start.startswith("<")
    root = prolog.root_name.lower()
    return root in _FEED_ROOTS or root.endswith((":rss", ":feed", ":rdf"))

"""Small, pure helpers shared by the XML and JSON feed readers: URLs, guids, text."""

from __future__ import annotations

import hashlib
import html
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

HTTP_SCHEMES = ("http", "https")


def http_url(link: str | None, base: str | None = None) -> str | None:
    """`link` made absolute against `base`, or None unless it is an http(s) URL with a host."""
    if not link:
        return None
    link = link.strip()
    try:
        absolute = urljoin(base, link) if base else link
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in HTTP_SCHEMES or not parts.hostname:
        return None
    return absolute


def stable_guid(title: str, published: float | None, summary: str) -> str:
    """A guid for an entry without id or link: the same entry always hashes the same."""
    key = "\x1f".join((title, "" if published is None else repr(published), summary))
    return "sha1:" + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded), e.g. an HTML title."""
    if "<" not in markup and "&" not in markup:
        return markup
    if "<" not in markup:
        return html.unescape(markup)
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def sanitize_html(markup: str, base: str) -> str:
    """feedparser's HTML clean-up and link resolution, as XML feeds' content gets it."""
    from feedparser.sanitizer import _sanitize_html
    from feedparser.urls import resolve_relative_uris

    resolved = resolve_relative_uris(markup, base, "utf-8", "text/html")
    return str(_sanitize_html(resolved, "utf-8", "text/html"))

"""Feed bytes -> ParsedFeed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (feedparser) and JSON Feed 1.x.

feedparser only ever gets a byte stream whose prolog safexml has rebuilt (UTF-8, no external
or parameter entities, only short literal ones), never a URL, a path or a str it could take
for one. The call is CPU-bound and has no timeout: run it in a thread.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from collections.abc import Mapping
from typing import Any

from ..errors import FeedParseError, one_line
from ..models import FeedItem, ParsedFeed
from .itemtext import entry_guid, html_text, http_url, repair_html
from .jsonfeed import parse_json_feed
from .safexml import check_bounds, check_size, decode_document, defuse

_HTML_ROOTS = frozenset({"html", "head", "body"})
_WARNING_CHARS = 200


def parse_feed(
    body: bytes, headers: Mapping[str, str], url: str, *, fast: bool = True
) -> ParsedFeed:
    """Parse a fetched feed. `headers` are the response headers (names in any case).

    Raises FeedParseError("not a feed: ...") for an HTML page, JSON that is not a JSON Feed,
    garbage or an empty body. An ill-formed feed still yields its items, with `warning` set.
    fast: plain RSS 2.0 is read by fastfeed.py (same result, ~5x less time); False sends
    every document to feedparser (the differential test compares the two).
    """
    prepared = _prepare(body, headers, url)
    if isinstance(prepared, ParsedFeed):
        return prepared
    return _parse_xml(*prepared, fast=fast)


def _prepare(
    body: bytes, headers: Mapping[str, str], url: str
) -> ParsedFeed | tuple[bytes, dict[str, str], str, str | None]:
    lower = {name.lower(): value for name, value in headers.items()}
    content_type = lower.get("content-type", "")
    if not body.strip():
        raise FeedParseError("not a feed: empty response")
    if _is_json(body, content_type):
        check_size(len(body))  # json is linear and refuses deep nesting itself
        return parse_json_feed(body, url)
    text, encoding_note = decode_document(body, content_type)
    document, prolog = defuse(text)
    if prolog.root_start < 0:
        raise FeedParseError("not a feed: no XML in the response")
    if prolog.root_name.lower() in _HTML_ROOTS:
        raise FeedParseError("not a feed: an HTML page")
    check_bounds(document)  # linear; feedparser's worst cases are not
    return legal_char_refs(document).encode("utf-8"), lower, url, encoding_note


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _legal_char(code: int) -> bool:
    """XML 1.0's Char production: no surrogates, nothing past U+10FFFF, few controls."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def legal_char_refs(document: str) -> str:
    """Character references to what XML forbids (`&#xD800;`, `&#1114112;`) become U+FFFD.

    They are not well-formed XML, and feedparser turns them into str it cannot encode (a
    lone surrogate) or raises on them (past U+10FFFF), which failed the whole feed.
    """
    if "&#" not in document:
        return document

    def fix(match: re.Match[str]) -> str:
        digits = (match[1] or match[2]).lstrip("0") or "0"
        if len(digits) > 7:
            return "&#xFFFD;"  # past U+10FFFF however it is written
        code = int(digits, 16) if match[1] else int(digits)
        return match[0] if _legal_char(code) else "&#xFFFD;"

    return _CHAR_REF.sub(fix, document)


_georss_guarded = False


def _guard_georss(feedparser: Any) -> None:
    """feedparser 6.0.x reads `<gml:pos>` and `<gml:posList>` only inside `<georss:where>`
    and raises KeyError('where') for one outside it (a well-formed Atom extension). Those
    points are of no use here: outside a where, they are skipped (fixed upstream only for
    the start tags, in 6.0.9)."""
    global _georss_guarded
    if _georss_guarded:
        return
    from feedparser.namespaces import georss

    for name in ("_end_gml_pos", "_end_gml_poslist"):
        original = getattr(georss.Namespace, name, None)
        if original is None:
            continue

        def guarded(self: Any, _original: Any = original) -> None:
            if "where" not in self._get_context():
                self.pop("pos")
                return
            _original(self)

        setattr(georss.Namespace, name, guarded)
    _georss_guarded = True


def _is_json(body: bytes, content_type: str) -> bool:
    """The first byte decides ('{' or '<': servers mislabel both ways), else the type."""
    start = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"{", b"<"):
        return start.startswith(b"{")
    return "json" in content_type.split(";", 1)[0].lower()


def _base(headers: Mapping[str, str], url: str) -> str:
    return http_url(headers.get("content-location"), url) or http_url(url) or ""


def _parse_plain(
    data: bytes, headers: Mapping[str, str], url: str, encoding_note: str | None
) -> ParsedFeed | None:
    from .fastfeed import parse_plain_rss

    base = _base(headers, url)
    plain = parse_plain_rss(data, base)
    if plain is None:
        return None
    feed_map, entries = plain
    return ParsedFeed(
        title=_title(feed_map),
        site_url=http_url(feed_map.get("link"), base),
        items=tuple(_item(entry, base) for entry in entries),
        warning=encoding_note[:_WARNING_CHARS] if encoding_note else None,
    )


def _parse_xml(
    data: bytes, headers: Mapping[str, str], url: str, encoding_note: str | None, *, fast: bool
) -> ParsedFeed:
    if fast and (plain := _parse_plain(data, headers, url, encoding_note)) is not None:
        return plain
    base = _base(headers, url)
    import feedparser

    _guard_georss(feedparser)
    response_headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        response_headers["content-location"] = base
    if language := headers.get("content-language"):
        response_headers["content-language"] = language
    # A stream, never bytes or str: feedparser.parse() opens a str or bytes as a path or URL.
    # Its HTML sanitiser and URI rewriting are off: they cost more than half the parse time on
    # HTML-rich feeds and are redundant, since item HTML only ever reaches the terminal through
    # the cleaner (which sanitises and resolves links itself) and titles become plain text.
    result = feedparser.parse(
        io.BytesIO(data),
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries: list[Any] = result.get("entries") or []
    feed: Mapping[str, Any] = result.get("feed") or {}
    if not (result.get("version") or entries or feed.get("title")):
        raise FeedParseError("not a feed: no RSS, Atom or RDF channel found")
    warnings = [encoding_note] if encoding_note else []
    if result.get("bozo") and (exc := result.get("bozo_exception")) is not None:
        warnings.append(f"not well-formed XML: {one_line(exc)}")
    items = tuple(_item(entry, base) for entry in entries)
    return ParsedFeed(
        title=_title(feed),
        site_url=http_url(feed.get("link"), base),
        items=items,
        warning="; ".join(warnings)[:_WARNING_CHARS] or None,
    )


def _title(obj: Mapping[str, Any]) -> str:
    """A title as plain text: HTML titles lose their tags and entities, text ones stay as is."""
    title = obj.get("title")
    if not isinstance(title, str):
        return ""
    detail = obj.get("title_detail") or {}
    kind = str(detail.get("type", "text/plain"))
    return html_text(title, paragraphs=False) if ("html" in kind or "xml" in kind) else title


def _as_html(detail: Mapping[str, Any]) -> str:
    value = detail.get("value")
    if not isinstance(value, str):
        return ""
    kind = str(detail.get("type", "text/html"))
    return html.escape(value) if kind == "text/plain" else repair_html(value)


def _epoch(entry: Mapping[str, Any]) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # The stored key only: feedparser's FeedParserDict maps a missing updated_parsed to
        # published_parsed (already tried here) with a DeprecationWarning each time.
        parsed = dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)
        if parsed:
            try:
                return float(calendar.timegm(parsed))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _item(entry: Mapping[str, Any], base: str) -> FeedItem:
    contents = [
        _as_html(detail) for detail in entry.get("content") or () if isinstance(detail, Mapping)
    ]
    content = max(contents, key=len, default="")
    summary_detail = entry.get("summary_detail")
    summary = ""
    if isinstance(summary_detail, Mapping):
        summary = _as_html(summary_detail)
    elif isinstance(entry.get("summary"), str) and entry["summary"] not in (
        detail.get("value") for detail in entry.get("content") or ()
    ):
        summary = html.escape(entry["summary"])
    title = _title(entry)
    link = http_url(entry.get("link"), base)
    published = _epoch(entry)
    raw_id = entry.get("id")
    author = entry.get("author")
    return FeedItem(
        guid=entry_guid(
            raw_id if isinstance(raw_id, str) else None, link, title, published, summary
        ),
        title=title,
        link=link,
        author=author if isinstance(author, str) and author else None,
        published=published,
        summary=summary,
        content=content,
    )

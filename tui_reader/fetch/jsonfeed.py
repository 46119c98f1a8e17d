"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> ParsedFeed."""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..errors import FeedParseError, one_line
from ..models import FeedItem, ParsedFeed
from .itemtext import entry_guid, http_url, repair_html

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """Parse a JSON Feed; FeedParseError when it is not JSON or has no JSON Feed version."""
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        data = _loads(body.decode("utf-8", "replace"))
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not a feed: invalid JSON ({one_line(exc)})") from None
    if not isinstance(data, dict):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed object")
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIXES):
        raise FeedParseError("not a feed: JSON without a jsonfeed.org version")
    warning = None
    if version.rstrip("/").rsplit("/", 1)[-1] not in ("1", "1.1"):
        warning = f"unknown JSON Feed version {version[:60]}; read as 1.1"
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raw_items = []
        warning = warning or "JSON Feed has no items list"
    feed_author = _author(data)
    items = tuple(
        item
        for raw in raw_items
        if isinstance(raw, dict) and (item := _item(raw, url, feed_author)) is not None
    )
    return ParsedFeed(
        title=_text(data.get("title")),
        site_url=http_url(_url_text(data.get("home_page_url")), url),
        items=items,
        warning=warning,
    )


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not a feed: invalid JSON ({one_line(exc)})") from None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    # A number where text belongs (an id of 42) reads as its digits; NaN and Infinity
    # (which JSON forbids and Python's parser lets through) and 1e309 read as nothing.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(value)
    return ""


def _url_text(value: Any) -> str:
    """A URL must be a string: a number made a link relative to the feed ("5" -> /5)."""
    return value if isinstance(value, str) else ""


def _author(obj: Mapping[str, Any]) -> str | None:
    """`authors` (1.1) or `author` (1.0): names joined by commas."""
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj.get("author")]
    names = [_text(p.get("name")) for p in people if isinstance(p, dict)]
    joined = ", ".join(name for name in names if name)
    return joined or None


def _epoch(value: Any) -> float | None:
    """RFC 3339 -> epoch seconds; a date without a zone is taken as UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _item(raw: Mapping[str, Any], url: str, feed_author: str | None) -> FeedItem | None:
    title = _text(raw.get("title"))
    link_text = _url_text(raw.get("url")) or _url_text(raw.get("external_url"))
    link = http_url(link_text, url)
    content = _text(raw.get("content_html"))
    if not content and (plain := _text(raw.get("content_text"))):
        content = "".join(
            f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>"
            for part in plain.split("\n\n")
            if part.strip()
        )
    summary = _text(raw.get("summary"))
    summary = html.escape(summary) if summary else ""
    if not (title or content or summary or link):
        return None
    published = _epoch(raw.get("date_published")) or _epoch(raw.get("date_modified"))
    guid = entry_guid(_text(raw.get("id")), link, title, published, summary)
    if content:
        content = repair_html(content)
    return FeedItem(
        guid=guid,
        title=title,
        link=link,
        author=_author(raw) or feed_author,
        published=published,
        summary=summary,
        content=content,
    )

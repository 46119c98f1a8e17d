"""OPML 1.0/2.0 import and OPML 2.0 export. Folders (outlines without xmlUrl) become tags.

Import is parsed without entity expansion, DTD loading or network access; entries that are
not http(s) feeds (exec:, filter:, file:, javascript:, data:...) are skipped with a warning.
Export nests each feed under its first tag and lists all its tags in `category`, so it
round-trips through import.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ..errors import FeedParseError, one_line
from ..models import Feed
from .itemtext import http_url
from .safexml import decode_document, defuse

if TYPE_CHECKING:
    from lxml import etree

_MAX_SHOWN = 80
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    url: str
    title: str
    tags: tuple[str, ...] = ()
    site_url: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlImport:
    entries: list[OpmlEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _shown(text: str) -> str:
    text = re.sub(r"[^\x20-\x7e\u00a0-\uffff]", "?", text.strip())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _local(name: object) -> str:
    """Lower-case local name of an lxml tag or attribute ('{ns}xmlUrl' -> 'xmlurl')."""
    text = name if isinstance(name, str) else ""
    return text.rsplit("}", 1)[-1].lower()


def _feed_url(raw: str) -> str | None:
    """An http(s) feed URL from an OPML attribute; feed:// and feed:http(s):// are unwrapped."""
    url = raw.strip()
    lowered = url.lower()
    if lowered.startswith("feed://"):
        url = "http://" + url[7:]
    elif lowered.startswith(("feed:http://", "feed:https://")):
        url = url[5:]
    return http_url(url)


def _split_categories(value: str) -> list[str]:
    """OPML 2.0 category: comma-separated, each a slash-delimited path ('/News/World')."""
    tags: list[str] = []
    for token in value.split(","):
        tags.extend(part.strip() for part in token.split("/") if part.strip())
    return tags


def _parse_tree(data: bytes) -> etree._Element:
    from lxml import etree

    if not data.strip():
        raise FeedParseError("not OPML: the file is empty")
    text, _ = decode_document(data, None)
    document, prolog = defuse(text)
    if prolog.root_start < 0:
        raise FeedParseError("not OPML: no XML in the file")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        recover=True,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(document.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise FeedParseError(f"not OPML: {one_line(exc, max_chars=100)}") from None
    if root is None:
        raise FeedParseError("not OPML: no XML in the file")
    name = _local(root.tag)
    if name != "opml":
        raise FeedParseError(f"not OPML: the document is <{_shown(name)[:30]}>, not <opml>")
    return root


def parse_opml(data: bytes) -> OpmlImport:
    """Read an OPML file's subscriptions. FeedParseError (one line) when it is not OPML."""
    root = _parse_tree(data)
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise FeedParseError("not OPML: no <body> element")
    entries: list[OpmlEntry] = []
    index: dict[str, int] = {}
    warnings: list[str] = []
    # Depth-first, in document order, without recursion (nesting depth is the file's choice).
    stack: list[tuple[Iterable[etree._Element], tuple[str, ...]]] = [(iter(body), ())]
    while stack:
        children, tags = stack[-1]
        child = next(iter(children), None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str) or _local(child.tag) != "outline":
            continue
        attrs = {_local(key): (value or "") for key, value in child.attrib.items()}
        raw_url = attrs.get("xmlurl", "")
        if not raw_url and attrs.get("type", "").lower() in ("rss", "atom", "feed"):
            raw_url = attrs.get("url", "")
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        if not raw_url.strip():
            folder = (attrs.get("text") or attrs.get("title") or "").strip()
            stack.append((iter(child), (*tags, folder) if folder else tags))
            continue
        if len(child):
            stack.append((iter(child), tags))  # a feed outline with children: read them too
        url = _feed_url(raw_url)
        label = _shown(title or raw_url)
        if url is None:
            warnings.append(f"skipped {label}: {_shown(raw_url)} is not an http(s) feed URL")
            continue
        entry_tags = tuple(dict.fromkeys((*tags, *_split_categories(attrs.get("category", "")))))
        if url in index:
            first = entries[index[url]]
            merged = tuple(dict.fromkeys((*first.tags, *entry_tags)))
            entries[index[url]] = replace(first, tags=merged)
            warnings.append(f"skipped duplicate {label} ({_shown(url)})")
            continue
        index[url] = len(entries)
        # A title that only repeats the URL (what export writes for an untitled feed) is none.
        title = "" if title == raw_url.strip() else title
        entries.append(OpmlEntry(url, title, entry_tags, http_url(attrs.get("htmlurl"))))
    return OpmlImport(entries, warnings)


def _attr(value: str) -> str:
    return quoteattr(_XML_INVALID.sub("", value))


def _outline(feed: Feed, indent: str) -> str:
    title = feed.title or feed.url
    parts = [f'{indent}<outline type="rss" text={_attr(title)} title={_attr(title)}']
    parts.append(f" xmlUrl={_attr(feed.url)}")
    if feed.site_url:
        parts.append(f" htmlUrl={_attr(feed.site_url)}")
    # Tags that a category list cannot carry (a comma or a slash) travel only as the folder.
    listed = [tag for tag in feed.tags if tag and "," not in tag and "/" not in tag]
    if listed:
        parts.append(f" category={_attr(','.join(listed))}")
    parts.append("/>\n")
    return "".join(parts)


def export_opml(feeds: Sequence[Feed], title: str = "tui-reader subscriptions") -> str:
    """OPML 2.0 text: feeds nested under their first tag, all tags in `category`."""
    folders: dict[str, list[Feed]] = {}
    loose: list[Feed] = []
    for feed in feeds:
        first = next((tag for tag in feed.tags if tag.strip()), None)
        if first is None:
            loose.append(feed)
        else:
            folders.setdefault(first, []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<opml version="2.0">\n',
        "  <head>\n",
        f"    <title>{escape(_XML_INVALID.sub('', title))}</title>\n",
        f"    <dateCreated>{formatdate(time.time(), usegmt=True)}</dateCreated>\n",
        "  </head>\n",
        "  <body>\n",
    ]
    for name, members in folders.items():
        lines.append(f"    <outline text={_attr(name)} title={_attr(name)}>\n")
        lines.extend(_outline(feed, "      ") for feed in members)
        lines.append("    </outline>\n")
    lines.extend(_outline(feed, "    ") for feed in loose)
    lines.append("  </body>\n</opml>\n")
    return "".join(lines)

"""OPML 1.0/2.0 import and OPML 2.0 export. Folders (outlines without xmlUrl) become tags.

Import is parsed without entity expansion, DTD loading or network access; entries that are
not http(s) feeds (exec:, filter:, file:, javascript:, data:...) are skipped with a warning.
Export nests each feed under its first tag and lists all its tags in `category`, so it
round-trips through import.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from xml.sax.saxutils import escape, quoteattr

from ..errors import FeedParseError, one_line
from ..models import Feed
from ..sanitize import escape_invisible, terminal_text
from ..urls import canonical_url
from .itemtext import http_url
from .safexml import decode_document, defuse

_MAX_SHOWN = 80
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BARE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")


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
    return terminal_text(text, single_line=True, max_chars=_MAX_SHOWN)


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
    absolute = http_url(url)
    # One spelling per feed: "HTTP://Example.com:80/#top" and "http://example.com/" are one.
    return canonical_url(absolute) if absolute else None


def _split_categories(value: str) -> list[str]:
    """OPML 2.0 category: comma-separated, each a slash-delimited path ('/News/World')."""
    tags: list[str] = []
    for token in value.split(","):
        tags.extend(part.strip() for part in token.split("/") if part.strip())
    return tags


# A start tag's local name and attributes, or an end tag (attrs None).
_Event = tuple[str, "dict[str, str] | None"]
# Folders nested deeper than this add no more tags (the feed inside is still imported).
MAX_FOLDER_TAGS = 16
MAX_TITLE_CHARS = 1000  # a title is a line; a 1 MB one is an attack


def _document(data: bytes) -> str:
    if not data.strip():
        raise FeedParseError("not OPML: the file is empty")
    text, _ = decode_document(data, None)
    document, prolog = defuse(text)
    if prolog.root_start < 0:
        raise FeedParseError("not OPML: no XML in the file")
    # The two faults real OPML files have most (control characters, a bare & in a URL) are
    # mended here, so they stay well-formed for expat instead of needing recovery.
    return _BARE_AMPERSAND.sub("&amp;", _XML_INVALID.sub("", document))


def _expat_events(document: str) -> list[_Event]:
    """Events from expat: linear, no recursion and no nesting limit (libxml2 stops at 256
    levels and, recovering, drops the rest of the file without a word). Raises
    xml.parsers.expat.ExpatError on XML that is not well-formed."""
    import xml.parsers.expat

    events: list[_Event] = []
    parser = xml.parsers.expat.ParserCreate("utf-8", namespace_separator="}")
    # No external entity is ever read: without a handler expat skips them.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name: str, attrs: dict[str, str]) -> None:
        events.append((_local(name), {_local(key): value for key, value in attrs.items()}))

    def end(name: str) -> None:
        events.append((_local(name), None))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(document.encode("utf-8"), True)
    return events


def _recovered_events(document: str) -> list[_Event]:
    """Events from libxml2 in recover mode, for files that are not well-formed XML (a bare
    & in a URL is common): it keeps what it can, walked here without recursion."""
    from lxml import etree

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
    events: list[_Event] = []
    stack: list[tuple[etree._Element, Iterator[etree._Element]]] = [(root, iter((root,)))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if len(stack) > 0:
                events.append((_local(element.tag), None))
            continue
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        attrs = {_local(key): (value or "") for key, value in child.attrib.items()}
        events.append((_local(child.tag), attrs))
        stack.append((child, iter(child)))
    return events


def _events(document: str) -> tuple[list[_Event], str | None]:
    """(the document's events, a warning when it had to be recovered)."""
    import xml.parsers.expat

    try:
        return _expat_events(document), None
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.ErrorString(exc.code) if exc.code else str(exc)
        warning = (
            f"the file is not well-formed XML ({reason}); outlines after that point may be missing"
        )
    return _recovered_events(document), warning


def parse_opml(data: bytes) -> OpmlImport:
    """Read an OPML file's subscriptions. FeedParseError (one line) when it is not OPML."""
    events, recovered = _events(_document(data))
    if not events:
        raise FeedParseError("not OPML: no XML in the file")
    name = events[0][0]
    if name != "opml":
        raise FeedParseError(f"not OPML: the document is <{_shown(name)[:30]}>, not <opml>")
    entries: list[OpmlEntry] = []
    index: dict[str, int] = {}
    warnings: list[str] = [recovered] if recovered else []
    found_body = deep_folders = False
    # Open elements: (the folder tags inside it, whether it holds outlines: <body> or an
    # outline of outlines under it). The file sets the depth; each step is O(1).
    stack: list[tuple[tuple[str, ...], bool]] = []
    for local, attrs in events:
        if attrs is None:
            stack.pop()
            continue
        tags, holds_outlines = stack[-1] if stack else ((), False)
        is_body = len(stack) == 1 and local == "body"
        found_body = found_body or is_body
        is_outline = holds_outlines and local == "outline"
        stack.append((tags, is_body or is_outline))
        if not is_outline:
            continue
        raw_url = attrs.get("xmlurl", "")
        if not raw_url and attrs.get("type", "").lower() in ("rss", "atom", "feed"):
            raw_url = attrs.get("url", "")
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        if not raw_url.strip():
            folder = (attrs.get("text") or attrs.get("title") or "").strip()[:MAX_TITLE_CHARS]
            if folder and len(tags) < MAX_FOLDER_TAGS:
                stack[-1] = ((*tags, folder), True)
            deep_folders = deep_folders or (bool(folder) and len(tags) >= MAX_FOLDER_TAGS)
            continue
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
        site = http_url(attrs.get("htmlurl"))
        entries.append(OpmlEntry(url, title[:MAX_TITLE_CHARS], entry_tags, site))
    if not found_body:
        raise FeedParseError("not OPML: no <body> element")
    if deep_folders:
        warnings.append(
            f"folders nested deeper than {MAX_FOLDER_TAGS} levels: their feeds were imported "
            f"with the first {MAX_FOLDER_TAGS} folder names as tags"
        )
    return OpmlImport(entries, warnings)


def _attr(value: str) -> str:
    # Characters XML cannot hold go; C1, bidi and invisible ones become character references
    # (after quoteattr, which would escape their &): whole for a reader, inert when printed.
    quoted = quoteattr(_XML_INVALID.sub("", value))
    return escape_invisible(quoted, "&#x%x;")


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
        f"    <title>{escape_invisible(escape(_XML_INVALID.sub('', title)), '&#x%x;')}</title>\n",
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

"""Small, pure helpers shared by the XML and JSON feed readers: URLs, guids, text."""

from __future__ import annotations

import hashlib
import html
import re
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


# Numeric references to 128-159 are C1 controls in Unicode but mean the windows-1252
# characters (curly quotes, dashes) in real feeds; HTML5 maps them the same way.
_CP1252_REF = re.compile(r"&#(?:(1[2-5][0-9])|[xX]0*([89][0-9a-fA-F]));")


def _cp1252(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if not 128 <= code <= 159:
        return match.group(0)
    try:
        return f"&#x{ord(bytes([code]).decode('cp1252')):x};"
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined
        return ""


def repair_html(markup: str) -> str:
    """Item HTML as the feed wrote it, with windows-1252 character references mended.

    Not sanitised here: item HTML only reaches the terminal through the cleaner, which
    removes scripts and handlers and resolves links against the item.
    """
    return _CP1252_REF.sub(_cp1252, markup) if "&#" in markup else markup


_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|pre|tr)\s*>|<br\s*/?>", re.IGNORECASE)
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_MAX_SUMMARY_TEXT = 20_000


def html_text(fragment: str | None) -> str:
    """A feed summary (often HTML) as plain text, paragraphs kept, for search and the
    reader's fallback.

    Deliberately small: summaries are short; the cleaner handles real pages.
    """
    if not fragment:
        return ""
    fragment = fragment[: _MAX_SUMMARY_TEXT * 4]
    text = _BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(_TAGS.sub(" ", text))
    lines = (_BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    paragraphs: list[str] = []
    blank = False
    for line in lines:
        if line:
            if blank and paragraphs:
                paragraphs.append("")
            paragraphs.append(line)
            blank = False
        else:
            blank = True
    return "\n".join(paragraphs)[:_MAX_SUMMARY_TEXT]

"""Small, pure helpers shared by the XML and JSON feed readers: URLs, guids, text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ..sanitize import is_web_url

HTTP_SCHEMES = ("http", "https")
# An absolute URL this plain (lower-case scheme, an ASCII host and port, no ";params", no
# empty "?" or "#") is what urljoin gives back whatever the base (urlunparse(urlparse(u))
# == u), and it has a host: most feeds' links, spared the two parses (~10 us an item).
_PLAIN_HTTP = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^?#;\s]*)?(?:\?[^#;\s]+)?(?:#[^;\s]+)?"
)


def http_url(link: str | None, base: str | None = None) -> str | None:
    """`link` made absolute against `base`, or None unless it is an http(s) URL with a host."""
    if not link:
        return None
    link = link.strip()
    # A base is parsed even for an absolute link (an unparseable one gives None below).
    if _PLAIN_HTTP.fullmatch(link) and (not base or _PLAIN_HTTP.fullmatch(base)):
        return link if is_web_url(link) else None
    try:
        absolute = urljoin(base, link) if base else link
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in HTTP_SCHEMES or not parts.hostname:
        return None
    # Control characters or megabytes make no link the app may open (sanitize's rule).
    return absolute if is_web_url(absolute) else None


def entry_guid(
    entry_id: str | None, link: str | None, title: str, published: float | None, summary: str
) -> str:
    """How an entry is known from one fetch to the next; the one rule for both feed readers.

    Its own id, else its link, else a hash of what it says (the same entry always hashes
    the same). Items already stored were keyed by this rule: changing it would make every
    entry of every feed new again.
    """
    if entry_id and entry_id.strip():
        return entry_id.strip()
    if link:
        return link
    import hashlib  # here: OpenSSL's hashes cost ~5-10 ms to load, and the app's start reads none

    key = "\x1f".join((title, "" if published is None else repr(published), summary))
    return "sha1:" + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()


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


# Elements whose content is never text; elements whose end (and <br>) ends a paragraph;
# elements whose edges are a space (table cells, terms: "<td>a</td><td>b</td>" is "a b").
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_PARAGRAPH_ENDS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"}
)
_SPACED = frozenset({"td", "th", "dt", "dd", "img", "hr", "table", "ul", "ol", "dl", "figure"})
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_MAX_SUMMARY_TEXT = 20_000
# A summary that is plain text or plain "<p>...</p>" paragraphs (no other tag, no
# reference): the parser would hand over its text as written, with "\n\n" at each </p>.
# That is made here without it (~15 us of html.parser an item, in the refresh process's
# writer; tests/fetch/test_itemtext.py holds the two to the same).
_PLAIN_SUMMARY = re.compile(r"[^<&]*|[ \t\n]*(?:<p>[^<&]*</p>[ \t\n]*)+")


class _Text(HTMLParser):
    def __init__(self, paragraphs: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._paragraphs = paragraphs
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif self._paragraphs and tag == "br":
            self.parts.append("\n\n")
        elif self._paragraphs and tag in _SPACED:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif self._paragraphs and tag in _PARAGRAPH_ENDS:
            self.parts.append("\n\n")
        elif self._paragraphs and tag in _SPACED:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(markup: str | None, *, paragraphs: bool = True) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, no script or style.
    The one way feed HTML becomes text (the cleaner reads whole pages and entry content).

    paragraphs: a feed summary for search and the reader, whose block ends and <br>
    become paragraphs and whose spaces are collapsed; otherwise a title or a name, whose
    text is kept as written (its guid may hash it: see entry_guid).
    """
    if not markup:
        return ""
    if not paragraphs and "<" not in markup and "&" not in markup:
        return markup
    if not paragraphs:
        return _parsed_text(markup, paragraphs=False)
    markup = markup[: _MAX_SUMMARY_TEXT * 4]
    if _PLAIN_SUMMARY.fullmatch(markup):
        text = markup.replace("<p>", "").replace("</p>", "\n\n")
    else:
        text = _parsed_text(markup, paragraphs=True)
    # One pass for the whole text (the blanks it collapses are never a line break).
    lines = (line.strip() for line in _BLANKS.sub(" ", text).split("\n"))
    kept: list[str] = []
    blank = False
    for line in lines:
        if line:
            if blank and kept:
                kept.append("")
            kept.append(line)
            blank = False
        else:
            blank = True
    return "\n".join(kept)[:_MAX_SUMMARY_TEXT]


def _parsed_text(markup: str, *, paragraphs: bool) -> str:
    parser = _Text(paragraphs)
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)

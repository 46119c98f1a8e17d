"""What a fetched or saved document is, judged from its type and its first bytes.

Only HTML and XHTML reach the cleaner: a PDF, an image or an archive fed to an HTML parser
comes out as kilobytes of junk "text". Servers mislabel both ways, so the bytes are looked
at even when a type is given (a PDF served as text/html is still a PDF), following the
WHATWG MIME sniffing rules for binary signatures and HTML.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

_SNIFF_BYTES = 4096
# Magic numbers (WHATWG MIME Sniffing, 7.1 and 7.2, plus common archives and documents).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"%!PS-Adobe-", "a PostScript document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BM", "a BMP image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b\x08", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document"),
    (b"OggS\x00", "an Ogg file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"\x1aE\xdf\xa3", "a WebM or Matroska video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x7fELF", "a program"),
    (b"\x00asm", "WebAssembly"),
)
_RIFF = {b"WEBP": "a WebP image", b"WAVE": "a WAV file", b"AVI ": "an AVI video"}
# Bytes that never occur in text (WHATWG "binary data byte").
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF16_LE,
)
# The start of an HTML document: WHATWG's list of tags, and a few that pages open with.
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p"
    rb"|meta|link|article|main|section|header|nav|span|ul|img|noscript|base|form|center)"
    rb"[\s/>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_INSIDE = re.compile(rb"<(?:html|body|article)[\s>]", re.IGNORECASE)
_XML_ROOT = re.compile(
    rb"\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]{0,40})",
    re.DOTALL,
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNSPECIFIC = frozenset({"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"})
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".xht")

Kind = Literal["html", "text", "other"]


@dataclass(frozen=True, slots=True)
class PageType:
    kind: Kind  # html: give it to the cleaner; text: plain text; other: refuse
    what: str  # in words, for the one-line refusal ("a PDF document")


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _signature(head: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if head.startswith(b"RIFF") and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return "an MP4 or QuickTime video"
    return None


def _is_text(head: bytes) -> bool:
    """No NUL and hardly any other binary byte: a stray BEL or ESC in text (hostile or
    careless) keeps it text, for the terminal gate to clean; real binaries are dense."""
    if head.startswith(_UTF16_32_BOMS):
        return True
    return b"\x00" not in head and len(_BINARY.findall(head)) * 50 <= len(head)


def _ascii_view(head: bytes) -> bytes:
    """UTF-16/32 text with its NULs dropped, so the tag patterns can look at it."""
    return head.replace(b"\x00", b"") if head.startswith(_UTF16_32_BOMS) else head


def page_type(body: bytes, content_type: str | None = None, name: str | None = None) -> PageType:
    """What `body` is. `content_type` is the server's header (None for a file); `name` the
    file's name, whose suffix counts only when the bytes leave the question open."""
    mime = _mime(content_type)
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    signature = _signature(head)
    if signature:
        return PageType("other", signature)
    if not _is_text(head):
        return PageType("other", f"binary data ({mime})" if mime else "binary data")
    view = _ascii_view(head)
    if mime in HTML_TYPES:
        return PageType("html", "an HTML page")
    if mime.endswith(("/xml", "+xml")) or (not mime and view.lstrip().startswith(b"<?xml")):
        root = _XML_ROOT.match(view)
        name_ = root.group(1).decode("ascii").lower() if root else ""
        if name_.rsplit(":", 1)[-1] == "html":
            return PageType("html", "an XHTML page")
        return PageType("other", f"an XML document <{name_}>" if name_ else "an XML document")
    if mime not in _UNSPECIFIC and mime != "text/plain":
        return PageType("other", f"not a web page ({mime})")
    # Unlabelled, or labelled text/plain or octet-stream (servers mislabel HTML so): the
    # bytes decide.
    if _HTML_START.match(view) or _HTML_INSIDE.search(view):
        return PageType("html", "an HTML page")
    if mime != "text/plain" and name and name.lower().endswith(_HTML_SUFFIXES):
        return PageType("html", "an HTML page")
    return PageType("text", "plain text")


def media_type(content_type: str | None) -> str:
    """The Content-Type without its parameters, lower-cased ("" when there is none)."""
    return _mime(content_type)


def not_html_reason(body: bytes, content_type: str | None) -> str | None:
    """For a fetched article page: None when it may go to the cleaner, else why not (one
    line, for the store). Text with no markup and no type is left to the cleaner."""
    kind = page_type(body, content_type)
    if kind.kind == "html" or (kind.kind == "text" and not _mime(content_type)):
        return None
    return f"not an HTML page: {kind.what} ({_mime(content_type) or 'no Content-Type'})"

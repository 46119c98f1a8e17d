"""Which fetched pages reach the cleaner: HTML and XHTML only, whatever the server claims.

An item linking to a PDF, an image or an archive must not be "cleaned" into binary junk and
indexed. Content-Type decides, checked against the first bytes: a type that says HTML but a
body that is a known binary format (or holds NUL bytes) is refused; a body that plainly opens
as HTML is accepted under a vague or wrong type (application/octet-stream, text/plain).
"""

from __future__ import annotations

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_VAGUE_TYPES = frozenset({"text/plain", "application/octet-stream", "application/xml", "text/xml"})
_SNIFF_BYTES = 1024
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "a RIFF (WebP, WAV, AVI) file"),
    (b"\x00\x00\x00", "a media file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"\x7fELF", "a program"),
)
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def not_html_reason(body: bytes, content_type: str | None) -> str | None:
    """None when the page may go to the cleaner, else why not (one line, for the store)."""
    kind = media_type(content_type)
    head = body[:_SNIFF_BYTES]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return f"not an HTML page: {what} ({kind or 'no Content-Type'})"
    if b"\x00" in head:
        return f"not an HTML page: binary data ({kind or 'no Content-Type'})"
    if kind in _HTML_TYPES or not kind:
        return None  # (no type at all: not binary, so let the cleaner judge it)
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if kind in _VAGUE_TYPES and opening.startswith(_HTML_OPENINGS):
        if opening.startswith(b"<?xml") and b"<html" not in opening:
            return f"not an HTML page: {kind or 'XML'}"
        return None  # HTML served under a vague type
    return f"not an HTML page: {kind or 'unknown type'}"

"""A page's bytes -> text, before any parser sees them; never fails.

The order is a browser's (WHATWG "encoding sniffing", as w3lib's html_to_unicode follows it):
a byte-order mark, then the HTTP Content-Type charset, then a <meta charset> / <meta
http-equiv> / <?xml encoding> in the first bytes, with the WHATWG label table (latin-1 means
windows-1252, gb2312 means gb18030). Two departures, both on evidence in the bytes
(tui_reader/utf8.py judges them, for feeds too):
- a page whose bytes are valid UTF-8 (its last character may be cut) and hold non-ASCII text
  is read as UTF-8 whatever a header or tag says: servers and templates often claim
  ISO-8859-1 for UTF-8 pages, while legacy text that happens to form valid UTF-8 sequences
  throughout is vanishingly rare;
- a page that declares nothing (or a label no codec knows) is UTF-8 when its bytes mostly
  are, and otherwise goes to a detector (charset-normalizer) instead of a fixed default;
  windows-1252 if it has no answer.
Bytes that do not fit the chosen encoding become U+FFFD instead of raising.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

from ..utf8 import detect_legacy, mostly_utf8, strict_utf8

Source = Literal["bom", "http", "meta", "utf-8", "detected", "default", "text"]

_FALLBACK = "cp1252"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    source: Source  # what decided the encoding


def decode_html(
    body: bytes | str, content_type: str | None = None, *, markup: bool = True
) -> Decoded:
    """The page as text. `content_type` is the HTTP Content-Type header, if known;
    `markup=False` for plain text (no <meta> to read)."""
    if isinstance(body, str):
        return Decoded(body, "utf-8", "text")
    from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

    bom_encoding, bom = read_bom(body)
    if bom_encoding is not None and bom is not None:
        return Decoded(_decode(body[len(bom) :], bom_encoding), _name(bom_encoding), "bom")
    declared: str | None = http_content_type_encoding(content_type) if content_type else None
    source: Source = "http"
    if declared is None and markup:
        declared, source = html_body_declared_encoding(body), "meta"
    if declared is not None and _name(declared).startswith(("utf-16", "utf-32")):
        if source == "meta":
            declared = "utf-8"  # a tag readable as ASCII cannot be UTF-16 (WHATWG)
        else:
            if declared in ("utf-16", "utf-32"):
                declared += "-le"  # without a BOM, WHATWG reads utf-16 as little-endian
            return Decoded(_decode(body, declared), _name(declared), source)
    utf8 = strict_utf8(body)
    if utf8 is not None and (declared is None or not utf8.isascii()):
        said = declared is not None and _name(declared) == "utf-8"
        return Decoded(utf8, "utf-8", source if said else "utf-8")
    if declared is not None:
        return Decoded(_decode(body, declared), _name(declared), source)
    if (mostly := mostly_utf8(body)) is not None:
        return Decoded(mostly, "utf-8", "utf-8")
    detected = detect_legacy(body)
    if detected is not None:
        return Decoded(_decode(body, detected), _name(detected), "detected")
    return Decoded(_decode(body, _FALLBACK), _FALLBACK, "default")


def _decode(body: bytes, encoding: str) -> str:
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode(_FALLBACK, errors="replace")


def _name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return _FALLBACK

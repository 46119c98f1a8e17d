"""Make untrusted XML bytes safe to hand to a parser: pick the encoding, defuse the DOCTYPE.

feedparser re-inserts "safe" entity declarations of any length and its loose parser then
expands them (a 106 KB feed reached 607 MB), and expat is only as safe as its build. So the
prolog is rebuilt here before any parser sees it: the XML declaration says UTF-8, comments,
processing instructions and junk before the root element go, and the DOCTYPE is replaced by
one that declares only short literal entities (`&copy;` style), never external or parameter
entities. Everything here runs in linear time on the input.

`check_bounds()` then measures the document in one linear pass before any parser sees it:
feedparser (through the standard library's SAX attributes) is quadratic in the attributes of
one element (60,000 of them took 27.7 s) and in the namespaces declared, and its cost grows
with size and element count, so each of those has a limit of its own.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import FeedParseError
from ..utf8 import detect_legacy, mostly_utf8, strict_utf8

# Entities whose value is a character reference or a short literal are kept: even referenced
# once every 4 bytes they expand a document by at most ~8x.
_MAX_ENTITY_VALUE = 32
_SAFE_ENTITY = re.compile(
    r"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"<&%]*|&\#x?[0-9A-Fa-f]+;)"|'([^'<&%]*|&\#x?[0-9A-Fa-f]+;)')\s*>"""
)
# One token of a DOCTYPE declaration: text, a quoted string, a comment, or a bracket/angle.
_DOCTYPE_TEXT = re.compile(r"""[^"'\[\]<>]+""")
_XML_DECL_ENCODING = re.compile(
    rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_NAME_START = re.compile(r"[A-Za-z_:\u00c0-\uffff]")

# Codecs Python can decode with but that no feed should be decoded with (escape-sequence
# codecs turn plain bytes into other characters; UTF-7 is a classic filter bypass).
_REFUSED_CODECS = frozenset(
    {"unicode_escape", "raw_unicode_escape", "punycode", "idna", "utf_7", "undefined"}
)
# What browsers actually use for these labels (WHATWG Encoding).
_UPGRADES = {"ascii": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252", "gb2312": "gb18030"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# '<?' or '<' followed by a name in UTF-16/32 without a BOM (XML spec, appendix F).
_NO_BOM = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def codec_name(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None when unknown or refused."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().lower())
    except LookupError:
        return None
    name = info.name.replace("-", "_")
    if name in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return _UPGRADES.get(name, info.name)


def charset_of(content_type: str | None) -> str | None:
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def strip_bom(body: bytes) -> tuple[bytes, str | None]:
    """(body without its byte order mark, the encoding the mark or the first bytes imply)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :], name
    for start, name in _NO_BOM:
        if body.startswith(start):
            return body, name
    return body, None


def decode_document(body: bytes, content_type: str | None) -> tuple[str, str | None]:
    """Decode a document: BOM, then the HTTP charset, then the XML declaration, then UTF-8.

    Never fails: when no candidate decodes cleanly, bytes that do not fit are replaced and
    the second value says so (it is None when the declared encoding worked).
    """
    body, bom = strip_bom(body)
    declared: str | None = None
    if bom is None:
        match = _XML_DECL_ENCODING.match(body[:300].lstrip())
        declared = match.group(1).decode("ascii") if match else None
    labels = [bom, charset_of(content_type), declared]
    candidates: list[str] = []
    unknown: str | None = None
    for label in labels:
        name = codec_name(label)
        if name and name not in candidates:
            candidates.append(name)
        elif label and not name:
            unknown = unknown or label
    first = candidates[0] if candidates else None
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    for name in candidates:
        try:
            text = strict_utf8(body) if name == "utf-8" else body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if text is None:
            continue
        if first not in (None, name):
            return text, f"declared {first}, decoded as {name}"
        return text, (f"unknown encoding {unknown!r}, decoded as {name}" if unknown else None)
    if first is None and mostly_utf8(body) is None:
        guess = codec_name(detect_legacy(body))
        if guess:
            try:
                return body.decode(guess), f"no encoding declared, guessed {guess}"
            except (UnicodeDecodeError, LookupError):
                pass
    name = first or "utf-8"
    return body.decode(name, "replace"), f"bytes that are not valid {name} were replaced"


@dataclass(frozen=True, slots=True)
class Prolog:
    root_start: int  # index of the root element's "<", or -1 when there is none
    root_name: str
    doctype: str | None  # the DOCTYPE declaration as written, if any


def scan_prolog(text: str) -> Prolog:
    """Find the root element, skipping the declaration, comments, PIs, DOCTYPE and junk."""
    i, n = 0, len(text)
    doctype: str | None = None
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            break
        if text.startswith("<?", lt):
            end = text.find("?>", lt + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            i = n if end < 0 else end + 3
        elif text[lt + 2 : lt + 9].upper() == "DOCTYPE" and text.startswith("<!", lt):
            end = _doctype_end(text, lt)
            doctype = text[lt:end]
            i = end
        elif text.startswith("<!", lt):
            end = text.find(">", lt)
            i = n if end < 0 else end + 1
        elif _NAME_START.match(text, lt + 1):
            name = re.match(r"[^\s/>]{1,100}", text[lt + 1 : lt + 101])
            return Prolog(lt, name.group(0) if name else "", doctype)
        else:
            i = lt + 1
    return Prolog(-1, "", doctype)


def _doctype_end(text: str, start: int) -> int:
    """Index just past the DOCTYPE that starts at `start` (quotes, subset and comments aware).

    An unterminated quote or comment runs to the end of the text: the document is broken.
    """
    pos, subset, n = start + 9, False, len(text)
    while pos < n:
        match = _DOCTYPE_TEXT.match(text, pos)
        if match:
            pos = match.end()
            continue
        char = text[pos]
        if char in "\"'":
            end = text.find(char, pos + 1)
            pos = n if end < 0 else end + 1
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            pos = n if end < 0 else end + 3
        else:
            pos += 1
            if char == "[":
                subset = True
            elif char == "]":
                subset = False
            elif char == ">" and not subset:
                return pos
    return n


def safe_entities(doctype: str | None) -> dict[str, str]:
    """The short literal entity declarations of a DOCTYPE's internal subset."""
    if not doctype or "[" not in doctype:
        return {}
    entities: dict[str, str] = {}
    for match in _SAFE_ENTITY.finditer(doctype):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if len(value) <= _MAX_ENTITY_VALUE and match.group(1) not in entities:
            entities[match.group(1)] = value
    return entities


def defuse(text: str) -> tuple[str, Prolog]:
    """The document with a rebuilt prolog: UTF-8 declaration, only safe entities, no junk.

    Returns the text unchanged after the root element's start; the Prolog says where the
    root was (root_start == -1: no element at all, the text is not XML).
    """
    prolog = scan_prolog(text)
    if prolog.root_start < 0:
        return text, prolog
    head = ['<?xml version="1.0" encoding="utf-8"?>\n']
    entities = safe_entities(prolog.doctype)
    if entities:
        root = re.sub(r"[^\w:.-]", "", prolog.root_name) or "feed"
        head.append(f"<!DOCTYPE {root} [\n")
        head.extend(f'<!ENTITY {name} "{value}">\n' for name, value in entities.items())
        head.append("]>\n")
    return "".join(head) + text[prolog.root_start :], prolog


@dataclass(frozen=True, slots=True)
class Limits:
    """What a document may hold before it is refused unparsed (far above real feeds:
    a 50,000-item feed has ~400,000 elements; feeds declare ~20 namespaces at most)."""

    chars: int = 16 * 1024 * 1024  # 1.6x the default fetch cap; feedparser: ~0.5 MB/s at worst
    elements: int = 1_000_000
    depth: int = 1024
    attributes: int = 64  # on one element
    namespaces: int = 64  # xmlns declarations in the whole document


FEED_LIMITS = Limits()

# One scan over the markup: CDATA sections and comments whole (their text is not markup),
# declarations and PIs, and tags with their attributes, quoted values whole. Every
# quantifier is possessive and every terminator optional, so a match never fails after it
# starts: an unterminated section or tag runs to the end of the text, and nothing is ever
# scanned twice (a hostile "<a <a <a ..." would otherwise be quadratic).
_MARKUP = re.compile(
    r"""<!\[CDATA\[(?:[^\]]++|\](?!\]>))*+(?:\]\]>)?"""
    r"""|<!--(?:[^-]++|-(?!->))*+(?:-->)?"""
    r"""|<[!?][^>]*+>?"""
    r"""|<(/?)([^\s/>!?<][^\s/><]*+)((?:[^>"']++|"[^"]*+"?|'[^']*+'?)*+)>?"""
)
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+\s*=\s*(?:"[^"]*+"|'[^']*+'|[^\s>"']++)""")
_NAMESPACE = re.compile(r"(?:^|\s)xmlns(?::[^\s=]+)?\s*=")
# HTML's void elements, never closed in the raw HTML of ill-formed feeds: not nesting.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_MIN_ATTRIBUTE_CHARS = 5  # ' a=""'


def check_size(length: int, limits: Limits = FEED_LIMITS) -> None:
    """Refuse a document longer than the parse bound (JSON Feeds too: one rule)."""
    if length > limits.chars:
        raise FeedParseError(f"feed refused: {length:,} characters (the limit is {limits.chars:,})")


def check_bounds(document: str, limits: Limits = FEED_LIMITS) -> None:
    """Refuse, with one FeedParseError line, a document beyond `limits`. One linear pass.

    Depth follows start and end tags by name, so an ill-formed feed's unclosed <br> inside
    an item does not count as nesting; text in CDATA and comments is not markup.
    """
    check_size(len(document), limits)
    elements = closings = namespaces = 0
    open_tags: list[str] = []
    open_count: dict[str, int] = {}  # how many of each name are open, to match end tags
    many_attributes = limits.attributes * _MIN_ATTRIBUTE_CHARS
    for match in _MARKUP.finditer(document):
        closing, name, attributes = match.groups()
        if name is None:
            continue  # CDATA, a comment, a declaration or a PI
        if closing:
            if open_tags and open_tags[-1] == name:
                open_tags.pop()
                open_count[name] -= 1
                continue
            if open_count.get(name, 0) > 0:
                # Unclosed tags above it (raw HTML such as <br> in an ill-formed feed) end
                # with it, as parsers recover; each tag is pushed and popped once.
                while (top := open_tags.pop()) != name:
                    open_count[top] -= 1
                open_count[name] -= 1
                continue
            closings += 1  # stray end tags cost the parsers as much as elements
            if closings > limits.elements:
                raise FeedParseError(f"feed refused: more than {limits.elements:,} end tags")
            continue
        elements += 1
        if elements > limits.elements:
            raise FeedParseError(f"feed refused: more than {limits.elements:,} elements")
        if len(attributes) > many_attributes:
            count = len(_ATTRIBUTE.findall(attributes))
            if count > limits.attributes:
                raise FeedParseError(
                    f"feed refused: <{name[:40]}> has {count:,} attributes "
                    f"(the limit is {limits.attributes})"
                )
        if "xmlns" in attributes:
            namespaces += len(_NAMESPACE.findall(attributes))
            if namespaces > limits.namespaces:
                raise FeedParseError(
                    f"feed refused: more than {limits.namespaces} namespace declarations"
                )
        if not attributes.endswith("/") and name.lower() not in _VOID:
            open_tags.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(open_tags) > limits.depth:
                raise FeedParseError(
                    f"feed refused: elements nested more than {limits.depth:,} deep"
                )

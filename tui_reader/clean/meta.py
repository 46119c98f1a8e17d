"""Title, byline, date and site name read from a page's tree (never by regex over raw HTML)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .text import normalize_space

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—·:»]\s+")
_MAX_JSONLD_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str = ""
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    description: str = ""
    # Every title-like string on the page (<title>, og:title, h1): a body block that repeats
    # one of them is the headline again, not the story.
    title_variants: tuple[str, ...] = ()
    paywall: bool = False  # a "subscribe to continue reading" box somewhere on the page


def read_meta(doc: HtmlElement, url: str | None = None) -> PageMeta:
    metas = _meta_tags(doc)
    ld = _json_ld(doc)
    head_title = _text(doc.find(".//title"))
    h1 = _text(next(doc.iter("h1"), None))
    og_title = metas.get("og:title") or metas.get("twitter:title") or ""
    site = metas.get("og:site_name") or metas.get("application-name") or _str(ld.get("site"))
    if not site and url:
        site = urlsplit(url).hostname or None
    title = _choose_title(og_title, h1, head_title, site)
    byline = (
        metas.get("author")
        or _str(ld.get("author"))
        or _first_text(doc, "//*[@rel='author' or @itemprop='author']")
        or metas.get("dc.creator")
    )
    if byline and byline.startswith(("http://", "https://")):
        byline = None
    published = (
        metas.get("article:published_time")
        or metas.get("datepublished")
        or _str(ld.get("date"))
        or _first_attr(doc, "//*[@itemprop='datePublished']", ("content", "datetime"))
        or _first_attr(doc, "//time[@datetime]", ("datetime",))
        or metas.get("date")
        or metas.get("dc.date")
    )
    published = _iso_date(published) if published else None
    description = metas.get("og:description") or metas.get("description") or ""
    variants = tuple(v for v in {og_title, h1, head_title, title} if v)
    return PageMeta(
        title=title,
        byline=byline or None,
        published=published or None,
        site=site or None,
        description=description,
        title_variants=variants,
        paywall=_has_paywall_box(doc),
    )


def _has_paywall_box(doc: HtmlElement) -> bool:
    """Paywall wording in any visible text of the page (readability may leave the box out)."""
    from .cruft import says_cut_short

    body = doc.find("body")
    if body is None:
        return False
    for elem in body.iter("p", "h2", "h3", "h4", "h5", "div", "span", "strong"):
        text = elem.text
        if text and len(text) > 20 and says_cut_short(text) and not _hidden(elem):
            return True
    return False


def _hidden(elem: HtmlElement) -> bool:
    """Hidden in the markup itself (a paywall template the site shows only to some readers)."""
    from readability.readability import REGEXES

    display_none = REGEXES["displayNoneRe"]
    node: HtmlElement | None = elem
    while node is not None:
        if node.get("hidden") is not None or display_none.search(node.get("style") or ""):
            return True
        node = node.getparent()
    return False


def _choose_title(og_title: str, h1: str, head_title: str, site: str | None) -> str:
    if og_title:
        return og_title
    if h1 and head_title and h1.lower() in head_title.lower():
        return h1
    if head_title:
        parts = _TITLE_SEPARATORS.split(head_title)
        if len(parts) > 1:
            # Drop a trailing (or leading) site name: the shorter end segment.
            if site and parts[-1].strip().lower() == site.lower():
                return " - ".join(parts[:-1])
            if site and parts[0].strip().lower() == site.lower():
                return " - ".join(parts[1:])
            if len(parts[-1].split()) <= 4 and len(parts[0].split()) > 3:
                return " - ".join(parts[:-1])
        return head_title
    return h1


def _meta_tags(doc: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content:
            key = key.strip().lower()
            value = normalize_space(content)
            if value and key not in found:
                found[key] = value
    return found


def _json_ld(doc: HtmlElement) -> dict[str, Any]:
    """author/date/site from the first schema.org Article-like object, if any."""
    for script in doc.iterfind(".//script[@type='application/ld+json']"):
        raw = script.text or ""
        if not raw or len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # sites ship broken JSON-LD; the other sources still apply
        for obj in _ld_objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k.endswith(("Article", "Posting")) for k in kinds):
                continue
            publisher = obj.get("publisher")
            return {
                "author": _ld_name(obj.get("author")),
                "date": obj.get("datePublished"),
                "site": _ld_name(publisher),
            }
    return {}


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [o for item in data for o in _ld_objects(item)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data] + (_ld_objects(graph) if isinstance(graph, list) else [])
    return []


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _str(value.get("name"))
    return _str(value)


def _str(value: Any) -> str | None:
    return normalize_space(value) or None if isinstance(value, str) else None


def _text(elem: HtmlElement | None) -> str:
    return normalize_space(elem.text_content()) if elem is not None else ""


def _first_text(doc: HtmlElement, xpath: str) -> str | None:
    for elem in doc.xpath(xpath):
        text = _text(elem)
        if text and len(text) <= 100:
            return text
    return None


def _first_attr(doc: HtmlElement, xpath: str, attrs: tuple[str, ...]) -> str | None:
    for elem in doc.xpath(xpath):
        for attr in attrs:
            value = elem.get(attr)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def _iso_date(value: str) -> str:
    """The page's date as is when it is ISO 8601; an RFC 2822 date converted to ISO."""
    from datetime import datetime
    from email.utils import parsedate_to_datetime

    value = value.strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value

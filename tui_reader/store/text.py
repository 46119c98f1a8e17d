"""Text on its way into the cache: storable by SQLite, bounded, normalised for matching."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from typing import TypeVar, cast

from ..models import Article, FeedItem

_T = TypeVar("_T")

MAX_ERROR_CHARS = 500


def entity_key(name: str) -> str:
    """The form entity names are matched by: NFKC, case-folded, spaces collapsed, no "the"."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    key = key.strip(".,;:!?'\"“”‘’()[]")
    if key.startswith("the "):
        key = key[4:]
    return key


def utf8(text: _T) -> _T:
    """Text SQLite can store: lone surrogates (a JSON feed's "\\ud800", an undecodable
    command-line argument) become U+FFFD instead of failing the whole write."""
    if not isinstance(text, str) or text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return cast(_T, text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    return text


def storable_item(item: FeedItem) -> FeedItem:
    """The item with every text field passed through utf8() (itself when nothing changed)."""
    fields = ("guid", "title", "link", "author", "summary", "content")
    fixed = {name: utf8(getattr(item, name)) for name in fields}
    if all(fixed[name] is getattr(item, name) for name in fields):
        return item
    return dataclasses.replace(item, **fixed)


def storable_article(article: Article) -> Article:
    """The article with its stored text fields passed through utf8()."""
    return dataclasses.replace(
        article,
        title=utf8(article.title),
        byline=utf8(article.byline),
        markdown=utf8(article.markdown),
        text=utf8(article.text),
        links=tuple(utf8(link) for link in article.links),
    )


def one_line(message: str) -> str:
    """An error message as one line of bounded length."""
    line = " ".join(message.split())
    return line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…"


def clean_tag(tag: str) -> str:
    """A tag is a one-line label: no controls or invisible format characters."""
    return " ".join("".join(ch for ch in utf8(tag) if ch.isprintable() or ch.isspace()).split())


def clean_tags(tags: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in map(clean_tag, tags):
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


# Characters that would turn plain summary text into Markdown markup or HTML.
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})


def markdown_escape(text: str) -> str:
    """Plain text that a Markdown renderer shows literally."""
    return text.translate(_MARKDOWN_SPECIAL)

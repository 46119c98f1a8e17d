"""Text on its way into the cache: storable by SQLite, bounded, normalised for matching."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TypeVar, cast

from ..entities.key import entity_key as entity_key  # the entities package owns the rule
from ..entities.key import is_acronym_form as is_acronym_form
from ..models import Article, Block, FeedItem
from ..sanitize import terminal_text

_T = TypeVar("_T")
# A stored error (a feed's, a page's) is one line of at most this many characters.
MAX_ERROR_CHARS = 500
_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8(text: _T) -> _T:
    """Text SQLite can store: lone surrogates (a JSON feed's "\\ud800", an undecodable
    command-line argument) become U+FFFD instead of failing the whole write. One character
    for one, so offsets into the text (a block's link spans) stay true."""
    if not isinstance(text, str) or text.isascii() or _SURROGATE.search(text) is None:
        return text
    return cast(_T, _SURROGATE.sub("\ufffd", text))


def storable_item(item: FeedItem) -> FeedItem:
    """The item with every text field passed through utf8() (itself when nothing changed)."""
    fields = ("guid", "title", "link", "author", "summary", "content")
    fixed = {name: utf8(getattr(item, name)) for name in fields}
    if all(fixed[name] is getattr(item, name) for name in fields):
        return item
    return dataclasses.replace(item, **fixed)


def storable_article(article: Article) -> Article:
    """The article with its stored text fields passed through utf8() (itself when nothing
    changed: the usual case, and a copy cost ~15 us an article)."""
    byline, text = utf8(article.byline), utf8(article.text)
    blocks = tuple(_storable_block(block) for block in article.blocks)
    links = tuple(utf8(link) for link in article.links)
    if (
        byline is article.byline
        and text is article.text
        and all(new is old for new, old in zip(blocks, article.blocks, strict=True))
        and all(new is old for new, old in zip(links, article.links, strict=True))
    ):
        return article
    return dataclasses.replace(article, byline=byline, blocks=blocks, text=text, links=links)


def _storable_block(block: Block) -> Block:
    text = utf8(block.text)
    if text is block.text:
        return block
    return dataclasses.replace(block, text=text, items=tuple(utf8(item) for item in block.items))


def clean_tag(tag: str) -> str:
    """A tag is a one-line label: no controls or invisible format characters."""
    return " ".join(terminal_text(utf8(tag), single_line=True).split())


def clean_tags(tags: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in map(clean_tag, tags):
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())

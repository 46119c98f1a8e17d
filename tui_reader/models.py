"""Plain data passed between the core modules and the app. No I/O, no behaviour beyond
reading the data itself."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_D = TypeVar("_D", bound="DataclassInstance")


EntityType = Literal["PERSON", "ORG", "PLACE", "NORP", "MISC"]
BlockKind = Literal["heading", "paragraph", "list", "quote", "code", "caption"]


def pickled_as_call(cls: type[_D]) -> type[_D]:
    """A frozen dataclass with slots, pickled as a call of its class with its fields in
    order: what crosses to and from the worker processes (parsed feeds, cleaning jobs and
    their articles). Pickle's default for slots goes through dataclasses' __getstate__ and
    __setstate__, which look the fields up and set each one in Python, object by object.
    A cold refresh's 500 parsed feeds and 10,000 jobs and cleaned articles: ~95 -> ~49 ms
    in the refresh process (jobs pickled, results unpickled), ~89 -> ~39 ms in the
    workers. For a class no other class derives from, with every field an __init__
    argument by position and no __post_init__."""
    declared = fields(cls)
    if any(not f.init or f.kw_only for f in declared) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} cannot be pickled as a call of its fields")
    values = operator.attrgetter(*(f.name for f in declared))
    single = len(declared) == 1

    def __reduce__(self: _D) -> tuple[type[_D], tuple[Any, ...]]:
        found = values(self)
        return cls, ((found,) if single else found)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - mypy refuses assigning a method
    return cls


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored, with its refresh status and counts."""

    id: int
    url: str
    title: str
    site_url: str | None = None
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    last_ok_at: float | None = None  # epoch seconds
    last_error: str | None = None
    last_error_at: float | None = None
    error_count: int = 0  # consecutive failures; reset by a good refresh
    retry_after: float | None = None  # epoch seconds before which we must not ask again
    gone_at: float | None = None  # epoch seconds of the 410 Gone that said it went for good
    unread: int = 0
    total: int = 0

    @property
    def name(self) -> str:
        return self.title or self.url


@pickled_as_call
@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry as parsed from a feed, before it is stored."""

    guid: str
    title: str
    link: str | None = None
    author: str | None = None
    published: float | None = None  # epoch seconds, UTC
    summary: str = ""  # may be HTML
    content: str = ""  # full HTML content (content:encoded, atom:content) or ""


@pickled_as_call
@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    site_url: str | None
    items: tuple[FeedItem, ...]
    warning: str | None = None  # e.g. feedparser's bozo message for an ill-formed feed


# (start, end, number): text[start:end] links to the article's links[number - 1].
LinkSpan = tuple[int, int, int]


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Block:
    """A block of a cleaned article: the one form the store keeps and the reader draws.

    For kind == "list", `text` is the items joined by newlines and `items` holds them.
    """

    kind: BlockKind
    text: str
    level: int = 0  # heading level 1-6; 1 for an ordered list, 0 for a bulleted one
    items: tuple[str, ...] = ()
    links: tuple[LinkSpan, ...] = ()  # in order, never overlapping, offsets into `text`

    def list_items(self) -> list[tuple[str, list[LinkSpan]]]:
        """A list's items, each with the link spans that fall in it (relative to the item)."""
        out: list[tuple[str, list[LinkSpan]]] = []
        offset = 0
        for item in self.items:
            end = offset + len(item)
            out.append(
                (item, [(a - offset, b - offset, n) for a, b, n in self.links if offset <= a < end])
            )
            offset = end + 1
        return out


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Article:
    """The cleaner's output for one page or feed entry."""

    title: str
    byline: str | None
    published: str | None  # as found on the page (ISO 8601 when it can be parsed)
    site: str | None
    blocks: tuple[Block, ...]
    text: str  # paragraphs separated by blank lines; what search and entities read
    truncated: bool  # the page holds only part of the story (paywall, "continue reading")
    cleaner_version: int
    links: tuple[str, ...] = ()  # http(s) links in reading order; a LinkSpan's number - 1
    # Why only part of the page was read (clean/bounds.py), for the user; "" when read whole.
    note: str = ""


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Entity:
    type: EntityType
    name: str  # canonical name, e.g. "Hulusi Akar"
    aliases: tuple[str, ...] = ()  # other forms seen, e.g. ("Akar",)
    count: int = 1  # mentions in the text, aliases included
    first_offset: int = 0  # character offset of the first mention


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    link: str | None
    published: float | None
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the reader pane shows for one article."""

    row: ArticleRow
    author: str | None  # the feed's author, else the byline the cleaner found
    blocks: tuple[Block, ...]  # the cleaned article; () until cleaned (then `text` is shown)
    text: str  # the cleaned text, or the feed summary as text
    truncated: bool
    links: tuple[str, ...] = ()
    page_status: str | None = None  # "ok", "error: ...", None when never fetched
    note: str = ""  # why only part of the page was read, when the cleaner knows (Article.note)


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity with the number of cached articles that mention it."""

    id: int
    type: EntityType
    name: str
    articles: int
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What the article list shows. Fields combine with AND; None means no constraint."""

    feed_id: int | None = None
    tag: str | None = None
    unread_only: bool = False
    starred_only: bool = False
    query: str | None = None  # full-text (FTS5) over title and text
    entity_id: int | None = None
    ids: tuple[int, ...] | None = field(default=None)  # an explicit set (tests, palette)


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    """A subscription as a sync server lists it (ids are the server's, as strings)."""

    id: str
    url: str
    title: str
    category: str | None = None  # the server's category or folder; becomes a tag here
    site_url: str | None = None


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """An article as a sync server gives it, with its read/starred state there."""

    id: str
    feed_id: str
    title: str
    link: str | None
    author: str | None
    published: float | None  # epoch seconds
    content: str  # HTML as the server gives it
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the header and `sync` say about the sync server."""

    pending: int  # local marks waiting for the server
    last_ok_at: float | None
    last_error: str | None  # the last attempt's one-line failure; None after a good sync

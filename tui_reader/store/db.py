"""The Store: every read and write of the cache.

CONTRACT (filled in by the store work; signatures are fixed, other modules depend on them).
Thread-safety: one sqlite3 connection opened with check_same_thread=False, every public
method serialised by an RLock, so app workers and the event loop may share one Store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..models import (
    Article,
    ArticleFilter,
    ArticleRow,
    ArticleView,
    Entity,
    EntityCount,
    EntityType,
    Feed,
    ParsedFeed,
)


class Store:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- feeds ---------------------------------------------------------------------------
    def add_feed(
        self, url: str, *, title: str = "", tags: Sequence[str] = (), site_url: str | None = None
    ) -> Feed:
        """Subscribe; raises DuplicateFeedError when the URL is already there."""
        raise NotImplementedError

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe and delete the feed's items, except starred ones (kept, feedless)."""
        raise NotImplementedError

    def feeds(self) -> list[Feed]:
        """All feeds with unread/total counts, ordered by title."""
        raise NotImplementedError

    def feed(self, feed_id: int) -> Feed:
        """Raises NotFoundError."""
        raise NotImplementedError

    def find_feed(self, key: str) -> Feed | None:
        """A feed by id ("3"), exact URL, or case-insensitive title."""
        raise NotImplementedError

    def tags(self) -> list[str]:
        raise NotImplementedError

    # -- refresh results (each is one transaction) ---------------------------------------
    def record_feed_ok(
        self,
        feed_id: int,
        parsed: ParsedFeed,
        *,
        etag: str | None,
        last_modified: str | None,
        now: float,
        final_url: str | None = None,
    ) -> list[int]:
        """Upsert items by guid, update title/site/validators, clear errors; new item ids.

        An item already stored keeps its read/starred state; its title/summary/content
        are updated when the feed changed them. A feed title is only set when the user
        never gave one.
        """
        raise NotImplementedError

    def record_feed_not_modified(self, feed_id: int, *, now: float) -> None:
        raise NotImplementedError

    def record_feed_error(
        self, feed_id: int, message: str, *, now: float, retry_after: float | None = None
    ) -> None:
        """Store the error and bump the count; nothing else about the feed changes."""
        raise NotImplementedError

    # -- article pages (raw HTML, zlib-compressed) ---------------------------------------
    def items_without_page(self, item_ids: Iterable[int] | None = None) -> list[tuple[int, str]]:
        """(item id, link) of items with an http(s) link and no stored page attempt."""
        raise NotImplementedError

    def store_page(
        self, item_id: int, *, status: str, html: bytes | None, url: str | None, now: float
    ) -> None:
        """status is "ok" or a one-line error; html is the raw page bytes (decoded-size capped)."""
        raise NotImplementedError

    def page_html(self, item_id: int) -> bytes | None:
        raise NotImplementedError

    # -- cleaned article and entities ----------------------------------------------------
    def item_sources(self, item_id: int) -> tuple[str, str, str | None, bytes | None]:
        """(feed content html, feed summary html, link, raw page bytes or None) for cleaning."""
        raise NotImplementedError

    def items_needing_clean(self, cleaner_version: int, limit: int = 1000) -> list[int]:
        """Items never cleaned, or cleaned by an older cleaner version."""
        raise NotImplementedError

    def store_article(self, item_id: int, article: Article, *, source: str) -> None:
        """Save Markdown + text (+ FTS row); source is "page" or "feed"."""
        raise NotImplementedError

    def items_needing_entities(self, extractor_version: str, limit: int = 1000) -> list[int]:
        """Cleaned items whose entities are missing or from another extractor version."""
        raise NotImplementedError

    def article_text(self, item_id: int) -> str:
        raise NotImplementedError

    def store_entities(
        self, item_id: int, entities: Sequence[Entity], *, extractor_version: str
    ) -> None:
        """Replace the item's entity mentions (one transaction)."""
        raise NotImplementedError

    # -- listing and reading -------------------------------------------------------------
    def article_ids(self, flt: ArticleFilter = ArticleFilter()) -> list[int]:
        """Ids matching the filter, newest first (published, then id). One indexed query."""
        raise NotImplementedError

    def article_rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for these ids, in the order given (the list fetches one screenful at a time)."""
        raise NotImplementedError

    def article(self, item_id: int) -> ArticleView:
        """Raises NotFoundError."""
        raise NotImplementedError

    def set_read(self, item_id: int, read: bool = True) -> None:
        raise NotImplementedError

    def set_starred(self, item_id: int, starred: bool) -> None:
        raise NotImplementedError

    def unread_count(self) -> int:
        raise NotImplementedError

    def search(self, query: str, *, limit: int = 50) -> list[ArticleRow]:
        """Full-text search (FTS5) over title and text, best match first. Any user string is
        accepted: it is turned into a safe FTS query, never passed raw."""
        raise NotImplementedError

    # -- entities across the cache -------------------------------------------------------
    def top_entities(
        self, *, type: EntityType | None = None, feed_id: int | None = None, limit: int = 50
    ) -> list[EntityCount]:
        """Entities by number of articles mentioning them. One indexed query."""
        raise NotImplementedError

    def article_entities(self, item_id: int) -> list[EntityCount]:
        """The entities of one article (mentions = in this article, articles = in the cache)."""
        raise NotImplementedError

    def find_entity(self, name: str) -> list[EntityCount]:
        """Entities whose canonical name or an alias equals name (case-insensitive)."""
        raise NotImplementedError

    # -- upkeep --------------------------------------------------------------------------
    def prune(self, *, older_than_days: int, now: float) -> int:
        """Delete read, unstarred items older than the limit; returns how many."""
        raise NotImplementedError

    def integrity_check(self) -> str:
        """'ok' or SQLite's complaint."""
        raise NotImplementedError


def open_store(path: Path, *, readonly: bool = False) -> Store:
    """Open (creating and migrating when needed) the database at path.

    A corrupt file is moved to backups/ with a timestamp and a clear StoreError raised; a
    read-only or full disk gives a StoreError saying so.
    """
    return Store(path, readonly=readonly)

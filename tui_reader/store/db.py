"""The Store: every read and write of the cache.

Thread-safety: two sqlite3 connections opened with check_same_thread=False, one for writes
and one read-only for queries, each serialised by its own lock. App workers and the event loop
share one Store, and a long write (a 50,000-item feed) never blocks the list or the reader:
they read the last commit (WAL).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from ..errors import DuplicateFeedError, NotFoundError
from ..models import (
    Article,
    ArticleFilter,
    ArticleRow,
    ArticleView,
    Entity,
    EntityCount,
    EntityType,
    Feed,
    FeedItem,
    ParsedFeed,
)
from ..urls import canonical_url
from .connect import connect, open_reader, store_error
from .fts import fts_query
from .text import (
    clean_tag,
    clean_tags,
    entity_key,
    html_text,
    markdown_escape,
    one_line,
    storable_article,
    storable_item,
    utf8,
)

_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")

MAX_ENTITY_NAME_CHARS = 200
# A retry_after this large is already an epoch time, not a delay in seconds.
_EPOCH_THRESHOLD = 1e9
# Title weighs more than body in the ranking (bm25 column weights: title, body).
_RANK = "bm25(search, 5.0, 1.0)"
# Ranking every match of a word found in nearly every article ("the") costs ~1.5 µs each;
# such a query ranks only its newest SEARCH_CANDIDATES matches.
SEARCH_CANDIDATES = 5000
# Above this many matches a list filter by query scans the list's index (see article_ids).
FTS_SCAN_THRESHOLD = 8000

_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.tags, f.etag, f.last_modified, f.last_ok_at, "
    "f.last_error, f.last_error_at, f.error_count, f.retry_after"
)
_ROW_COLUMNS = (
    "i.id, coalesce(i.feed_id, 0), "
    "coalesce(nullif(f.title, ''), f.url, nullif(i.origin_title, ''), i.origin_url, ''), "
    "i.title, i.link, i.published, i.read, i.starred"
)


def _store_call(
    lock_name: str,
) -> Callable[[Callable[Concatenate[Store, _P], _R]], Callable[Concatenate[Store, _P], _R]]:
    """Serialise a public method on one of the Store's locks and turn SQLite failures into
    StoreError. Integrity and programming errors are bugs, not conditions a user can act
    on: they pass."""

    def decorate(
        method: Callable[Concatenate[Store, _P], _R],
    ) -> Callable[Concatenate[Store, _P], _R]:
        @functools.wraps(method)
        def wrapper(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            with getattr(self, lock_name):
                try:
                    return method(self, *args, **kwargs)
                except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                    raise
                except sqlite3.DatabaseError as exc:
                    raise store_error(exc, self.path) from exc

        return wrapper

    return decorate


# Writers share one connection and lock; readers another, so a long write (a 50,000-item
# feed) never makes the list or the reader pane wait: WAL lets them read the last commit.
_writes = _store_call("_lock")
_reads = _store_call("_read_lock")


def _guid(item: FeedItem) -> str:
    if item.guid:
        return item.guid
    if item.link:
        return item.link
    # No id and no link: the content itself identifies the entry.
    digest = hashlib.sha256(f"{item.title}\0{item.summary}\0{item.content}".encode())
    return "sha256:" + digest.hexdigest()


def _sort_key(published: float | None, now: float) -> float:
    # A date in the future (wrong clocks, scheduled posts) must not pin an item to the top.
    return now if published is None else min(published, now)


def _string_list(raw: str | None) -> tuple[str, ...]:
    """A JSON array of strings as stored (tags, links); anything else reads as empty."""
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(tag) for tag in value) if isinstance(value, list) else ()


def _feed(row: Sequence[Any], unread: int, total: int) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        tags=_string_list(row[4]),
        etag=row[5],
        last_modified=row[6],
        last_ok_at=row[7],
        last_error=row[8],
        last_error_at=row[9],
        error_count=row[10],
        retry_after=row[11],
        unread=unread,
        total=total,
    )


def _row(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        feed_id=row[1],
        feed_title=row[2],
        title=row[3],
        link=row[4],
        published=row[5],
        read=bool(row[6]),
        starred=bool(row[7]),
    )


def _ids_json(ids: Iterable[int]) -> str:
    return json.dumps([int(i) for i in ids])


# Refinement of the contract above: writes go through one connection under one RLock, reads
# through a second, read-only connection under another, so the list never waits for a long
# write transaction (WAL readers see the last commit). A read-only Store has one of each.
class Store:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._batch_depth = 0  # inside batch(): writes become savepoints of one transaction
        self._conn = connect(self.path, readonly=readonly)
        if readonly:
            self._read_lock = self._lock
            self._reader = self._conn
        else:
            self._read_lock = threading.RLock()
            try:
                self._reader = open_reader(self.path)
            except BaseException:
                self._conn.close()
                raise

    def close(self) -> None:
        with self._lock, self._read_lock:
            # The writer closes last: the last connection checkpoints the WAL into the file.
            if self._reader is not self._conn:
                self._reader.close()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one commit (the cleaner stores hundreds of articles in a
        row; a commit each costs more than the write). Each write stays all-or-nothing on its
        own (a savepoint); other writers wait until the batch ends, so keep batches short."""
        with self._lock, self._write():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of the block or none of it."""
        conn = self._conn
        if self._batch_depth:
            conn.execute("SAVEPOINT write")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO write")
                    conn.execute("RELEASE write")
                raise
            conn.execute("RELEASE write")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            # SQLite rolls back by itself after some errors (a full disk, for one).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _item_exists(conn: sqlite3.Connection, item_id: int) -> bool:
        row = conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone()
        return row is not None

    # -- feeds ---------------------------------------------------------------------------
    @staticmethod
    def _feed_id_by_url(conn: sqlite3.Connection, url: str) -> int | None:
        """The feed whose URL is `url` in any spelling. Feeds stored before URLs were
        canonical may be spelled otherwise, so after the indexed exact match every URL is
        compared by its canonical form (hundreds of feeds: well under a millisecond)."""
        row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return int(row[0])
        key = canonical_url(url)
        for feed_id, stored in conn.execute("SELECT id, url FROM feeds ORDER BY id"):
            if canonical_url(stored) == key:
                return int(feed_id)
        return None

    @_writes
    def add_feed(
        self, url: str, *, title: str = "", tags: Sequence[str] = (), site_url: str | None = None
    ) -> Feed:
        """Subscribe; raises DuplicateFeedError when the URL (or another spelling of it,
        see urls.py) is already there. The URL is stored in its canonical spelling."""
        url = utf8(canonical_url(url))
        title = utf8(" ".join(title.split()))
        site_url = utf8(site_url)
        with self._write() as conn:
            existing = self._feed_id_by_url(conn, url)
            if existing is not None:
                raise DuplicateFeedError(f"already subscribed to {url} (feed {existing})")
            cursor = conn.execute(
                "INSERT INTO feeds(url, title, title_from_user, site_url, tags, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    url,
                    title,
                    int(bool(title)),
                    site_url,
                    json.dumps(clean_tags(tags)),
                    time.time(),
                ),
            )
            feed_id = cast(int, cursor.lastrowid)
            # Starred items kept from an earlier subscription to this URL (in any spelling)
            # come home.
            origins = [
                origin
                for (origin,) in conn.execute(
                    "SELECT DISTINCT origin_url FROM items "
                    "WHERE feed_id IS NULL AND origin_url IS NOT NULL"
                )
                if canonical_url(origin) == url
            ]
            conn.executemany(
                "UPDATE items SET feed_id = ?, origin_url = NULL, origin_title = NULL "
                "WHERE feed_id IS NULL AND origin_url = ?",
                [(feed_id, origin) for origin in origins],
            )
        return self.feed(feed_id)

    @_writes
    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe and delete the feed's items, except starred ones (kept, feedless)."""
        with self._write() as conn:
            row = conn.execute("SELECT url, title FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no feed with id {feed_id}")
            conn.execute(
                "UPDATE items SET feed_id = NULL, origin_url = ?, origin_title = ? "
                "WHERE feed_id = ? AND starred = 1",
                (row[0], row[1], feed_id),
            )
            conn.execute("DELETE FROM items WHERE feed_id = ?", (feed_id,))
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def _feeds(self, feed_id: int | None = None) -> list[Feed]:
        where = "" if feed_id is None else "WHERE f.id = ?"
        inner = "feed_id IS NOT NULL" if feed_id is None else "feed_id = ?"
        params: tuple[int, ...] = () if feed_id is None else (feed_id, feed_id)
        # One statement: the feeds and their counts (the covering index on items(feed_id...)).
        rows = self._reader.execute(
            f"SELECT {_FEED_COLUMNS}, coalesce(c.unread, 0), coalesce(c.total, 0) "
            "FROM feeds AS f LEFT JOIN ("
            "  SELECT feed_id, sum(read = 0) AS unread, count(*) AS total FROM items "
            f"  WHERE {inner} GROUP BY feed_id"
            f") AS c ON c.feed_id = f.id {where} "
            "ORDER BY lower(CASE WHEN f.title != '' THEN f.title ELSE f.url END), f.id",
            params,
        ).fetchall()
        return [_feed(row, row[12], row[13]) for row in rows]

    @_reads
    def feeds(self) -> list[Feed]:
        """All feeds with unread/total counts, ordered by title."""
        return self._feeds()

    @_reads
    def feed(self, feed_id: int) -> Feed:
        """Raises NotFoundError."""
        found = self._feeds(feed_id)
        if not found:
            raise NotFoundError(f"no feed with id {feed_id}")
        return found[0]

    @_reads
    def find_feed(self, key: str) -> Feed | None:
        """A feed by id ("3"), exact URL, or case-insensitive title."""
        key = utf8(key.strip())
        # An id is ASCII digits within SQLite's integer range (a 20-digit "id" is a name).
        if key.isascii() and key.isdigit() and len(key) <= 18:
            found = self._feeds(int(key))
            if found:
                return found[0]
        feed_id = self._feed_id_by_url(self._reader, key) if "://" in key else None
        if feed_id is not None:
            return self._feeds(feed_id)[0]
        folded = key.casefold()
        for feed_id, title in self._reader.execute("SELECT id, title FROM feeds ORDER BY id"):
            if title and title.casefold() == folded:
                return self._feeds(feed_id)[0]
        return None

    @_reads
    def tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for (tag,) in self._reader.execute(
            "SELECT DISTINCT t.value FROM feeds AS f, json_each(f.tags) AS t "
            "WHERE json_valid(f.tags) ORDER BY f.id"
        ):
            if isinstance(tag, str):
                seen.setdefault(tag.casefold(), tag)
        return sorted(seen.values(), key=str.casefold)

    # -- refresh results (each is one transaction) ---------------------------------------
    @_writes
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
        new_ids: list[int] = []
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
                raise NotFoundError(f"no feed with id {feed_id}")
            for item in parsed.items:
                item_id = self._upsert_item(conn, feed_id, item, now)
                if item_id is not None:
                    new_ids.append(item_id)
            title = utf8(" ".join(parsed.title.split()))
            etag, last_modified = utf8(etag), utf8(last_modified)
            final_url = utf8(final_url)
            conn.execute(
                "UPDATE feeds SET "
                "title = CASE WHEN title_from_user OR ? = '' THEN title ELSE ? END, "
                "site_url = coalesce(?, site_url), etag = ?, last_modified = ?, last_ok_at = ?, "
                "last_error = NULL, last_error_at = NULL, error_count = 0, retry_after = NULL "
                "WHERE id = ?",
                (title, title, utf8(parsed.site_url), etag, last_modified, now, feed_id),
            )
            if final_url and final_url.strip():
                # Follow a moved feed, unless another subscription already has that URL.
                conn.execute(
                    "UPDATE feeds SET url = ? WHERE id = ? "
                    "AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?)",
                    (final_url.strip(), feed_id, final_url.strip()),
                )
        return new_ids

    @staticmethod
    def _upsert_item(
        conn: sqlite3.Connection, feed_id: int, item: FeedItem, now: float
    ) -> int | None:
        """Insert a new item (returns its id) or update a stored one (returns None)."""
        item = storable_item(item)
        guid = _guid(item)
        row = conn.execute(
            "SELECT id, title, link, author, published, summary, content FROM items "
            "WHERE feed_id = ? AND guid = ?",
            (feed_id, guid),
        ).fetchone()
        if row is None:
            if conn.execute(
                "SELECT 1 FROM pruned WHERE feed_id = ? AND guid = ?", (feed_id, guid)
            ).fetchone():
                return None  # read and pruned earlier; the feed still carries it
            cursor = conn.execute(
                "INSERT INTO items(feed_id, guid, title, link, author, published, summary, "
                "content, summary_text, added_at, sort_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    feed_id,
                    guid,
                    item.title,
                    item.link,
                    item.author,
                    item.published,
                    item.summary,
                    item.content,
                    html_text(item.summary),
                    now,
                    _sort_key(item.published, now),
                ),
            )
            return cast(int, cursor.lastrowid)
        item_id, title, link, author, published, summary, content = row
        new = (item.title, item.link, item.author, item.published, item.summary, item.content)
        if new == (title, link, author, published, summary, content):
            return None
        conn.execute(
            "UPDATE items SET title = ?, link = ?, author = ?, published = ?, summary = ?, "
            "content = ?, summary_text = ?, "
            "sort_key = CASE WHEN ? IS NULL THEN sort_key ELSE min(?, ?) END WHERE id = ?",
            (
                *new,
                html_text(item.summary),
                item.published,
                item.published,
                now,
                item_id,
            ),
        )
        if (item.summary, item.content) != (summary, content):
            # The feed's text changed: re-clean what was cleaned from it (the old text stays
            # readable until then).
            conn.execute(
                "UPDATE items SET needs_clean = 1 WHERE id = ? AND EXISTS "
                "(SELECT 1 FROM articles WHERE item_id = ? AND source = 'feed')",
                (item_id, item_id),
            )
        return None

    @_writes
    def record_feed_not_modified(self, feed_id: int, *, now: float) -> None:
        if not self.record_feeds_not_modified([feed_id], now=now):
            raise NotFoundError(f"no feed with id {feed_id}")

    @_writes
    def record_feeds_not_modified(self, feed_ids: Sequence[int], *, now: float) -> int:
        """Many 304s in one transaction (a warm refresh is mostly these); feeds removed in
        the meantime are skipped. Returns how many feeds were updated."""
        with self._write() as conn:
            cursor = conn.executemany(
                "UPDATE feeds SET last_ok_at = ?, last_error = NULL, last_error_at = NULL, "
                "error_count = 0, retry_after = NULL WHERE id = ?",
                [(now, feed_id) for feed_id in feed_ids],
            )
            return cursor.rowcount

    @_writes
    def record_feed_error(
        self, feed_id: int, message: str, *, now: float, retry_after: float | None = None
    ) -> None:
        """Store the error and bump the count; nothing else about the feed changes."""
        # retry_after is a delay in seconds (as FetchError.retry_after); stored as epoch time.
        until = None
        if retry_after is not None and retry_after > 0:
            until = retry_after if retry_after > _EPOCH_THRESHOLD else now + retry_after
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE feeds SET last_error = ?, last_error_at = ?, "
                "error_count = error_count + 1, retry_after = ? WHERE id = ?",
                (utf8(one_line(message)) or "unknown error", now, until, feed_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no feed with id {feed_id}")

    # -- article pages (raw HTML, zlib-compressed) ---------------------------------------
    @_reads
    def items_without_page(self, item_ids: Iterable[int] | None = None) -> list[tuple[int, str]]:
        """(item id, link) of items with an http(s) link and no stored page attempt."""
        sql = (
            "SELECT i.id, i.link FROM items AS i "
            "WHERE (i.link LIKE 'http://%' OR i.link LIKE 'https://%') "
            "AND NOT EXISTS (SELECT 1 FROM pages AS p WHERE p.item_id = i.id)"
        )
        params: tuple[str, ...] = ()
        if item_ids is not None:
            sql += " AND i.id IN (SELECT value FROM json_each(?))"
            params = (_ids_json(item_ids),)
        rows = self._reader.execute(sql + " ORDER BY i.sort_key DESC, i.id DESC", params)
        return [(row[0], row[1]) for row in rows]

    @_writes
    def store_page(
        self, item_id: int, *, status: str, html: bytes | None, url: str | None, now: float
    ) -> None:
        """status is "ok" or a one-line error; html is the raw page bytes (decoded-size capped)."""
        status = "ok" if status == "ok" else (utf8(one_line(status)) or "error")
        url = utf8(url)
        blob = zlib.compress(html, 6) if html is not None else None
        with self._write() as conn:
            # An item removed meanwhile (feed deleted during a refresh) has nothing to attach
            # to: the write is a no-op. A failed re-fetch never replaces a good page.
            conn.execute(
                "INSERT INTO pages(item_id, url, status, html, fetched_at) "
                "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM items WHERE id = ?) "
                "ON CONFLICT(item_id) DO UPDATE SET url = excluded.url, "
                "status = excluded.status, html = excluded.html, "
                "fetched_at = excluded.fetched_at "
                "WHERE excluded.status = 'ok' OR pages.status != 'ok'",
                (item_id, url, status, blob, now, item_id),
            )
            if status == "ok":
                # An article cleaned from the feed alone may read better from its page.
                conn.execute(
                    "UPDATE items SET needs_clean = 1 WHERE id = ? AND EXISTS "
                    "(SELECT 1 FROM articles WHERE item_id = ? AND had_page = 0)",
                    (item_id, item_id),
                )

    def _page_bytes(self, item_id: int) -> bytes | None:
        row = self._reader.execute(
            "SELECT html FROM pages WHERE item_id = ? AND status = 'ok'", (item_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            return zlib.decompress(row[0])
        except zlib.error:
            # A damaged blob reads as "no page": the item is cleaned from the feed instead.
            return None

    @_reads
    def page_html(self, item_id: int) -> bytes | None:
        return self._page_bytes(item_id)

    # -- cleaned article and entities ----------------------------------------------------
    @_reads
    def item_sources(self, item_id: int) -> tuple[str, str, str | None, bytes | None]:
        """(feed content html, feed summary html, link, raw page bytes or None) for cleaning."""
        row = self._reader.execute(
            "SELECT content, summary, link FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {item_id}")
        return row[0], row[1], row[2], self._page_bytes(item_id)

    @_reads
    def items_needing_clean(self, cleaner_version: int, limit: int = 1000) -> list[int]:
        """Items never cleaned, or cleaned by an older cleaner version."""
        # Also those whose feed text changed or whose page arrived after a feed-only clean
        # (needs_clean), newest first: those are the ones a reader opens next. Each part
        # stops at `limit` in its index, so a call stays cheap whether none or all qualify.
        rows = self._reader.execute(
            "SELECT id FROM (SELECT id FROM items WHERE needs_clean = 1 "
            "  ORDER BY sort_key DESC, id DESC LIMIT ?2) "
            "UNION ALL "
            "SELECT id FROM (SELECT item_id AS id FROM articles WHERE cleaner_version < ?1 "
            "  LIMIT ?2)",
            (cleaner_version, limit),
        )
        return list(dict.fromkeys(row[0] for row in rows))[:limit]

    @_writes
    def store_article(self, item_id: int, article: Article, *, source: str) -> None:
        """Save Markdown + text (+ FTS row); source is "page" or "feed"."""
        article = storable_article(article)
        with self._write() as conn:
            if not self._item_exists(conn, item_id):
                return  # removed meanwhile; nothing to attach the article to
            old = conn.execute("SELECT text FROM articles WHERE item_id = ?", (item_id,)).fetchone()
            values = {
                "title": article.title,
                "byline": article.byline,
                "markdown": article.markdown,
                "text": article.text,
                "truncated": int(article.truncated),
                "links": json.dumps(list(article.links)),
                "cleaner_version": article.cleaner_version,
                "source": source,
                "item_id": item_id,
            }
            had_page = "EXISTS (SELECT 1 FROM pages WHERE item_id = :item_id AND status = 'ok')"
            # Not an upsert: its BEFORE INSERT trigger would fire too, and the search index
            # would be told twice to forget the old text.
            if old is None:
                conn.execute(
                    "INSERT INTO articles(item_id, title, byline, markdown, text, truncated, "
                    "links, cleaner_version, source, had_page) VALUES (:item_id, :title, "
                    ":byline, :markdown, :text, :truncated, :links, :cleaner_version, :source, "
                    f"{had_page})",
                    values,
                )
            else:
                conn.execute(
                    "UPDATE articles SET title = :title, byline = :byline, markdown = :markdown, "
                    "text = :text, truncated = :truncated, links = :links, "
                    "cleaner_version = :cleaner_version, source = :source, "
                    f"had_page = {had_page} WHERE item_id = :item_id",
                    values,
                )
            conn.execute("UPDATE items SET needs_clean = 0 WHERE id = ?", (item_id,))
            if old is None or old[0] != article.text:
                # New text: its entities must be extracted again.
                conn.execute("UPDATE items SET entities_version = NULL WHERE id = ?", (item_id,))

    @_reads
    def items_needing_entities(self, extractor_version: str, limit: int = 1000) -> list[int]:
        """Cleaned items whose entities are missing or from another extractor version."""
        rows = self._reader.execute(
            # Three index ranges (never, older, newer) rather than "IS NOT", which scans;
            # each stops at `limit`. The index gives each version's items newest first.
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version IS NULL AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) "
            "  ORDER BY sort_key DESC, id DESC LIMIT ?2) UNION ALL "
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version < ?1 AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) LIMIT ?2) UNION ALL "
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version > ?1 AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) LIMIT ?2) LIMIT ?2",
            (extractor_version, limit),
        )
        return [row[0] for row in rows]

    @_reads
    def article_text(self, item_id: int) -> str:
        # The cleaned text, or the feed summary as text when not cleaned yet.
        row = self._reader.execute(
            "SELECT coalesce(a.text, i.summary_text) FROM items AS i "
            "LEFT JOIN articles AS a ON a.item_id = i.id WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {item_id}")
        return cast(str, row[0])

    @_writes
    def store_entities(
        self, item_id: int, entities: Sequence[Entity], *, extractor_version: str
    ) -> None:
        """Replace the item's entity mentions (one transaction)."""
        # Two entities that normalise to the same key are one entity in the index.
        merged: dict[tuple[str, str], tuple[str, int, int, list[str]]] = {}
        for entity in entities:
            name = utf8(" ".join(entity.name.split())[:MAX_ENTITY_NAME_CHARS])
            key = entity_key(name)
            if not key:
                continue
            aliases = [utf8(" ".join(a.split())[:MAX_ENTITY_NAME_CHARS]) for a in entity.aliases]
            slot = (entity.type, key)
            if slot in merged:
                first_name, count, offset, seen = merged[slot]
                merged[slot] = (
                    first_name,
                    count + entity.count,
                    min(offset, entity.first_offset),
                    seen + [a for a in [name, *aliases] if a not in seen and a != first_name],
                )
            else:
                merged[slot] = (name, entity.count, entity.first_offset, aliases)
        with self._write() as conn:
            if not self._item_exists(conn, item_id):
                return  # removed meanwhile
            conn.execute("DELETE FROM mentions WHERE item_id = ?", (item_id,))
            for (etype, key), (name, count, offset, aliases) in merged.items():
                conn.execute(
                    "INSERT INTO entities(type, name, key) VALUES (?, ?, ?) "
                    "ON CONFLICT(type, key) DO NOTHING",
                    (etype, name, key),
                )
                entity_id = conn.execute(
                    "SELECT id FROM entities WHERE type = ? AND key = ?", (etype, key)
                ).fetchone()[0]
                alias_keys = {entity_key(alias) for alias in aliases} - {key, ""}
                conn.executemany(
                    "INSERT OR IGNORE INTO entity_aliases(key, entity_id) VALUES (?, ?)",
                    [(alias_key, entity_id) for alias_key in sorted(alias_keys)],
                )
                conn.execute(
                    "INSERT INTO mentions(entity_id, item_id, sort_key, count, first_offset, "
                    "aliases) VALUES (?, ?, (SELECT sort_key FROM items WHERE id = ?), ?, ?, ?)",
                    (
                        entity_id,
                        item_id,
                        item_id,
                        max(count, 1),
                        max(offset, 0),
                        json.dumps(aliases),
                    ),
                )
            conn.execute(
                "UPDATE items SET entities_version = ? WHERE id = ?", (extractor_version, item_id)
            )

    # -- listing and reading -------------------------------------------------------------
    @_reads
    def article_ids(self, flt: ArticleFilter = ArticleFilter()) -> list[int]:  # noqa: B008 - frozen
        """Ids matching the filter, newest first (published, then id). One indexed query."""
        where: list[str] = []
        params: list[object] = []
        if flt.feed_id is not None:
            where.append("i.feed_id = ?")
            params.append(flt.feed_id)
        if flt.tag is not None:
            where.append(
                "i.feed_id IN (SELECT f.id FROM feeds AS f, json_each(f.tags) AS t "
                "WHERE json_valid(f.tags) AND t.value = ? COLLATE NOCASE)"
            )
            params.append(clean_tag(flt.tag))
        # Literal conditions, so the planner can use the partial indexes.
        if flt.unread_only:
            where.append("i.read = 0")
        if flt.starred_only:
            where.append("i.starred = 1")
        if flt.query is not None and flt.query.strip():
            match = fts_query(flt.query, prefix_last=False)
            if match is None:
                return []
            # Few matches: look each up and sort them (0.1 ms for 20, 4 ms for 4,000). Very
            # many ("the"): walk the list-order index and test membership instead ("+" stops
            # the planner from using the id), which halves the worst case. Counting the
            # matches costs a tenth of fetching them.
            matches = self._reader.execute(
                "SELECT count(*) FROM search WHERE search MATCH ?", (match,)
            ).fetchone()[0]
            if not matches:
                return []
            plus = "+" if matches > FTS_SCAN_THRESHOLD else ""
            where.append(f"{plus}i.id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params.append(match)
        if flt.ids is not None:
            where.append("i.id IN (SELECT value FROM json_each(?))")
            params.append(_ids_json(flt.ids))
        if flt.entity_id is not None:
            # Driven by the entity's mentions, already in list order in their index; items
            # are only looked up when another condition needs them.
            join = " JOIN items AS i ON i.id = m.item_id" if where else ""
            sql = f"SELECT m.item_id FROM mentions AS m{join} WHERE m.entity_id = ?"
            sql += "".join(f" AND {clause}" for clause in where)
            sql += " ORDER BY m.sort_key DESC, m.item_id DESC"
            params.insert(0, flt.entity_id)
        else:
            sql = "SELECT i.id FROM items AS i"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY i.sort_key DESC, i.id DESC"
        return [row[0] for row in self._reader.execute(sql, params)]

    @_reads
    def article_rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for these ids, in the order given (the list fetches one screenful at a time)."""
        if not ids:
            return []
        rows = self._reader.execute(
            f"SELECT {_ROW_COLUMNS} FROM json_each(?) AS j JOIN items AS i ON i.id = j.value "
            "LEFT JOIN feeds AS f ON f.id = i.feed_id ORDER BY j.key",
            (_ids_json(ids),),
        )
        return [_row(row) for row in rows]

    @_reads
    def article(self, item_id: int) -> ArticleView:
        """Raises NotFoundError."""
        row = self._reader.execute(
            f"SELECT {_ROW_COLUMNS}, i.author, a.markdown, coalesce(a.text, i.summary_text), "
            "a.truncated, a.links, p.status "
            "FROM items AS i LEFT JOIN feeds AS f ON f.id = i.feed_id "
            "LEFT JOIN articles AS a ON a.item_id = i.id "
            "LEFT JOIN pages AS p ON p.item_id = i.id WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {item_id}")
        author, markdown, text, truncated, links, page_status = row[8:]
        if markdown is None:
            # Not cleaned yet: the summary as plain paragraphs, escaped so that Markdown
            # syntax in a feed's text shows literally.
            markdown = markdown_escape(text)
        if page_status is not None and page_status != "ok":
            page_status = f"error: {page_status}"
        return ArticleView(
            row=_row(row[:8]),
            author=author,
            markdown=markdown,
            text=text,
            truncated=bool(truncated),
            links=_string_list(links),
            page_status=page_status,
        )

    @_writes
    def set_read(self, item_id: int, read: bool = True) -> None:
        with self._write() as conn:
            cursor = conn.execute("UPDATE items SET read = ? WHERE id = ?", (int(read), item_id))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {item_id}")

    @_writes
    def set_starred(self, item_id: int, starred: bool) -> None:
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE items SET starred = ? WHERE id = ?", (int(starred), item_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {item_id}")

    @_reads
    def unread_count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM items WHERE read = 0").fetchone()[0])

    @_reads
    def search(self, query: str, *, limit: int = 50) -> list[ArticleRow]:
        """Full-text search (FTS5) over title and text, best match first. Any user string is
        accepted: it is turned into a safe FTS query, never passed raw."""
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        rows = self._reader.execute(
            f"SELECT {_ROW_COLUMNS} FROM ("
            f"  SELECT rowid AS id, {_RANK} AS score FROM search WHERE search MATCH ?1 "
            "  AND rowid >= (SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM search "
            "    WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?3)) "
            "  ORDER BY score LIMIT ?2"
            ") AS s JOIN items AS i ON i.id = s.id LEFT JOIN feeds AS f ON f.id = i.feed_id "
            "ORDER BY s.score, i.sort_key DESC",
            (match, limit, SEARCH_CANDIDATES),
        )
        return [_row(row) for row in rows]

    # -- entities across the cache -------------------------------------------------------
    @_reads
    def top_entities(
        self, *, type: EntityType | None = None, feed_id: int | None = None, limit: int = 50
    ) -> list[EntityCount]:
        """Entities by number of articles mentioning them. One indexed query."""
        if feed_id is None:
            # The counters are kept by triggers on mentions, so this reads one index.
            sql = "SELECT id, type, name, articles, mentions FROM entities WHERE articles > 0"
            params: list[object] = []
            if type is not None:
                sql += " AND type = ?"
                params.append(type)
            sql += " ORDER BY articles DESC, name LIMIT ?"
        else:
            sql = (
                "SELECT e.id, e.type, e.name, count(*) AS n, sum(m.count) FROM items AS i "
                "JOIN mentions AS m ON m.item_id = i.id JOIN entities AS e ON e.id = m.entity_id "
                "WHERE i.feed_id = ?"
            )
            params = [feed_id]
            if type is not None:
                sql += " AND e.type = ?"
                params.append(type)
            sql += " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?"
        params.append(limit)
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4])
            for r in self._reader.execute(sql, params)
        ]

    @_reads
    def article_entities(self, item_id: int) -> list[EntityCount]:
        """The entities of one article (mentions = in this article, articles = in the cache)."""
        rows = self._reader.execute(
            "SELECT e.id, e.type, e.name, e.articles, m.count FROM mentions AS m "
            "JOIN entities AS e ON e.id = m.entity_id WHERE m.item_id = ? "
            "ORDER BY m.count DESC, m.first_offset",
            (item_id,),
        )
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4]) for r in rows
        ]

    @_reads
    def find_entity(self, name: str) -> list[EntityCount]:
        """Entities whose canonical name or an alias equals name (case-insensitive)."""
        key = utf8(entity_key(name))
        if not key:
            return []
        rows = self._reader.execute(
            "SELECT id, type, name, articles, mentions FROM entities "
            "WHERE articles > 0 AND (key = ? OR id IN "
            "  (SELECT entity_id FROM entity_aliases WHERE key = ?)) "
            "ORDER BY articles DESC, name",
            (key, key),
        )
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4]) for r in rows
        ]

    # -- upkeep --------------------------------------------------------------------------
    @_writes
    def prune(self, *, older_than_days: int, now: float) -> int:
        """Delete read, unstarred items older than the limit; returns how many."""
        if older_than_days <= 0:
            return 0  # retention_days = 0 keeps everything
        cutoff = now - older_than_days * 86400.0
        condition = "read = 1 AND starred = 0 AND sort_key < ?"
        with self._write() as conn:
            # Remember their guids, so a feed that still lists them does not bring them back.
            conn.execute(
                "INSERT OR IGNORE INTO pruned(feed_id, guid) SELECT feed_id, guid FROM items "
                f"WHERE feed_id IS NOT NULL AND {condition}",
                (cutoff,),
            )
            count = conn.execute(f"DELETE FROM items WHERE {condition}", (cutoff,)).rowcount
            conn.execute("DELETE FROM entities WHERE articles <= 0")
        return int(count)

    @_reads
    def integrity_check(self) -> str:
        """'ok' or SQLite's complaint."""
        rows = [str(row[0]) for row in self._reader.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows)


def open_store(path: Path, *, readonly: bool = False) -> Store:
    """Open (creating and migrating when needed) the database at path.

    A corrupt file is moved to backups/ with a timestamp and a clear StoreError raised; a
    read-only or full disk gives a StoreError saying so.
    """
    return Store(path, readonly=readonly)

"""Subscriptions: add, remove, look up, and the outcome of each fetch that brought no items."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from typing import Any, cast

from ..errors import DuplicateFeedError, NotFoundError, one_line
from ..models import Feed
from ..urls import canonical_url
from .base import StoreBase, reads, string_list, writes
from .text import MAX_ERROR_CHARS, clean_tags, utf8

# A retry_after this large is already an epoch time, not a delay in seconds.
_EPOCH_THRESHOLD = 1e9

_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.tags, f.etag, f.last_modified, f.last_ok_at, "
    "f.last_error, f.last_error_at, f.error_count, f.retry_after, f.gone_at"
)


def _feed(row: Sequence[Any], unread: int, total: int) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        tags=string_list(row[4]),
        etag=row[5],
        last_modified=row[6],
        last_ok_at=row[7],
        last_error=row[8],
        last_error_at=row[9],
        error_count=row[10],
        retry_after=row[11],
        gone_at=row[12],
        unread=unread,
        total=total,
    )


class FeedsMixin(StoreBase):
    """The feeds table."""

    @writes
    def add_feed(
        self, url: str, *, title: str = "", tags: Sequence[str] = (), site_url: str | None = None
    ) -> Feed:
        """Subscribe; raises DuplicateFeedError when the URL (or another spelling of it,
        see urls.py) is already there. The URL is stored in its canonical spelling."""
        with self._write() as conn:
            feed_id = self._insert_feed(conn, url, title=title, tags=tags, site_url=site_url)
        return self.feed(feed_id)

    def _insert_feed(
        self,
        conn: sqlite3.Connection,
        url: str,
        *,
        title: str = "",
        tags: Sequence[str] = (),
        site_url: str | None = None,
    ) -> int:
        """add_feed inside the caller's transaction (sync adds the server's feeds in one)."""
        url = utf8(canonical_url(url))
        title = utf8(" ".join(title.split()))
        site_url = utf8(site_url)
        existing = self.feed_urls.find(conn, url)
        if existing is not None:
            raise DuplicateFeedError(f"already subscribed to {url} (feed {existing})")
        cursor = conn.execute(
            "INSERT INTO feeds(url, title, title_from_user, site_url, tags, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (url, title, int(bool(title)), site_url, json.dumps(clean_tags(tags)), time.time()),
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
        return feed_id

    @writes
    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe and delete the feed's items, except starred ones (kept, feedless)."""
        with self._write() as conn:
            self._delete_feed(conn, feed_id)

    @staticmethod
    def _delete_feed(conn: sqlite3.Connection, feed_id: int) -> None:
        """remove_feed inside the caller's transaction."""
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

    def _feeds(self, feed_id: int | None = None, *, counts: bool = True) -> list[Feed]:
        where = "" if feed_id is None else "WHERE f.id = ?"
        params: tuple[int, ...] = () if feed_id is None else (feed_id,)
        if counts:
            # One statement: the feeds and their counts (the covering index on items(feed_id...)).
            inner = "feed_id IS NOT NULL" if feed_id is None else "feed_id = ?"
            columns = "coalesce(c.unread, 0), coalesce(c.total, 0)"
            join = (
                "LEFT JOIN ("
                "  SELECT feed_id, sum(read = 0) AS unread, count(*) AS total FROM items "
                f"  WHERE {inner} GROUP BY feed_id"
                ") AS c ON c.feed_id = f.id"
            )
            params *= 2
        else:
            columns, join = "0, 0", ""
        rows = self._reader.execute(
            f"SELECT {_FEED_COLUMNS}, {columns} FROM feeds AS f {join} {where} "
            "ORDER BY lower(CASE WHEN f.title != '' THEN f.title ELSE f.url END), f.id",
            params,
        ).fetchall()
        return [_feed(row, row[13], row[14]) for row in rows]

    @reads
    def feeds(self, *, counts: bool = True) -> list[Feed]:
        """All feeds with unread/total counts, ordered by title.

        counts=False: unread and total left at 0, for a caller that does not show them (a
        refresh): counting reads every item, work that grows with the cache."""
        return self._feeds(counts=counts)

    @reads
    def feed(self, feed_id: int) -> Feed:
        """Raises NotFoundError."""
        found = self._feeds(feed_id)
        if not found:
            raise NotFoundError(f"no feed with id {feed_id}")
        return found[0]

    @reads
    def find_feed(self, key: str) -> Feed | None:
        """A feed by id ("3"), exact URL, or case-insensitive title."""
        key = utf8(key.strip())
        # An id is ASCII digits within SQLite's integer range (a 20-digit "id" is a name).
        if key.isascii() and key.isdigit() and len(key) <= 18:
            found = self._feeds(int(key))
            if found:
                return found[0]
        feed_id = self.feed_urls.find(self._reader, key) if "://" in key else None
        if feed_id is not None:
            return self._feeds(feed_id)[0]
        folded = key.casefold()
        for feed_id, title in self._reader.execute("SELECT id, title FROM feeds ORDER BY id"):
            if title and title.casefold() == folded:
                return self._feeds(feed_id)[0]
        return None

    @reads
    def tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for (tag,) in self._reader.execute(
            "SELECT DISTINCT t.value FROM feeds AS f, json_each(f.tags) AS t "
            "WHERE json_valid(f.tags) ORDER BY f.id"
        ):
            if isinstance(tag, str):
                seen.setdefault(tag.casefold(), tag)
        return sorted(seen.values(), key=str.casefold)

    @writes
    def record_feed_not_modified(self, feed_id: int, *, now: float) -> None:
        if not self.record_feeds_not_modified([feed_id], now=now):
            raise NotFoundError(f"no feed with id {feed_id}")

    @writes
    def record_feeds_not_modified(self, feed_ids: Sequence[int], *, now: float) -> int:
        """Many 304s in one transaction (a warm refresh is mostly these); feeds removed in
        the meantime are skipped. Returns how many feeds were updated."""
        with self._write() as conn:
            cursor = conn.executemany(
                "UPDATE feeds SET last_ok_at = ?, last_error = NULL, last_error_at = NULL, "
                "error_count = 0, retry_after = NULL, gone_at = NULL WHERE id = ?",
                [(now, feed_id) for feed_id in feed_ids],
            )
            return cursor.rowcount

    @writes
    def record_feed_error(
        self,
        feed_id: int,
        message: str,
        *,
        now: float,
        retry_after: float | None = None,
        gone: bool = False,
    ) -> None:
        """Store the error and bump the count; nothing else about the feed changes.

        gone: the server said 410 Gone; the feed is marked (refreshes of all feeds skip it)
        until a fetch of it succeeds. Any other error leaves the mark as it is."""
        # retry_after is a delay in seconds (as FetchError.retry_after); stored as epoch time.
        until = None
        if retry_after is not None and retry_after > 0:
            until = retry_after if retry_after > _EPOCH_THRESHOLD else now + retry_after
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE feeds SET last_error = ?, last_error_at = ?, "
                "error_count = error_count + 1, retry_after = ?, "
                "gone_at = CASE WHEN ? THEN coalesce(gone_at, ?) ELSE gone_at END WHERE id = ?",
                (
                    utf8(one_line(message, max_chars=MAX_ERROR_CHARS)) or "unknown error",
                    now,
                    until,
                    int(gone),
                    now,
                    feed_id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no feed with id {feed_id}")

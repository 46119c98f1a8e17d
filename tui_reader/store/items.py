"""Feed entries: stored from a good fetch (upserted by guid), read and starred."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import cast

from ..errors import NotFoundError
from ..fetch.itemtext import html_text
from ..models import FeedItem, ParsedFeed
from ..urls import canonical_url
from .base import StoreBase, writes
from .text import storable_item, utf8


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


class ItemsMixin(StoreBase):
    """The items table: what each fetch brought, and the user's read/starred marks."""

    @writes
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
                # Follow a moved feed, unless a subscription (this one included) already has
                # that URL in some spelling (urls.py).
                moved = canonical_url(final_url)
                if self.feed_urls.find(conn, moved) is None:
                    conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (moved, feed_id))
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

    @writes
    def set_read(self, item_id: int, read: bool = True) -> None:
        with self._write() as conn:
            cursor = conn.execute("UPDATE items SET read = ? WHERE id = ?", (int(read), item_id))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {item_id}")

    @writes
    def set_starred(self, item_id: int, starred: bool) -> None:
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE items SET starred = ? WHERE id = ?", (int(starred), item_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {item_id}")

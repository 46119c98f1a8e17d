"""Sync bookkeeping: the server this cache follows, which local feed and item each server id
is, the server's read/starred state as of the last sync, and the queue of local marks.

A difference between an item's state here and the server's state at the last sync is a local
change; a difference between the server's state now and then is a change there. The engine
(tui_reader/sync/engine.py) decides; these methods only record, each in one transaction, and
never overwrite a mark made while a sync was running.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import NotFoundError, one_line
from ..models import FeedItem, RemoteFeed, RemoteItem, SyncStatus
from ..urls import loose_url_key
from .base import ids_json, reads, string_list, writes
from .feeds import FeedsMixin
from .items import ItemsMixin
from .text import MAX_ERROR_CHARS, clean_tag, storable_item, utf8

Field = Literal["read", "starred"]
FIELDS: tuple[Field, ...] = ("read", "starred")


@dataclass(frozen=True, slots=True)
class SyncedItem:
    """A local item the server knows: its state here and the server's at the last sync."""

    server_id: str
    item_id: int
    read: bool
    starred: bool
    server_read: bool
    server_starred: bool


@dataclass(frozen=True, slots=True)
class QueuedMark:
    """The latest local mark of one field of one item, waiting for the server."""

    id: int
    item_id: int
    server_id: str | None  # None while the server does not know the item
    field: Field
    value: bool
    marked_at: float


@dataclass(frozen=True, slots=True)
class Pushed:
    """A state the server took: it is the new baseline, and the marks up to `mark_id` go."""

    server_id: str
    field: Field
    value: bool
    mark_id: int | None


# One URL rule (urls.py): the sync's looser match is built on the canonical spelling.
feed_url_key = loose_url_key


class SyncMixin(FeedsMixin, ItemsMixin):
    """The sync_* tables."""

    # -- the account -----------------------------------------------------------------------
    @writes
    def sync_account(self, service: str, url: str, username: str) -> str | None:
        """Start a sync with this account; its cursor of new items. Another account than
        last time starts afresh: its ids mean nothing here (marks stay queued)."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT service, url, username, cursor FROM sync_account WHERE id = 1"
            ).fetchone()
            if row is not None and tuple(row[:3]) == (service, url, username):
                return str(row[3]) if row[3] is not None else None
            conn.execute("DELETE FROM sync_items")
            conn.execute("DELETE FROM sync_feeds")
            conn.execute(
                "INSERT OR REPLACE INTO sync_account(id, service, url, username) "
                "VALUES (1, ?, ?, ?)",
                (service, utf8(url), utf8(username)),
            )
            return None

    @writes
    def sync_finished(self, cursor: str | None, *, now: float) -> None:
        """A good sync: keep its cursor, clear the error, and drop marks that can never be
        pushed (items of feeds the server does not carry)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE sync_account SET cursor = ?, last_ok_at = ?, last_error = NULL, "
                "last_error_at = NULL WHERE id = 1",
                (utf8(cursor), now),
            )
            conn.execute(
                "DELETE FROM sync_marks WHERE item_id NOT IN (SELECT item_id FROM sync_items) "
                "AND item_id NOT IN (SELECT i.id FROM items AS i JOIN sync_feeds AS f "
                "ON f.feed_id = i.feed_id)"
            )

    @writes
    def sync_failed(self, message: str, *, now: float) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE sync_account SET last_error = ?, last_error_at = ? WHERE id = 1",
                (utf8(one_line(message, max_chars=MAX_ERROR_CHARS)) or "unknown error", now),
            )

    @reads
    def sync_status(self) -> SyncStatus:
        pending = self._reader.execute("SELECT count(*) FROM sync_marks").fetchone()[0]
        row = self._reader.execute(
            "SELECT last_ok_at, last_error FROM sync_account WHERE id = 1"
        ).fetchone()
        if row is None:
            return SyncStatus(int(pending), None, None)
        return SyncStatus(int(pending), row[0], row[1])

    # -- subscriptions ---------------------------------------------------------------------
    @reads
    def unfilled_feed_ids(self) -> set[str]:
        """Server feeds followed whose items were not all fetched yet (followed since the
        last sync, or their fetch was cut short)."""
        rows = self._reader.execute("SELECT server_id FROM sync_feeds WHERE filled = 0")
        return {row[0] for row in rows}

    @writes
    def sync_filled(self, server_ids: Iterable[str] | None = None) -> None:
        """These feeds' items (all followed feeds' when None) were all fetched."""
        with self._write() as conn:
            if server_ids is None:
                conn.execute("UPDATE sync_feeds SET filled = 1")
            else:
                conn.executemany(
                    "UPDATE sync_feeds SET filled = 1 WHERE server_id = ?",
                    [(i,) for i in server_ids],
                )

    @writes
    def sync_subscriptions(self, remote: Sequence[RemoteFeed]) -> dict[str, int]:
        """Follow the server's subscriptions: map each to the local feed with its URL (a
        feed subscribed here too stays one feed) or add it; its category is its tag; a feed
        the sync added goes when the server drops it (starred items stay). Returns server
        feed id -> local feed id."""
        mapping: dict[str, int] = {}
        with self._write() as conn:
            local = {
                feed_url_key(url): feed_id
                for feed_id, url in conn.execute("SELECT id, url FROM feeds ORDER BY id DESC")
            }
            known = {
                row[0]: (row[1], bool(row[2]), row[3])
                for row in conn.execute("SELECT server_id, feed_id, created, tag FROM sync_feeds")
            }
            for feed in remote:
                tag = clean_tag(feed.category) if feed.category else None
                if feed.id in known:
                    feed_id, created, old_tag = known[feed.id]
                else:
                    found = local.get(feed_url_key(feed.url))
                    created = found is None
                    if found is None:
                        found = self._insert_feed(conn, feed.url, site_url=feed.site_url)
                        local[feed_url_key(feed.url)] = found
                    feed_id, old_tag = found, None
                    conn.execute(
                        "INSERT OR REPLACE INTO sync_feeds(server_id, feed_id, created, tag) "
                        "VALUES (?, ?, ?, NULL)",
                        (feed.id, feed_id, int(created)),
                    )
                mapping[feed.id] = feed_id
                if created:
                    title = utf8(" ".join(feed.title.split()))
                    conn.execute(
                        "UPDATE feeds SET title = ? WHERE id = ? AND title_from_user = 0 "
                        "AND ? != ''",
                        (title, feed_id, title),
                    )
                if tag != old_tag:
                    self._retag(conn, feed_id, old_tag, tag)
                    conn.execute(
                        "UPDATE sync_feeds SET tag = ? WHERE server_id = ?", (tag, feed.id)
                    )
            listed = {feed.id for feed in remote}
            for server_id, (feed_id, created, tag) in known.items():
                if server_id in listed:
                    continue
                conn.execute("DELETE FROM sync_feeds WHERE server_id = ?", (server_id,))
                if feed_id in mapping.values():
                    continue  # another server feed (same URL) still maps to it
                if created:
                    self._delete_feed(conn, feed_id)
                else:
                    self._retag(conn, feed_id, tag, None)
        return mapping

    @reads
    def server_feed_ids(self, feed_id: int) -> list[str]:
        """The server's ids of a local feed (none when the server does not carry it)."""
        rows = self._reader.execute(
            "SELECT server_id FROM sync_feeds WHERE feed_id = ? ORDER BY server_id", (feed_id,)
        )
        return [row[0] for row in rows]

    @reads
    def unsynced_feed_ids(self) -> list[int]:
        """Local feeds the server does not carry: a refresh still fetches these itself."""
        rows = self._reader.execute(
            "SELECT id FROM feeds WHERE id NOT IN (SELECT feed_id FROM sync_feeds) ORDER BY id"
        )
        return [int(row[0]) for row in rows]

    @staticmethod
    def _retag(conn: sqlite3.Connection, feed_id: int, old: str | None, new: str | None) -> None:
        row = conn.execute("SELECT tags FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            return
        tags = [t for t in string_list(row[0]) if old is None or t.casefold() != old.casefold()]
        if new is not None and new.casefold() not in {t.casefold() for t in tags}:
            tags.append(new)
        conn.execute("UPDATE feeds SET tags = ? WHERE id = ?", (json.dumps(tags), feed_id))

    # -- items -----------------------------------------------------------------------------
    @reads
    def sync_known_ids(self) -> set[str]:
        """Server ids of items this cache has, or had and pruned (not to be fetched again)."""
        known = {row[0] for row in self._reader.execute("SELECT server_id FROM sync_items")}
        known.update(
            row[0]
            for row in self._reader.execute(
                "SELECT p.guid FROM pruned AS p JOIN sync_feeds AS f ON f.feed_id = p.feed_id"
            )
        )
        return known

    @writes
    def store_synced_items(
        self, items: Sequence[RemoteItem], feed_ids: Mapping[str, int], *, now: float
    ) -> list[int]:
        """Store one page of the server's items; returns the ids of new local items.

        An item of a feed also subscribed here is matched by link (TT-RSS's guids are its own
        hashes), so it is not stored twice; on that first meeting each state is the union of
        both sides (nothing read or starred is lost), unless a mark is queued here, which
        then stands. A new item takes the server's state. Items of feeds not mapped (the
        server's archive, a feed it added since the subscriptions were read) wait.
        """
        new_ids: list[int] = []
        with self._write() as conn:
            for item in items:
                feed_id = feed_ids.get(item.feed_id)
                if (
                    feed_id is None
                    or conn.execute(
                        "SELECT 1 FROM sync_items WHERE server_id = ?", (item.id,)
                    ).fetchone()
                ):
                    continue
                item_id = self._match_by_link(conn, feed_id, item.link)
                if item_id is not None:
                    self._first_meeting(conn, item_id, item)
                else:
                    item_id = self._insert_synced(conn, feed_id, item, now)
                    if item_id is None:
                        continue  # read and pruned here earlier
                    new_ids.append(item_id)
                conn.execute(
                    "INSERT INTO sync_items(server_id, item_id, read, starred) VALUES (?, ?, ?, ?)",
                    (item.id, item_id, int(item.read), int(item.starred)),
                )
        return new_ids

    @staticmethod
    def _match_by_link(conn: sqlite3.Connection, feed_id: int, link: str | None) -> int | None:
        if not link:
            return None
        row = conn.execute(
            "SELECT id FROM items WHERE feed_id = ? AND link = ? "
            "AND id NOT IN (SELECT item_id FROM sync_items) ORDER BY id LIMIT 1",
            (feed_id, utf8(link)),
        ).fetchone()
        return int(row[0]) if row is not None else None

    @staticmethod
    def _first_meeting(conn: sqlite3.Connection, item_id: int, item: RemoteItem) -> None:
        for field, server_value in (("read", item.read), ("starred", item.starred)):
            # field comes from this fixed tuple, never from outside.
            conn.execute(
                f"UPDATE items SET {field} = max({field}, ?) WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM sync_marks WHERE item_id = ? AND field = ?)",
                (int(server_value), item_id, item_id, field),
            )

    def _insert_synced(
        self, conn: sqlite3.Connection, feed_id: int, item: RemoteItem, now: float
    ) -> int | None:
        entry = FeedItem(
            guid=item.id,  # unique on the server; matches the pruned table's guid
            title=item.title,
            link=item.link,
            author=item.author,
            published=item.published,
            content=item.content,
        )
        # A server's guids never churn: no re-keying by link here (_match_by_link did it).
        item_id = self._upsert_item(conn, feed_id, storable_item(entry), now, {}, False)
        if item_id is None:
            row = conn.execute(
                "SELECT id FROM items WHERE feed_id = ? AND guid = ? "
                "AND id NOT IN (SELECT item_id FROM sync_items)",
                (feed_id, utf8(item.id)),
            ).fetchone()
            if row is None:
                return None
            item_id = int(row[0])
        conn.execute(
            "UPDATE items SET read = ?, starred = ? WHERE id = ?",
            (int(item.read), int(item.starred), item_id),
        )
        return item_id

    # -- states ----------------------------------------------------------------------------
    @reads
    def synced_items(self) -> list[SyncedItem]:
        rows = self._reader.execute(
            "SELECT s.server_id, s.item_id, i.read, i.starred, s.read, s.starred "
            "FROM sync_items AS s JOIN items AS i ON i.id = s.item_id"
        )
        return [
            SyncedItem(r[0], int(r[1]), bool(r[2]), bool(r[3]), bool(r[4]), bool(r[5]))
            for r in rows
        ]

    @reads
    def synced_item_count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM sync_items").fetchone()[0])

    @reads
    def queued_marks(self) -> list[QueuedMark]:
        """The latest queued mark of each field of each item, oldest first."""
        rows = self._reader.execute(
            "SELECT m.id, m.item_id, s.server_id, m.field, m.value, m.marked_at "
            "FROM sync_marks AS m LEFT JOIN sync_items AS s ON s.item_id = m.item_id "
            "WHERE m.id = (SELECT max(id) FROM sync_marks AS n "
            "  WHERE n.item_id = m.item_id AND n.field = m.field) "
            "ORDER BY m.id"
        )
        return [QueuedMark(int(r[0]), int(r[1]), r[2], r[3], bool(r[4]), float(r[5])) for r in rows]

    @writes
    def sync_pushed(self, pushed: Sequence[Pushed]) -> None:
        """The server took these states: they are its state now, and their marks are done
        (a mark made since, with a larger id, stays queued)."""
        with self._write() as conn:
            for p in pushed:
                _check_field(p.field)
                conn.execute(
                    f"UPDATE sync_items SET {p.field} = ? WHERE server_id = ?",
                    (int(p.value), p.server_id),
                )
                if p.mark_id is not None:
                    conn.execute(
                        "DELETE FROM sync_marks WHERE field = ? AND id <= ? AND item_id = "
                        "(SELECT item_id FROM sync_items WHERE server_id = ?)",
                        (p.field, p.mark_id, p.server_id),
                    )

    @writes
    def sync_apply(self, changes: Sequence[tuple[str, Field, bool]]) -> int:
        """Changes made on the server: (server id, field, value). Each is applied here unless
        this side changed the field meanwhile (a mark queued, or a state differing from the
        last sync's), and becomes the baseline either way. Returns how many were applied."""
        applied = 0
        with self._write() as conn:
            for server_id, field, value in changes:
                _check_field(field)
                cursor = conn.execute(
                    f"UPDATE items SET {field} = ? WHERE id = "
                    "(SELECT item_id FROM sync_items WHERE server_id = ?) "
                    f"AND {field} = (SELECT {field} FROM sync_items WHERE server_id = ?) "
                    "AND NOT EXISTS (SELECT 1 FROM sync_marks WHERE item_id = items.id "
                    "AND field = ?)",
                    (int(value), server_id, server_id, field),
                )
                applied += cursor.rowcount
                conn.execute(
                    f"UPDATE sync_items SET {field} = ? WHERE server_id = ?",
                    (int(value), server_id),
                )
        return applied

    # -- local marks -----------------------------------------------------------------------
    @writes
    def mark(
        self,
        item_ids: Iterable[int],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        queue: bool,
        now: float,
    ) -> None:
        """Set read and/or starred on these items (NotFoundError names a missing one); with
        `queue`, also queue each mark for the sync server, in the same transaction."""
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        changes = [(f, v) for f, v in (("read", read), ("starred", starred)) if v is not None]
        with self._write() as conn:
            found = {
                row[0]
                for row in conn.execute(
                    "SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))",
                    (ids_json(ids),),
                )
            }
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFoundError(f"no article with id {missing[0]}")
            for field, value in changes:
                conn.executemany(
                    f"UPDATE items SET {field} = ? WHERE id = ?", [(int(value), i) for i in ids]
                )
                if not queue:
                    continue
                # One waiting mark per field and item: the latest says it all.
                conn.executemany(
                    "DELETE FROM sync_marks WHERE item_id = ? AND field = ?",
                    [(i, field) for i in ids],
                )
                conn.executemany(
                    "INSERT INTO sync_marks(item_id, field, value, marked_at) VALUES (?, ?, ?, ?)",
                    [(i, field, int(value), now) for i in ids],
                )


def _check_field(field: str) -> None:
    if field not in FIELDS:
        raise ValueError(f"not a state field: {field!r}")

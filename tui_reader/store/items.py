"""Feed entries: stored from a good fetch (upserted by guid), read and starred."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import NotFoundError
from ..models import FeedItem, ParsedFeed
from ..urls import canonical_url
from .base import INSERT_ROWS, StoreBase, ids_json, reads, writes
from .feeds import FeedsMixin
from .text import storable_item, utf8

_ITEM_COLUMNS = "id, title, link, author, published, summary, content"


def _sort_key(published: float | None, now: float) -> float:
    # A date in the future (wrong clocks, scheduled posts) must not pin an item to the top.
    return now if published is None else min(published, now)


@dataclass(frozen=True, slots=True)
class _Fetch:
    """What one fetch of a feed carries, for telling a churned guid from a new entry."""

    guids: frozenset[str]
    single_links: frozenset[str]  # links that exactly one entry of the fetch has

    @classmethod
    def of(cls, items: Sequence[FeedItem]) -> _Fetch:
        counts = Counter(item.link for item in items if item.link)
        return cls(
            guids=frozenset(item.guid for item in items),
            single_links=frozenset(link for link, n in counts.items() if n == 1),
        )


def _rekeyed(
    conn: sqlite3.Connection, feed_id: int, items: Sequence[FeedItem], fetch: _Fetch
) -> tuple[dict[str, int], bool, set[str]]:
    """Entries that are stored items under a new guid (new guid -> the stored item's id),
    whether the fetch churns, and the guids the feed has stored.

    A candidate is an entry with an unknown guid whose link, which no other entry of the
    fetch has, the feed already had under a guid the fetch no longer carries: a stored
    item (the newest, if churn before this rule stored several) or one pruned. The fetch
    churns when at least two entries, and half of the fetch, are candidates. A candidate is
    its stored item when the fetch churns or its title is unchanged; otherwise a page
    reused under a new title (a daily puzzle at one URL) is a new entry, as its feed means.
    """
    known = {
        guid for (guid,) in conn.execute("SELECT guid FROM items WHERE feed_id = ?", (feed_id,))
    }
    unknown = [item for item in items if item.guid not in known and item.link in fetch.single_links]
    if not unknown or (
        not known
        and conn.execute(
            "SELECT 1 FROM pruned WHERE feed_id = ? AND link IS NOT NULL LIMIT 1", (feed_id,)
        ).fetchone()
        is None
    ):
        return {}, False, known  # nothing new, or nothing the feed had before (its first fetch)
    found: dict[str, tuple[int, bool]] = {}
    candidates = 0
    for item in unknown:
        rows = conn.execute(
            "SELECT id, guid, title FROM items WHERE feed_id = ? AND link = ? ORDER BY id DESC",
            (feed_id, item.link),
        )
        stored = next(((i, t) for i, g, t in rows if g not in fetch.guids), None)
        if stored is not None:
            found[item.guid] = (stored[0], stored[1] == item.title)
            candidates += 1
        elif any(
            guid not in fetch.guids
            for (guid,) in conn.execute(
                "SELECT guid FROM pruned WHERE feed_id = ? AND link = ?", (feed_id, item.link)
            )
        ):
            candidates += 1
    churns = candidates >= 2 and 2 * candidates >= len(items)
    rekeyed = {guid: item_id for guid, (item_id, same) in found.items() if same or churns}
    return rekeyed, churns, known


class _Inserts:
    """New items of one feed, inserted INSERT_ROWS to a statement.

    For the search index: FTS5 writes the terms it holds in memory out as a new segment at
    each statement that writes inside a transaction (its savepoint), so the trigger
    indexing one row per statement made one segment per item, each merged again later.
    One statement for a feed's rows writes one (storing the bench's 10,000 items 0.83 ->
    0.45 s of CPU). The index holds the same terms either way (FTS5's integrity-check).
    """

    def __init__(self, feed_id: int, now: float) -> None:
        self.feed_id = feed_id
        self.now = now
        self.guids: set[str] = set()
        self._order: list[str] = []
        self._rows: list[tuple[object, ...]] = []

    def add(self, item: FeedItem, summary_text: str) -> None:
        self.guids.add(item.guid)
        self._order.append(item.guid)
        self._rows.append(
            (
                self.feed_id,
                item.guid,
                item.title,
                item.link,
                item.author,
                item.published,
                item.summary,
                item.content,
                summary_text,
                self.now,
                _sort_key(item.published, self.now),
            )
        )

    def flush(self, conn: sqlite3.Connection) -> list[int]:
        """Insert what was added, in order; their ids, in that order."""
        ids: dict[str, int] = {}
        for start in range(0, len(self._rows), INSERT_ROWS):
            rows = self._rows[start : start + INSERT_ROWS]
            # RETURNING gives no promise of order: each id is matched by its guid, which
            # is unique among them (a repeated guid flushes first, see _record_ok).
            cursor = conn.execute(
                "INSERT INTO items(feed_id, guid, title, link, author, published, summary, "
                "content, summary_text, added_at, sort_key) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(rows))
                + " RETURNING guid, id",
                [value for row in rows for value in row],
            )
            ids.update(cursor.fetchall())
        new_ids = [ids[guid] for guid in self._order]
        self.guids, self._order, self._rows = set(), [], []
        return new_ids


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

        Some feeds give every entry a new guid on each fetch: an entry that is a stored item
        under a new guid (see _rekeyed) updates that item, which takes the new guid and
        keeps its read/starred state, instead of storing the story once more.
        """
        with self._write() as conn:
            return self._record_ok(conn, feed_id, parsed, etag, last_modified, now, final_url)

    @writes
    def subscribe(
        self,
        url: str,
        parsed: ParsedFeed,
        *,
        tags: Sequence[str] = (),
        title: str = "",
        etag: str | None,
        last_modified: str | None,
        now: float,
    ) -> tuple[int, list[int]]:
        """Add the feed and its items in one transaction: (feed id, new item ids).

        `title` is the user's own; without one the feed's title is shown, and follows the
        feed when it is renamed. Raises DuplicateFeedError.
        """
        with self._write() as conn:
            assert isinstance(self, FeedsMixin)  # the Store is both (store/db.py)
            feed_id = self._insert_feed(conn, url, title=title, tags=tags, site_url=parsed.site_url)
            return feed_id, self._record_ok(conn, feed_id, parsed, etag, last_modified, now, None)

    def _record_ok(
        self,
        conn: sqlite3.Connection,
        feed_id: int,
        parsed: ParsedFeed,
        etag: str | None,
        last_modified: str | None,
        now: float,
        final_url: str | None,
    ) -> list[int]:
        """record_feed_ok inside the caller's transaction."""
        items = [storable_item(item) for item in parsed.items]
        for item in items:
            if not item.guid:
                raise ValueError("a feed item needs a guid (fetch.itemtext.entry_guid)")
        fetch = _Fetch.of(items)
        new_ids: list[int] = []
        if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        rekeyed, churns, stored = _rekeyed(conn, feed_id, items, fetch)
        # A feed with nothing pruned needs no pruned lookup per new entry (a first fetch).
        pruned = (
            conn.execute("SELECT 1 FROM pruned WHERE feed_id = ? LIMIT 1", (feed_id,)).fetchone()
            is not None
        )
        inserts = _Inserts(feed_id, now)
        for item in items:
            if item.guid in inserts.guids:
                new_ids += inserts.flush(conn)  # a second entry of a guid reads the first's row
            self._upsert(conn, feed_id, item, now, rekeyed, churns, stored, pruned, inserts)
        new_ids += inserts.flush(conn)
        title = utf8(" ".join(parsed.title.split()))
        etag, last_modified = utf8(etag), utf8(last_modified)
        final_url = utf8(final_url)
        conn.execute(
            "UPDATE feeds SET "
            "title = CASE WHEN title_from_user OR ? = '' THEN title ELSE ? END, "
            "site_url = coalesce(?, site_url), etag = ?, last_modified = ?, last_ok_at = ?, "
            "last_error = NULL, last_error_at = NULL, error_count = 0, retry_after = NULL, "
            "gone_at = NULL WHERE id = ?",
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
        conn: sqlite3.Connection,
        feed_id: int,
        item: FeedItem,
        now: float,
        rekeyed: dict[str, int],
        churns: bool,
    ) -> int | None:
        """Insert a new item (returns its id) or update a stored one (returns None)."""
        inserts = _Inserts(feed_id, now)
        ItemsMixin._upsert(conn, feed_id, item, now, rekeyed, churns, None, True, inserts)
        new_ids = inserts.flush(conn)
        return new_ids[0] if new_ids else None

    @staticmethod
    def _upsert(
        conn: sqlite3.Connection,
        feed_id: int,
        item: FeedItem,
        now: float,
        rekeyed: dict[str, int],
        churns: bool,
        stored: set[str] | None,
        pruned: bool,
        inserts: _Inserts,
    ) -> None:
        """Queue a new item on `inserts` or update a stored one.

        stored: the feed's guids before this fetch and each one queued since (a guid in
        none of them and not rekeyed has no row to read; None: unknown); pruned: the feed
        may have pruned rows.
        """
        # Imported here, not at the top: the store opens at every start, and the HTML parser
        # is only needed when a refresh writes items (~10 ms off the first paint).
        from ..fetch.itemtext import html_text

        guid = item.guid
        row = None
        if stored is None or guid in stored:
            row = conn.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE feed_id = ? AND guid = ?",
                (feed_id, guid),
            ).fetchone()
        if row is None and guid in rekeyed:
            conn.execute("UPDATE items SET guid = ? WHERE id = ?", (guid, rekeyed.pop(guid)))
            row = conn.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE feed_id = ? AND guid = ?",
                (feed_id, guid),
            ).fetchone()
        if row is None:
            # Read and pruned earlier, and the feed still carries it (under a new guid, if
            # the fetch churns): not brought back unread.
            if (
                pruned
                and conn.execute(
                    "SELECT 1 FROM pruned WHERE feed_id = ?1 AND (guid = ?2 OR (?3 AND link = ?4))",
                    (feed_id, guid, churns, item.link),
                ).fetchone()
            ):
                return
            inserts.add(item, html_text(item.summary))
            if stored is not None:
                stored.add(guid)
            return
        item_id, title, link, author, published, summary, content = row
        new = (item.title, item.link, item.author, item.published, item.summary, item.content)
        if new == (title, link, author, published, summary, content):
            return
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

    @reads
    def feed_guids(self, feed_id: int) -> frozenset[str]:
        """The guids of a feed's stored items (what a fetch's entries are new against)."""
        rows = self._reader.execute("SELECT guid FROM items WHERE feed_id = ?", (feed_id,))
        return frozenset(guid for (guid,) in rows)

    @writes
    def item_guids(self, item_ids: Sequence[int]) -> dict[int, str]:
        """Item id -> guid. On the writer connection: inside a batch it sees the batch's
        own inserts (a feed's new items, before their commit)."""
        rows = self._conn.execute(
            "SELECT id, guid FROM items WHERE id IN (SELECT value FROM json_each(?))",
            (ids_json(item_ids),),
        )
        return {item_id: guid for item_id, guid in rows}

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

"""Finding a subscription by URL in any spelling (urls.py), in O(1) per look-up.

Feeds are stored in their canonical spelling, so an exact, indexed match finds them. Only
feeds stored before URLs were canonical can be spelled otherwise; those are found once per
Store and kept in a map (an OPML import of 10,000 feeds would otherwise compare every URL
with every other). No write ever adds such a spelling, so the map can only grow stale by a
feed's removal, which each hit checks.
"""

from __future__ import annotations

import sqlite3

from ..urls import canonical_url


class FeedUrlIndex:
    def __init__(self) -> None:
        self._legacy: dict[str, list[int]] | None = None

    def find(self, conn: sqlite3.Connection, url: str) -> int | None:
        """The id of the feed whose URL is `url` in any spelling, or None."""
        row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return int(row[0])
        key = canonical_url(url)
        if key != url:
            row = conn.execute("SELECT id FROM feeds WHERE url = ?", (key,)).fetchone()
            if row is not None:
                return int(row[0])
        if self._legacy is None:
            self._legacy = {}
            for feed_id, stored in conn.execute("SELECT id, url FROM feeds ORDER BY id"):
                canonical = canonical_url(stored)
                if canonical != stored:
                    self._legacy.setdefault(canonical, []).append(int(feed_id))
        for feed_id in list(self._legacy.get(key, ())):
            row = conn.execute("SELECT url FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if row is not None and canonical_url(row[0]) == key:
                return feed_id
            self._legacy[key].remove(feed_id)  # removed (or moved) since the map was made
        return None

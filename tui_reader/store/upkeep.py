"""Keeping the cache small and sound: pruning old read items, the integrity check."""

from __future__ import annotations

from .base import StoreBase, reads, writes


class UpkeepMixin(StoreBase):
    """Whole-cache maintenance."""

    @writes
    def prune(self, *, older_than_days: int, now: float) -> int:
        """Delete read, unstarred items older than the limit; returns how many."""
        if older_than_days <= 0:
            return 0  # retention_days = 0 keeps everything
        cutoff = now - older_than_days * 86400.0
        # An item whose read mark still waits for the sync server stays until it is sent:
        # pruned, the mark would go with it and the server never hear of it.
        condition = (
            "read = 1 AND starred = 0 AND sort_key < ? "
            "AND NOT EXISTS (SELECT 1 FROM sync_marks AS m WHERE m.item_id = items.id)"
        )
        with self._write() as conn:
            # Remember their guids, so a feed that still lists them does not bring them back.
            conn.execute(
                "INSERT OR IGNORE INTO pruned(feed_id, guid, link) SELECT feed_id, guid, link "
                "FROM items "
                f"WHERE feed_id IS NOT NULL AND {condition}",
                (cutoff,),
            )
            count = conn.execute(f"DELETE FROM items WHERE {condition}", (cutoff,)).rowcount
            conn.execute("DELETE FROM entities WHERE articles <= 0")
        return int(count)

    @reads
    def integrity_check(self) -> str:
        """'ok' or SQLite's complaint."""
        rows = [str(row[0]) for row in self._reader.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows)

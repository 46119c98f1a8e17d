"""Article pages as fetched (raw HTML, zlib-compressed), kept so the cache can be cleaned again."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

from ..errors import NotFoundError, one_line
from .base import StoreBase, ids_json, reads, writes
from .text import MAX_ERROR_CHARS, utf8

# Pages are compressed by ISA-L (isal) when it is installed: its output is the zlib format,
# so zlib.decompress reads every blob, whichever library wrote it (no migration), and rows
# written by zlib before read as they always did. On the issue-10 bench pages (170 KB of
# HTML on average) ISA-L's level 1 takes 0.24 ms a page for blobs of 23.1% of the page;
# zlib's level 1 took 1.0 ms for 23.5% (its level 6: 2.7 ms, 19.7%), in the one writer
# thread of a prefetch refresh. Without isal (a platform it has no wheel for), zlib level 1.
try:
    from isal import isal_zlib

    def compress_page(html: bytes) -> bytes:
        return isal_zlib.compress(html, 1)

except ImportError:  # pragma: no cover - isal is a dependency; zlib is the fallback

    def compress_page(html: bytes) -> bytes:
        return zlib.compress(html, 1)


# A link items_without_page fetches: its LIKE, in Python (SQLite's LIKE folds ASCII case
# only). The two must agree: the refresh cleans in a worker only items without a page.
_PAGE_LINK = re.compile(r"https?://", re.ASCII | re.IGNORECASE)


def has_page_link(link: str | None) -> bool:
    return _PAGE_LINK.match(link or "") is not None


class PagesMixin(StoreBase):
    """The pages table."""

    @reads
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
            params = (ids_json(item_ids),)
        rows = self._reader.execute(sql + " ORDER BY i.sort_key DESC, i.id DESC", params)
        return [(row[0], row[1]) for row in rows]

    @writes
    def store_page(
        self,
        item_id: int,
        *,
        status: str,
        html: bytes | None,
        url: str | None,
        now: float,
        content_type: str | None = None,
    ) -> None:
        """status is "ok" or a one-line error; html is the raw page bytes (decoded-size
        capped); content_type is the page's Content-Type as served."""
        status = (
            "ok"
            if status == "ok"
            else (utf8(one_line(status, max_chars=MAX_ERROR_CHARS)) or "error")
        )
        url = utf8(url)
        content_type = utf8(one_line(content_type, max_chars=200)) if content_type else None
        blob = compress_page(html) if html is not None else None
        with self._write() as conn:
            # An item removed meanwhile (feed deleted during a refresh) has nothing to attach
            # to: the write is a no-op. A failed re-fetch never replaces a good page.
            conn.execute(
                "INSERT INTO pages(item_id, url, status, html, fetched_at, content_type) "
                "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM items WHERE id = ?) "
                "ON CONFLICT(item_id) DO UPDATE SET url = excluded.url, "
                "status = excluded.status, html = excluded.html, "
                "fetched_at = excluded.fetched_at, content_type = excluded.content_type "
                "WHERE excluded.status = 'ok' OR pages.status != 'ok'",
                (item_id, url, status, blob, now, content_type, item_id),
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

    @reads
    def page_html(self, item_id: int) -> bytes | None:
        return self._page_bytes(item_id)

    @reads
    def clean_sources(
        self, item_ids: Sequence[int]
    ) -> list[tuple[int, str, str, str, str | None, bytes | None, str | None]]:
        """What the cleaner reads, for many items in one query: (id, title, content html,
        summary html, link, raw page or None, the page's Content-Type), in the order given
        (items removed meanwhile are left out)."""
        rows = self._reader.execute(
            "SELECT i.id, i.title, i.content, i.summary, i.link, p.html, p.content_type "
            "FROM items AS i LEFT JOIN pages AS p ON p.item_id = i.id AND p.status = 'ok' "
            "WHERE i.id IN (SELECT value FROM json_each(?))",
            (ids_json(item_ids),),
        )
        found = {row[0]: row for row in rows}
        out = []
        for item_id in item_ids:
            row = found.get(item_id)
            if row is None:
                continue
            page: bytes | None = None
            if row[5] is not None:
                try:
                    page = zlib.decompress(row[5])
                except zlib.error:
                    page = None  # a damaged blob reads as "no page"
            out.append((row[0], row[1], row[2], row[3], row[4], page, row[6]))
        return out

    @reads
    def item_sources(self, item_id: int) -> tuple[str, str, str | None, bytes | None]:
        """(feed content html, feed summary html, link, raw page bytes or None) for cleaning."""
        row = self._reader.execute(
            "SELECT content, summary, link FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {item_id}")
        return row[0], row[1], row[2], self._page_bytes(item_id)

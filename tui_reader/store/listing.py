"""What the list and the reader show: filtered ids, screenfuls of rows, one article, search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import NotFoundError
from ..models import ArticleFilter, ArticleRow, ArticleView
from .articles import decode_blocks
from .base import StoreBase, ids_json, reads, string_list
from .fts import fts_query
from .text import clean_tag

# Title weighs more than body in the ranking (bm25 column weights: title, body).
_RANK = "bm25(search, 5.0, 1.0)"
# Ranking every match of a word found in nearly every article ("the") costs ~1.5 µs each;
# such a query ranks only its newest SEARCH_CANDIDATES matches.
SEARCH_CANDIDATES = 5000
# Above this many matches a list filter by query scans the list's index (see article_ids).
FTS_SCAN_THRESHOLD = 8000

_ROW_COLUMNS = (
    "i.id, coalesce(i.feed_id, 0), "
    "coalesce(nullif(f.title, ''), f.url, nullif(i.origin_title, ''), i.origin_url, ''), "
    "i.title, i.link, i.published, i.read, i.starred"
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


class ListingMixin(StoreBase):
    """Queries across items, feeds and articles for showing them."""

    def _where(self, flt: ArticleFilter) -> tuple[list[str], list[object]] | None:
        """The filter as SQL conditions on `items AS i` and their parameters, or None when
        nothing can match. The one place an ArticleFilter becomes SQL."""
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
                return None
            # Few matches: look each up and sort them (0.1 ms for 20, 4 ms for 4,000). Very
            # many ("the"): walk the list-order index and test membership instead ("+" stops
            # the planner from using the id), which halves the worst case. Counting the
            # matches costs a tenth of fetching them.
            matches = self._reader.execute(
                "SELECT count(*) FROM search WHERE search MATCH ?", (match,)
            ).fetchone()[0]
            if not matches:
                return None
            plus = "+" if matches > FTS_SCAN_THRESHOLD else ""
            where.append(f"{plus}i.id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params.append(match)
        if flt.ids is not None:
            where.append("i.id IN (SELECT value FROM json_each(?))")
            params.append(ids_json(flt.ids))
        return where, params

    @reads
    def article_ids(self, flt: ArticleFilter = ArticleFilter()) -> list[int]:  # noqa: B008 - frozen
        """Ids matching the filter, newest first (published, then id). One indexed query."""
        found = self._where(flt)
        if found is None:
            return []
        where, params = found
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

    @reads
    def article_rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for these ids, in the order given (the list fetches one screenful at a time)."""
        if not ids:
            return []
        rows = self._reader.execute(
            f"SELECT {_ROW_COLUMNS} FROM json_each(?) AS j JOIN items AS i ON i.id = j.value "
            "LEFT JOIN feeds AS f ON f.id = i.feed_id ORDER BY j.key",
            (ids_json(ids),),
        )
        return [_row(row) for row in rows]

    @reads
    def article(self, item_id: int) -> ArticleView:
        """Raises NotFoundError."""
        row = self._reader.execute(
            f"SELECT {_ROW_COLUMNS}, i.author, a.byline, a.blocks, "
            "coalesce(a.text, i.summary_text), a.truncated, a.note, a.links, p.status "
            "FROM items AS i LEFT JOIN feeds AS f ON f.id = i.feed_id "
            "LEFT JOIN articles AS a ON a.item_id = i.id "
            "LEFT JOIN pages AS p ON p.item_id = i.id WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {item_id}")
        author, byline, blocks, text, truncated, note, links, page_status = row[8:]
        if page_status is not None and page_status != "ok":
            page_status = f"error: {page_status}"
        return ArticleView(
            row=_row(row[:8]),
            author=author or byline,
            blocks=decode_blocks(blocks),
            text=text,
            truncated=bool(truncated),
            note=note or "",
            links=string_list(links),
            page_status=page_status,
        )

    @reads
    def unread_count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM items WHERE read = 0").fetchone()[0])

    @reads
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

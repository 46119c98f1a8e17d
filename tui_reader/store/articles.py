"""Cleaned articles: what the cleaner made of an item, and what still needs cleaning."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, cast, get_args

from ..errors import NotFoundError
from ..models import Article, Block, BlockKind, LinkSpan
from .base import INSERT_ROWS, StoreBase, ids_json, reads, writes
from .text import storable_article

_KINDS: frozenset[str] = frozenset(get_args(BlockKind))


def encode_blocks(blocks: tuple[Block, ...]) -> str:
    """The blocks as stored: a compact JSON array of [kind, text, level, [[start, end, n]]].
    A list's items are its text's lines, so they are not stored twice."""
    return json.dumps(
        [[b.kind, b.text, b.level, [list(span) for span in b.links]] for b in blocks],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_blocks(raw: str | None) -> tuple[Block, ...]:
    """The stored blocks; () for none, or for a row this version cannot read (it then
    shows its text, and is cleaned again from its page)."""
    if not raw:
        return ()
    try:
        rows = json.loads(raw)
        return tuple(_block(row) for row in rows)
    except (ValueError, TypeError, IndexError):
        return ()


def _block(row: list[Any]) -> Block:
    kind, text, level, spans = row
    if kind not in _KINDS or not isinstance(text, str) or not isinstance(level, int):
        raise ValueError("not a block")
    links: tuple[LinkSpan, ...] = tuple((int(a), int(b), int(n)) for a, b, n in spans)
    end = 0
    for start, stop, number in links:  # in order, inside the text, never overlapping
        if not end <= start < stop <= len(text) or number < 1:
            raise ValueError("not a link span")
        end = stop
    items = tuple(text.split("\n")) if kind == "list" else ()
    return Block(kind, text, level=level, items=items, links=links)


# The columns an article is stored with, in the order _article_values gives them.
_ARTICLE_COLUMNS = (
    "item_id",
    "byline",
    "blocks",
    "text",
    "truncated",
    "note",
    "links",
    "cleaner_version",
    "source",
)
# had_page: a good page existed when it was cleaned (its one parameter is the item id).
_HAD_PAGE = "EXISTS (SELECT 1 FROM pages WHERE item_id = ? AND status = 'ok')"


def _article_values(item_id: int, article: Article, source: str) -> tuple[object, ...]:
    return (
        item_id,
        article.byline,
        encode_blocks(article.blocks),
        article.text,
        int(article.truncated),
        article.note,
        json.dumps(list(article.links)),
        article.cleaner_version,
        source,
    )


class ArticlesMixin(StoreBase):
    """The articles table (and, through its triggers, the search index)."""

    @reads
    def items_needing_clean(self, cleaner_version: int, limit: int = 1000) -> list[int]:
        """Items never cleaned, cleaned by an older cleaner version, or kept before blocks
        were (schema v4)."""
        # Also those whose feed text changed or whose page arrived after a feed-only clean
        # (needs_clean), newest first: those are the ones a reader opens next. Each part
        # stops at `limit` in its index, so a call stays cheap whether none or all qualify.
        rows = self._reader.execute(
            "SELECT id FROM (SELECT id FROM items WHERE needs_clean = 1 "
            "  ORDER BY sort_key DESC, id DESC LIMIT ?2) "
            "UNION ALL "
            "SELECT id FROM (SELECT item_id AS id FROM articles WHERE cleaner_version < ?1 "
            "  LIMIT ?2) "
            "UNION ALL "
            "SELECT id FROM (SELECT item_id AS id FROM articles WHERE blocks IS NULL LIMIT ?2)",
            (cleaner_version, limit),
        )
        return list(dict.fromkeys(row[0] for row in rows))[:limit]

    @writes
    def store_article(self, item_id: int, article: Article, *, source: str) -> None:
        """Save the blocks + text (+ FTS row); source is "page" or "feed"."""
        with self._write() as conn:
            changed = self._store_article(conn, item_id, article, source)
            if changed is not None:
                self._mark_cleaned(conn, item_id, changed)

    def _store_article(
        self, conn: sqlite3.Connection, item_id: int, article: Article, source: str
    ) -> bool | None:
        """The article stored inside the caller's transaction, the item not yet marked
        cleaned: whether its text is new, None when the item was removed meanwhile."""
        article = storable_article(article)
        stored, old_text = self._article_state(conn, item_id)
        if not stored:
            return None  # nothing to attach the article to
        return self._put_article(conn, item_id, article, source, old_text)

    @staticmethod
    def _article_state(conn: sqlite3.Connection, item_id: int) -> tuple[bool, str | None]:
        """(whether the item exists, its article's text or None), in one statement."""
        row = conn.execute(
            "SELECT a.text FROM items AS i LEFT JOIN articles AS a ON a.item_id = i.id "
            "WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        return (False, None) if row is None else (True, row[0])

    @staticmethod
    def _mark_cleaned(conn: sqlite3.Connection, item_id: int, changed: bool) -> None:
        """The item is cleaned; new text means its entities must be extracted again."""
        stale = ", entities_version = NULL" if changed else ""
        conn.execute(f"UPDATE items SET needs_clean = 0{stale} WHERE id = ?", (item_id,))

    @staticmethod
    def _article_states(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, str | None]:
        """_article_state of many items in one statement: item id -> its article's text or
        None; an item removed meanwhile is absent."""
        rows = conn.execute(
            "SELECT i.id, a.text FROM items AS i LEFT JOIN articles AS a ON a.item_id = i.id "
            "WHERE i.id IN (SELECT value FROM json_each(?))",
            (ids_json(item_ids),),
        )
        return dict(rows)

    @staticmethod
    def _put_article(
        conn: sqlite3.Connection, item_id: int, article: Article, source: str, old: str | None
    ) -> bool:
        """The articles row, inside the caller's transaction; whether its text is new.
        `old`: the stored article's text (None: no article yet; its text is never NULL)."""
        if old is None:
            ArticlesMixin._insert_articles(conn, [(item_id, article, source)])
            return True
        conn.execute(
            f"UPDATE articles SET {', '.join(f'{name} = ?' for name in _ARTICLE_COLUMNS[1:])}, "
            f"had_page = {_HAD_PAGE} WHERE item_id = ?",
            (*_article_values(item_id, article, source)[1:], item_id, item_id),
        )
        return old != article.text

    @staticmethod
    def _insert_articles(
        conn: sqlite3.Connection, articles: Sequence[tuple[int, Article, str]]
    ) -> None:
        """Articles of items that had none, INSERT_ROWS to a statement: FTS5 writes an index
        segment per statement (see items._Inserts), and a page's article is indexed."""
        # Not an upsert: its BEFORE INSERT trigger would fire too, and the search index
        # would be told twice to forget the old text.
        row = f"({', '.join('?' * len(_ARTICLE_COLUMNS))}, {_HAD_PAGE})"
        for start in range(0, len(articles), INSERT_ROWS):
            part = articles[start : start + INSERT_ROWS]
            conn.execute(
                f"INSERT INTO articles({', '.join(_ARTICLE_COLUMNS)}, had_page) VALUES "
                + ", ".join([row] * len(part)),
                [
                    value
                    for item_id, article, source in part
                    for value in (*_article_values(item_id, article, source), item_id)
                ],
            )

    @reads
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

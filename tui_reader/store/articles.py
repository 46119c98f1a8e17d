"""Cleaned articles: what the cleaner made of an item, and what still needs cleaning."""

from __future__ import annotations

import json
from typing import cast

from ..errors import NotFoundError
from ..models import Article
from .base import StoreBase, reads, writes
from .text import storable_article


class ArticlesMixin(StoreBase):
    """The articles table (and, through its triggers, the search index)."""

    @reads
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

    @writes
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

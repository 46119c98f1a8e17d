"""A fresh Store per test, and small builders for what the refresh pipeline hands it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_reader.models import Article, Block, FeedItem, ParsedFeed
from tui_reader.store import Store, open_store

NOW = 1_700_000_000.0


def item(n: int, **fields: object) -> FeedItem:
    values: dict[str, object] = {
        "guid": f"guid-{n}",
        "title": f"Story number {n}",
        "link": f"https://example.com/story/{n}",
        "published": NOW - 3600 * (100 - n),
        "summary": f"<p>Summary of story {n}.</p>",
    }
    values.update(fields)
    return FeedItem(**values)  # type: ignore[arg-type]


def parsed(*items: FeedItem, title: str = "Example News") -> ParsedFeed:
    return ParsedFeed(title=title, site_url="https://example.com/", items=items)


def article(text: str, *, title: str = "T", version: int = 1) -> Article:
    """One heading and one paragraph whose first word links to the article's one link."""
    first = text.split()[0] if text.split() else ""
    return Article(
        title=title,
        byline=None,
        published=None,
        site=None,
        blocks=(
            Block("heading", title, level=2),
            Block("paragraph", text, links=((0, len(first), 1),) if first else ()),
        ),
        text=text,
        truncated=False,
        cleaner_version=version,
        links=("https://example.com/a",),
    )


def fts_consistent(store: Store) -> None:
    """FTS5's own check that the index matches its content (raises when it does not)."""
    store._conn.execute("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tui-reader.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened

"""Marks: the one owner of read/starred state in the app, written by one worker at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.conftest import NOW, item, parsed
from tui_reader.app.marks import Marks
from tui_reader.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "data" / "tui-reader.sqlite3") as opened:
        yield opened


def _cache(store: Store, n: int) -> list[int]:
    feed = store.add_feed("https://a.example/feed")
    items = parsed(*(item(i) for i in range(n)))
    return store.record_feed_ok(feed.id, items, etag=None, last_modified=None, now=NOW)


def test_a_mark_is_the_state_at_once_and_in_the_store_after_the_write(store: Store) -> None:
    ids = _cache(store, 3)
    marks = Marks(store)
    assert marks.set(ids[0], read=True) is True  # start a writer
    assert marks.set(ids[1], starred=True) is False  # one is already due
    assert marks.read(ids[0], False) and marks.starred(ids[1], False)
    assert marks.read(ids[2], False) is False  # nothing set: what the store said
    rows = {r.id: r for r in marks.rows(store.article_rows)(ids)}
    assert rows[ids[0]].read and rows[ids[1]].starred and not rows[ids[2]].read
    assert not store.article(ids[0]).row.read  # not written yet
    marks.write()
    assert store.article(ids[0]).row.read and store.article(ids[1]).row.starred
    assert marks.set(ids[2], read=True) is True  # the writer is done: a new one is due
    marks.flush()
    assert store.article(ids[2]).row.read


def test_marks_set_while_writing_are_all_written_in_order(store: Store) -> None:
    """Above the size of one batch: marks keep coming while the writer writes."""
    ids = _cache(store, 200)
    marks = Marks(store)
    writers: list[threading.Thread] = []

    def mark(article_id: int, read: bool) -> None:
        if marks.set(article_id, read=read):
            writer = threading.Thread(target=marks.write)
            writers.append(writer)
            writer.start()

    for round_ in range(3):
        for article_id in ids:
            mark(article_id, read=round_ % 2 == 0)  # read, unread, read: the last one wins
    for writer in writers:
        writer.join(timeout=30)
    marks.flush()
    assert all(store.article(i).row.read for i in ids)
    assert 1 <= len(writers) < 600


def test_a_mark_for_an_article_gone_meanwhile_is_dropped(store: Store) -> None:
    ids = _cache(store, 2)
    marks = Marks(store)
    marks.set(ids[0], read=True)
    marks.set(ids[1], read=True)
    store.remove_feed(store.feeds()[0].id)
    marks.write()  # no error: the feed and its articles are gone
    assert marks.read(ids[1], False) is False

"""Retention (prune), integrity, and sharing one Store between threads."""

from __future__ import annotations

import threading

from tests.store.conftest import NOW, article, fts_consistent, item, parsed
from tui_reader.models import ArticleFilter, Entity
from tui_reader.store import Store

DAY = 86400.0


def test_prune_deletes_only_old_read_unstarred_items(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    old_read, old_starred, old_unread, new_read = store.record_feed_ok(
        feed.id,
        parsed(
            item(1, published=NOW - 100 * DAY),
            item(2, published=NOW - 100 * DAY),
            item(3, published=NOW - 100 * DAY),
            item(4, published=NOW - DAY),
        ),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    for item_id in (old_read, old_starred, new_read):
        store.set_read(item_id)
    store.set_starred(old_starred, True)
    store.store_article(old_read, article("Pruned body text."), source="page")
    store.store_page(old_read, status="ok", html=b"<p>x</p>", url=None, now=NOW)
    store.store_entities(old_read, [Entity("PERSON", "Only Here")], extractor_version="v")
    store.store_entities(new_read, [Entity("PERSON", "Still Here")], extractor_version="v")

    assert store.prune(older_than_days=0, now=NOW) == 0  # 0 keeps everything
    assert store.prune(older_than_days=90, now=NOW) == 1
    assert sorted(store.article_ids()) == sorted([old_starred, old_unread, new_read])
    assert store.search("pruned") == []
    assert [e.name for e in store.top_entities()] == ["Still Here"]
    assert store.find_entity("Only Here") == []
    assert store._conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    fts_consistent(store)
    assert store.integrity_check() == "ok"


def test_prune_reads_only_the_index_of_read_unstarred_items(store: Store) -> None:
    """Every refresh prunes: its statements must not visit each older item's row (with
    10,000 unread items that cost ~25-55 ms a statement)."""
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(
        feed.id,
        parsed(*(item(n, published=NOW - 100 * DAY) for n in range(20))),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        assert store.prune(older_than_days=90, now=NOW) == 0
    finally:
        store._conn.set_trace_callback(None)
    on_items = [s for s in statements if "FROM items" in s and "read = 1" in s]
    assert len(on_items) == 2  # remembering the guids, deleting
    for sql in on_items:
        plan = " ".join(r[3] for r in store._conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INDEX items_prunable" in plan, plan


def test_a_pruned_item_does_not_come_back_from_the_feed(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (old,) = store.record_feed_ok(
        feed.id, parsed(item(1, published=NOW - 100 * DAY)), etag=None, last_modified=None, now=NOW
    )
    store.set_read(old)
    assert store.prune(older_than_days=30, now=NOW) == 1
    again = store.record_feed_ok(
        feed.id,
        parsed(item(1, published=NOW - 100 * DAY), item(2)),
        etag=None,
        last_modified=None,
        now=NOW + 1,
    )
    assert len(again) == 1 and store.article_rows(again)[0].title == "Story number 2"


def test_starred_items_are_kept_forever(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (ancient,) = store.record_feed_ok(
        feed.id, parsed(item(1, published=0.0)), etag=None, last_modified=None, now=NOW
    )
    store.set_read(ancient)
    store.set_starred(ancient, True)
    assert store.prune(older_than_days=1, now=NOW + 1000 * DAY) == 0
    assert store.article_ids(ArticleFilter(starred_only=True)) == [ancient]


def test_threads_share_one_store(store: Store) -> None:
    """The app calls from worker threads and the event loop at once: no errors, no loss."""
    feed = store.add_feed("https://a.example/feed")
    errors: list[BaseException] = []
    stored: list[int] = []

    def writer(start: int) -> None:
        try:
            for n in range(start, start + 20):
                ids = store.record_feed_ok(
                    feed.id, parsed(item(n)), etag=None, last_modified=None, now=NOW + n
                )
                stored.extend(ids)
                for item_id in ids:
                    store.store_article(item_id, article(f"text {n}"), source="feed")
                    store.set_read(item_id)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(40):
                ids = store.article_ids(ArticleFilter(unread_only=False))
                store.article_rows(ids[:50])
                store.search("text")
                store.feeds()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
    threads += [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert len(stored) == 60 and store.unread_count() == 0
    fts_consistent(store)


def test_reads_do_not_wait_for_a_long_write(store: Store) -> None:
    """A write transaction in progress (a huge feed) never blocks the list: readers see
    the last commit."""
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    result: list[int] = []
    with store._lock:  # what record_feed_ok holds for its whole transaction
        store._conn.execute("BEGIN IMMEDIATE")
        store._conn.execute("DELETE FROM items")
        reader = threading.Thread(target=lambda: result.extend(store.article_ids()))
        reader.start()
        reader.join(timeout=10)
        finished = not reader.is_alive()
        store._conn.execute("ROLLBACK")
    reader.join(timeout=10)
    assert finished and len(result) == 1

"""Cleaning and entity indexing of stored items, inline and in worker processes alike."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.samples import LONG_PARAGRAPHS, article_page
from tui_reader.config import Config
from tui_reader.models import ArticleFilter, FeedItem, ParsedFeed
from tui_reader.processing import process_pending
from tui_reader.store import Store, open_store

PEOPLE = ["Ingrid Solberg", "Tomas Varga", "Amina Diallo", "Kenji Watanabe"]


def _fill(path: Path, items: int) -> Store:
    store = open_store(path)
    feed = store.add_feed("http://127.0.0.1:9/feed.xml")
    parsed = ParsedFeed(
        "Feed",
        None,
        tuple(
            FeedItem(
                guid=f"g{n}",
                title=f"Story {n}",
                link=f"http://127.0.0.1:9/a{n}",
                summary=f"<p>Mayor {PEOPLE[n % 4]} opened the new library in Lisbon.</p>",
            )
            for n in range(items)
        ),
    )
    ids = store.record_feed_ok(feed.id, parsed, etag=None, last_modified=None, now=time.time())
    for n, item_id in enumerate(ids[::2]):  # every other item has a fetched page
        page = article_page(f"Story {2 * n}", [f"{PEOPLE[n % 4]} said so.", *LONG_PARAGRAPHS])
        store.store_page(item_id, status="ok", html=page, url=None, now=time.time())
    return store


def _snapshot(store: Store) -> dict[str, tuple[str, frozenset[str]]]:
    result = {}
    for item_id in store.article_ids(ArticleFilter()):
        view = store.article(item_id)
        names = frozenset(e.name for e in store.article_entities(item_id))
        result[view.row.title] = (view.text, names)
    return result


@pytest.mark.parametrize("workers", [0, 2])
def test_every_item_is_cleaned_and_indexed(tmp_path: Path, workers: int) -> None:
    store = _fill(tmp_path / "db.sqlite3", 30)
    try:
        assert process_pending(store, Config(), workers=workers) == 30
        snapshot = _snapshot(store)
        assert len(snapshot) == 30
        text, names = snapshot["Story 0"]
        assert "ferry service" in text  # from the page, richer than the summary
        assert "Ingrid Solberg" in names
        text, names = snapshot["Story 1"]
        assert "opened the new library" in text and {"Tomas Varga", "Lisbon"} <= names
        # Nothing is left to do, and a second run does nothing.
        assert process_pending(store, Config(), workers=workers) == 0
    finally:
        store.close()


def test_worker_processes_give_the_same_result_as_inline(tmp_path: Path) -> None:
    inline = _fill(tmp_path / "a.sqlite3", 24)
    pooled = _fill(tmp_path / "b.sqlite3", 24)
    try:
        process_pending(inline, Config(), workers=0)
        process_pending(pooled, Config(), workers=2)
        assert _snapshot(inline) == _snapshot(pooled)
    finally:
        inline.close()
        pooled.close()


def test_stale_entities_are_re_extracted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _fill(tmp_path / "db.sqlite3", 6)
    try:
        process_pending(store, Config(), workers=0)
        monkeypatch.setattr("tui_reader.entities.EXTRACTOR_VERSION", "builtin-test-next")
        stale = store.items_needing_entities("builtin-test-next")
        assert len(stale) == 6
        assert process_pending(store, Config(), workers=0) == 0  # nothing to re-clean
        assert store.items_needing_entities("builtin-test-next") == []
    finally:
        store.close()


def test_a_pool_that_cannot_start_falls_back_to_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no semaphores here")

    monkeypatch.setattr("pebble.ProcessPool", NoProcesses)
    store = _fill(tmp_path / "db.sqlite3", 8)
    try:
        assert process_pending(store, Config(), workers=2) == 8
        assert "Lisbon" in _snapshot(store)["Story 1"][1]
    finally:
        store.close()


def test_a_new_cleaner_version_re_cleans_stored_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _fill(tmp_path / "db.sqlite3", 4)
    try:
        assert process_pending(store, Config(), workers=0) == 4
        import tui_reader.clean

        monkeypatch.setattr(
            tui_reader.clean, "CLEANER_VERSION", tui_reader.clean.CLEANER_VERSION + 1
        )
        # Every article is cleaned again from what is stored (raw pages and feed HTML)...
        assert process_pending(store, Config(), workers=0) == 4
        assert "ferry service" in _snapshot(store)["Story 0"][0]
        # ...once.
        assert process_pending(store, Config(), workers=0) == 0
    finally:
        store.close()


async def test_a_chunk_whose_worker_fails_is_retried_item_by_item(tmp_path: Path) -> None:
    """A hung or killed worker fails only the item that caused it; the others are stored."""
    from typing import Any

    from tui_reader.processing import Cleaner, clean_jobs, jobs_for
    from tui_reader.workers import WorkerError, WorkerPool

    store = _fill(tmp_path / "db.sqlite3", 6)
    ids = store.article_ids(ArticleFilter())
    bad = ids[2]

    class OneBadItem(WorkerPool):
        started = True

        async def run(self, fn: Any, *args: Any, timeout: float) -> Any:
            jobs = args[0]
            if any(job.item_id == bad for job in jobs):
                raise WorkerError(f"took longer than {timeout:.0f} s (worker stopped)")
            return clean_jobs(*args)

    async def write(fn: Any, *args: Any) -> Any:
        return fn(*args)

    try:
        cleaner = Cleaner(store, Config(), write=write, pool=OneBadItem(1))
        await cleaner.add(jobs_for(store, ids))
        await cleaner.wait()
        assert [item for item, _ in cleaner.counts.failed] == [bad]
        assert "took longer" in cleaner.counts.failed[0][1]
        assert cleaner.counts.cleaned == len(ids) - 1
        assert store.items_needing_clean(1) == [bad]  # it keeps its feed text, retried later
    finally:
        store.close()


async def test_jobs_queued_and_dropped_are_cancelled_without_a_stray_warning(
    tmp_path: Path,
) -> None:
    """The feed-only pass drops the future add() returns; a refresh that stops (a full
    disk) cancels those jobs, and asyncio must not print "exception was never retrieved"."""
    import asyncio
    import gc
    from typing import Any

    from tui_reader.processing import Cleaner, jobs_for

    store = _fill(tmp_path / "db.sqlite3", 4)
    unretrieved: list[dict[str, Any]] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: unretrieved.append(context))

    async def write(fn: Any, *args: Any) -> Any:
        return fn(*args)

    try:
        cleaner = Cleaner(store, Config(), write=write, pool=None)
        cleaner.expect_pool()  # chunks are held, as while the workers start
        cleaner.add(jobs_for(store, store.items_needing_clean(10)))
        await cleaner.cancel()
        await asyncio.sleep(0)
        gc.collect()
        assert not unretrieved
    finally:
        loop.set_exception_handler(None)
        store.close()


def test_what_crosses_to_the_workers_unpickles_equal() -> None:
    """Jobs, parsed feeds and cleaned articles travel pickled (models.pickled_as_call):
    every field, none at its default, comes back in its place."""
    import pickle

    from tui_reader.models import Article, Block, Entity
    from tui_reader.processing import Cleaned, CleanJob

    block = Block("list", "a\nb", 1, ("a", "b"), ((0, 1, 1),))
    article = Article(
        "T", "By", "2024-01-02", "Site", (block,), "a\nb", True, 5, ("http://x/",), "cut"
    )
    entity = Entity("PERSON", "Ada Lovelace", ("Lovelace",), 3, 7)
    item = FeedItem("g", "Title", "http://x/1", "Ann", 1.5, "<p>s</p>", "<p>c</p>")
    values = [
        ParsedFeed("Feed", "http://x/", (item, item), "warned"),
        CleanJob(4, "Title", "<p>c</p>", "<p>s</p>", "http://x/1", b"<html>", "text/html"),
        Cleaned(4, article, "page", (entity,)),
        Cleaned(5, None, "", None),
    ]
    for value in values:
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)


def test_warm_up_loads_once_and_a_wider_warm_up_covers_the_narrower(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui_reader.processing as processing

    monkeypatch.setattr(processing, "_warmed", set())
    assert processing.warm_up("builtin", pages=False) is True
    assert processing.warm_up("builtin", pages=False) is False  # a forked worker's case
    assert processing.warm_up("builtin", pages=True) is True  # pages load more
    assert processing.warm_up("builtin", pages=False) is False
    assert processing.warm_up("builtin", pages=True) is False

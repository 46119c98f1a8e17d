"""The app refreshing more items than every worker threshold, so the pool path runs in it.

At 300 new items or more the pipeline cleans in worker processes; inside Textual they could
not start ("bad value(s) in fds_to_keep": Textual's stderr has fileno() -1) and the whole
refresh was lost. Here 20 feeds x 20 items with their pages go through the app: the items are
listed while the refresh runs, nothing fails, every article is cleaned from its page.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pytest
from textual.worker import WorkerFailed

from tests.loopback import LoopbackServer, Reply, Request, RouteFn
from tests.samples import serve_feeds_with_pages
from tui_reader import processing, workers
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.main import MainScreen
from tui_reader.config import Config, FetchConfig, StoreConfig
from tui_reader.locations import Locations
from tui_reader.store import open_store
from tui_reader.store.base import INSERT_ROWS

FEEDS = 20
ITEMS = 20
LONG = 150  # items in one feed: more than one multi-row INSERT holds
SIZE = (120, 36)
HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}


def _late(reply: object, seconds: float) -> RouteFn:
    def route(request: Request) -> Reply:
        time.sleep(seconds)  # the server's latency (its own thread), not a wait in the test
        assert isinstance(reply, Reply)
        return reply

    return route


# Many small feeds, and a few feeds each longer than one multi-row INSERT (INSERT_ROWS).
@pytest.mark.parametrize(("feeds", "items"), [(FEEDS, ITEMS), (3, LONG)])
async def test_a_refresh_above_every_worker_threshold_works_in_the_app(
    home: Locations,
    server: LoopbackServer,
    notes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    feeds: int,
    items: int,
) -> None:
    assert feeds * items > processing.POOL_THRESHOLD
    assert LONG > INSERT_ROWS
    home.ensure()
    store = open_store(home.database)
    for f, url in enumerate(serve_feeds_with_pages(server, feeds, items)):
        store.add_feed(url)
        # The feeds arrive over ~1 s (the server holds each a little longer), as real ones
        # do: the list must show some before the last.
        path = url.split(str(server.port), 1)[1]
        server.add(path, _late(server.routes[path], 1.0 / feeds * f))
    started: list[int] = []
    original_start = workers.WorkerPool.start

    def start(self: workers.WorkerPool, *args: Any) -> None:
        original_start(self, *args)
        started.append(self.workers)

    monkeypatch.setattr(workers.WorkerPool, "start", start)
    listed_during: list[int] = []
    original_reload = MainScreen._reload_now

    def reload_now(self: MainScreen) -> None:
        original_reload(self)
        listed_during.append(len(self.article_list.ids))

    monkeypatch.setattr(MainScreen, "_reload_now", reload_now)
    config = Config(fetch=FetchConfig(timeout=10.0, prefetch=True))
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.screen
            assert isinstance(main, MainScreen)
            await pilot.pause()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and any(
                w.group == "refresh" and not w.is_finished for w in main.workers
            ):
                await pilot.pause(0.05)
            with contextlib.suppress(WorkerFailed):
                await app.workers.wait_for_complete()
            await pilot.pause()
            assert started, "the worker pool never started in the app"
            ids = main.article_list.ids
            assert len(ids) == feeds * items
            assert [n for n in notes if "failed:" in n or "Refresh failed" in n] == []
            assert any(n.endswith("0 failed") or " 0 failed" in n for n in notes)
            # Listed while the refresh went on: a reload showed part of the items.
            assert any(0 < n < feeds * items for n in listed_during)
            # Cleaned from its page, in the workers.
            view = store.article(ids[0])
            assert "opens with this sentence" in view.text
            assert view.page_status == "ok"
    finally:
        store.close()


async def test_a_stage_that_fails_names_itself_and_the_list_shows_what_was_stored(
    home: Locations, server: LoopbackServer, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.errors import StoreError

    def full(*args: object) -> int:
        raise StoreError("the disk is full")

    monkeypatch.setattr(processing, "store_cleaned", full)
    home.ensure()
    store = open_store(home.database)
    for url in serve_feeds_with_pages(server, 2, 5):
        store.add_feed(url)
    config = Config(fetch=FetchConfig(timeout=10.0, prefetch=False))
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.screen
            assert isinstance(main, MainScreen)
            await pilot.pause()
            with contextlib.suppress(WorkerFailed):
                await app.workers.wait_for_complete()
            await pilot.pause()
            failures = [n for n in notes if n.startswith("Refresh failed")]
            assert len(failures) == 1
            assert "while cleaning articles" in failures[0] and "disk is full" in failures[0]
            assert len(main.article_list.ids) == 10  # stored before the stage stopped
            assert main.progress == ""
    finally:
        store.close()


async def test_an_article_opened_before_it_is_cleaned_shows_its_feed_text_then_the_clean_one(
    home: Locations, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.ensure()
    store = open_store(home.database)
    (url,) = serve_feeds_with_pages(server, 1, 1)
    store.add_feed(url)
    # The page takes a while: the item is listed (and opened) before it is cleaned.
    page = server.routes["/p/0/0"]
    server.add("/p/0/0", _late(page, 4.0))
    # (Its 2023 date: once opened it is read, and a refresh prunes read items past 90 days.)
    config = Config(
        fetch=FetchConfig(timeout=10.0, prefetch=True), store=StoreConfig(retention_days=0)
    )
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.screen
            assert isinstance(main, MainScreen)
            deadline = time.monotonic() + 30
            while not main.article_list.ids and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert main.article_list.ids, "the item was never listed"
            await pilot.press("enter")
            await pilot.pause()
            shown = "\n".join(main.reader.lines)
            assert "a short summary of the story" in shown  # the feed's text, at once
            assert "opens with this sentence" not in shown
            while "opens with this sentence" not in "\n".join(main.reader.lines):
                assert time.monotonic() < deadline, "the clean text never replaced it"
                await pilot.pause(0.05)
            with contextlib.suppress(WorkerFailed):
                await app.workers.wait_for_complete()
    finally:
        store.close()


async def test_a_bug_in_starting_the_pool_fails_the_refresh_at_once_named(
    home: Locations, server: LoopbackServer, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items held for the pool while it started were never let go when it failed with
    anything but PoolUnavailable: the refresh never ended (this test's first form hung)."""
    import asyncio

    def broken(self: workers.WorkerPool, *args: Any) -> None:
        raise TypeError("a bug in starting the pool")

    monkeypatch.setattr(workers.WorkerPool, "start", broken)
    home.ensure()
    store = open_store(home.database)
    for url in serve_feeds_with_pages(server, FEEDS, ITEMS):
        store.add_feed(url)
    config = Config(fetch=FetchConfig(timeout=10.0, prefetch=True))
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            with contextlib.suppress(WorkerFailed):
                await asyncio.wait_for(app.workers.wait_for_complete(), timeout=60)
            await pilot.pause()
            failures = [n for n in notes if n.startswith("Refresh failed")]
            assert len(failures) == 1 and "a bug in starting the pool" in failures[0], notes
    finally:
        store.close()

"""The app against a loopback server: refresh, add a feed by its site, the server gone."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import replace

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.app.conftest import SampleCache
from tests.loopback import LoopbackServer, Reply, Request
from tests.samples import rss
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import InputDialog
from tui_reader.app.screens.main import MainScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.config import Config, FetchConfig

SIZE = (120, 36)
CONFIG = Config(fetch=FetchConfig(prefetch=False, timeout=5.0))
RSS = {"Content-Type": "application/rss+xml"}


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Wait for every worker; a failed one is the app's to report (tests check the notes)."""
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()


def titles(app: ReaderApp) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [row.row.title for i in range(len(lst.ids)) if (row := lst.row_at(i)) is not None]


def serve_feed(server: LoopbackServer, title: str, items: list[str]) -> str:
    body = rss(title, [(f"g-{n}", t, server.url(f"/a/{n}")) for n, t in enumerate(items)])
    return server.add("/feed.xml", Reply(200, body, RSS))


async def test_refresh_all_fetches_new_items(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    url = serve_feed(server, "Loopback News", ["Fresh from the loopback"])
    cache.store.add_feed(url, title="Loopback News")
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        assert "Fresh from the loopback" not in titles(app)
        await pilot.press("R")
        await settle(app, pilot)
        assert "Fresh from the loopback" in titles(app)
        assert len(server.requests_to("/feed.xml")) == 1
        # The sample feeds point at a closed port: each failure is named.
        assert any(note.startswith("World Desk:") for note in notes)
        assert any(note.startswith("Valley Gazette:") for note in notes)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.progress == ""
        assert main.unread == 7


async def test_refresh_one_feed(cache: SampleCache, server: LoopbackServer) -> None:
    url = serve_feed(server, "Loopback News", ["First story"])
    feed = cache.store.add_feed(url, title="Loopback News")
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        main.set_filter(replace(main.filter, feed_id=feed.id), "Loopback News")
        await pilot.pause()
        await pilot.press("r")
        await settle(app, pilot)
        assert titles(app) == ["First story"]
        serve_feed(server, "Loopback News", ["First story", "Second story"])
        await pilot.press("r")
        await settle(app, pilot)
        assert sorted(titles(app)) == ["First story", "Second story"]
        assert len(server.requests) == 2  # only this feed was asked, twice


async def test_add_feed_by_site_url(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    serve_feed(server, "Discovered Feed", ["Found through the site page"])
    page = (
        b"<!doctype html><html><head><title>Site</title>"
        b'<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body><p>Welcome</p></body></html>"
    )
    site = server.add("/", Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, InputDialog)
        await pilot.press(*site, "enter")
        await settle(app, pilot)
        assert "Found through the site page" in titles(app)
        assert any(f.url == server.url("/feed.xml") for f in cache.store.feeds())
        assert any("Added Discovered Feed" in note for note in notes)


async def test_add_feed_failure_is_a_notification(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    server.add(
        "/", Reply(200, b"<html><body>no feed here</body></html>", {"Content-Type": "text/html"})
    )
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *server.url("/"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert any(note.startswith("Could not add the feed:") for note in notes)
        assert len(cache.store.feeds()) == 2


async def test_start_with_the_server_gone(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    url = serve_feed(server, "Loopback News", ["Never fetched"])
    # A long name with control bytes: cut and cleaned on its own, so the reason still shows.
    cache.store.add_feed(url, title="Loopback News " + "very " * 40 + "\x1b[31mlong")
    server.stop()
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=True)
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The cache is on screen before the (failing) background refresh is over.
        assert len(titles(app)) == 6
        await settle(app, pilot)
        failed = [note for note in notes if note.startswith("Loopback News very")]
        assert failed and "refused" in failed[0] and "\x1b" not in failed[0]
        assert len(titles(app)) == 6
    assert time.monotonic() - started < 30


async def test_offline_start_never_touches_the_network(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    url = serve_feed(server, "Loopback News", ["Never fetched"])
    cache.store.add_feed(url, title="Loopback News")
    app = ReaderApp(cache.store, CONFIG, offline=True, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "r")
        await settle(app, pilot)
        assert len(titles(app)) == 6
        main = app.screen
        assert isinstance(main, MainScreen) and main.online is False
    assert server.requests == []
    assert any("Offline" in note for note in notes)


async def test_second_refresh_waits_for_the_first(
    cache: SampleCache, server: LoopbackServer, notes: list[str]
) -> None:
    body = rss("Loopback News", [("g-0", "Only once", server.url("/a/0"))])
    gate = threading.Event()

    def held(request: Request) -> Reply:
        gate.wait(10)  # the feed answers only once the test has pressed R twice
        return Reply(200, body, RSS)

    url = server.add("/feed.xml", held)
    cache.store.add_feed(url, title="Loopback News")
    app = ReaderApp(cache.store, CONFIG, offline=False, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "R")
        gate.set()
        await settle(app, pilot)
        assert "A refresh is already running." in notes
        assert len(server.requests_to("/feed.xml")) == 1
        assert "Only once" in titles(app)

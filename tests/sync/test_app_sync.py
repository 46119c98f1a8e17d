"""The app with [sync] set, against a real TT-RSS: the start-up refresh and R sync, marks go
to the queue, and the header says when the server cannot be reached and how many marks wait."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.loopback import LoopbackServer
from tests.sync import ttrss
from tests.sync.feeds import Newsroom
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.main import MainScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.app.widgets.status import StatusHeader
from tui_reader.config import Config, FetchConfig, SyncConfig
from tui_reader.store import Store, open_store

SIZE = (140, 36)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "data" / "tui-reader.sqlite3") as opened:
        yield opened


def _serve(ttrss_server: ttrss.TtrssServer, server: LoopbackServer, count: int) -> Newsroom:
    """One desk of `count` stories, on TT-RSS and fetched by it."""
    newsroom = Newsroom(server)
    newsroom.publish("world", count)
    ttrss_server.subscribe(newsroom.feed_url("world"), category="News")
    ttrss_server.update_feeds()
    return newsroom


def _config(server: ttrss.TtrssServer) -> Config:
    sync = SyncConfig("ttrss", server.url, ttrss.USERNAME, ttrss.PASSWORD, None)
    return Config(fetch=FetchConfig(timeout=5.0), sync=sync)


async def _settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()


def _main(app: ReaderApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def _header(app: ReaderApp) -> str:
    return str(app.screen.query_one(StatusHeader).render())


def _titles(app: ReaderApp) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [row.row.title for i in range(len(lst.ids)) if (row := lst.row_at(i)) is not None]


async def test_start_up_syncs_marks_queue_and_r_pushes_them(
    store: Store, ttrss_server: ttrss.TtrssServer, server: LoopbackServer, notes: list[str]
) -> None:
    newsroom = _serve(ttrss_server, server, 4)
    app = ReaderApp(store, _config(ttrss_server), offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        assert sorted(_titles(app)) == sorted(s.title for s in newsroom.feeds["world"])
        assert any(note.startswith("synced with TT-RSS") for note in notes), notes
        assert "waiting" not in _header(app) and "unreachable" not in _header(app)

        await pilot.press("m")  # the first article, read
        await _settle(app, pilot)
        assert _main(app).marks_waiting == 1
        assert "1 mark waiting for the server" in _header(app)
        first = app.screen.query_one(ArticleList).row_at(0)
        assert first is not None
        await pilot.press("R")
        await _settle(app, pilot)
        assert _main(app).marks_waiting == 0
        assert "waiting" not in _header(app)
    assert ttrss_server.articles()[first.row.link or ""] == (False, False)


async def test_a_synced_refresh_in_the_app_prunes_as_any_refresh_does(
    store: Store, ttrss_server: ttrss.TtrssServer, server: LoopbackServer, notes: list[str]
) -> None:
    """R with [sync] set runs the pipeline's pruning too: a read 2023 story past the default
    retention goes once its mark has reached the server (before, only the CLI pruned)."""
    newsroom = _serve(ttrss_server, server, 3)
    app = ReaderApp(store, _config(ttrss_server), offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        assert len(_titles(app)) == 3
        first = app.screen.query_one(ArticleList).row_at(0)
        assert first is not None
        await pilot.press("m")
        await _settle(app, pilot)
        await pilot.press("R")
        await _settle(app, pilot)
        assert _main(app).marks_waiting == 0
        remaining = sorted(_titles(app))
    assert ttrss_server.articles()[first.row.link or ""] == (False, False)
    assert remaining == sorted(
        s.title for s in newsroom.feeds["world"] if s.title != first.row.title
    )


async def test_server_down_the_app_reads_the_cache_and_says_so(
    store: Store, ttrss_server: ttrss.TtrssServer, server: LoopbackServer, notes: list[str]
) -> None:
    _serve(ttrss_server, server, 3)
    config = _config(ttrss_server)
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
    ttrss_server.stop()

    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        assert len(_titles(app)) == 3  # the cache, as it was
        assert _main(app).sync_problem == "sync server unreachable"
        assert "sync server unreachable" in _header(app)
        assert any(note.startswith("sync failed: cannot reach TT-RSS") for note in notes), notes
        await pilot.press("s")
        await pilot.press("down", "m")
        await _settle(app, pilot)
        assert _main(app).marks_waiting == 2
        assert "2 marks waiting for the server" in _header(app)
        await pilot.press("R")
        await _settle(app, pilot)
        assert _main(app).marks_waiting == 2  # still down: kept

    ttrss_server.start()
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        assert _main(app).sync_problem == ""
        assert _main(app).marks_waiting == 0
    states = sorted(ttrss_server.articles().values())
    assert states == [(False, False), (True, False), (True, True)]


async def test_deleting_a_feed_the_server_carries_needs_the_server(
    store: Store, ttrss_server: ttrss.TtrssServer, server: LoopbackServer, notes: list[str]
) -> None:
    _serve(ttrss_server, server, 2)
    config = _config(ttrss_server)
    app = ReaderApp(store, config, offline=False, refresh_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        (feed,) = store.feeds()
        ttrss_server.stop()
        _main(app).remove_feed(feed.id, "World desk")
        await _settle(app, pilot)
        assert [f.id for f in store.feeds()] == [feed.id]  # kept: the server was not told
        assert any(n.startswith("Could not delete the feed: cannot reach") for n in notes)
        ttrss_server.start()
        _main(app).remove_feed(feed.id, "World desk")
        await _settle(app, pilot)
        assert store.feeds() == []
    assert ttrss_server.api("getFeeds", cat_id=-3) == []

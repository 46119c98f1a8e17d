"""A feed parsed in a worker has its new entries cleaned in the same task
(processing.parse_and_clean): what is stored must be what the two-step path stores."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from tests.loopback import LoopbackServer, Reply, Request
from tui_reader.config import Config, FetchConfig
from tui_reader.models import Feed
from tui_reader.processing import clean_jobs, jobs_for, parse_and_clean
from tui_reader.refresh import refresh_feeds
from tui_reader.store import Store, open_store
from tui_reader.workers import WorkerError, WorkerPool

FEEDS = 30  # never fetched, x FIRST_FETCH_ITEMS: the pool starts before the first reply


def _rss(items: list[tuple[str, str, str | None]]) -> bytes:
    entries = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid>'
        f"<title>{guid} title</title>"
        + (f"<link>{link}</link>" if link else "")
        + f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        for guid, text, link in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{entries}'
        "</channel></rss>"
    ).encode()


FIRST = [
    ("a", "Mayor Ingrid Solberg opened the library in Lisbon on Monday.", None),
    ("b", "The ferry to Bergen runs again from Tuesday.", "http://example.org/b"),
    ("b", "The ferry to Bergen runs again, said Ola Nordmann.", "http://example.org/b"),
    ("c", "Roadworks on the quay end in June.", "mailto:x@example.org"),
]
# A warm fetch: a changed, an unchanged and a new entry.
SECOND = [
    ("a", "Mayor Ingrid Solberg closed the library in Lisbon on Friday.", None),
    ("c", "Roadworks on the quay end in June.", "mailto:x@example.org"),
    ("d", "The council in Porto met Anna Berg on Wednesday.", "HTTPS://example.org/d"),
]


def _stored(store: Store) -> dict[tuple[str, str], tuple[object, ...]]:
    """Items and articles by (feed URL, guid), as the refresh_compare bench keys them."""
    rows = store._reader.execute(
        "SELECT f.url, i.guid, i.title, i.summary, a.text, a.blocks, a.source, a.cleaner_version "
        "FROM items AS i JOIN feeds AS f ON f.id = i.feed_id "
        "LEFT JOIN articles AS a ON a.item_id = i.id"
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


class InProcessPool(WorkerPool):
    """Runs each task here, in a thread, and records it; `hang` names a task (its
    function's name) that fails as a hung worker would."""

    calls: list[tuple[str, tuple[Any, ...]]] = []
    hang: str | None = None

    start_seconds = 0.0  # how long forking the workers takes

    def start(self, warm: Any = None, *args: Any) -> None:
        time.sleep(InProcessPool.start_seconds)
        self._pool = object()  # type: ignore[assignment]

    async def run(self, fn: Any, *args: Any, timeout: float) -> Any:
        InProcessPool.calls.append((fn.__name__, args))
        if fn.__name__ == InProcessPool.hang:
            raise WorkerError(f"took longer than {timeout:.0f} s (worker stopped)")
        return await asyncio.to_thread(fn, *args)

    def close(self) -> None:
        self._pool = None


def _refresh(
    store: Store,
    workers: int,
    monkeypatch: pytest.MonkeyPatch,
    progress: list[Any],
    niceness: int = 0,
) -> None:
    if workers:
        monkeypatch.setattr("tui_reader.refresh.WorkerPool", InProcessPool)
    config = Config(fetch=FetchConfig(timeout=5))
    report = asyncio.run(
        refresh_feeds(
            store,
            config,
            prefetch=False,
            workers=workers,
            on_progress=progress.append,
            worker_niceness=niceness,
        )
    )
    assert not report.failed


def _serve(server: LoopbackServer, items: list[tuple[str, str, str | None]]) -> list[str]:
    body = _rss(items)

    def slow(_request: Request) -> Reply:
        time.sleep(0.2)  # the pool is up before any feed is parsed
        return Reply(200, body, {"Content-Type": "application/rss+xml"})

    return [server.add(f"/feed{i}.xml", slow) for i in range(FEEDS)]


@pytest.mark.parametrize("hang", [None, "parse_and_clean"])
def test_feeds_cleaned_with_their_parse_store_what_the_two_step_path_stores(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hang: str | None
) -> None:
    urls = _serve(server, FIRST)
    stores = {w: open_store(tmp_path / f"{w}.sqlite3") for w in (0, 2)}
    monkeypatch.setattr(InProcessPool, "calls", [])
    monkeypatch.setattr(InProcessPool, "hang", hang)
    try:
        for store in stores.values():
            for url in urls:
                store.add_feed(url)
        progress: list[Any] = []
        _refresh(stores[0], 0, monkeypatch, [])
        _refresh(stores[2], 2, monkeypatch, progress)
        first = [args for name, args in InProcessPool.calls if name == "parse_and_clean"]
        assert len(first) == FEEDS and all(args[4] == frozenset() for args in first)
        if hang:  # each feed parsed again alone, its items cleaned by the Cleaner
            assert sum(name == "parse_feed" for name, _ in InProcessPool.calls) == FEEDS
        cleaned = {i for p in progress for i in p.cleaned_ids}
        assert len(cleaned) == 3 * FEEDS  # a, b (its second entry) and c, all reported
        assert _stored(stores[0]) == _stored(stores[2])

        InProcessPool.calls.clear()
        _serve(server, SECOND)
        _refresh(stores[0], 0, monkeypatch, [])
        _refresh(stores[2], 2, monkeypatch, [])
        warm = [args for name, args in InProcessPool.calls if name == "parse_and_clean"]
        # (The pool starts after the first feeds of a warm refresh: those are parsed here.)
        assert warm and all(args[4] == {"a", "b", "c"} for args in warm)
        snapshot = _stored(stores[2])
        assert snapshot == _stored(stores[0])
        assert "closed the library" in str(snapshot[(urls[0], "a")][2])  # re-cleaned
        assert "Porto" in str(snapshot[(urls[0], "d")][2])
    finally:
        for store in stores.values():
            store.close()


@pytest.mark.parametrize("niceness", [0, 5])
def test_feeds_answered_while_the_workers_start_wait_or_take_this_process_in_turn(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, niceness: int
) -> None:
    """The workers take 1.5 s to fork (a new fork server importing): the feeds answered
    meanwhile are not all parsed here in threads (they were, then all cleaned afterwards).
    The CLI (workers not niced) parses and cleans one at a time here, the rest wait for the
    pool; the app (its workers niced, this process keeps its core) leaves them all to the
    pool. Either way the store holds what the two-step path stores."""
    import tui_reader.refresh

    here: list[str] = []
    parse_here = tui_reader.refresh._parse_here

    async def counted(response: Any) -> Any:
        here.append(response.url)
        return await parse_here(response)

    monkeypatch.setattr(tui_reader.refresh, "_parse_here", counted)
    monkeypatch.setattr(InProcessPool, "calls", [])
    monkeypatch.setattr(InProcessPool, "hang", None)
    monkeypatch.setattr(InProcessPool, "start_seconds", 1.5)
    body = _rss(FIRST)
    urls = [
        server.add(f"/quick{i}.xml", Reply(200, body, {"Content-Type": "application/rss+xml"}))
        for i in range(FEEDS)
    ]
    stores = {w: open_store(tmp_path / f"{w}.sqlite3") for w in (0, 2)}
    try:
        for store in stores.values():
            for url in urls:
                store.add_feed(url)
        _refresh(stores[0], 0, monkeypatch, [])
        here.clear()
        started = time.monotonic()
        _refresh(stores[2], 2, monkeypatch, [], niceness)
        took = time.monotonic() - started
        in_pool = sum(name == "parse_and_clean" for name, _ in InProcessPool.calls)
        assert here == []  # no feed parsed alone here, its items left for later
        if niceness:
            assert in_pool == FEEDS
        else:
            # This process took feeds in turn while the pool started (~10 ms each: all
            # 30 of them, most likely).
            assert in_pool < FEEDS and took < 30
        assert _stored(stores[0]) == _stored(stores[2])
    finally:
        for store in stores.values():
            store.close()


def test_a_worker_cleans_only_entries_new_and_without_a_page_to_fetch(tmp_path: Path) -> None:
    """Known guids and (with pages) http(s) links, as SQLite's LIKE sees them, are left
    out; a guid twice is cleaned from its last entry, which is the one stored."""
    body = _rss(FIRST + SECOND[2:])
    parsed, cleaned = parse_and_clean(body, {}, "http://x/", "builtin", frozenset({"c"}), True)
    assert sorted(cleaned) == ["a"]
    parsed, cleaned = parse_and_clean(body, {}, "http://x/", "builtin", frozenset({"c"}), False)
    assert sorted(cleaned) == ["a", "b", "d"]
    store = open_store(tmp_path / "db.sqlite3")
    try:
        feed: Feed = store.add_feed("http://x/")
        new_ids = store.record_feed_ok(feed.id, parsed, etag=None, last_modified=None, now=1.0)
        guids = store.item_guids(new_ids)
        here = {
            guids[done.item_id]: done for done in clean_jobs(jobs_for(store, new_ids), "builtin")
        }
        for guid, done in cleaned.items():
            assert done.article == here[guid].article and done.entities == here[guid].entities
        assert "Ola Nordmann" in str(cleaned["b"].article)
    finally:
        store.close()


def test_a_cleaner_bug_met_with_the_parse_still_stores_the_feed_and_stops_cleaning(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on the two-step path: the items are stored (listed), and the bug stops the
    cleaning stage, named, rather than failing the feed, which would never be stored."""
    import tui_reader.clean
    from tui_reader.errors import StageError

    def broken(**_kwargs: Any) -> Any:
        raise RuntimeError("a bug in the cleaner")

    monkeypatch.setattr(tui_reader.clean, "clean_item", broken)
    monkeypatch.setattr(InProcessPool, "calls", [])
    monkeypatch.setattr(InProcessPool, "hang", None)
    urls = _serve(server, FIRST)
    store = open_store(tmp_path / "db.sqlite3")
    try:
        for url in urls:
            store.add_feed(url)
        with pytest.raises(StageError, match="a bug in the cleaner"):
            _refresh(store, 2, monkeypatch, [])
        assert any(name == "parse_and_clean" for name, _ in InProcessPool.calls)
        assert len(_stored(store)) == 3 * FEEDS
    finally:
        store.close()


class BrokenPool(InProcessPool):
    def start(self, warm: Any = None, *args: Any) -> None:
        raise TypeError("a bug in starting the pool")


def test_a_bug_in_starting_the_pool_stops_the_refresh_named_at_once(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunks held for the pool while it started were never let go: the refresh
    waited for them for ever (the app's refresh at size hung)."""
    from tui_reader.errors import StageError

    monkeypatch.setattr("tui_reader.refresh.WorkerPool", BrokenPool)
    urls = _serve(server, FIRST)
    store = open_store(tmp_path / "db.sqlite3")
    try:
        for url in urls:
            store.add_feed(url)
        config = Config(fetch=FetchConfig(timeout=5))

        async def bounded() -> object:
            return await asyncio.wait_for(
                refresh_feeds(store, config, prefetch=False, workers=2), timeout=60
            )

        with pytest.raises(StageError, match="a bug in starting the pool"):
            asyncio.run(bounded())
        assert len(store.feeds()) == FEEDS  # nothing stored is lost
    finally:
        store.close()


class SlowPool(InProcessPool):
    made: list[SlowPool] = []

    def start(self, warm: Any = None, *args: Any) -> None:
        SlowPool.made.append(self)
        time.sleep(1.0)
        self._pool = object()  # type: ignore[assignment]


def test_a_refresh_that_fails_while_the_workers_fork_still_stops_them(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread forking the workers outlives the refresh's cancelled tasks: the pool it
    started was never stopped, and the process never exited (CI: a full disk at once)."""
    from tui_reader.errors import StageError, StoreError

    def full(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("the disk is full")

    monkeypatch.setattr("tui_reader.refresh.WorkerPool", SlowPool)
    monkeypatch.setattr(SlowPool, "made", [])
    body = _rss(FIRST)
    urls = [
        server.add(f"/full{i}.xml", Reply(200, body, {"Content-Type": "application/rss+xml"}))
        for i in range(FEEDS)
    ]
    store = open_store(tmp_path / "db.sqlite3")
    try:
        for url in urls:
            store.add_feed(url)
        monkeypatch.setattr(store, "record_feed_ok", full)
        config = Config(fetch=FetchConfig(timeout=5))
        with pytest.raises(StageError, match="disk is full"):
            asyncio.run(refresh_feeds(store, config, prefetch=False, workers=2))
        assert len(SlowPool.made) == 1 and not SlowPool.made[0].started
    finally:
        store.close()

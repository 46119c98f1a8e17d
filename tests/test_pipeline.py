"""The whole pipeline through a loopback server: feed -> store -> page -> cleaner -> entities."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Sequence
from html import escape

import pytest

from tests.loopback import LoopbackServer, Reply
from tests.samples import LONG_PARAGRAPHS, article_page
from tui_reader.config import Config, FetchConfig
from tui_reader.locations import Locations
from tui_reader.models import ArticleFilter
from tui_reader.refresh import refresh_feeds, subscribe
from tui_reader.store import Store, open_store

HOSTILE_CONTENT = (
    "<p>The harbour authority in Oslo said on Monday that Ingrid Solberg, its director, would "
    "step down after twelve years, and that the Norwegian Coastal Administration would name "
    "a successor within weeks.</p>"
    '<p onclick="steal()">Solberg oversaw the <a href="/port/expansion">expansion</a> of the '
    "container terminal, which doubled its capacity, and the move of the ferry quays.</p>"
    "<script>document.write('owned')</script><svg onload=alert(1)><circle/></svg>"
    '<object data="x.swf"></object><p><a href="javascript:alert(1)">click</a> '
    '<img src=x onerror="alert(2)"> More on this story to follow as the board meets '
    "again on Thursday to settle the date of the handover.</p>"
)


def _feed(server: LoopbackServer) -> str:
    item = (
        "<item><guid>h1</guid><title>Harbour director to step down</title>"
        f"<link>{server.url('/news/harbour')}</link>"
        f"<content:encoded>{escape(HOSTILE_CONTENT)}</content:encoded></item>"
    )
    second = (
        "<item><guid>h2</guid><title>Bridge to be rebuilt</title>"
        f"<link>{server.url('/news/bridge')}</link><description>Short.</description></item>"
    )
    body = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour Post</title><link>{server.url('/')}</link>{item}{second}"
        "</channel></rss>"
    ).encode()
    server.add("/news/harbour", Reply(404, b"gone"))
    server.add(
        "/news/bridge",
        Reply(
            200,
            article_page("Bridge to be rebuilt", LONG_PARAGRAPHS),
            {"Content-Type": "text/html"},
        ),
    )
    return server.add("/feed.xml", Reply(200, body, {"Content-Type": "application/rss+xml"}))


def test_feed_content_and_pages_are_cleaned_sanitised_and_indexed(
    server: LoopbackServer, home: Locations
) -> None:
    home.ensure()
    config = Config(fetch=FetchConfig(timeout=5))
    store = open_store(home.database)
    try:
        # Subscribing takes the path of any refresh: pages, cleaning, entities.
        sub = asyncio.run(subscribe(store, config, _feed(server)))
        report = asyncio.run(refresh_feeds(store, config))
        assert not report.failed and report.pages_ok == 0 and report.pages_failed == 0
        statuses = sorted(str(store.article(i).page_status) for i in store.article_ids())
        assert statuses[0].startswith("error: HTTP 404") and statuses[1] == "ok"
        ids = store.article_ids(ArticleFilter(feed_id=sub.feed.id))
        views = {store.article(i).row.title: store.article(i) for i in ids}

        harbour = views["Harbour director to step down"]
        # The page 404'd: the feed's full content is the article, sanitised.
        body = "\n".join(block.text for block in harbour.blocks)
        assert "container terminal" in body
        for bad in (
            "<script",
            "owned",
            "onclick",
            "onerror",
            "onload",
            "javascript:",
            "<svg",
            "<object",
            "alert(",
        ):
            assert bad not in body, bad
        # Relative links resolve against the item; only http(s) links are kept.
        assert server.url("/port/expansion") in harbour.links
        assert all(link.startswith("http") for link in harbour.links)

        bridge = views["Bridge to be rebuilt"]
        # The fetched page is richer than the one-word summary, so it wins.
        assert "ferry service" in bridge.text

        assert [r.title for r in store.search("terminal")] == ["Harbour director to step down"]
        names = {e.name for e in store.article_entities(harbour.row.id)}
        assert {"Ingrid Solberg", "Oslo"} <= names
        assert store.find_entity("Solberg")  # the alias finds her too
    finally:
        store.close()


def test_a_renamed_feed_shows_its_new_name_unless_the_user_gave_one(
    server: LoopbackServer, home: Locations
) -> None:
    from tests.samples import rss

    home.ensure()
    config = Config(fetch=FetchConfig(timeout=5, prefetch=False))
    headers = {"Content-Type": "application/rss+xml"}
    items = [("g1", "First", server.url("/a"))]
    store = open_store(home.database)
    try:
        own = server.add("/own.xml", Reply(200, rss("Old Name", items), headers))
        named = server.add("/named.xml", Reply(200, rss("Old Other", items), headers))
        sub = asyncio.run(subscribe(store, config, own))
        assert sub.feed.name == "Old Name" and sub.new_items == 1
        assert len(server.requests_to("/own.xml")) == 1  # one read of the feed
        mine = store.add_feed(named, title="My Name")
        server.add("/own.xml", Reply(200, rss("New Name", items), headers))
        server.add("/named.xml", Reply(200, rss("New Other", items), headers))
        asyncio.run(refresh_feeds(store, config))
        assert store.feed(sub.feed.id).name == "New Name"
        assert store.feed(mine.id).name == "My Name"
    finally:
        store.close()


def test_subscribe_is_one_transaction(server: LoopbackServer, home: Locations) -> None:
    """A feed whose items cannot be stored leaves no half subscription behind."""
    import pytest

    from tui_reader.models import ParsedFeed

    home.ensure()
    store = open_store(home.database)
    try:
        bad = ParsedFeed("T", None, (object(),))  # type: ignore[arg-type]
        with pytest.raises(AttributeError):
            store.subscribe("http://127.0.0.1:9/x.xml", bad, etag=None, last_modified=None, now=0)
        assert store.feeds() == []
    finally:
        store.close()


def test_the_pool_starts_before_the_first_reply_only_for_enough_first_fetches() -> None:
    from tui_reader.models import Feed
    from tui_reader.processing import POOL_THRESHOLD
    from tui_reader.refresh import FIRST_FETCH_ITEMS, first_fetches_fill_pool

    enough = -(-POOL_THRESHOLD // FIRST_FETCH_ITEMS)
    new = [Feed(i, f"http://x/{i}", "") for i in range(enough)]
    fetched = [Feed(i, f"http://x/{i}", "", last_ok_at=1.0) for i in range(enough, 3 * enough)]
    assert first_fetches_fill_pool(new)
    assert first_fetches_fill_pool([*new, *fetched])
    # A warm refresh (every feed fetched before) waits for items before starting workers.
    assert not first_fetches_fill_pool(fetched)
    assert not first_fetches_fill_pool([*new[1:], *fetched])


def test_304s_are_recorded_in_batches_while_feeds_answer_and_the_rest_at_the_end(
    server: LoopbackServer, home: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm refresh's 304s are written a batch at a time as they come (its end no longer
    waits for one commit of them all), and the ones short of a batch at the end: every feed
    answered 304 has its earlier error cleared and its time of answer stored."""
    from tui_reader import refresh

    monkeypatch.setattr(refresh, "NOT_MODIFIED_BATCH", 2)
    written: list[int] = []
    record = refresh._record_not_modified

    def spy(store: Store, feed_ids: Sequence[int], now: float) -> None:
        written.append(len(feed_ids))
        record(store, feed_ids, now)

    monkeypatch.setattr(refresh, "_record_not_modified", spy)
    home.ensure()
    urls = [server.add(f"/f{n}.xml", Reply(304, headers={"ETag": '"v"'})) for n in range(5)]
    with open_store(home.database) as store:
        for url in urls:
            store.record_feed_error(store.add_feed(url).id, "HTTP 500", now=1.0)
    with contextlib.closing(sqlite3.connect(home.database)) as db, db:
        db.execute("UPDATE feeds SET etag = '\"v\"'")  # asked conditionally, answered 304
    store = open_store(home.database)
    try:
        report = asyncio.run(refresh_feeds(store, Config(fetch=FetchConfig(timeout=5))))
        assert [r.status for r in report.results] == ["not-modified"] * 5
        assert sorted(written) == [1, 2, 2]
        for feed in store.feeds(counts=False):
            assert (feed.last_error, feed.error_count) == (None, 0)
            assert feed.last_ok_at is not None and feed.last_ok_at > 1.0
    finally:
        store.close()

"""The server dying in the middle of a sync loses nothing and stores nothing twice: after every
request a sync makes, the connection drops once; the next sync finishes the work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.sync import ttrss
from tests.sync.feeds import Newsroom
from tests.sync.homes import Home
from tests.sync.proxy import DyingProxy
from tui_reader.sync.ttrss import CONTENT_PAGE


@pytest.fixture
def proxy(ttrss_server: ttrss.TtrssServer) -> Iterator[DyingProxy]:
    running = DyingProxy(ttrss_server.url).start()
    try:
        yield running
    finally:
        running.stop()


def _agree(home: Home, server: ttrss.TtrssServer) -> None:
    """The home has every server article once, in the server's state, and no queued mark."""
    here = home.by_link()
    there = server.articles()
    assert set(here) == set(there)
    for link, (unread, marked) in there.items():
        assert (here[link]["read"], here[link]["starred"]) == (not unread, marked), link
    with home.store() as store:
        assert store.sync_status().pending == 0


def test_nothing_lost_or_doubled_when_the_server_dies_after_any_request(
    tmp_path: Path, ttrss_server: ttrss.TtrssServer, proxy: DyingProxy, server: LoopbackServer
) -> None:
    newsroom = Newsroom(server)
    newsroom.publish("world", CONTENT_PAGE + 10)  # two pages of new items
    newsroom.publish("sport", 4)
    ttrss_server.subscribe(newsroom.feed_url("world"), category="News")
    ttrss_server.subscribe(newsroom.feed_url("sport"))
    ttrss_server.update_feeds()
    home = Home(tmp_path / "home")
    home.configure("ttrss", proxy.url, ttrss.USERNAME, ttrss.PASSWORD, "[fetch]\nprefetch = false")

    # The first sync dies after the first page of new items.
    proxy.requests, proxy.die_after = 0, 4
    assert home.run("sync").code == 1
    assert 0 < len(home.by_link()) < CONTENT_PAGE + 14
    proxy.die_after = None
    assert home.run("sync").code == 0
    _agree(home, ttrss_server)

    for cut in range(12):
        # Work on both sides for this round: local marks, a server change, a new story.
        links = sorted(home.by_link())
        rows = home.by_link()
        mine = [rows[links[(cut * 3 + n) % len(links)]]["id"] for n in range(3)]
        assert home.run("mark", "read" if cut % 2 else "unread", str(mine[0])).code == 0
        assert home.run("mark", "star", str(mine[1])).code == 0
        assert home.run("mark", "unstar", str(mine[2])).code == 0
        other = links[(cut * 7 + 5) % len(links)]
        ttrss_server.sql(
            "UPDATE ttrss_user_entries SET unread = NOT unread WHERE ref_id = "
            f"(SELECT id FROM ttrss_entries WHERE link = '{other}')"
        )
        newsroom.publish("sport", 1, start=4 + cut)
        ttrss_server.update_feeds()

        proxy.requests, proxy.die_after = 0, cut
        cut_short = home.run("sync")
        used = proxy.requests
        proxy.die_after = None
        if cut_short.code == 0:
            assert used <= cut  # the sync needed fewer requests than the cut
        else:
            assert cut_short.err.startswith("sync failed: "), cut_short.err
            assert len(cut_short.err.strip().splitlines()) == 1
        outcome = home.run("sync")
        assert outcome.code == 0, outcome.err
        _agree(home, ttrss_server)
        assert home.run("sync").code == 0  # and again: nothing changes, nothing doubles
        _agree(home, ttrss_server)


def test_a_feed_the_server_adds_in_the_middle_of_a_sync_arrives_whole(
    tmp_path: Path, ttrss_server: ttrss.TtrssServer, proxy: DyingProxy, server: LoopbackServer
) -> None:
    newsroom = Newsroom(server)
    newsroom.publish("world", 3)
    newsroom.publish("late", 4)
    ttrss_server.subscribe(newsroom.feed_url("world"))
    ttrss_server.update_feeds()
    home = Home(tmp_path / "home")
    home.configure("ttrss", proxy.url, ttrss.USERNAME, ttrss.PASSWORD, "[fetch]\nprefetch = false")
    assert home.run("sync").code == 0

    def subscribe_late(request: int) -> None:
        if request == 3:  # login, getCategories, getFeeds: the subscriptions were just read
            ttrss_server.update_feeds([ttrss_server.subscribe(newsroom.feed_url("late"))])

    proxy.requests, proxy.meanwhile = 0, subscribe_late
    assert home.run("sync").code == 0
    proxy.meanwhile = None
    # Its items came with the new ones, before this home followed the feed, and are older
    # than the cursor now; the next sync fetches the newly followed feed's items itself.
    assert home.run("sync").code == 0
    late = {newsroom.story_url(s) for s in newsroom.feeds["late"]}
    assert late <= set(home.by_link())
    _agree(home, ttrss_server)

"""Two homes syncing through the Google Reader API (the loopback server written to FreshRSS's
and Miniflux's documentation), driven through the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.sync.feeds import Newsroom
from tests.sync.greader_server import GreaderServer
from tests.sync.homes import Home
from tests.sync.proxy import DyingProxy


@pytest.fixture(params=["freshrss", "miniflux"])
def greader(request: pytest.FixtureRequest, server: LoopbackServer) -> Iterator[GreaderServer]:
    flavor = request.param
    api = GreaderServer(flavor=flavor, prefix="/api/greader.php" if flavor == "freshrss" else "")
    newsroom = Newsroom(server)
    for desk, category, count in (("world", "News", 5), ("sport", "Sport", 3)):
        feed = api.add_feed(newsroom.feed_url(desk), f"{desk.title()} desk", category)
        for story in newsroom.publish(desk, count):
            api.add_entry(feed, story.title, newsroom.story_url(story), story.text, story.published)
    api.start()
    try:
        yield api
    finally:
        api.stop()


def _home(tmp_path: Path, name: str, url: str, api: GreaderServer) -> Home:
    home = Home(tmp_path / name)
    home.configure("greader", url, api.username, api.password)
    return home


def test_reads_stars_and_server_changes_reach_both_homes(
    tmp_path: Path, greader: GreaderServer
) -> None:
    a, b = _home(tmp_path, "a", greader.url, greader), _home(tmp_path, "b", greader.url, greader)
    for home in (a, b):
        outcome = home.run("sync")
        assert outcome.code == 0, outcome.err
        assert "2 feeds, 8 new items" in outcome.out
    assert "#News" in a.run("feeds").out and "#Sport" in a.run("feeds").out
    links = sorted(a.by_link())
    assert links == sorted(b.by_link()) == sorted(greader.by_link())
    rows = a.by_link()
    assert a.run("mark", "read", str(rows[links[0]]["id"])).code == 0
    assert a.run("mark", "star", str(rows[links[1]]["id"])).code == 0
    assert a.run("sync").code == 0
    server = greader.by_link()
    assert (server[links[0]].read, server[links[1]].starred) == (True, True)
    assert b.run("sync").code == 0
    in_b = b.by_link()
    assert (in_b[links[0]]["read"], in_b[links[1]]["starred"]) == (True, True)

    greader.by_link()[links[2]].starred = True  # another client stars one
    for home in (a, b):
        assert home.run("sync").code == 0
        assert home.by_link()[links[2]]["starred"] is True
        assert len(home.by_link()) == 8  # repeated syncs store nothing twice


def test_a_refusing_server_keeps_the_mark_for_the_next_sync(
    tmp_path: Path, greader: GreaderServer
) -> None:
    home = _home(tmp_path, "a", greader.url, greader)
    assert home.run("sync").code == 0
    link = sorted(home.by_link())[0]
    greader.down = True
    assert home.run("mark", "star", str(home.by_link()[link]["id"])).code == 0
    outcome = home.run("sync")
    assert outcome.code == 1
    assert outcome.err.strip() == (
        f"sync failed: cannot reach the Google Reader API at {greader.url}: "
        "HTTP 503 Service Unavailable; 1 local mark kept for the next sync"
    )
    greader.down = False
    assert home.run("sync").code == 0
    assert greader.by_link()[link].starred is True

    wrong = _home(tmp_path, "wrong", greader.url, greader)
    wrong.configure("greader", greader.url, greader.username, "not-it")
    outcome = wrong.run("sync")
    assert outcome.code == 1
    assert "refused the login for 'reader'" in outcome.err and "not-it" not in outcome.err


def test_the_server_dying_after_any_request_loses_nothing(
    tmp_path: Path, greader: GreaderServer
) -> None:
    proxy = DyingProxy(greader.url).start()
    try:
        home = _home(tmp_path, "a", proxy.url, greader)
        assert home.run("sync").code == 0
        for cut in range(8):
            links = sorted(home.by_link())
            rows = home.by_link()
            assert home.run("mark", "read", str(rows[links[cut % 8]]["id"])).code == 0
            assert home.run("mark", "star", str(rows[links[(cut + 3) % 8]]["id"])).code == 0
            entry = greader.by_link()[links[(cut + 5) % 8]]
            entry.read = not entry.read
            proxy.requests, proxy.die_after = 0, cut
            home.run("sync")
            proxy.die_after = None
            assert home.run("sync").code == 0
            here, there = home.by_link(), greader.by_link()
            assert set(here) == set(there)
            for link, entry in there.items():
                assert (here[link]["read"], here[link]["starred"]) == (entry.read, entry.starred)
            with home.store() as store:
                assert store.sync_status().pending == 0
    finally:
        proxy.stop()


def test_a_synced_refresh_prunes_through_the_pipeline(
    tmp_path: Path, greader: GreaderServer
) -> None:
    """With [sync] set, `refresh` prunes read items past retention as any refresh does (the
    pipeline's own step), once their read mark has reached the server."""
    home = Home(tmp_path / "a")
    home.configure(
        "greader", greader.url, greader.username, greader.password, "[store]\nretention_days = 1"
    )
    assert home.run("sync").code == 0
    links = sorted(home.by_link())
    assert len(links) == 8
    assert home.run("mark", "read", str(home.by_link()[links[0]]["id"])).code == 0
    outcome = home.run("refresh", "--no-prefetch")
    assert outcome.code == 0, outcome.err
    assert greader.by_link()[links[0]].read is True  # pushed first, then pruned
    assert sorted(home.by_link()) == links[1:]

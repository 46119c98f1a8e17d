"""Two homes reading through one real TT-RSS server, driven through the command line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.sync import ttrss
from tests.sync.feeds import Newsroom
from tests.sync.homes import Home


@pytest.fixture
def newsroom(server: LoopbackServer) -> Newsroom:
    return Newsroom(server)


@pytest.fixture
def served(ttrss_server: ttrss.TtrssServer, newsroom: Newsroom) -> ttrss.TtrssServer:
    """TT-RSS subscribed to two desks, one in a category, with their stories fetched."""
    newsroom.publish("world", 5)
    newsroom.publish("sport", 3)
    ttrss_server.subscribe(newsroom.feed_url("world"), category="News")
    ttrss_server.subscribe(newsroom.feed_url("sport"))
    ttrss_server.update_feeds()
    return ttrss_server


def _home(tmp_path: Path, name: str, server: ttrss.TtrssServer, extra: str = "") -> Home:
    home = Home(tmp_path / name)
    home.configure("ttrss", server.url, ttrss.USERNAME, ttrss.PASSWORD, extra)
    return home


def test_two_homes_share_reads_stars_and_server_changes(
    tmp_path: Path, served: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    a, b = _home(tmp_path, "a", served), _home(tmp_path, "b", served)
    for home in (a, b):
        outcome = home.run("sync")
        assert outcome.code == 0, outcome.err
        assert "2 feeds, 8 new items" in outcome.out
    story = newsroom.story_url
    world, sport = newsroom.feeds["world"], newsroom.feeds["sport"]
    assert set(a.by_link()) == set(b.by_link()) == {story(s) for s in world + sport}
    # The category is a tag; the articles were fetched, cleaned and indexed like any other.
    assert "#News" in a.run("feeds").out
    assert newsroom.server.requests_to(f"/story/{world[0].slug}")
    assert a.run("search", "Paragraph", "--format", "jsonl").out.count('"id"') == 8
    assert "Hulusi Akar" in a.run("entities", "--type", "PERSON").out

    # A read and a star made in A reach the server and then B.
    rows = a.by_link()
    read_id, star_id = rows[story(world[0])]["id"], rows[story(sport[1])]["id"]
    assert a.run("mark", "read", str(read_id)).code == 0
    assert a.run("mark", "star", str(star_id)).code == 0
    outcome = a.run("sync")
    assert outcome.code == 0 and "2 marks pushed" in outcome.out, outcome.out + outcome.err
    assert served.articles()[story(world[0])] == (False, False)  # (unread, marked)
    assert served.articles()[story(sport[1])] == (True, True)
    assert b.run("sync").code == 0
    in_b = b.by_link()
    assert in_b[story(world[0])]["read"] is True
    assert in_b[story(sport[1])]["starred"] is True
    assert sum(r["read"] for r in in_b.values()) == 1

    # A change made on the server (by another client) reaches both.
    served.sql(
        "UPDATE ttrss_user_entries SET marked = true, unread = false WHERE ref_id = "
        f"(SELECT id FROM ttrss_entries WHERE link = '{story(world[2])}')"
    )
    for home in (a, b):
        assert home.run("sync").code == 0
        row = home.by_link()[story(world[2])]
        assert (row["read"], row["starred"]) == (True, True)

    # Repeated syncs store nothing twice; a new story arrives once in each home.
    newsroom.publish("world", 1, start=5)
    served.update_feeds()
    for home in (a, b):
        for _ in range(2):
            assert home.run("sync").code == 0
        assert len(home.by_link()) == 9


def test_a_mark_made_while_the_server_is_down_waits_for_the_next_sync(
    tmp_path: Path, served: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    a, b = _home(tmp_path, "a", served), _home(tmp_path, "b", served)
    assert a.run("sync").code == 0 and b.run("sync").code == 0
    link = newsroom.story_url(newsroom.feeds["world"][1])
    article = a.by_link()[link]["id"]

    served.stop()
    outcome = a.run("mark", "star", str(article))
    assert outcome.code == 0 and "queued for the server" in outcome.out
    assert a.by_link()[link]["starred"] is True  # kept here at once
    started = time.monotonic()
    outcome = a.run("sync")
    assert time.monotonic() - started < 15
    assert outcome.code == 1
    assert outcome.out == ""
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1, outcome.err
    doctor = a.run("doctor")
    assert doctor.code == 1
    assert f"PROBLEM  sync: ttrss at {served.url}: cannot reach TT-RSS" in doctor.out
    assert ", 1 mark waiting" in doctor.out
    assert lines[0].startswith(f"sync failed: cannot reach TT-RSS at {served.url}: ")
    assert lines[0].endswith("; 1 local mark kept for the next sync")
    # The app and the cache keep working: the mark is still here, and still queued.
    assert a.by_link()[link]["starred"] is True
    with a.store() as store:
        assert store.sync_status().pending == 1

    served.start()
    outcome = a.run("sync")
    assert outcome.code == 0 and "1 marks pushed" in outcome.out, outcome.out + outcome.err
    assert served.articles()[link] == (True, True)
    with a.store() as store:
        assert store.sync_status().pending == 0
    assert f"ok       sync: ttrss at {served.url}, last ok just now" in a.run("doctor").out
    assert b.run("sync").code == 0
    assert b.by_link()[link]["starred"] is True


def test_a_feed_subscribed_here_and_on_the_server_is_one_feed(
    tmp_path: Path, served: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    home = Home(tmp_path / "direct")
    # Subscribed directly first, one story read, before any [sync] was set.
    outcome = home.run("add", newsroom.feed_url("world"))
    assert outcome.code == 0, outcome.err
    first = newsroom.story_url(newsroom.feeds["world"][0])
    assert home.run("mark", "read", str(home.by_link()[first]["id"])).code == 0
    home.configure("ttrss", served.url, ttrss.USERNAME, ttrss.PASSWORD)
    outcome = home.run("sync")
    assert outcome.code == 0, outcome.err
    assert "1 marks pushed" in outcome.out  # the read made before sync reaches the server
    rows = home.by_link()  # asserts no link is stored twice
    assert len(rows) == 8
    assert home.run("feeds").out.count("] ") == 2
    assert rows[first]["read"] is True
    assert served.articles()[first] == (False, False)
    # With [sync] set, refresh syncs instead of fetching the server's feeds itself.
    before = len(newsroom.server.requests_to("/world.xml"))
    outcome = home.run("refresh")
    assert outcome.code == 0, outcome.err
    assert "synced with TT-RSS" in outcome.out
    assert len(newsroom.server.requests_to("/world.xml")) == before


def test_the_server_dropping_a_feed_removes_the_one_sync_added(
    tmp_path: Path, served: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    home = _home(tmp_path, "a", served)
    assert home.run("sync").code == 0
    starred_link = newsroom.story_url(newsroom.feeds["sport"][0])
    assert home.run("mark", "star", str(home.by_link()[starred_link]["id"])).code == 0
    assert home.run("sync").code == 0
    sport = served.sql(
        f"SELECT id FROM ttrss_feeds WHERE feed_url = '{newsroom.feed_url('sport')}'"
    )
    served.api("unsubscribeFeed", feed_id=int(sport[0][0]))
    assert home.run("sync").code == 0
    feeds = home.run("feeds").out
    assert "Sport desk" not in feeds and "World desk" in feeds
    remaining = home.by_link()
    assert starred_link in remaining  # starred items outlive their feed
    assert len(remaining) == 6


def test_add_and_remove_tell_the_server_so_every_home_follows(
    tmp_path: Path, served: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    a, b = _home(tmp_path, "a", served), _home(tmp_path, "b", served)
    assert a.run("sync").code == 0 and b.run("sync").code == 0
    newsroom.publish("arts", 2)
    outcome = a.run("add", newsroom.feed_url("arts"), "--tag", "News")
    assert outcome.code == 0, outcome.err
    assert "the sync server follows it too" in outcome.out
    urls = {f["feed_url"]: f for f in served.api("getFeeds", cat_id=-3)}
    assert newsroom.feed_url("arts") in urls
    served.update_feeds([int(urls[newsroom.feed_url("arts")]["id"])])
    for home in (a, b):
        assert home.run("sync").code == 0
        assert home.run("feeds").out.count("Arts desk") == 1  # one feed, here and there
        assert len(home.by_link()) == 10

    # Removing a feed the server carries needs the server: down, nothing is removed.
    served.stop()
    outcome = a.run("remove", "Arts desk")
    assert outcome.code == 1
    assert outcome.err.startswith("tui-reader: cannot reach TT-RSS")
    assert "Arts desk" in a.run("feeds").out
    served.start()
    outcome = a.run("remove", "Arts desk")
    assert outcome.code == 0, outcome.err
    assert "unsubscribed the sync server from Arts desk" in outcome.out
    assert newsroom.feed_url("arts") not in {
        f["feed_url"] for f in served.api("getFeeds", cat_id=-3)
    }
    for home in (a, b):
        assert home.run("sync").code == 0
        assert "Arts desk" not in home.run("feeds").out

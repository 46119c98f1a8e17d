"""The TT-RSS fixture itself: a real server, its guard lifted only in its own web root."""

from __future__ import annotations

from tests.loopback import LoopbackServer
from tests.sync import ttrss
from tests.sync.feeds import Newsroom


def test_real_server_answers_api_level_15(ttrss_server: ttrss.TtrssServer) -> None:
    assert ttrss_server.api("getApiLevel") == {"level": 15}


def test_it_reads_a_feed_served_on_loopback_on_any_port(
    ttrss_server: ttrss.TtrssServer, server: LoopbackServer
) -> None:
    newsroom = Newsroom(server)
    newsroom.publish("world", 3)
    feed_id = ttrss_server.subscribe(newsroom.feed_url("world"), category="News")
    ttrss_server.update_feeds([feed_id])
    # The port survived build_url and the loopback guard let the fetch through.
    assert server.requests_to("/world.xml")
    assert set(ttrss_server.articles()) == {newsroom.story_url(s) for s in newsroom.feeds["world"]}
    feeds = ttrss_server.api("getFeeds", cat_id=-3)
    assert [f["feed_url"] for f in feeds] == [newsroom.feed_url("world")]


def test_the_installed_package_keeps_its_guard(ttrss_server: ttrss.TtrssServer) -> None:
    installed = (ttrss.PACKAGE_ROOT / "classes" / "urlhelper.php").read_text()
    served = (ttrss_server.root / "classes" / "urlhelper.php").read_text()
    assert "if ($extended_filtering) {" in installed
    assert "if ($extended_filtering) {" not in served
    assert ttrss.PACKAGE_CONFIG.resolve() != (ttrss_server.root / "config.php").resolve()


def test_each_server_has_its_own_database(ttrss_postgres: ttrss.Postgres) -> None:
    first = ttrss.TtrssServer(ttrss_postgres).start()
    second = ttrss.TtrssServer(ttrss_postgres).start()
    try:
        first.category("Only here")
        assert first.sql("SELECT title FROM ttrss_feed_categories") == [["Only here"]]
        assert second.sql("SELECT title FROM ttrss_feed_categories") == []
    finally:
        first.stop()
        second.stop()


def test_a_stopped_server_starts_again_on_its_port(ttrss_server: ttrss.TtrssServer) -> None:
    port = ttrss_server.port
    ttrss_server.stop()
    assert not ttrss_server.running
    ttrss_server.start()
    assert ttrss_server.port == port
    assert ttrss_server.api("getApiLevel") == {"level": 15}

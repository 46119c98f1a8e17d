"""The real CLI against a real HTTP server on 127.0.0.1: add, refresh, feeds, search, export."""

from __future__ import annotations

import gc
import re
import sqlite3

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply, Request
from tests.samples import LONG_PARAGRAPHS, article_page, rss
from tui_reader.locations import Locations


def _serve_feed(server: LoopbackServer, path: str, title: str, n: int = 3) -> str:
    items = [(f"{path}-{i}", f"{title} story {i}", server.url(f"{path}/a{i}")) for i in range(n)]
    body = rss(title, items, site=server.url("/"))
    etag = f'"{path}-v1"'

    def feed(request: Request) -> Reply:
        if request.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body, {"Content-Type": "application/rss+xml", "ETag": etag})

    for i in range(n):
        server.add(
            f"{path}/a{i}",
            Reply(
                200,
                article_page(f"{title} story {i}", LONG_PARAGRAPHS),
                {"Content-Type": "text/html; charset=utf-8"},
            ),
        )
    return server.add(path, feed)


def test_add_refresh_then_304_with_validators(cli: CliRunner, server: LoopbackServer) -> None:
    url = _serve_feed(server, "/news", "Loopback News")
    added = cli("add", url, "--tag", "local")
    assert added.code == 0, added.err
    assert "Loopback News" in added.out and "3 items" in added.out

    first = cli("refresh")
    assert first.code == 0, first.err
    second = cli("refresh", "--no-prefetch")
    assert second.code == 0, second.err
    assert "1 not modified" in second.out
    # The second refresh sent the validator it was given and got a 304.
    assert server.requests_to("/news")[-1].headers.get("if-none-match") == '"/news-v1"'

    listing = cli("feeds")
    assert "Loopback News" in listing.out and "#local" in listing.out and "ok" in listing.out

    found = cli("search", "story")
    assert found.code == 0
    assert len(re.findall(r"Loopback News story \d", found.out)) == 3


def test_prefetched_pages_are_cleaned_and_searchable(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    url = _serve_feed(server, "/city", "City Desk", n=2)
    assert cli("add", url).code == 0
    assert cli("refresh").code == 0
    # Text only in the article page (not the feed summary) is searchable after prefetch.
    hits = cli("search", "ferry")
    assert "City Desk story" in hits.out
    with sqlite3.connect(home.database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_site_url_discovers_its_feed(cli: CliRunner, server: LoopbackServer) -> None:
    feed_url = _serve_feed(server, "/feeds/main.xml", "Discovered")
    page = (
        "<html><head><title>Site</title>"
        f'<link rel="alternate" type="application/rss+xml" href="{feed_url}">'
        "</head><body><p>Welcome</p></body></html>"
    ).encode()
    site = server.add("/", Reply(200, page, {"Content-Type": "text/html"}))
    result = cli("add", site)
    assert result.code == 0, result.err
    assert "discovered on" in result.out and feed_url in result.out


def test_failing_feed_keeps_items_and_others_refresh(
    cli: CliRunner, server: LoopbackServer
) -> None:
    good = _serve_feed(server, "/good", "Good Feed")
    flaky = _serve_feed(server, "/flaky", "Flaky Feed")
    assert cli("add", good).code == 0
    assert cli("add", flaky).code == 0
    server.add("/flaky", Reply(500, b"boom"))
    result = cli("refresh", "--no-prefetch")
    assert result.code == 1
    assert "Flaky Feed" in result.err and "500" in result.err
    assert "1 failed" in result.out
    # Old items of the failed feed are still there, and its error is shown.
    assert "Flaky Feed story 0" in cli("search", "Flaky").out
    feeds = cli("feeds").out
    assert "ERROR (1 failure" in feeds and "500" in feeds


def test_offline_needs_no_server(cli: CliRunner, server: LoopbackServer) -> None:
    url = _serve_feed(server, "/gone", "Gone Soon")
    assert cli("add", url).code == 0
    server.stop()
    assert "Gone Soon story 1" in cli("--offline", "search", "Gone").out
    refused = cli("--offline", "refresh")
    assert refused.code == 2 and "--offline" in refused.err
    assert cli("--offline", "feeds").code == 0


def test_export_import_round_trip(cli: CliRunner, server: LoopbackServer, tmp_path: object) -> None:
    a = _serve_feed(server, "/a", "Feed A")
    b = _serve_feed(server, "/b", "Feed B")
    assert cli("add", a, "--tag", "world").code == 0
    assert cli("add", b).code == 0
    exported = cli("export").out
    assert a in exported and b in exported
    assert cli("remove", "Feed A").code == 0
    path = tmp_path / "feeds.opml"  # type: ignore[operator]
    path.write_text(exported)
    imported = cli("import", str(path))
    assert imported.code == 0 and "imported 1 feeds" in imported.out
    assert "1 already subscribed" in imported.out
    assert "#world" in cli("feeds").out


def test_errors_are_one_line(cli: CliRunner, server: LoopbackServer) -> None:
    cases = [
        ("add", "file:///etc/passwd"),
        ("add", server.url("/missing")),
        ("remove", "no-such-feed"),
        ("import", "/no/such/file.opml"),
        ("search",),
        ("refresh", "nope"),
        ("--bogus",),
    ]
    for argv in cases:
        result = cli(*argv)
        assert result.code in (1, 2), argv
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tui-reader: "), (argv, result.err)
        assert "Traceback" not in result.err


def test_duplicate_add_is_refused(cli: CliRunner, server: LoopbackServer) -> None:
    url = _serve_feed(server, "/dup", "Dup")
    assert cli("add", url).code == 0
    again = cli("add", url)
    assert again.code == 1 and "already" in again.err


def test_bad_config_is_reported_by_every_command(cli: CliRunner, home: Locations) -> None:
    home.ensure()
    home.config_file.write_text('[fetch]\ntimeout = "slow"\n')
    for argv in (("feeds",), ("refresh",), ("search", "x"), ("export",)):
        result = cli(*argv)
        assert result.code == 2
        assert result.err.strip() == (
            f"tui-reader: {home.config_file}: [fetch] timeout must be float, not 'slow'"
        )
    doctor = cli("doctor")
    assert doctor.code == 1 and "PROBLEM  config" in doctor.out and "timeout" in doctor.out


def test_the_collector_is_on_again_however_a_refresh_ends(
    cli: CliRunner, server: LoopbackServer
) -> None:
    """A refresh pauses the cyclic collector through its start-up; main() may run in a
    longer-lived process, so it is on again after a refresh that had nothing to do, one
    that failed and one that worked."""
    assert cli("refresh").code == 0  # no feeds yet
    assert gc.isenabled()
    url = server.add("/f.xml", Reply(200, rss("F", [("g1", "One", server.url("/1"))])))
    assert cli("add", url).code == 0
    server.add("/f.xml", Reply(500, b"down"))
    assert cli("refresh", "--no-prefetch").code == 1
    assert gc.isenabled()
    server.add("/f.xml", Reply(200, rss("F", [("g2", "Two", server.url("/2"))])))
    assert cli("refresh", "--no-prefetch").code == 0
    assert gc.isenabled()

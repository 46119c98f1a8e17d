"""Retry-After as HTTP defines it, and a named refresh, through the real CLI (issue 11).

- A server's Retry-After is honoured by refreshes of all feeds (at most a day, also for a
  time stored by an older version) and counted in the summary; a feed named explicitly is
  the user asking now, and is fetched anyway.
- A 304 Not Modified is the feed answering: it clears an earlier error.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.samples import rss
from tui_reader.locations import Locations

RSS = {"Content-Type": "application/rss+xml"}
REFRESHES = 4  # refreshes of all feeds while the server asks to wait: none may ask it


def _feed(server: LoopbackServer, name: str) -> Reply:
    items = [(f"{name}-{n}", f"{name} story {n}", server.url(f"/{name}/{n}")) for n in range(2)]
    return Reply(200, rss(name.title(), items), RSS)


def _subscribe(cli: CliRunner, server: LoopbackServer, *names: str) -> dict[str, str]:
    """Each name served at /NAME.xml and added; name -> feed id."""
    ids = {}
    for name in names:
        added = cli("add", server.add(f"/{name}.xml", _feed(server, name)))
        assert added.code == 0, added.err
        ids[name] = added.out.split("[", 1)[1].split("]", 1)[0]
    return ids


def _asked(server: LoopbackServer, name: str) -> int:
    return len(server.requests_to(f"/{name}.xml"))


def _status_of(cli: CliRunner, feed_id: str) -> str:
    listing = cli("feeds")
    assert listing.code == 0, listing.err
    block = listing.out.split(f"[{feed_id}] ", 1)[1].split("\n[", 1)[0]
    return block.splitlines()[-1].strip()


def _column(home: Locations, column: str, feed_id: str) -> object:
    with contextlib.closing(sqlite3.connect(home.database)) as db:
        return db.execute(f"SELECT {column} FROM feeds WHERE id = ?", (feed_id,)).fetchone()[0]


def test_a_304_after_a_failure_clears_the_error(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    """Found along the way: the pipeline wrote its 304s before any feed had answered, so
    none was recorded, and a feed that failed once showed its error through every 304."""
    ids = _subscribe(cli, server, "flaky")
    good = _feed(server, "flaky")
    server.add("/flaky.xml", Reply(500))
    assert cli("refresh", "--no-prefetch").code == 1
    with contextlib.closing(sqlite3.connect(home.database)) as db, db:
        db.execute("UPDATE feeds SET etag = '\"v1\"' WHERE id = ?", (ids["flaky"],))
    server.add(
        "/flaky.xml",
        lambda r: Reply(304) if r.headers.get("if-none-match") == '"v1"' else good,
    )
    run = cli("refresh", "--no-prefetch")
    assert run.code == 0 and "1 not modified" in run.out
    assert _status_of(cli, ids["flaky"]) == "ok just now"
    assert _column(home, "error_count", ids["flaky"]) == 0


def test_retry_after_is_honoured_by_refreshes_of_all_and_a_named_feed_is_fetched_now(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    ids = _subscribe(cli, server, "busy", "calm")
    server.add("/busy.xml", Reply(429, headers={"Retry-After": "3600"}))
    assert cli("refresh", "--no-prefetch").code == 1
    assert _asked(server, "busy") == 2
    for _ in range(REFRESHES):
        later = cli("refresh", "--no-prefetch")
        assert later.code == 0, later.err
        assert "1 left waiting (the server's Retry-After)" in later.out
    assert _asked(server, "busy") == 2
    assert _asked(server, "calm") == 2 + REFRESHES
    assert "the server asked to wait 59m more" in _status_of(cli, ids["busy"])

    # `refresh FEED` is the user asking now: fetched despite the wait.
    server.add("/busy.xml", _feed(server, "busy"))
    named = cli("refresh", ids["busy"], "--no-prefetch")
    assert named.code == 0, named.err
    assert "waiting" not in named.out
    assert _asked(server, "busy") == 3
    assert _column(home, "retry_after", ids["busy"]) is None
    assert cli("refresh", "--no-prefetch").code == 0
    assert _asked(server, "busy") == 4


def test_a_wait_of_years_stored_by_an_older_version_is_capped_at_a_day(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    """A cache written before the cap holds `now + 999999999`: a day after the error that
    set it, the feed is asked again; within that day it is left waiting."""
    ids = _subscribe(cli, server, "old")
    now = time.time()
    with contextlib.closing(sqlite3.connect(home.database)) as db, db:
        db.execute(
            "UPDATE feeds SET retry_after = ?, last_error_at = ?, error_count = 1 WHERE id = ?",
            (now + 999_999_999, now - 3600, ids["old"]),
        )
    waiting = cli("refresh", "--no-prefetch")
    assert waiting.code == 0 and "1 left waiting" in waiting.out
    assert "wait 22h59m more" in _status_of(cli, ids["old"])
    assert _asked(server, "old") == 1
    with contextlib.closing(sqlite3.connect(home.database)) as db, db:
        db.execute("UPDATE feeds SET last_error_at = ? WHERE id = ?", (now - 86_401, ids["old"]))
    assert cli("refresh", "--no-prefetch").code == 0
    assert _asked(server, "old") == 2

"""A 304 Not Modified is the feed answering, through the real CLI (issue 11, found along
the way)."""

from __future__ import annotations

import contextlib
import sqlite3

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.samples import rss
from tui_reader.locations import Locations

RSS = {"Content-Type": "application/rss+xml"}


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

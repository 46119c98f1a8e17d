"""`add` given a site page: its feed found among many candidates, bounded (issue 11).

The page's `<link rel=alternate>` feeds (in its order) then the usual paths are tried
concurrently within the client's limits, at most MAX_CANDIDATES of them; the first by
preference (not by speed) that parses wins; the whole search takes at most SEARCH_DEADLINES
request deadlines; none a feed is one line saying how many were tried. A page listing 100
silent feed links took 100 deadlines (33 minutes at the default 20 s) before this.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import select
import socket
import threading
import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply, Request
from tests.reliability.conftest import RawServer, read_request
from tests.samples import rss
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import InputDialog
from tui_reader.config import Config, FetchConfig
from tui_reader.fetch.discover import CANDIDATE_PATHS
from tui_reader.fetch.findfeed import IN_FLIGHT, MAX_CANDIDATES, SEARCH_DEADLINES
from tui_reader.locations import Locations
from tui_reader.store import open_store

TIMEOUT = 1.0  # [fetch] timeout for these tests: one request's deadline
PER_HOST = 4
HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
LINKS = 100


def _page(hrefs: list[str]) -> bytes:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="Feed {n}" href="{href}">'
        for n, href in enumerate(hrefs)
    )
    head = f"<head><title>Site</title>{links}</head>"
    return f"<!doctype html><html>{head}<body>Hi</body></html>".encode()


def _configure(home: Locations, per_host: int = PER_HOST) -> None:
    home.config_dir.mkdir(parents=True, exist_ok=True)
    home.config_file.write_text(
        f"[fetch]\ntimeout = {TIMEOUT}\nper_host = {per_host}\nprefetch = false\n"
    )


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _silent_site(page: bytes, seen: list[str], busy: list[int]) -> Callable[..., None]:
    """The page at /, every other path accepted and never answered; `busy` tracks the
    requests open at once (the client's per-host limit must hold)."""
    lock = threading.Lock()
    open_now: set[socket.socket] = set()

    def handler(conn: socket.socket, stop: threading.Event) -> None:
        request = read_request(conn)
        path = request.split(b" ", 2)[1].decode() if request.count(b" ") >= 2 else "?"
        if path == "/":
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(page)}"
            conn.sendall(f"{head}\r\nConnection: close\r\n\r\n".encode() + page)
            return
        with lock:
            # A connection the client closed just before this one opened is not open, even
            # when its own thread has not polled it yet (it polls every 50 ms).
            open_now.difference_update([c for c in open_now if _hung_up(c)])
            seen.append(path)
            open_now.add(conn)
            busy.append(len(open_now))
        try:
            _silent_until_hung_up(conn, stop)
        finally:
            with lock:
                open_now.discard(conn)

    return handler


def _hung_up(conn: socket.socket) -> bool:
    try:
        readable, _, _ = select.select([conn], [], [], 0)
        return bool(readable) and conn.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):  # reset, or closed by its own thread
        return True


def _silent_until_hung_up(conn: socket.socket, stop: threading.Event) -> None:
    """Say nothing until the client hangs up (its deadline), teardown, or 30 s."""
    conn.settimeout(0.05)
    ends = time.monotonic() + 30
    while not stop.is_set() and time.monotonic() < ends:
        try:
            if not conn.recv(1024):
                return
        except TimeoutError:
            continue


# The client's per-host limit below the search's own window, then above it.
@pytest.mark.parametrize("per_host", [PER_HOST, 2 * IN_FLIGHT])
def test_a_page_of_100_silent_feed_links_is_bounded_and_one_line(
    cli: CliRunner, home: Locations, raw_server: Callable[..., RawServer], per_host: int
) -> None:
    _configure(home, per_host)
    seen: list[str] = []
    busy: list[int] = []
    page = _page([f"/feeds/{n}.xml" for n in range(LINKS)])
    site = raw_server(_silent_site(page, seen, busy))
    started = time.monotonic()
    added = cli("add", site.url("/"))
    elapsed = time.monotonic() - started
    assert added.code == 1
    line = _one_line(added.err)
    # Candidates still queued at the deadline were not tried (and are said so), not counted
    # as silent: tried + not tried is every candidate, and every one tried was silent.
    found = re.search(
        r"none of the (\d+) candidates tried \((\d+) of the page's (\d+) feed links, "
        r"0 usual paths\) is a feed; (\d+) did not answer within (\d+) s; (\d+) more not tried",
        line,
    )
    assert found is not None, line
    tried, links, linked, silent, within, untried = map(int, found.groups())
    # (a candidate timed out by its own request deadline is not a feed, not "did not answer")
    assert 0 < silent <= tried <= MAX_CANDIDATES and links == tried, line
    assert (linked, within) == (LINKS, SEARCH_DEADLINES * TIMEOUT), line
    assert tried + untried == LINKS + len(CANDIDATE_PATHS), line
    # The page, then at most SEARCH_DEADLINES deadlines (plus start-up on a loaded machine).
    assert elapsed < (1 + SEARCH_DEADLINES) * TIMEOUT + 3.0, elapsed
    # The most preferred candidates, never beyond the cap or the per-host limit.
    assert 0 < len(seen) <= tried
    assert set(seen) <= {f"/feeds/{n}.xml" for n in range(MAX_CANDIDATES)}
    assert max(busy) <= min(per_host, IN_FLIGHT)
    assert "no feeds yet" in cli("feeds").out


def test_a_page_of_100_links_none_a_feed_tries_the_cap_and_says_so(
    cli: CliRunner, home: Locations, server: LoopbackServer
) -> None:
    _configure(home)
    for n in range(LINKS):  # half are 404 (no route), half web pages
        if n % 2:
            server.add(f"/feeds/{n}.xml", Reply(200, b"<html><body>not a feed</body></html>", HTML))
    site = server.add("/", Reply(200, _page([f"/feeds/{n}.xml" for n in range(LINKS)]), HTML))
    added = cli("add", site)
    assert added.code == 1
    line = _one_line(added.err)
    assert line == (
        f"tui-reader: no feed found at {site}: none of the {MAX_CANDIDATES} candidates tried "
        f"({MAX_CANDIDATES} of the page's {LINKS} feed links, 0 usual paths) is a feed; "
        f"{LINKS + 11 - MAX_CANDIDATES} more not tried"
    )
    asked = [r.path for r in server.requests if r.path.startswith("/feeds/")]
    assert sorted(asked) == sorted(f"/feeds/{n}.xml" for n in range(MAX_CANDIDATES))


def _feed_reply(server: LoopbackServer, title: str) -> Reply:
    items = [(f"{title}-{n}", f"{title} story {n}", server.url(f"/{title}/{n}")) for n in range(2)]
    return Reply(200, rss(title, items), RSS)


def test_the_first_feed_by_preference_wins_not_the_fastest(
    cli: CliRunner, home: Locations, server: LoopbackServer
) -> None:
    _configure(home)
    fast_served = threading.Event()
    main_feed = _feed_reply(server, "Main")

    def slow(request: Request) -> Reply:
        fast_served.wait(5)  # answers only once the later candidate has been answered
        return main_feed

    def fast(request: Request) -> Reply:
        fast_served.set()
        return _feed_reply(server, "Comments")

    server.add("/main.xml", slow)
    server.add("/second.xml", fast)
    site = server.add("/", Reply(200, _page(["/missing.xml", "/main.xml", "/second.xml"]), HTML))
    added = cli("add", site)
    assert added.code == 0, added.err
    assert fast_served.is_set()  # they were asked together, the later one answered first
    assert f"<{server.url('/main.xml')}>" in added.out and f"discovered on {site}" in added.out


def test_a_feed_behind_junk_links_and_the_usual_paths_are_found(
    cli: CliRunner, home: Locations, server: LoopbackServer
) -> None:
    _configure(home)
    server.add("/feeds/9.xml", _feed_reply(server, "Ninth"))
    site = server.add("/", Reply(200, _page([f"/feeds/{n}.xml" for n in range(LINKS)]), HTML))
    added = cli("add", site)
    assert added.code == 0, added.err
    assert f"<{server.url('/feeds/9.xml')}>" in added.out
    # At most the window beyond the winner was asked.
    asked = [r for r in server.requests if r.path.startswith("/feeds/")]
    assert len(asked) <= 10 + IN_FLIGHT
    # A page with no feed link: the usual paths.
    server.add("/blog/", Reply(200, _page([]), HTML))
    server.add("/atom.xml", _feed_reply(server, "Atom"))
    found = cli("add", server.url("/blog/"))
    assert found.code == 0, found.err
    assert f"<{server.url('/atom.xml')}>" in found.out
    server.add("/atom.xml", Reply(404))
    server.add("/other/", Reply(200, _page([]), HTML))
    none = cli("add", server.url("/other/"))
    assert none.code == 1
    assert _one_line(none.err).endswith(
        "it is a web page with no feed link, and none of the 11 usual paths is a feed"
    )


async def test_the_app_adds_from_such_a_page_within_the_bound(
    home: Locations, raw_server: Callable[..., RawServer]
) -> None:
    seen: list[str] = []
    site = raw_server(_silent_site(_page([f"/f/{n}.xml" for n in range(LINKS)]), seen, []))
    notes: list[str] = []
    config = Config(fetch=FetchConfig(timeout=TIMEOUT, per_host=PER_HOST, prefetch=False))
    store = open_store(home.database)
    try:
        app = ReaderApp(store, config, offline=False, refresh_on_start=False)
        original = app.notify

        def record(message: str, **kwargs: object) -> None:
            notes.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        async with app.run_test(size=(140, 36)) as pilot:
            await pilot.press("a")
            assert isinstance(app.screen, InputDialog)
            started = time.monotonic()
            await pilot.press(*site.url("/"), "enter")
            await _settle(app, pilot)
            elapsed = time.monotonic() - started
        assert elapsed < (1 + SEARCH_DEADLINES) * TIMEOUT + 5.0, elapsed
        assert any(re.search(r"none of the \d+ candidates tried", n) for n in notes), notes
        assert len(seen) <= MAX_CANDIDATES
        assert store.feeds() == []
    finally:
        store.close()


async def _settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await asyncio.wait_for(app.workers.wait_for_complete(), 60)
    await pilot.pause()

"""410 Gone and Retry-After as HTTP defines them, through the real CLI and the app (issue 11).

- A feed that answers 410 Gone is marked gone: shown so in `feeds` and the app's chooser, and
  not asked again by refreshes of all feeds; named (`refresh FEED`, the app's r) it is asked,
  and a 2xx clears the mark. A 404 is not Gone (it may be temporary): its errors are counted
  and it is asked every time. A 410 behind a temporary redirect says nothing about the
  subscription's own URL.
- A server's Retry-After is honoured by refreshes of all feeds (at most a day, also for a
  time stored by an older version) and counted in the summary; a feed named explicitly is
  the user asking now, and is fetched anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.worker import WorkerFailed

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply, Request
from tests.samples import rss
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import ChooseDialog, InputDialog
from tui_reader.app.screens.main import MainScreen
from tui_reader.config import Config, FetchConfig
from tui_reader.locations import Locations
from tui_reader.store import open_store

RSS = {"Content-Type": "application/rss+xml"}
APP_CONFIG = Config(fetch=FetchConfig(prefetch=False, timeout=5.0))
REFRESHES = 4  # refreshes of all feeds after the 410: none of them may ask the gone feed


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


def test_a_gone_feed_is_marked_and_no_longer_asked_by_refreshes_of_all(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    ids = _subscribe(cli, server, "gone", "alive")
    server.add("/gone.xml", Reply(410, b"this feed has been removed"))
    first = cli("refresh", "--no-prefetch")
    assert first.code == 1
    [line] = [line for line in first.err.splitlines() if line.startswith("failed:")]
    assert line.startswith("failed: Gone: HTTP 410 Gone: the feed is gone for good")
    assert _column(home, "gone_at", ids["gone"]) is not None
    status = _status_of(cli, ids["gone"])
    assert status.startswith("GONE (HTTP 410")
    assert f"`refresh {ids['gone']}`" in status and f"`remove {ids['gone']}`" in status
    assert _asked(server, "gone") == 2  # `add`, then the refresh that got the 410

    for _ in range(REFRESHES):
        later = cli("refresh", "--no-prefetch")
        assert later.code == 0, later.err  # nothing failed in this run: the feed was not asked
        assert "1 gone (HTTP 410; not asked)" in later.out
    assert _asked(server, "gone") == 2
    assert _asked(server, "alive") == 2 + REFRESHES

    # Named, it is asked (still gone: still marked, still failing).
    named = cli("refresh", ids["gone"], "--no-prefetch")
    assert named.code == 1 and "HTTP 410 Gone" in named.err
    assert _asked(server, "gone") == 3
    assert _status_of(cli, ids["gone"]).startswith("GONE")

    # It comes back: a 2xx to a named refresh clears the mark; refreshes of all ask it again.
    server.add("/gone.xml", _feed(server, "gone"))
    back = cli("refresh", ids["gone"], "--no-prefetch")
    assert back.code == 0, back.err
    assert _column(home, "gone_at", ids["gone"]) is None
    assert _status_of(cli, ids["gone"]).startswith("ok ")
    again = cli("refresh", "--no-prefetch")
    assert again.code == 0 and "gone" not in again.out
    assert _asked(server, "gone") == 5


def test_doctor_names_the_gone_feeds_and_the_way_back(
    cli: CliRunner, server: LoopbackServer
) -> None:
    names = [f"gone{n}" for n in range(7)]  # more than doctor names: the rest are counted
    ids = _subscribe(cli, server, "alive", *names)
    for name in names:
        server.add(f"/{name}.xml", Reply(410))
    assert cli("refresh", "--no-prefetch").code == 1
    doctor = cli("doctor")
    assert doctor.code == 0, doctor.out  # a gone feed is no fault of the installation
    [line] = [line for line in doctor.out.splitlines() if " feeds: " in line]
    assert line.startswith("note     feeds: 7 gone (HTTP 410), not refreshed with the others: ")
    assert f"[{ids['gone0']}] Gone0" in line and "and 2 more" in line
    assert "`refresh ID` or `add` of its URL asks one again" in line
    assert f"[{ids['alive']}]" not in line


def test_adding_a_gone_feed_again_asks_it_and_an_answer_clears_the_mark(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    ids = _subscribe(cli, server, "gone")
    url = server.url("/gone.xml")
    server.add("/gone.xml", Reply(410))
    assert cli("refresh", "--no-prefetch").code == 1
    asked = _asked(server, "gone")

    still = cli("add", url)  # still gone: one line, the mark kept, nothing added
    assert still.code == 1
    [line] = [line for line in still.err.splitlines() if line.startswith("tui-reader:")]
    assert f"already subscribed to {url} (feed {ids['gone']}), marked gone; asked again: " in line
    assert "HTTP 410" in line
    assert _asked(server, "gone") == asked + 1
    assert _column(home, "gone_at", ids["gone"]) is not None

    server.add("/gone.xml", _feed(server, "gone"))
    back = cli("add", "HTTP" + url.removeprefix("http"))  # another spelling of it
    assert back.code == 0, back.err
    assert back.out.startswith(f"[{ids['gone']}] Gone <{url}> was marked gone and answers again")
    assert _asked(server, "gone") == asked + 2
    assert _column(home, "gone_at", ids["gone"]) is None
    assert len(cli("feeds").out.split("\n[")) == 1  # still one subscription
    assert cli("refresh", "--no-prefetch").code == 0
    assert _asked(server, "gone") == asked + 3


def test_a_gone_feed_can_be_removed(cli: CliRunner, server: LoopbackServer) -> None:
    ids = _subscribe(cli, server, "gone")
    server.add("/gone.xml", Reply(410))
    assert cli("refresh", "--no-prefetch").code == 1
    removed = cli("remove", ids["gone"])
    assert removed.code == 0, removed.err
    assert cli("feeds").out.startswith("no feeds yet")


def _fail_then_answer_304(
    cli: CliRunner, server: LoopbackServer, home: Locations, name: str, failure: Reply
) -> dict[str, str]:
    """`name` subscribed, failed once with `failure`, then answering a conditional GET
    with its stored ETag by 304 Not Modified."""
    ids = _subscribe(cli, server, name)
    good = _feed(server, name)
    server.add(f"/{name}.xml", failure)
    assert cli("refresh", "--no-prefetch").code == 1
    with contextlib.closing(sqlite3.connect(home.database)) as db, db:
        db.execute("UPDATE feeds SET etag = '\"v1\"' WHERE id = ?", (ids[name],))
    server.add(
        f"/{name}.xml",
        lambda r: Reply(304) if r.headers.get("if-none-match") == '"v1"' else good,
    )
    return ids


def test_a_304_to_a_named_refresh_clears_the_mark_too(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    """A conditional GET answered 304: the feed is there, unchanged."""
    ids = _fail_then_answer_304(cli, server, home, "gone", Reply(410))
    assert cli("refresh", ids["gone"], "--no-prefetch").code == 0
    assert _column(home, "gone_at", ids["gone"]) is None


def test_a_304_after_a_failure_clears_the_error(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    """Found along the way: the pipeline wrote its 304s before any feed had answered, so
    none was recorded, and a feed that failed once showed its error through every 304."""
    ids = _fail_then_answer_304(cli, server, home, "flaky", Reply(500))
    run = cli("refresh", "--no-prefetch")
    assert run.code == 0 and "1 not modified" in run.out
    assert _status_of(cli, ids["flaky"]) == "ok just now"
    assert _column(home, "error_count", ids["flaky"]) == 0


def test_a_404_is_not_gone_its_errors_are_counted_and_it_is_asked_every_time(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    ids = _subscribe(cli, server, "missing")
    server.add("/missing.xml", Reply(404))
    for n in range(1, 4):
        run = cli("refresh", "--no-prefetch")
        assert run.code == 1 and "HTTP 404 Not Found" in run.err
        assert "gone" not in run.err + run.out
        assert _asked(server, "missing") == 1 + n
        assert _status_of(cli, ids["missing"]).startswith(f"ERROR ({n} failure")
    assert _column(home, "gone_at", ids["missing"]) is None


def test_a_410_behind_a_temporary_redirect_does_not_mark_the_subscription(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    ids = _subscribe(cli, server, "moving")
    server.add("/moving.xml", Reply(302, headers={"Location": "/mirror.xml"}))
    server.add("/mirror.xml", Reply(410))
    for n in range(1, 3):
        assert cli("refresh", "--no-prefetch").code == 1
        assert _asked(server, "moving") == 1 + n
    assert _column(home, "gone_at", ids["moving"]) is None
    # Behind a permanent one it is the subscription that is gone.
    server.add("/moving.xml", Reply(301, headers={"Location": "/mirror.xml"}))
    assert cli("refresh", "--no-prefetch").code == 1
    assert _column(home, "gone_at", ids["moving"]) is not None


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


DAY = 86_400.0


def _imf_date(epoch: float) -> str:  # the preferred form: Sun, 06 Nov 1994 08:49:37 GMT
    return email.utils.formatdate(epoch, usegmt=True)


def _rfc850_date(epoch: float) -> str:  # obsolete, still to be read: Sunday, 06-Nov-94 ...
    return time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(epoch))


def _asctime_date(epoch: float) -> str:  # obsolete, no zone (GMT): Sun Nov  6 08:49:37 1994
    return time.asctime(time.gmtime(epoch))


@pytest.mark.parametrize(
    ("value", "wait"),
    [
        ("3600", 3600.0),
        ("999999999", DAY),  # 31.7 years
        ("9" * 400, DAY),  # more than a float holds
        ("in an hour", None),
        ("-5", None),
        ("3600.5", None),  # delta-seconds is digits only (RFC 9110 10.2.3)
        ("\xc2\xb2", None),  # "²" in UTF-8: a digit to str.isdigit, not to HTTP
        ("\xd9\xa3", None),  # "٣" (Arabic-Indic three): the same
        ("", None),
    ],
)
def test_retry_after_in_seconds_is_honoured_and_capped(
    cli: CliRunner, server: LoopbackServer, home: Locations, value: str, wait: float | None
) -> None:
    _check_wait(cli, server, home, lambda: value, wait)


@pytest.mark.parametrize("form", [_imf_date, _rfc850_date, _asctime_date])
@pytest.mark.parametrize(
    ("offset", "wait"),
    [
        (3600.0, 3600.0),
        (-3600.0, None),  # a date past: ask again at once
        (30 * 365 * DAY, DAY),  # within RFC 850's two-digit years
    ],
)
def test_retry_after_as_an_http_date_is_honoured_and_capped(
    cli: CliRunner,
    server: LoopbackServer,
    home: Locations,
    form: Callable[[float], str],
    offset: float,
    wait: float | None,
) -> None:
    """The three forms of HTTP-date recipients must read (RFC 9110 5.6.7)."""
    _check_wait(cli, server, home, lambda: form(time.time() + offset), wait)


def test_retry_after_at_the_end_of_the_calendar_is_capped(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    _check_wait(cli, server, home, lambda: "Fri, 31 Dec 9999 23:59:59 GMT", DAY)


def _busy(status: int, value: Callable[[], str]) -> Callable[[Request], Reply]:
    return lambda request: Reply(status, headers={"Retry-After": value()})


def _check_wait(
    cli: CliRunner,
    server: LoopbackServer,
    home: Locations,
    value: Callable[[], str],
    wait: float | None,
) -> None:
    """A 429 (and a 503) with Retry-After `value`: the wait stored is `wait` seconds from the
    answer (None: no wait, the next refresh of all feeds asks again), a day at most; the
    feed fails in one line, never an internal error."""
    ids = _subscribe(cli, server, "busy")
    for status in (429, 503):
        server.add("/busy.xml", _busy(status, value))
        with contextlib.closing(sqlite3.connect(home.database)) as db, db:
            db.execute("UPDATE feeds SET retry_after = NULL WHERE id = ?", (ids["busy"],))
        before = time.time()
        asked = _asked(server, "busy")
        run = cli("refresh", ids["busy"], "--no-prefetch")
        after = time.time()
        assert run.code == 1 and "internal error" not in run.err, run.err
        [line] = [line for line in run.err.splitlines() if line.startswith("failed:")]
        assert f"HTTP {status}" in line
        assert _asked(server, "busy") == asked + 1
        until = _column(home, "retry_after", ids["busy"])
        if wait is None:
            assert until is None
            assert cli("refresh", "--no-prefetch").code == 1  # asked again at once
            assert _asked(server, "busy") == asked + 2
        else:
            assert isinstance(until, float)
            assert before + wait - 2 <= until <= after + wait, (until - before, wait)
            waiting = cli("refresh", "--no-prefetch")
            assert waiting.code == 0 and "1 left waiting" in waiting.out
            assert _asked(server, "busy") == asked + 1


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


async def _settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()


def _chooser_labels(app: ReaderApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_app_shows_gone_r_asks_a_gone_or_waiting_feed_and_R_leaves_them(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    # The command line runs its own event loop: in a thread, beside this test's.
    ids = await asyncio.to_thread(_subscribe, cli, server, "gone", "busy", "calm")
    server.add("/gone.xml", Reply(410))
    server.add("/busy.xml", Reply(503, headers={"Retry-After": "600"}))
    assert (await asyncio.to_thread(cli, "refresh", "--no-prefetch")).code == 1
    store = open_store(home.database)
    try:
        app = ReaderApp(store, APP_CONFIG, offline=False, refresh_on_start=False)
        async with app.run_test(size=(140, 36)) as pilot:
            main = app.screen
            assert isinstance(main, MainScreen)
            await pilot.press("f")
            assert isinstance(app.screen, ChooseDialog)
            labels = _chooser_labels(app)
            [gone] = [label for label in labels if label.startswith("Gone ")]
            assert "gone (HTTP 410)" in gone
            assert not any("gone" in label for label in labels if label.startswith("Calm "))
            await pilot.press("escape")

            await pilot.press("R")  # all feeds: the gone one and the waiting one are left
            await _settle(app, pilot)
            assert (_asked(server, "gone"), _asked(server, "busy"), _asked(server, "calm")) == (
                2,
                2,
                3,
            )

            for name, asked in (("gone", 3), ("busy", 3)):
                main.set_filter(replace(main.filter, feed_id=int(ids[name])), name)
                await pilot.pause()
                await pilot.press("r")  # this feed, now
                await _settle(app, pilot)
                assert _asked(server, name) == asked
            assert _asked(server, "calm") == 3

            # Added again once it answers (the add dialog): the mark goes, still one feed.
            server.add("/gone.xml", _feed(server, "gone"))
            await pilot.press("a")
            assert isinstance(app.screen, InputDialog)
            await pilot.press(*server.url("/gone.xml"), "enter")
            await _settle(app, pilot)
            assert _asked(server, "gone") == 4
            assert _column(home, "gone_at", ids["gone"]) is None
            assert len(store.feeds()) == 3
            await pilot.press("f")
            assert not any("gone (HTTP 410)" in label for label in _chooser_labels(app))
    finally:
        store.close()

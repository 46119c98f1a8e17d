"""Round two: parsing has bounds of its own, checked in one linear pass before feedparser.

A 0.9 MB feed with 60,000 attributes on one item took 27.7 s (feedparser, through the
standard library's SAX attributes, is quadratic in them; 4x the attributes, 13x the time),
and namespace declarations are quadratic the same way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from tests.conftest import REPO, CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.reliability.program import run_commands
from tui_reader.fetch.safexml import FEED_LIMITS
from tui_reader.locations import HOME_ENV, Locations

RSS = "application/rss+xml"


def _rss(items: str, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"{head}><channel><title>t</title>'
        f"{items}</channel></rss>"
    ).encode()


def _item(n: int, attrs: str = "", extra: str = "") -> str:
    return (
        f"<item{attrs}><guid>g{n}</guid><title>Story {n}</title>"
        f"<link>http://x.example/{n}</link>{extra}</item>"
    )


def many_attributes() -> bytes:  # the reported 0.9 MB case
    attrs = "".join(f' a{n}="v{n}"' for n in range(60_000))
    return _rss(_item(1, attrs) + _item(2))


def many_namespaces() -> bytes:
    items = "".join(_item(n, f' xmlns:p{n}="http://ns{n}.example/"') for n in range(8_000))
    return _rss(items)


def deep_nesting() -> bytes:
    return _rss(_item(1, extra="<x>" * 200_000 + "</x>" * 200_000))


def many_elements() -> bytes:
    return _rss(_item(1, extra="<x/>" * (FEED_LIMITS.elements + 1)))


def stray_end_tags() -> bytes:
    return _rss(_item(1, extra="</x>" * (FEED_LIMITS.elements + 1)))


CASES: list[tuple[Callable[[], bytes], str]] = [
    (many_attributes, "<item> has 60,000 attributes"),
    (many_namespaces, "namespace declarations"),
    (deep_nesting, "nested more than 1,024 deep"),
    (many_elements, "more than 1,000,000 elements"),
    (stray_end_tags, "more than 1,000,000 end tags"),
]


@pytest.fixture
def env(home: Locations) -> dict[str, str]:
    return {**os.environ, HOME_ENV: str(home.config_dir.parent), "PYTHONPATH": str(REPO)}


@pytest.mark.parametrize(("make", "reason"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_a_feed_beyond_the_bounds_is_refused_fast_and_the_rest_refresh(
    cli: CliRunner,
    server: LoopbackServer,
    env: dict[str, str],
    make: Callable[[], bytes],
    reason: str,
) -> None:
    good = server.add("/good", Reply(200, _rss(_item(1) + _item(2)), {"Content-Type": RSS}))
    assert cli("add", good).code == 0
    server.add("/bad", Reply(200, _rss(_item(1)), {"Content-Type": RSS}))
    assert cli("add", server.url("/bad")).code == 0
    body = make()
    server.add("/bad", Reply(200, body, {"Content-Type": RSS}))
    server.add("/good", Reply(200, _rss(_item(1) + _item(2) + _item(3)), {"Content-Type": RSS}))
    # The real CLI in a process of its own, so its time and peak memory are its own.
    session = run_commands([["refresh", "--no-prefetch"]], env=env)
    (result,) = session.commands
    # Before: 27.7 s for the first case, minutes for the others; now ~2 s at most here.
    assert result.seconds < 10, result.seconds
    # ~85 MB here for every case, nearly all of it the program's own baseline.
    assert session.peak_rss < 20 * len(body) + (120 << 20), session.peak_rss
    assert result.code == 1
    failures = [line for line in result.err.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1 and "feed refused" in failures[0] and reason in failures[0]
    assert "1 updated (1 new items)" in result.out  # the good feed went on


def test_add_of_a_refused_feed_is_one_line(cli: CliRunner, server: LoopbackServer) -> None:
    url = server.add("/bad", Reply(200, many_attributes(), {"Content-Type": RSS}))
    start = time.monotonic()
    result = cli("add", url)
    assert time.monotonic() - start < 10
    assert result.code == 1
    (line,) = result.err.splitlines()
    assert "feed refused: <item> has 60,000 attributes (the limit is 64)" in line


def test_a_feed_larger_than_the_parse_bound_is_refused_even_when_fetched(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    home.config_dir.mkdir(parents=True)
    home.config_file.write_text("[fetch]\nmax_bytes = 67108864\n")  # the fetch lets 64 MiB in
    filler = "<description>" + "x" * 1000 + "</description>"
    body = _rss("".join(_item(n, extra=filler) for n in range(FEED_LIMITS.chars // 1000 + 10)))
    url = server.add("/huge", Reply(200, body, {"Content-Type": RSS}))
    start = time.monotonic()
    result = cli("add", url)
    assert time.monotonic() - start < 15
    assert result.code == 1 and "feed refused" in result.err and "characters" in result.err


def test_real_feeds_at_the_edges_of_the_bounds_still_parse(
    cli: CliRunner, server: LoopbackServer
) -> None:
    attrs = "".join(f' a{n}="v"' for n in range(FEED_LIMITS.attributes))
    spaces = "".join(f' xmlns:n{n}="http://n{n}.example/"' for n in range(60))
    deep = "<x>" * 1000 + "</x>" * 1000
    unclosed = "<br>" * 5000  # ill-formed, as feeds are: not nesting
    items = _item(1, attrs, deep) + "".join(_item(n, extra=unclosed) for n in range(2, 12))
    url = server.add("/edge", Reply(200, _rss(items, spaces), {"Content-Type": RSS}))
    result = cli("add", url)
    assert result.code == 0, result.err
    assert "11 items" in result.out

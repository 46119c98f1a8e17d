"""Redirects and the subscription, through the real CLI: only a permanent redirect (301/308)
rewrites a feed's URL; a temporary one (302/303/307) is followed but the subscription keeps
its own URL, so the feed still works when the redirect stops."""

from __future__ import annotations

import pytest

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.samples import rss


def _feed(server: LoopbackServer, title: str) -> Reply:
    items = [
        (f"{title}-{i}", f"{title} story {i}", server.url(f"/a/{title}/{i}")) for i in range(3)
    ]
    return Reply(
        200, rss(title, items, site=server.url("/")), {"Content-Type": "application/rss+xml"}
    )


def _feed_urls(cli: CliRunner) -> list[str]:
    listing = cli("feeds")
    assert listing.code == 0, listing.err
    return [word for word in listing.out.split() if word.startswith("http://")]


@pytest.mark.parametrize("status", [302, 303, 307])
def test_temporary_redirect_keeps_the_subscription(
    cli: CliRunner, server: LoopbackServer, status: int
) -> None:
    url = server.add("/feed", _feed(server, "Harbour"))
    assert cli("add", url).code == 0
    # The feed moves for a while: refreshes follow the redirect, the subscription stays.
    server.add("/feed", Reply(status, headers={"Location": "/elsewhere"}))
    server.add("/elsewhere", _feed(server, "Harbour"))
    for _ in range(2):
        moved = cli("refresh", "--no-prefetch")
        assert moved.code == 0, moved.err
        assert _feed_urls(cli) == [url]
    assert len(server.requests_to("/elsewhere")) == 2
    # The redirect stops and its target goes away: the feed still works at its own URL.
    server.add("/feed", _feed(server, "Harbour"))
    server.add("/elsewhere", Reply(404))
    back = cli("refresh", "--no-prefetch")
    assert back.code == 0, back.err
    assert _feed_urls(cli) == [url]
    assert "error" not in cli("feeds").out.lower()


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_moves_the_subscription(
    cli: CliRunner, server: LoopbackServer, status: int
) -> None:
    url = server.add("/old", _feed(server, "Ferry"))
    assert cli("add", url).code == 0
    server.add("/old", Reply(status, headers={"Location": "/new"}))
    new = server.add("/new", _feed(server, "Ferry"))
    moved = cli("refresh", "--no-prefetch")
    assert moved.code == 0, moved.err
    assert _feed_urls(cli) == [new]
    # The next refresh goes straight to the new address.
    requests_to_old = len(server.requests_to("/old"))
    assert cli("refresh", "--no-prefetch").code == 0
    assert len(server.requests_to("/old")) == requests_to_old


def test_permanent_then_temporary_moves_only_as_far_as_the_permanent_hop(
    cli: CliRunner, server: LoopbackServer
) -> None:
    url = server.add("/old", _feed(server, "Quay"))
    assert cli("add", url).code == 0
    server.add("/old", Reply(301, headers={"Location": "/new"}))
    new = server.add("/new", Reply(302, headers={"Location": "/today"}))
    server.add("/today", _feed(server, "Quay"))
    assert cli("refresh", "--no-prefetch").code == 0
    assert _feed_urls(cli) == [new]


def test_adding_through_a_temporary_redirect_subscribes_the_given_url(
    cli: CliRunner, server: LoopbackServer
) -> None:
    url = server.add("/feed", Reply(307, headers={"Location": "/mirror"}))
    server.add("/mirror", _feed(server, "Mirror"))
    added = cli("add", url)
    assert added.code == 0, added.err
    assert _feed_urls(cli) == [url]

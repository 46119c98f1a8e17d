"""The Google Reader API client against a loopback server written to FreshRSS's and
Miniflux's documentation (tests/sync/greader_server.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tests.sync.greader_server import GreaderServer
from tui_reader.config import FetchConfig
from tui_reader.errors import SyncError
from tui_reader.fetch.http import HttpClient
from tui_reader.sync.greader import CONTENTS_BATCH, EDIT_BATCH, IDS_PAGE, GreaderService, decimal_id
from tui_reader.sync.protocol import RemoteItem


@pytest.fixture(params=["freshrss", "miniflux"])
def greader(request: pytest.FixtureRequest) -> Iterator[GreaderServer]:
    flavor = request.param
    prefix = "/api/greader.php" if flavor == "freshrss" else ""
    server = GreaderServer(flavor=flavor, prefix=prefix).start()
    try:
        yield server
    finally:
        server.stop()


def _service(
    http: HttpClient, server: GreaderServer, password: str | None = None
) -> GreaderService:
    return GreaderService(http, server.url, server.username, password or server.password)


def _fill(server: GreaderServer, count: int) -> str:
    feed = server.add_feed("https://news.example/world.xml", "World desk", "News")
    for n in range(count):
        server.add_entry(
            feed, f"Story {n}", f"https://news.example/{n}", f"<p>Body {n}</p>", 1_700_000_000 + n
        )
    return feed


async def _pull(service: GreaderService, known: set[str] | None = None) -> list[RemoteItem]:
    got: list[RemoteItem] = []

    async def page(items: Sequence[RemoteItem]) -> None:
        got.extend(items)

    await service.new_items(None, known or set(), page)
    return got


def test_item_ids_in_every_form_become_decimal() -> None:
    assert decimal_id("tag:google.com,2005:reader/item/00000000148b9369") == str(0x148B9369)
    assert decimal_id("12345") == "12345"
    assert decimal_id("000000000000048c") == str(0x48C)
    assert decimal_id("tag:google.com,2005:reader/item/zz") is None
    assert decimal_id("feed/1") is None


async def test_login_feeds_and_folders(greader: GreaderServer) -> None:
    feed = _fill(greader, 1)
    async with HttpClient(FetchConfig()) as http:
        feeds = await _service(http, greader).feeds()
    assert [(f.id, f.url, f.title, f.category) for f in feeds] == [
        (feed, "https://news.example/world.xml", "World desk", "News")
    ]


async def test_wrong_password_is_a_refused_login(greader: GreaderServer) -> None:
    async with HttpClient(FetchConfig()) as http:
        with pytest.raises(SyncError) as caught:
            await _service(http, greader, "wrong").login()
    assert (
        str(caught.value)
        == f"the Google Reader API at {greader.url} refused the login for 'reader'"
    )


async def test_failing_server_is_one_line(greader: GreaderServer) -> None:
    greader.down = True
    async with HttpClient(FetchConfig()) as http:
        with pytest.raises(SyncError) as caught:
            await _service(http, greader).login()
    assert str(caught.value) == (
        f"cannot reach the Google Reader API at {greader.url}: HTTP 503 Service Unavailable"
    )


async def test_items_and_states_past_every_page_size(greader: GreaderServer) -> None:
    count = max(IDS_PAGE, EDIT_BATCH, CONTENTS_BATCH) + 30
    _fill(greader, count)
    async with HttpClient(FetchConfig()) as http:
        service = _service(http, greader)
        items = await _pull(service)
        assert len({i.id for i in items}) == count
        by_link = greader.by_link()
        first = next(i for i in items if i.link == "https://news.example/0")
        assert first.id == str(by_link["https://news.example/0"].id)
        assert (first.title, first.content, first.published) == (
            "Story 0",
            "<p>Body 0</p>",
            1_700_000_000,
        )
        assert first.feed_id == "feed/1"
        assert len(await service.unread_ids()) == count

        ids = sorted(i.id for i in items)
        await service.set_read(ids[: EDIT_BATCH + 7], True)
        await service.set_starred(ids[:2], True)
        assert await service.unread_ids() == set(ids[EDIT_BATCH + 7 :])
        assert await service.starred_ids() == set(ids[:2])
        await service.set_read(ids[:1], False)
        await service.set_starred(ids[:1], False)
        assert ids[0] in await service.unread_ids()
        assert await service.starred_ids() == {ids[1]}
        # Known items are not fetched again.
        assert await _pull(service, set(ids)) == []
        read_item = next(i for i in await _pull(service, set(ids[1:])))
        assert (read_item.id, read_item.read) == (ids[0], False)


async def test_subscribe_unsubscribe_mark_feed_read(greader: GreaderServer) -> None:
    async with HttpClient(FetchConfig()) as http:
        service = _service(http, greader)
        feed_id = await service.subscribe("https://news.example/a.xml", "Tech")
        assert [(f.id, f.category) for f in await service.feeds()] == [(feed_id, "Tech")]
        greader.add_entry(feed_id, "A", "https://news.example/a1", "", 1_700_000_000)
        await service.mark_feed_read(feed_id)
        assert await service.unread_ids() == set()
        await service.unsubscribe(feed_id)
        assert await service.feeds() == []

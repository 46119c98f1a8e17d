"""The TT-RSS protocol client against a real TT-RSS server (tests/sync/ttrss.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.loopback import LoopbackServer, Reply
from tests.sync import ttrss
from tests.sync.feeds import Newsroom
from tui_reader.config import FetchConfig
from tui_reader.errors import SyncError
from tui_reader.fetch.http import HttpClient
from tui_reader.sync.protocol import RemoteItem
from tui_reader.sync.ttrss import CONTENT_PAGE, HEADLINES_LIMIT, TtrssService


def _service(
    http: HttpClient, server: ttrss.TtrssServer, password: str = ttrss.PASSWORD
) -> TtrssService:
    return TtrssService(http, server.url, ttrss.USERNAME, password)


async def _pull(service: TtrssService, cursor: str | None = None) -> tuple[list[RemoteItem], str]:
    got: list[RemoteItem] = []

    async def page(items: Sequence[RemoteItem]) -> None:
        got.extend(items)

    return got, await service.new_items(cursor, set(), page)


@pytest.fixture
def newsroom(server: LoopbackServer) -> Newsroom:
    return Newsroom(server)


async def test_login_and_feeds_with_categories(
    ttrss_server: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    newsroom.publish("world", 2)
    newsroom.publish("sport", 1)
    ttrss_server.subscribe(newsroom.feed_url("world"), category="News")
    ttrss_server.subscribe(newsroom.feed_url("sport"))
    ttrss_server.update_feeds()
    async with HttpClient(FetchConfig()) as http:
        feeds = await _service(http, ttrss_server).feeds()
    by_url = {f.url: f for f in feeds}
    assert set(by_url) == {newsroom.feed_url("world"), newsroom.feed_url("sport")}
    assert by_url[newsroom.feed_url("world")].category == "News"
    assert by_url[newsroom.feed_url("sport")].category is None  # uncategorised
    assert by_url[newsroom.feed_url("world")].title == "World desk"


async def test_wrong_password_and_disabled_api_are_one_line_each(
    ttrss_server: ttrss.TtrssServer,
) -> None:
    async with HttpClient(FetchConfig()) as http:
        with pytest.raises(SyncError) as wrong:
            await _service(http, ttrss_server, "not-it").login()
        ttrss_server.sql("DELETE FROM ttrss_user_prefs WHERE pref_name = 'ENABLE_API_ACCESS'")
        with pytest.raises(SyncError) as disabled:
            await _service(http, ttrss_server).login()
    assert str(wrong.value) == f"TT-RSS at {ttrss_server.url} refused the login for 'admin'"
    assert "not-it" not in str(wrong.value)
    assert "API access disabled for 'admin'" in str(disabled.value)


async def test_unreachable_server_says_so(ttrss_server: ttrss.TtrssServer) -> None:
    ttrss_server.stop()
    async with HttpClient(FetchConfig()) as http:
        with pytest.raises(SyncError) as caught:
            await _service(http, ttrss_server).feeds()
    assert str(caught.value).startswith(f"cannot reach TT-RSS at {ttrss_server.url}: ")
    assert "refused" in str(caught.value)


async def test_not_an_api_says_what_to_check(server: LoopbackServer) -> None:
    server.add("/api/", Reply(body=b"<html>"))
    async with HttpClient(FetchConfig()) as http:
        service = TtrssService(http, server.url("/"), "admin", "x")
        with pytest.raises(SyncError, match="did not answer as the TT-RSS API"):
            await service.login()


async def test_pages_of_items_and_states_past_every_page_size(
    ttrss_server: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    count = HEADLINES_LIMIT + CONTENT_PAGE + 10  # past both page sizes
    newsroom.publish("world", count)
    ttrss_server.subscribe(newsroom.feed_url("world"))
    ttrss_server.update_feeds()
    async with HttpClient(FetchConfig()) as http:
        service = _service(http, ttrss_server)
        items, cursor = await _pull(service)
        assert len({i.id for i in items}) == count
        assert {i.link for i in items} == {newsroom.story_url(s) for s in newsroom.feeds["world"]}
        story = newsroom.feeds["world"][0]
        first = next(i for i in items if i.link == newsroom.story_url(story))
        assert first.title == story.title
        assert first.published == story.published
        assert story.text[:40] in first.content
        assert not first.read and not first.starred
        assert len(await service.unread_ids()) == count

        ids = sorted((i.id for i in items), key=int)
        await service.set_read(ids[: HEADLINES_LIMIT + 5], True)
        await service.set_starred(ids[:3], True)
        assert await service.unread_ids() == set(ids[HEADLINES_LIMIT + 5 :])
        assert await service.starred_ids() == set(ids[:3])
        await service.set_read(ids[:1], False)
        await service.set_starred(ids[:1], False)
        assert ids[0] in await service.unread_ids()
        assert await service.starred_ids() == set(ids[1:3])

        # Nothing new since the cursor; a new story comes alone.
        assert (await _pull(service, cursor))[0] == []
        newsroom.publish("world", 1, start=count)
        ttrss_server.update_feeds()
        fresh, after = await _pull(service, cursor)
        assert [i.title for i in fresh] == [f"World story {count}"]
        assert int(after) > int(cursor)
    server_side = ttrss_server.articles()
    assert server_side[newsroom.story_url(story)] == (True, False)


async def test_subscribe_unsubscribe_and_catch_up(
    ttrss_server: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    newsroom.publish("world", 3)
    ttrss_server.category("News")
    async with HttpClient(FetchConfig()) as http:
        service = _service(http, ttrss_server)
        feed_id = await service.subscribe(newsroom.feed_url("world"), "News")
        assert await service.subscribe(newsroom.feed_url("world"), "News") == feed_id
        assert [(f.id, f.category) for f in await service.feeds()] == [(feed_id, "News")]
        ttrss_server.update_feeds([int(feed_id)])
        assert len(await service.unread_ids()) == 3
        await service.mark_feed_read(feed_id)
        assert await service.unread_ids() == set()
        await service.unsubscribe(feed_id)
        assert await service.feeds() == []
        with pytest.raises(SyncError, match="could not subscribe: could not download it"):
            await service.subscribe(newsroom.server.url("/missing.xml"))


async def test_pages_of_long_articles_stay_under_the_size_cap(
    ttrss_server: ttrss.TtrssServer, newsroom: Newsroom
) -> None:
    newsroom.publish("long", 1)
    feed_id = ttrss_server.subscribe(newsroom.feed_url("long"))
    count = 2 * HEADLINES_LIMIT
    ttrss_server.bulk_articles(feed_id, count, "https://news.example/long/", body_chars=3000)
    # 200 of these in one reply would be ~700 KiB, far past this cap.
    async with HttpClient(FetchConfig(max_bytes=256 * 1024)) as http:
        items, _ = await _pull(_service(http, ttrss_server))
    assert len({i.id for i in items}) == count
    assert all(len(i.content) > 3000 for i in items)

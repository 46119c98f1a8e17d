"""The first frame of a large cache reads only the first ids and their count; the rest are
read once it is on screen, and the list behaves as if they had all been there from the start.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tests.app.conftest import BASE_TIME
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.main import FIRST_FRAME_IDS
from tui_reader.app.widgets.article_list import PartIds
from tui_reader.config import Config
from tui_reader.locations import Locations
from tui_reader.models import ArticleFilter, FeedItem, ParsedFeed
from tui_reader.store import Store, open_store

ARTICLES = FIRST_FRAME_IDS + 44
SIZE = (100, 30)


@pytest.fixture
def large(home: Locations) -> Iterator[Store]:
    home.ensure()
    store = open_store(home.database)
    feed = store.add_feed("http://127.0.0.1:9/many.xml", title="Many")
    items = tuple(
        FeedItem(
            guid=f"g{n}",
            title=f"Story {n:03d}",
            link=f"https://news.example/{n}",
            published=BASE_TIME - n * 60,
            summary="",
        )
        for n in range(ARTICLES)
    )
    parsed = ParsedFeed(title="Many", site_url=None, items=items)
    store.record_feed_ok(feed.id, parsed, etag=None, last_modified=None, now=BASE_TIME)
    try:
        yield store
    finally:
        store.close()


def _reads(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The `limit` of every article_ids() call the app makes."""
    limits: list[int | None] = []
    original = store.article_ids

    def article_ids(flt: ArticleFilter = ArticleFilter(), *, limit: int | None = None) -> list[int]:  # noqa: B008
        limits.append(limit)
        return original(flt, limit=limit)

    monkeypatch.setattr(store, "article_ids", article_ids)
    return limits


async def test_the_first_frame_reads_the_first_ids_and_the_rest_come_after_it(
    large: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = _reads(large, monkeypatch)
    app = ReaderApp(large, Config(), offline=True, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main_screen
        assert limits[0] == FIRST_FRAME_IDS
        assert None in limits  # all of them, after the first frame
        ids = main.article_list.ids
        assert list(ids) == large.article_ids()
        assert main.article_list.border_subtitle == str(ARTICLES)
        await pilot.press("G")
        await pilot.pause()
        assert main.article_list.cursor == ARTICLES - 1
        assert main.article_list.article_id == large.article_ids()[-1]


async def test_a_key_past_the_first_ids_before_they_are_all_read_reads_them(
    large: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """G before the rest is read (here: never read after the first frame) goes to the end."""
    monkeypatch.setattr("tui_reader.app.widgets.article_list.ArticleList.read_all_ids", _nothing)
    app = ReaderApp(large, Config(), offline=True, refresh_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = app.main_screen.article_list
        assert isinstance(lst.ids, PartIds)
        assert len(lst.ids) == ARTICLES
        await pilot.press("G")
        await pilot.pause()
        assert lst.cursor == ARTICLES - 1
        last = lst.row_at(ARTICLES - 1)
        assert last is not None and last.title == f"Story {ARTICLES - 1:03d}"


def _nothing(self: object) -> None:
    return None


def test_part_ids_read_the_rest_only_when_asked_past_the_first() -> None:
    every = list(range(100, 0, -1))
    calls: list[int] = []

    def read_all() -> list[int]:
        calls.append(1)
        return every

    ids = PartIds(every[:10], len(every), read_all)
    assert len(ids) == 100
    assert ids[0] == 100 and ids[9] == 91 and list(ids[2:5]) == [98, 97, 96]
    assert ids[9:0:-1] == every[9:0:-1]
    assert not calls
    assert list(ids[5:20]) == every[5:20]
    assert calls == [1]
    assert ids[-1] == 1 and len(ids) == 100 and list(ids) == every
    assert ids.load() and calls == [1]  # read once


@pytest.mark.parametrize("index", [10, -1, slice(0, 11), slice(95, None)])
def test_part_ids_past_the_first_in_any_form(index: int | slice) -> None:
    every = list(range(50))
    calls: list[int] = []

    def read_all() -> list[int]:
        calls.append(1)
        return every

    ids = PartIds(every[:10], len(every), read_all)
    value: int | Sequence[int] = ids[index]
    assert value == every[index]
    assert calls == [1]


def test_part_ids_tell_when_the_cache_changed_before_the_rest_was_read() -> None:
    ids = PartIds([5, 4, 3], 6, lambda: [7, 5, 4, 3, 2, 1, 0])
    assert not ids.load()
    assert list(ids) == [7, 5, 4, 3, 2, 1, 0]
    same = PartIds([5, 4, 3], 5, lambda: [5, 4, 3, 2, 1])
    assert same.load()

"""The article list: filters, order, rows, read/starred, unread count and search."""

from __future__ import annotations

import pytest

from tests.store.conftest import NOW, article, item, parsed
from tui_reader.errors import NotFoundError
from tui_reader.models import ArticleFilter
from tui_reader.store import Store


@pytest.fixture
def world(store: Store) -> dict[str, list[int]]:
    """Two tagged feeds and one untagged: the ids of each, oldest first."""
    world = store.add_feed("https://w.example/feed", tags=["World"])
    tech = store.add_feed("https://t.example/feed", tags=["tech", "world"])
    other = store.add_feed("https://o.example/feed")
    ids = {
        "world": store.record_feed_ok(
            world.id, parsed(item(1), item(4)), etag=None, last_modified=None, now=NOW
        ),
        "tech": store.record_feed_ok(
            tech.id, parsed(item(2), item(5)), etag=None, last_modified=None, now=NOW
        ),
        "other": store.record_feed_ok(
            other.id,
            parsed(item(3), item(6, published=None)),
            etag=None,
            last_modified=None,
            now=NOW,
        ),
    }
    ids["feeds"] = [world.id, tech.id, other.id]
    return ids


def test_article_ids_newest_first(store: Store, world: dict[str, list[int]]) -> None:
    # Published times are item numbers in hours; the undated item sorts by arrival (now).
    by_number = [
        world["world"][0],
        world["tech"][0],
        world["other"][0],
        world["world"][1],
        world["tech"][1],
        world["other"][1],
    ]
    assert store.article_ids() == by_number[::-1]


def test_each_filter(store: Store, world: dict[str, list[int]]) -> None:
    w, t, o = world["world"], world["tech"], world["other"]
    feed_w, feed_t, _ = world["feeds"]
    store.set_read(w[1])
    store.set_starred(t[0], True)
    assert store.article_ids(ArticleFilter(feed_id=feed_w)) == [w[1], w[0]]
    assert store.article_ids(ArticleFilter(tag="WORLD")) == [t[1], w[1], t[0], w[0]]
    assert store.article_ids(ArticleFilter(tag="tech")) == [t[1], t[0]]
    assert store.article_ids(ArticleFilter(tag="nope")) == []
    assert store.article_ids(ArticleFilter(unread_only=True)) == [o[1], t[1], o[0], t[0], w[0]]
    assert store.article_ids(ArticleFilter(starred_only=True)) == [t[0]]
    assert store.article_ids(ArticleFilter(ids=(w[0], o[1], 999))) == [o[1], w[0]]
    assert store.article_ids(ArticleFilter(ids=())) == []
    assert store.article_ids(
        ArticleFilter(feed_id=feed_t, starred_only=True, unread_only=True)
    ) == [t[0]]


def test_the_first_ids_and_the_count_agree_with_the_whole_list(
    store: Store, world: dict[str, list[int]]
) -> None:
    """What the app's first frame reads (the first ids and how many) for every filter."""
    w, t, _ = world["world"], world["tech"], world["other"]
    feed_w, _, _ = world["feeds"]
    store.set_read(w[1])
    store.set_starred(t[0], True)
    store.store_article(t[0], article("Quantum computing breakthrough."), source="page")
    filters = [
        ArticleFilter(),
        ArticleFilter(feed_id=feed_w),
        ArticleFilter(tag="world"),
        ArticleFilter(tag="nope"),
        ArticleFilter(unread_only=True),
        ArticleFilter(starred_only=True),
        ArticleFilter(query="quantum"),
        ArticleFilter(query='(("*'),
        ArticleFilter(ids=(w[0], 999)),
    ]
    for flt in filters:
        every = store.article_ids(flt)
        assert store.article_count(flt) == len(every), flt
        for limit in (0, 1, 3, 100):
            assert store.article_ids(flt, limit=limit) == every[:limit], (flt, limit)


def test_query_filter(store: Store, world: dict[str, list[int]]) -> None:
    w, t = world["world"], world["tech"]
    store.store_article(t[0], article("Quantum computing breakthrough."), source="page")
    store.store_article(w[0], article("Quantum physics and the weather."), source="page")
    assert store.article_ids(ArticleFilter(query="quantum")) == [t[0], w[0]]
    assert store.article_ids(ArticleFilter(query="quantum", tag="tech")) == [t[0]]
    assert store.article_ids(ArticleFilter(query="quantum -weather")) == [t[0]]
    # Whole words in the list filter (no prefix), and junk finds nothing without an error.
    assert store.article_ids(ArticleFilter(query="quant")) == []
    assert store.article_ids(ArticleFilter(query='(("*')) == []
    # An empty query box means no constraint.
    assert len(store.article_ids(ArticleFilter(query="  "))) == 6


def test_article_rows_in_the_order_given(store: Store, world: dict[str, list[int]]) -> None:
    w, o = world["world"], world["other"]
    rows = store.article_rows([o[0], w[0], 999, w[0]])
    assert [r.id for r in rows] == [o[0], w[0], w[0]]
    assert rows[0].feed_title == "Example News" and rows[0].link == "https://example.com/story/3"
    assert rows[1].published == NOW - 3600 * 99
    assert store.article_rows([]) == []


def test_read_starred_and_unread_count(store: Store, world: dict[str, list[int]]) -> None:
    w = world["world"]
    assert store.unread_count() == 6
    store.set_read(w[0])
    store.set_read(w[1], True)
    store.set_read(w[1], False)
    store.set_starred(w[1], True)
    assert store.unread_count() == 5
    rows = store.article_rows(w)
    assert [(r.read, r.starred) for r in rows] == [(True, False), (False, True)]
    with pytest.raises(NotFoundError):
        store.set_read(999)
    with pytest.raises(NotFoundError):
        store.set_starred(999, True)


def test_search_ranks_title_matches_first_and_prefixes_the_last_word(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    in_body, in_title, other = store.record_feed_ok(
        feed.id,
        parsed(
            item(1, title="Markets today", summary="<p>The referendum is coming.</p>"),
            item(2, title="Referendum results", summary="<p>Votes counted.</p>"),
            item(3, title="Weather", summary="<p>Rain.</p>"),
        ),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    assert [r.id for r in store.search("referendum")] == [in_title, in_body]
    assert [r.id for r in store.search("referen")] == [in_title, in_body]  # typing
    assert [r.id for r in store.search("referen ")] == []  # a finished word is whole
    assert [r.id for r in store.search('"votes counted"')] == [in_title]
    assert [r.id for r in store.search('"counted votes"')] == []
    assert [r.id for r in store.search("referendum -votes")] == [in_body]
    assert [r.id for r in store.search("RAIN")] == [other]
    assert store.search("referendum", limit=1)[0].id == in_title
    assert store.search("referendum", limit=0) == []
    assert store.search("") == [] and store.search("-only") == []


def test_search_folds_case_and_diacritics(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (item_id,) = store.record_feed_ok(
        feed.id,
        parsed(item(1, title="Erdoğan meets Zelenskyy in Ankara")),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    assert [r.id for r in store.search("erdogan")] == [item_id]
    assert [r.id for r in store.search("ERDOĞAN")] == [item_id]


def test_both_query_plans_list_the_same(
    store: Store, world: dict[str, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.store import listing

    everything = store.article_ids()
    store.set_read(everything[0])
    flt = ArticleFilter(query="story", unread_only=True)
    few = store.article_ids(flt)
    monkeypatch.setattr(listing, "FTS_SCAN_THRESHOLD", 0)
    assert store.article_ids(flt) == few == everything[1:]

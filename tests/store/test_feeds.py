"""Subscriptions: add, find, list with counts, tags, remove (starred items survive)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.store.conftest import NOW, article, fts_consistent, item, parsed
from tui_reader.errors import DuplicateFeedError, NotFoundError
from tui_reader.models import ArticleFilter
from tui_reader.store import Store


def test_add_feed_returns_the_stored_feed(store: Store) -> None:
    feed = store.add_feed(" https://a.example/feed ", tags=["World", "world", " ", "Tech"])
    assert feed.url == "https://a.example/feed"
    assert feed.title == "" and feed.name == "https://a.example/feed"
    assert feed.tags == ("World", "Tech")
    assert (feed.unread, feed.total, feed.error_count) == (0, 0, 0)
    assert store.feed(feed.id) == feed


def test_duplicate_url_is_refused(store: Store) -> None:
    store.add_feed("https://a.example/feed")
    with pytest.raises(DuplicateFeedError, match="already subscribed"):
        store.add_feed("https://a.example/feed", title="Again")
    assert len(store.feeds()) == 1


def test_feeds_are_ordered_by_title_with_counts(store: Store) -> None:
    b = store.add_feed("https://b.example/", title="beta")
    a = store.add_feed("https://a.example/", title="Alpha")
    untitled = store.add_feed("https://0.example/")
    store.record_feed_ok(
        a.id, parsed(item(1), item(2), item(3)), etag=None, last_modified=None, now=NOW
    )
    ids = store.article_ids(ArticleFilter(feed_id=a.id))
    store.set_read(ids[0])
    feeds = store.feeds()
    # Case-insensitive by title; an untitled feed sorts by its URL.
    assert [f.id for f in feeds] == [a.id, b.id, untitled.id]
    assert (feeds[0].unread, feeds[0].total) == (2, 3)
    assert (feeds[1].unread, feeds[1].total) == (0, 0)
    assert store.feed(a.id).unread == 2
    # Without counts (a refresh): the same feeds in the same order, the counts left at 0.
    uncounted = store.feeds(counts=False)
    assert uncounted == [replace(f, unread=0, total=0) for f in feeds]


def test_feed_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.feed(42)


def test_find_feed_by_id_url_or_title(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed", title="Ünïcode News")
    assert store.find_feed(str(feed.id)) == feed
    assert store.find_feed("https://a.example/feed") == feed
    assert store.find_feed("ÜNÏCODE news") == feed
    assert store.find_feed("nothing") is None
    assert store.find_feed("999") is None


def test_tags_are_distinct_and_sorted(store: Store) -> None:
    store.add_feed("https://a.example/", tags=["world", "Tech"])
    store.add_feed("https://b.example/", tags=["World", "local"])
    assert store.tags() == ["local", "Tech", "world"]


def test_remove_feed_keeps_starred_items_listable_and_readable(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed", title="Alpha")
    new = store.record_feed_ok(
        feed.id,
        parsed(item(1), item(2, title="Keep me starred")),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    store.store_article(new[1], article("The body of the starred story."), source="feed")
    store.set_starred(new[1], True)
    store.remove_feed(feed.id)

    assert store.feeds() == []
    assert store.article_ids() == [new[1]]
    assert store.article_ids(ArticleFilter(starred_only=True)) == [new[1]]
    row = store.article_rows([new[1]])[0]
    assert (row.feed_id, row.feed_title, row.title, row.starred) == (
        0,
        "Alpha",
        "Keep me starred",
        True,
    )
    view = store.article(new[1])
    assert view.text == "The body of the starred story."
    assert [r.id for r in store.search("starred")] == [new[1]]
    with pytest.raises(NotFoundError):
        store.article(new[0])
    fts_consistent(store)


def test_resubscribing_adopts_the_kept_starred_items(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    ids = store.record_feed_ok(
        feed.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW
    )
    store.set_starred(ids[0], True)
    store.remove_feed(feed.id)
    again = store.add_feed("https://a.example/feed")
    assert store.article_ids(ArticleFilter(feed_id=again.id)) == [ids[0]]
    # The feed still carries both: only the one not kept comes back as new.
    new = store.record_feed_ok(
        again.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW + 10
    )
    assert len(new) == 1
    assert store.article(ids[0]).row.starred


def test_remove_unknown_feed(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.remove_feed(7)

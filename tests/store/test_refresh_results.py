"""record_feed_ok / _not_modified / _error: one transaction each; read/starred state kept."""

from __future__ import annotations

import sqlite3

import pytest

from tests.store.conftest import NOW, article, fts_consistent, item, parsed
from tui_reader.errors import NotFoundError
from tui_reader.models import ArticleFilter, FeedItem, ParsedFeed
from tui_reader.store import Store


def test_first_refresh_stores_items_and_feed_details(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    new = store.record_feed_ok(
        feed.id,
        parsed(item(1), item(2)),
        etag='"v1"',
        last_modified="Tue, 14 Nov 2023 22:13:20 GMT",
        now=NOW,
    )
    assert len(new) == 2
    stored = store.feed(feed.id)
    assert stored.title == "Example News"
    assert stored.site_url == "https://example.com/"
    assert (stored.etag, stored.last_modified) == ('"v1"', "Tue, 14 Nov 2023 22:13:20 GMT")
    assert stored.last_ok_at == NOW and stored.total == 2
    rows = store.article_rows(new)
    assert [r.title for r in rows] == ["Story number 1", "Story number 2"]
    assert rows[0].feed_title == "Example News"


def test_second_refresh_keeps_read_and_starred_and_updates_text(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    first = store.record_feed_ok(
        feed.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW
    )
    store.set_read(first[0])
    store.set_starred(first[1], True)
    changed = item(1, title="Story number 1 (updated)", summary="<p>Now with more.</p>")
    new = store.record_feed_ok(
        feed.id, parsed(changed, item(2), item(3)), etag=None, last_modified=None, now=NOW + 60
    )
    assert len(new) == 1
    rows = {r.id: r for r in store.article_rows(first)}
    assert rows[first[0]].read and rows[first[0]].title == "Story number 1 (updated)"
    assert rows[first[1]].starred
    assert store.article_text(first[0]) == "Now with more."
    assert [r.id for r in store.search("updated")] == [first[0]]
    assert store.search("Summary of story 1") == []
    fts_consistent(store)


def test_changed_feed_text_marks_a_feed_cleaned_article_for_recleaning(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (item_id,) = store.record_feed_ok(
        feed.id, parsed(item(1)), etag=None, last_modified=None, now=NOW
    )
    store.store_article(item_id, article("Old body."), source="feed")
    assert store.items_needing_clean(1) == []
    store.record_feed_ok(
        feed.id,
        parsed(item(1, content="<p>New body.</p>")),
        etag=None,
        last_modified=None,
        now=NOW + 1,
    )
    assert store.items_needing_clean(1) == [item_id]
    assert store.article(item_id).text == "Old body."  # readable until re-cleaned


def test_user_title_is_never_overwritten(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed", title="My name for it")
    store.record_feed_ok(
        feed.id, parsed(item(1), title="Their name"), etag=None, last_modified=None, now=NOW
    )
    assert store.feed(feed.id).title == "My name for it"


def test_empty_feed_title_keeps_the_old_one(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(title="First"), etag=None, last_modified=None, now=NOW)
    store.record_feed_ok(feed.id, parsed(title="  "), etag=None, last_modified=None, now=NOW)
    assert store.feed(feed.id).title == "First"


def test_an_item_without_a_guid_is_refused_whole(store: Store) -> None:
    """The feed readers always give one (fetch.itemtext.entry_guid): no second rule here."""
    feed = store.add_feed("https://a.example/feed")
    items = (item(1), FeedItem(guid="", title="No guid", link="https://a.example/1"))
    with pytest.raises(ValueError, match="guid"):
        store.record_feed_ok(feed.id, parsed(*items), etag=None, last_modified=None, now=NOW)
    assert store.feed(feed.id).total == 0


def test_duplicate_guids_in_one_feed_store_one_item(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    new = store.record_feed_ok(
        feed.id, parsed(item(1), item(1, title="Dup")), etag=None, last_modified=None, now=NOW
    )
    assert len(new) == 1 and store.feed(feed.id).total == 1


def test_a_long_fetch_stores_its_items_in_order_and_indexes_each(store: Store) -> None:
    # New items are inserted several to a statement (store/items.py: _Inserts): the ids
    # must still follow the feed's order, a repeated guid must still update the row its
    # first entry made, and every item must be in the search index.
    feed = store.add_feed("https://a.example/feed")
    (kept,) = store.record_feed_ok(feed.id, parsed(item(0)), etag=None, last_modified=None, now=NOW)
    entries = [item(n, summary=f"<p>Word{n}x here.</p>") for n in range(1, 200)]
    entries.insert(150, item(0, title="Story zero, renamed"))  # stored before: updated
    entries.insert(120, item(100, title="Repeat of 100"))  # repeats a guid of this fetch
    new = store.record_feed_ok(
        feed.id, parsed(*entries), etag=None, last_modified=None, now=NOW + 60
    )
    assert new == list(range(kept + 1, kept + 200))
    rows = store.article_rows(new)
    assert [r.title for r in rows[:99]] == [f"Story number {n}" for n in range(1, 100)]
    assert rows[99].title == "Repeat of 100"  # the later entry of a guid wins, as before
    assert store.article_rows([kept])[0].title == "Story zero, renamed"
    for n in (1, 79, 80, 81, 150, 199):
        assert [r.id for r in store.search(f"word{n}x")] == [new[n - 1]]
    assert [r.id for r in store.search("renamed")] == [kept]
    fts_consistent(store)


def test_same_guid_in_two_feeds_is_two_items(store: Store) -> None:
    a = store.add_feed("https://a.example/feed")
    b = store.add_feed("https://b.example/feed")
    store.record_feed_ok(a.id, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    store.record_feed_ok(b.id, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    assert len(store.article_ids()) == 2


def test_future_dates_do_not_pin_items_to_the_top(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    future, recent = store.record_feed_ok(
        feed.id,
        parsed(item(1, published=NOW + 10 * 86400), item(2, published=NOW - 5)),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    assert store.article_ids() == [future, recent]  # clamped to "now", still newest
    assert store.article_rows([future])[0].published == NOW + 10 * 86400


def test_errors_are_counted_and_cleared_by_success(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_error(feed.id, "HTTP 503:\nService   Unavailable", now=NOW, retry_after=120)
    store.record_feed_error(feed.id, "HTTP 503", now=NOW + 1)
    failed = store.feed(feed.id)
    assert failed.error_count == 2
    assert failed.last_error == "HTTP 503" and failed.last_error_at == NOW + 1
    assert failed.retry_after is None  # the second error said nothing about waiting
    store.record_feed_error(feed.id, "x" * 5000, now=NOW + 2, retry_after=30.0)
    failed = store.feed(feed.id)
    assert failed.retry_after == NOW + 2 + 30.0
    assert failed.last_error is not None and len(failed.last_error) <= 500
    store.record_feed_not_modified(feed.id, now=NOW + 3)
    ok = store.feed(feed.id)
    assert (ok.error_count, ok.last_error, ok.retry_after, ok.last_ok_at) == (
        0,
        None,
        None,
        NOW + 3,
    )


def test_an_error_keeps_the_last_good_items(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(item(1), item(2)), etag='"e"', last_modified=None, now=NOW)
    store.record_feed_error(feed.id, "HTTP 500", now=NOW + 1)
    after = store.feed(feed.id)
    assert after.total == 2 and after.etag == '"e"' and after.last_ok_at == NOW


def test_final_url_follows_a_moved_feed_unless_taken(store: Store) -> None:
    a = store.add_feed("https://a.example/old")
    store.add_feed("https://taken.example/feed")
    store.record_feed_ok(
        a.id, parsed(), etag=None, last_modified=None, now=NOW, final_url="https://a.example/new"
    )
    assert store.feed(a.id).url == "https://a.example/new"
    store.record_feed_ok(
        a.id,
        parsed(),
        etag=None,
        last_modified=None,
        now=NOW,
        final_url="https://taken.example/feed",
    )
    assert store.feed(a.id).url == "https://a.example/new"


def test_a_failing_update_stores_nothing(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(item(1)), etag='"e1"', last_modified=None, now=NOW)
    bad = FeedItem(guid="bad", title=object())  # type: ignore[arg-type]  # not storable
    with pytest.raises(sqlite3.ProgrammingError):
        store.record_feed_ok(
            feed.id,
            ParsedFeed("New title", None, (item(2), bad)),
            etag='"e2"',
            last_modified=None,
            now=NOW + 1,
        )
    after = store.feed(feed.id)
    assert after.total == 1 and after.etag == '"e1"' and after.title == "Example News"
    assert store.article_ids(ArticleFilter(feed_id=feed.id)) == store.article_ids()


def test_unknown_feed_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.record_feed_ok(5, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    with pytest.raises(NotFoundError):
        store.record_feed_not_modified(5, now=NOW)
    with pytest.raises(NotFoundError):
        store.record_feed_error(5, "boom", now=NOW)
    assert store.article_ids() == []


def test_many_not_modified_in_one_call(store: Store) -> None:
    a = store.add_feed("https://a.example/feed")
    b = store.add_feed("https://b.example/feed")
    store.record_feed_error(a.id, "HTTP 500", now=NOW)
    store.record_feed_ok(b.id, parsed(item(1)), etag='"e"', last_modified=None, now=NOW)
    # A feed removed during the refresh is skipped, not an error.
    assert store.record_feeds_not_modified([a.id, b.id, 999], now=NOW + 5) == 2
    for feed_id in (a.id, b.id):
        feed = store.feed(feed_id)
        assert (feed.error_count, feed.last_error, feed.last_ok_at) == (0, None, NOW + 5)
    assert store.feed(b.id).etag == '"e"' and store.feed(b.id).total == 1
    with pytest.raises(NotFoundError):
        store.record_feed_not_modified(999, now=NOW)


def test_batch_commits_once_and_keeps_each_write_atomic(store: Store) -> None:
    from tui_reader.errors import DuplicateFeedError

    feed = store.add_feed("https://a.example/feed")
    (first, second) = store.record_feed_ok(
        feed.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW
    )
    with store.batch():
        store.store_article(first, article("Alpha text about harbours."), source="page")
        with pytest.raises(DuplicateFeedError):
            store.add_feed("https://a.example/feed")  # fails alone, rolled back alone
        store.store_article(second, article("Beta text about bridges."), source="page")
    assert [r.id for r in store.search("harbours")] == [first]
    assert [r.id for r in store.search("bridges")] == [second]
    assert len(store.feeds()) == 1
    fts_consistent(store)
    # An exception escaping the batch undoes the whole batch.
    with pytest.raises(RuntimeError), store.batch():
        store.store_article(first, article("Gamma replaces alpha."), source="page")
        raise RuntimeError("stop")
    assert [r.id for r in store.search("harbours")] == [first]
    assert store.search("Gamma") == []


def _stories(round_: int, count: int = 10, **changes: str) -> ParsedFeed:
    """A feed that gives every entry a new guid on each fetch; links and titles stay."""
    return parsed(
        *(
            FeedItem(
                guid=f"urn:fetch-{round_}:{n}",
                title=changes.get("title", f"Story {n}"),
                link=f"https://a.example/story/{n}",
                summary=f"<p>Text of story {n}.</p>",
            )
            for n in range(count)
        )
    )


def test_a_feed_whose_guids_churn_keeps_one_item_per_story(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    first = store.record_feed_ok(feed.id, _stories(0), etag=None, last_modified=None, now=NOW)
    assert len(first) == 10
    store.set_read(first[3])
    store.set_starred(first[4], True)
    for round_ in range(1, 6):
        again = store.record_feed_ok(
            feed.id, _stories(round_), etag=None, last_modified=None, now=NOW + round_
        )
        assert again == []
    assert store.feed(feed.id).total == 10
    rows = {r.id: r for r in store.article_rows(store.article_ids())}
    assert set(rows) == set(first)  # the same items, re-keyed
    assert rows[first[3]].read and rows[first[4]].starred
    # Re-keyed to the latest guids: the next fetch matches them directly.
    assert (
        store.record_feed_ok(feed.id, _stories(5), etag=None, last_modified=None, now=NOW + 9) == []
    )


def test_churned_guids_do_not_bring_pruned_stories_back(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    ids = store.record_feed_ok(feed.id, _stories(0), etag=None, last_modified=None, now=NOW)
    for item_id in ids:
        store.set_read(item_id)
    assert store.prune(older_than_days=1, now=NOW + 3 * 86400) == 10
    assert store.record_feed_ok(feed.id, _stories(1), etag=None, last_modified=None, now=NOW) == []
    assert store.feed(feed.id).total == 0


def test_entries_sharing_one_link_stay_apart(store: Store) -> None:
    """A feed linking every entry to its home page is not churning guids."""
    feed = store.add_feed("https://a.example/feed")
    home = [FeedItem(guid=f"g{n}", title=f"Note {n}", link="https://a.example/") for n in range(3)]
    store.record_feed_ok(feed.id, parsed(*home), etag=None, last_modified=None, now=NOW)
    later = [FeedItem(guid=f"h{n}", title=f"Note {n}", link="https://a.example/") for n in range(3)]
    new = store.record_feed_ok(feed.id, parsed(*later), etag=None, last_modified=None, now=NOW)
    assert len(new) == 3 and store.feed(feed.id).total == 6


def test_a_page_reused_under_a_new_title_is_a_new_entry(store: Store) -> None:
    """One entry at one URL, a new guid and title each day (a daily puzzle): new each time,
    while a new guid with the same title is the same entry."""
    feed = store.add_feed("https://a.example/feed")
    link = "https://a.example/puzzle"
    (monday,) = store.record_feed_ok(
        feed.id,
        parsed(FeedItem(guid="mon", title="Puzzle for Monday", link=link)),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    store.set_read(monday)
    tuesday = store.record_feed_ok(
        feed.id,
        parsed(FeedItem(guid="tue", title="Puzzle for Tuesday", link=link)),
        etag=None,
        last_modified=None,
        now=NOW + 1,
    )
    assert len(tuesday) == 1 and not store.article(tuesday[0]).row.read
    same = store.record_feed_ok(
        feed.id,
        parsed(FeedItem(guid="tue-2", title="Puzzle for Tuesday", link=link)),
        etag=None,
        last_modified=None,
        now=NOW + 2,
    )
    assert same == [] and store.feed(feed.id).total == 2

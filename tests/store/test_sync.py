"""The sync domain of the Store: mappings, baselines and the queue of marks, on a real file."""

from __future__ import annotations

import pytest

from tests.store.conftest import NOW, item, parsed
from tui_reader.errors import NotFoundError
from tui_reader.models import RemoteFeed, RemoteItem
from tui_reader.store import Store
from tui_reader.store.sync import Pushed, feed_url_key

FEED = RemoteFeed("7", "https://news.example/world.xml", "World desk", "News")


def remote(n: int, *, read: bool = False, starred: bool = False, feed: str = "7") -> RemoteItem:
    return RemoteItem(
        id=str(1000 + n),
        feed_id=feed,
        title=f"Story {n}",
        link=f"https://news.example/{n}",
        author=None,
        published=NOW - n,
        content=f"<p>Body {n}</p>",
        read=read,
        starred=starred,
    )


def _state(store: Store, item_id: int) -> tuple[bool, bool]:
    row = store.article_rows([item_id])[0]
    return row.read, row.starred


def test_feed_url_key_ignores_scheme_host_case_and_trailing_slash() -> None:
    assert feed_url_key("http://News.Example/feed/") == feed_url_key("https://news.example/feed")
    assert feed_url_key("https://news.example/feed?x=1") != feed_url_key(
        "https://news.example/feed"
    )
    assert feed_url_key("https://news.example:8080/f") != feed_url_key("https://news.example/f")


def test_subscriptions_map_add_tag_and_follow_removal(store: Store) -> None:
    direct = store.add_feed("http://news.example/world.xml/", tags=["mine"])
    store.sync_account("ttrss", "http://srv/", "me")
    sport = RemoteFeed("8", "https://news.example/sport.xml", "Sport desk", None)
    mapping = store.sync_subscriptions([FEED, sport])
    assert mapping["7"] == direct.id  # subscribed here too: one feed
    added = store.feed(mapping["8"])
    assert added.title == "Sport desk" and added.tags == ()
    assert store.feed(direct.id).tags == ("mine", "News")
    assert store.feed(direct.id).title == ""  # a feed of ours keeps its own title

    moved = RemoteFeed("7", FEED.url, FEED.title, "World")
    store.sync_subscriptions([moved, sport])
    assert store.feed(direct.id).tags == ("mine", "World")
    # Dropped by the server: ours stays (untagged), the one the sync added goes.
    assert store.sync_subscriptions([]) == {}
    assert [f.id for f in store.feeds()] == [direct.id]
    assert store.feed(direct.id).tags == ("mine",)


def test_items_are_stored_once_and_matched_by_link(store: Store) -> None:
    feed = store.add_feed("https://news.example/world.xml")
    store.record_feed_ok(
        feed.id,
        parsed(item(1, link="https://news.example/1"), item(2, link="https://news.example/2")),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    direct_ids = store.article_ids()
    store.mark([direct_ids[-1]], read=True, queue=False, now=NOW)  # story 1, read here
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    new = store.store_synced_items(
        [remote(1, starred=True), remote(2), remote(3)], mapping, now=NOW
    )
    assert len(new) == 1  # stories 1 and 2 were here already
    assert len(store.article_ids()) == 3
    # The first meeting is a union: read here, starred there.
    assert _state(store, direct_ids[-1]) == (True, True)
    assert store.store_synced_items([remote(1), remote(3)], mapping, now=NOW) == []
    assert len(store.article_ids()) == 3
    assert store.sync_known_ids() == {"1001", "1002", "1003"}
    baselines = {s.server_id: (s.server_read, s.server_starred) for s in store.synced_items()}
    assert baselines["1001"] == (False, True)  # the server's, so the read shows as a change


def test_items_of_unmapped_feeds_wait(store: Store) -> None:
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    assert store.store_synced_items([remote(1, feed="0")], mapping, now=NOW) == []
    assert store.article_ids() == []


def test_marks_queue_one_per_field_and_leave_once_pushed(store: Store) -> None:
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    (item_id,) = store.store_synced_items([remote(1)], mapping, now=NOW)
    store.mark([item_id], read=True, queue=True, now=NOW)
    store.mark([item_id], read=False, queue=True, now=NOW + 1)
    store.mark([item_id], starred=True, queue=True, now=NOW + 2)
    marks = store.queued_marks()
    assert [(m.field, m.value, m.server_id) for m in marks] == [
        ("read", False, "1001"),
        ("starred", True, "1001"),
    ]
    assert store.sync_status().pending == 2
    read_mark = marks[0]
    store.mark([item_id], read=True, queue=True, now=NOW + 3)  # made while the push runs
    store.sync_pushed([Pushed("1001", "read", False, read_mark.id)])
    assert [(m.field, m.value) for m in store.queued_marks()] == [("starred", True), ("read", True)]
    with pytest.raises(NotFoundError, match="no article with id 999"):
        store.mark([item_id, 999], read=True, queue=True, now=NOW)
    assert _state(store, item_id) == (True, True)  # the failed call changed nothing


def test_server_changes_never_overwrite_a_change_made_here(store: Store) -> None:
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    a, b, c = store.store_synced_items([remote(1), remote(2), remote(3)], mapping, now=NOW)
    store.mark([b], read=True, queue=True, now=NOW)  # queued
    store.mark([c], read=True, queue=False, now=NOW)  # off the baseline, not queued
    applied = store.sync_apply(
        [("1001", "read", True), ("1002", "read", False), ("1003", "read", False)]
    )
    assert applied == 1
    assert [_state(store, i)[0] for i in (a, b, c)] == [True, True, True]
    assert {s.server_id: s.server_read for s in store.synced_items()} == {
        "1001": True,
        "1002": False,
        "1003": False,
    }


def test_another_account_starts_afresh_but_keeps_marks(store: Store) -> None:
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    (item_id,) = store.store_synced_items([remote(1)], mapping, now=NOW)
    store.mark([item_id], starred=True, queue=True, now=NOW)
    store.sync_finished("55", now=NOW)
    assert store.sync_account("ttrss", "http://srv/", "me") == "55"
    assert store.sync_account("greader", "http://other/", "me") is None
    assert store.synced_items() == [] and store.sync_known_ids() == set()
    assert store.sync_status().pending == 1
    assert len(store.article_ids()) == 1


def test_finished_drops_marks_that_can_never_be_pushed(store: Store) -> None:
    local = store.add_feed("https://elsewhere.example/feed.xml")
    store.record_feed_ok(local.id, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    (synced,) = store.store_synced_items([remote(1)], mapping, now=NOW)
    only_here = [i for i in store.article_ids() if i != synced]
    store.mark(only_here + [synced], read=True, queue=True, now=NOW)
    store.sync_finished(None, now=NOW)
    assert [m.item_id for m in store.queued_marks()] == [synced]
    assert store.sync_status().last_error is None
    store.sync_failed("connection refused\nby host", now=NOW)
    assert store.sync_status().last_error == "connection refused by host"
    assert store.unsynced_feed_ids() == [local.id]


def test_a_pruned_item_the_server_still_lists_does_not_come_back(store: Store) -> None:
    feed = store.add_feed("https://news.example/world.xml")
    old = NOW - 400 * 86400
    store.record_feed_ok(
        feed.id,
        parsed(item(1, link="https://news.example/1", published=old)),
        etag=None,
        last_modified=None,
        now=old,
    )
    store.sync_account("ttrss", "http://srv/", "me")
    mapping = store.sync_subscriptions([FEED])
    stale = RemoteItem("1001", "7", "Story 1", "https://news.example/1", None, old, "", True, False)
    store.store_synced_items([stale], mapping, now=NOW)  # matched by link: the feed's guid
    assert store.prune(older_than_days=90, now=NOW) == 1
    assert "1001" in store.sync_known_ids()
    assert store.store_synced_items([stale], mapping, now=NOW) == []
    assert store.article_ids() == []

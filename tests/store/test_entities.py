"""Entities: stored per article, counted across the cache, found by name or alias."""

from __future__ import annotations

import pytest

from tests.store.conftest import NOW, article, item, parsed
from tui_reader.models import ArticleFilter, Entity
from tui_reader.store import Store

AKAR = Entity("PERSON", "Hulusi Akar", ("Akar",), count=3, first_offset=10)
MINISTRY = Entity(
    "ORG", "Russian Defense Ministry", ("the Russian Defense Ministry", "Defense Ministry"), count=2
)
ANKARA = Entity("PLACE", "Ankara", count=1, first_offset=0)


@pytest.fixture
def three(store: Store) -> tuple[int, int, list[int]]:
    a = store.add_feed("https://a.example/feed")
    b = store.add_feed("https://b.example/feed")
    in_a = store.record_feed_ok(
        a.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW
    )
    in_b = store.record_feed_ok(b.id, parsed(item(3)), etag=None, last_modified=None, now=NOW)
    ids = in_a + in_b
    for item_id in ids:
        store.store_article(item_id, article(f"Text {item_id}"), source="feed")
    store.store_entities(ids[0], [AKAR, ANKARA], extractor_version="v1")
    store.store_entities(ids[1], [AKAR, MINISTRY], extractor_version="v1")
    store.store_entities(
        ids[2], [Entity("PERSON", "hulusi  AKAR", count=1)], extractor_version="v1"
    )
    return a.id, b.id, ids


def test_top_entities_across_the_cache(store: Store, three: tuple[int, int, list[int]]) -> None:
    top = store.top_entities()
    assert [(e.name, e.articles, e.mentions) for e in top] == [
        ("Hulusi Akar", 3, 7),
        ("Ankara", 1, 1),
        ("Russian Defense Ministry", 1, 2),
    ]
    assert [e.name for e in store.top_entities(type="ORG")] == ["Russian Defense Ministry"]
    assert len(store.top_entities(limit=1)) == 1


def test_top_entities_in_one_feed(store: Store, three: tuple[int, int, list[int]]) -> None:
    feed_a, feed_b, _ = three
    in_a = store.top_entities(feed_id=feed_a)
    assert [(e.name, e.articles, e.mentions) for e in in_a] == [
        ("Hulusi Akar", 2, 6),
        ("Ankara", 1, 1),
        ("Russian Defense Ministry", 1, 2),
    ]
    assert [e.name for e in store.top_entities(feed_id=feed_b, type="PERSON")] == ["Hulusi Akar"]
    assert store.top_entities(feed_id=feed_b, type="PLACE") == []


def test_every_article_that_mentions_an_entity(
    store: Store, three: tuple[int, int, list[int]]
) -> None:
    _, feed_b, ids = three
    (akar,) = store.find_entity("Hulusi Akar")
    assert store.article_ids(ArticleFilter(entity_id=akar.id)) == sorted(ids, reverse=True)
    store.set_read(ids[2])
    assert store.article_ids(ArticleFilter(entity_id=akar.id, unread_only=True)) == [ids[1], ids[0]]
    assert store.article_ids(ArticleFilter(entity_id=akar.id, feed_id=feed_b)) == [ids[2]]
    (ministry,) = store.find_entity("defense ministry")
    assert store.article_ids(ArticleFilter(entity_id=ministry.id)) == [ids[1]]
    # The first frame's reads (the first ids and how many) on an entity's list.
    for flt in (ArticleFilter(entity_id=akar.id), ArticleFilter(entity_id=akar.id, feed_id=feed_b)):
        every = store.article_ids(flt)
        assert store.article_count(flt) == len(every)
        assert store.article_ids(flt, limit=2) == every[:2]


def test_find_entity_by_name_alias_or_the_form(
    store: Store, three: tuple[int, int, list[int]]
) -> None:
    assert [e.name for e in store.find_entity("akar")] == ["Hulusi Akar"]
    assert [e.name for e in store.find_entity("  HULUSI akar ")] == ["Hulusi Akar"]
    assert [e.name for e in store.find_entity("The Russian Defense Ministry")] == [
        "Russian Defense Ministry"
    ]
    assert store.find_entity("Erdogan") == []
    assert store.find_entity("") == []


def test_article_entities(store: Store, three: tuple[int, int, list[int]]) -> None:
    _, _, ids = three
    found = store.article_entities(ids[1])
    assert [(e.name, e.mentions, e.articles) for e in found] == [
        ("Hulusi Akar", 3, 3),
        ("Russian Defense Ministry", 2, 1),
    ]
    assert store.article_entities(99) == []


def test_store_entities_replaces_and_keeps_counts_right(
    store: Store, three: tuple[int, int, list[int]]
) -> None:
    _, _, ids = three
    store.store_entities(ids[0], [ANKARA], extractor_version="v2")
    assert {e.name: e.articles for e in store.top_entities()} == {
        "Hulusi Akar": 2,
        "Ankara": 1,
        "Russian Defense Ministry": 1,
    }
    store.store_entities(ids[0], [], extractor_version="v2")
    assert "Ankara" not in {e.name for e in store.top_entities()}
    assert store.article_entities(ids[0]) == []


def test_duplicate_entities_in_one_article_are_merged(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (item_id,) = store.record_feed_ok(
        feed.id, parsed(item(1)), etag=None, last_modified=None, now=NOW
    )
    store.store_entities(
        item_id,
        [
            Entity("PLACE", "Paris", count=2, first_offset=5),
            Entity("PLACE", "the Paris", count=1, first_offset=1),
            Entity("PLACE", "   ", count=4),
        ],
        extractor_version="v1",
    )
    (paris,) = store.article_entities(item_id)
    assert (paris.name, paris.mentions, paris.articles) == ("Paris", 3, 1)


def test_items_needing_entities_follows_versions_and_new_text(
    store: Store, three: tuple[int, int, list[int]]
) -> None:
    _, _, ids = three
    assert store.items_needing_entities("v1") == []
    assert store.items_needing_entities("v2") == sorted(ids, reverse=True)
    assert store.items_needing_entities("v2", limit=1) == [max(ids)]
    store.store_article(ids[0], article(f"Text {ids[0]}"), source="feed")  # same text
    assert store.items_needing_entities("v1") == []
    store.store_article(ids[0], article("Different text"), source="page")
    assert store.items_needing_entities("v1") == [ids[0]]


def test_only_cleaned_items_need_entities(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(item(1)), etag=None, last_modified=None, now=NOW)
    assert store.items_needing_entities("v1") == []


def test_removing_a_feed_updates_entity_counts(
    store: Store, three: tuple[int, int, list[int]]
) -> None:
    feed_a, _, ids = three
    store.set_starred(ids[1], True)
    store.remove_feed(feed_a)
    assert {e.name: e.articles for e in store.top_entities()} == {
        "Hulusi Akar": 2,
        "Russian Defense Ministry": 1,
    }

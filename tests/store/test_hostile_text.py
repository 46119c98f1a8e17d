"""Whatever text a feed or a command line holds is stored or looked up without an error."""

from __future__ import annotations

from tests.store.conftest import NOW, article, fts_consistent, parsed
from tui_reader.models import ArticleFilter, Entity, FeedItem
from tui_reader.store import Store

LONE = "\ud800"  # a JSON feed's "\ud800" escape, or an undecodable argv byte ("\udcff")
HOSTILE = f"a{LONE}b\x00c\x1b[31m\u202e[bold]{{x}}'\";--\udcff"


def test_lone_surrogates_and_controls_are_stored(store: Store) -> None:
    feed = store.add_feed(
        f"https://a.example/{HOSTILE}", title=HOSTILE, tags=[HOSTILE], site_url=HOSTILE
    )
    assert "\ufffd" in feed.title and "\x1b[31m" in feed.title  # stored; the UI sanitises
    entry = FeedItem(
        guid=HOSTILE, title=HOSTILE, link=HOSTILE, author=HOSTILE, summary=HOSTILE, content=HOSTILE
    )
    (item_id,) = store.record_feed_ok(
        feed.id,
        parsed(entry, title=HOSTILE),
        etag=HOSTILE,
        last_modified=HOSTILE,
        now=NOW,
        final_url=None,
    )
    assert (
        store.record_feed_ok(feed.id, parsed(entry), etag=None, last_modified=None, now=NOW + 1)
        == []
    )  # the same guid, once cleaned
    store.record_feed_error(feed.id, HOSTILE, now=NOW)
    store.store_page(item_id, status=HOSTILE, html=None, url=HOSTILE, now=NOW)
    store.store_article(item_id, article(HOSTILE, title=HOSTILE), source="feed")
    store.store_entities(item_id, [Entity("PERSON", HOSTILE, (HOSTILE,))], extractor_version="v")
    assert store.find_feed(HOSTILE) is not None
    assert len(store.find_entity(HOSTILE)) == 1
    assert store.article_ids(ArticleFilter(tag=HOSTILE)) == [item_id]
    assert store.article(item_id).row.title == store.article_rows([item_id])[0].title
    store.search(HOSTILE)
    fts_consistent(store)


def test_a_one_megabyte_title(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    title = "word " * 200_000
    (item_id,) = store.record_feed_ok(
        feed.id, parsed(FeedItem(guid="g", title=title)), etag=None, last_modified=None, now=NOW
    )
    assert store.article_rows([item_id])[0].title == title
    assert [r.id for r in store.search("word")] == [item_id]

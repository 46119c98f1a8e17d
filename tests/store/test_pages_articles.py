"""Raw pages, cleaning bookkeeping, cleaned articles and what the reader pane gets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.store.conftest import NOW, article, fts_consistent, item, parsed
from tui_reader.errors import NotFoundError
from tui_reader.models import Block, FeedItem
from tui_reader.store import Store


@pytest.fixture
def ids(store: Store) -> list[int]:
    feed = store.add_feed("https://a.example/feed")
    return store.record_feed_ok(
        feed.id,
        parsed(
            item(1),
            item(2, link="javascript:alert(1)"),
            item(3, link=None),
            item(4, link="HTTP://A.EXAMPLE/upper"),
        ),
        etag=None,
        last_modified=None,
        now=NOW,
    )


def test_items_without_page_lists_only_http_links_never_attempted(
    store: Store, ids: list[int]
) -> None:
    assert sorted(store.items_without_page()) == sorted(
        [(ids[0], "https://example.com/story/1"), (ids[3], "HTTP://A.EXAMPLE/upper")]
    )
    assert store.items_without_page([ids[3], ids[1]]) == [(ids[3], "HTTP://A.EXAMPLE/upper")]
    assert store.items_without_page([]) == []
    store.store_page(ids[0], status="HTTP 404", html=None, url=None, now=NOW)
    assert store.items_without_page() == [(ids[3], "HTTP://A.EXAMPLE/upper")]


def test_has_page_link_agrees_with_items_without_page(store: Store) -> None:
    """The refresh cleans in a worker only items the store will not fetch a page for."""
    from tui_reader.store.pages import has_page_link

    links = [
        "https://a.example/1", "HTTP://A.EXAMPLE/2", "hTtPs://a.example/3", "ftp://a.example/4",
        "javascript:alert(1)", " http://a.example/5", "http:/a.example/6", "",
        "h\u0130ttp://a.example/7", "\u212attp://x",
    ]  # fmt: skip
    feed = store.add_feed("https://a.example/feed")
    entries = [item(n, link=link) for n, link in enumerate(links)] + [item(99, link=None)]
    ids = store.record_feed_ok(feed.id, parsed(*entries), etag=None, last_modified=None, now=NOW)
    fetched = {item_id for item_id, _ in store.items_without_page()}
    by_python = {i for i, e in zip(ids, entries, strict=True) if has_page_link(e.link)}
    assert by_python == fetched and len(fetched) == 3


def test_pages_are_stored_compressed_and_read_back(store: Store, ids: list[int]) -> None:
    html = b"<html><body>" + b"<p>paragraph</p>" * 5000 + b"</body></html>"
    store.store_page(ids[0], status="ok", html=html, url="https://example.com/s/1", now=NOW)
    assert store.page_html(ids[0]) == html
    stored = store._conn.execute("SELECT length(html) FROM pages").fetchone()[0]
    assert stored < len(html) / 20
    assert store.page_html(ids[3]) is None
    assert store.item_sources(ids[0]) == (
        "",
        "<p>Summary of story 1.</p>",
        "https://example.com/story/1",
        html,
    )


def test_stored_pages_are_zlib_format_and_zlib_written_rows_still_read(
    store: Store, ids: list[int]
) -> None:
    # Whichever deflate wrote it (ISA-L now, zlib before), a blob is read by zlib.
    import zlib

    html = "".join(f"<p>Paragraph {n} of the story, ünïcode</p>" for n in range(3000)).encode()
    store.store_page(ids[0], status="ok", html=html, url=None, now=NOW)
    blob = store._conn.execute("SELECT html FROM pages WHERE item_id = ?", (ids[0],)).fetchone()
    assert zlib.decompress(blob[0]) == html
    for level in (1, 6, 9):  # as earlier versions stored pages
        store._conn.execute(
            "UPDATE pages SET html = ? WHERE item_id = ?", (zlib.compress(html, level), ids[0])
        )
        assert store.page_html(ids[0]) == html
        assert store.clean_sources([ids[0]])[0][5] == html


def test_a_failed_refetch_never_replaces_a_good_page(store: Store, ids: list[int]) -> None:
    store.store_page(ids[0], status="ok", html=b"<p>good</p>", url=None, now=NOW)
    store.store_page(ids[0], status="timed out\nafter 20 s", html=None, url=None, now=NOW + 1)
    assert store.page_html(ids[0]) == b"<p>good</p>"
    assert store.article(ids[0]).page_status == "ok"
    store.store_page(ids[3], status="HTTP 410\nGone", html=None, url=None, now=NOW)
    assert store.article(ids[3]).page_status == "error: HTTP 410 Gone"


def test_writes_for_a_removed_item_are_no_ops(store: Store) -> None:
    store.store_page(999, status="ok", html=b"x", url=None, now=NOW)
    store.store_article(999, article("text"), source="page")
    assert store.page_html(999) is None
    with pytest.raises(NotFoundError):
        store.item_sources(999)
    with pytest.raises(NotFoundError):
        store.article_text(999)


def test_cleaning_bookkeeping(store: Store, ids: list[int]) -> None:
    newest_first = sorted(ids, reverse=True)
    assert store.items_needing_clean(1) == newest_first
    assert store.items_needing_clean(1, limit=2) == newest_first[:2]
    for item_id in ids:
        store.store_article(item_id, article(f"Body {item_id}."), source="feed")
    assert store.items_needing_clean(1) == []
    assert sorted(store.items_needing_clean(2)) == sorted(ids)  # a newer cleaner: all
    assert len(store.items_needing_clean(2, limit=3)) == 3
    # A page that arrives after a feed-only clean is worth a second look, once.
    store.store_page(ids[0], status="ok", html=b"<p>page</p>", url=None, now=NOW)
    store.store_page(ids[3], status="HTTP 500", html=None, url=None, now=NOW)
    assert store.items_needing_clean(1) == [ids[0]]
    store.store_article(ids[0], article("Body from the page."), source="page")
    assert store.items_needing_clean(1) == []


def test_store_article_replaces_the_text_and_the_search_row(store: Store, ids: list[int]) -> None:
    assert [r.id for r in store.search("summary story 2")] == [ids[1]]
    store.store_article(ids[1], article("Volcanic eruption in Iceland."), source="page")
    assert [r.id for r in store.search("volcanic")] == [ids[1]]
    assert store.search("summary story 2") == []
    store.store_article(ids[1], article("A quiet day."), source="page")
    assert store.search("volcanic") == []
    assert [r.id for r in store.search("quiet")] == [ids[1]]
    assert store.article_text(ids[1]) == "A quiet day."
    fts_consistent(store)


def test_an_article_that_is_its_summary_keeps_a_true_search_row(
    store: Store, ids: list[int]
) -> None:
    # The cleaner's text of a feed-only item is often the summary's own text: the search row
    # is then left as it is (schema v8), and must still match its content after any change.
    same = store.article_text(ids[0])
    assert same == "Summary of story 1."
    store.store_article(ids[0], article(same), source="feed")
    fts_consistent(store)
    assert [r.id for r in store.search("summary story 1")] == [ids[0]]
    store.store_article(ids[0], article("Lava reaches the sea."), source="page")
    fts_consistent(store)
    assert [r.id for r in store.search("lava")] == [ids[0]]
    assert store.search("summary story 1") == []
    store.store_article(ids[0], article(same), source="feed")  # back to the summary's text
    fts_consistent(store)
    assert [r.id for r in store.search("summary story 1")] == [ids[0]]
    assert store.search("lava") == []
    store.store_article(ids[2], article("Entirely new words here."), source="page")
    fts_consistent(store)
    assert [r.id for r in store.search("entirely")] == [ids[2]]
    assert store.search("summary story 3") == []


def test_article_view_cleaned(store: Store, ids: list[int]) -> None:
    done = article("Cleaned text.", title="Headline")
    store.store_article(ids[0], done, source="page")
    store.set_read(ids[0])
    view = store.article(ids[0])
    assert view.blocks == (
        Block("heading", "Headline", level=2),
        Block("paragraph", "Cleaned text.", links=((0, 7, 1),)),
    )
    assert view.text == "Cleaned text."
    assert view.links == ("https://example.com/a",)
    assert view.row.read and view.row.title == "Story number 1"
    assert view.page_status is None and view.truncated is False


def test_a_truncated_articles_reason_is_kept_and_replaced_with_the_article(
    store: Store, ids: list[int]
) -> None:
    why = "the page is too large to read whole (250,000 elements): read its first 100,000"
    store.store_article(ids[0], replace(article("Part."), truncated=True, note=why), source="page")
    view = store.article(ids[0])
    assert (view.truncated, view.note) == (True, why)
    store.store_article(ids[0], article("Whole."), source="page")  # read whole this time
    view = store.article(ids[0])
    assert (view.truncated, view.note) == (False, "")


def test_article_view_falls_back_to_the_summary_as_text(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    (item_id,) = store.record_feed_ok(
        feed.id,
        parsed(
            FeedItem(
                guid="g",
                title="t",
                author="Ann",
                summary="<p>First *para* &amp; [link](x)</p><p>Second<br>line</p>"
                "<script>alert(1)</script>",
            )
        ),
        etag=None,
        last_modified=None,
        now=NOW,
    )
    view = store.article(item_id)
    assert view.text == "First *para* & [link](x)\n\nSecond\n\nline"
    assert view.blocks == ()  # not cleaned yet: the reader shows the text
    assert view.author == "Ann"
    assert "alert" not in view.text


def test_article_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.article(12345)


def test_blocks_are_kept_as_the_cleaner_made_them(store: Store, ids: list[int]) -> None:
    items = ("see \ud800 the map", "our guide")  # a lone surrogate stays one character
    blocks = (
        Block("heading", "Flood", level=2),
        Block("list", "\n".join(items), level=1, items=items, links=((6, 13, 1), (18, 23, 2))),
        Block("code", "x = 1\n  y"),
    )
    done = replace(article("Text."), blocks=blocks, links=("https://a.example/m", "https://b/g"))
    store.store_article(ids[0], done, source="page")
    view = store.article(ids[0])
    shown = view.blocks[1]
    assert shown.items == ("see \ufffd the map", "our guide")
    assert shown.links == blocks[1].links and shown.level == 1
    assert [(i, s) for i, s in shown.list_items()] == [
        ("see \ufffd the map", [(6, 13, 1)]),
        ("our guide", [(4, 9, 2)]),
    ]
    assert view.blocks[0] == blocks[0] and view.blocks[2] == blocks[2]


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '{"a": 1}',
        '[["paragraph", "x", 0]]',
        '[["table", "x", 0, []]]',
        '[["paragraph", "abc", 0, [[2, 9, 1]]]]',  # a span past the text
        '[["paragraph", "abc", 0, [[1, 2, 1], [0, 1, 2]]]]',  # spans out of order
        '[["paragraph", "abc", 0, [[0, 1, 0]]]]',
    ],
)
def test_blocks_this_version_cannot_read_show_the_text(
    store: Store, ids: list[int], stored: str
) -> None:
    store.store_article(ids[0], article("Plain text."), source="page")
    store._conn.execute("UPDATE articles SET blocks = ? WHERE item_id = ?", (stored, ids[0]))
    view = store.article(ids[0])
    assert view.blocks == () and view.text == "Plain text."

"""A refresh stores each cleaned item with one call (store_cleaned) and each feed's items with
fewer lookups: the cache must end exactly as the separate calls leave it."""

from __future__ import annotations

from pathlib import Path

from tests.store.conftest import NOW, article, fts_consistent, item, parsed
from tui_reader.models import Entity
from tui_reader.store import Store, open_store

AKAR = Entity("PERSON", "Hulusi Akar", ("Akar",), count=3, first_offset=10)
ANKARA = Entity("PLACE", "Ankara", count=1, first_offset=0)
MINISTRY = Entity(
    "ORG", "Russian Defense Ministry", ("the Russian Defense Ministry", "Defense Ministry"), count=2
)
NHS_LONG = Entity("ORG", "National Health Service", ("NHS",), count=1)
NHS = Entity("ORG", "NHS", count=2, first_offset=4)

# (item index, text, source, entities or None): new articles, the same text again, a new
# text without entities (they go stale), entities that link through another story's alias.
STEPS: list[tuple[int, str, str, list[Entity] | None]] = [
    (0, "Hulusi Akar visited Ankara.", "feed", [AKAR, ANKARA]),
    (1, "The Russian Defense Ministry said.", "feed", [MINISTRY, AKAR]),
    (2, "Summary of story 3.", "feed", []),  # the indexed summary itself
    (3, "The National Health Service grew.", "page", [NHS_LONG]),
    (4, "The NHS again.", "feed", [NHS, NHS]),
    (0, "Hulusi Akar visited Ankara.", "page", [AKAR]),  # same text, from its page
    (1, "A different text now.", "page", None),  # new text, the extractor gave up
    (2, "Summary of story 3.", "feed", None),
]


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    conn = store._conn
    queries = {
        "items": "SELECT id, needs_clean, entities_version FROM items ORDER BY id",
        "articles": "SELECT * FROM articles ORDER BY item_id",
        "entities": "SELECT * FROM entities ORDER BY id",
        "aliases": "SELECT * FROM entity_aliases ORDER BY key, entity_id",
        "mentions": "SELECT * FROM mentions ORDER BY item_id, entity_id",
        "search": "SELECT rowid, title, body FROM search_source ORDER BY rowid",
    }
    out = {name: [tuple(row) for row in conn.execute(sql)] for name, sql in queries.items()}
    for word in ("akar", "ministry", "summary", "different", "nhs", "health"):
        out[f"match {word}"] = [
            tuple(row)
            for row in conn.execute(
                "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid", (word,)
            )
        ]
    return out


def _filled(path: Path, combined: bool, many: bool = False, chunks: tuple[int, ...] = ()) -> Store:
    """chunks: the steps stored by one store_cleaned_many call per part, split there."""
    store = open_store(path)
    feed = store.add_feed("https://a.example/feed")
    ids = store.record_feed_ok(
        feed.id, parsed(*(item(n + 1) for n in range(5))), etag=None, last_modified=None, now=NOW
    )
    if chunks:
        bounds = [0, *chunks, len(STEPS)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            store.store_cleaned_many(
                [
                    (ids[i], article(text), source, ents)
                    for i, text, source, ents in STEPS[start:end]
                ],
                extractor_version="v1",
            )
        return store
    for index, text, source, entities in STEPS:
        cleaned = article(text)
        if many:
            # Each step its own chunk: a later step rewrites an earlier one's item.
            store.store_cleaned_many(
                [(ids[index], cleaned, source, entities)], extractor_version="v1"
            )
        elif combined:
            with store.batch():
                store.store_cleaned(
                    ids[index], cleaned, source=source, entities=entities, extractor_version="v1"
                )
        else:
            store.store_article(ids[index], cleaned, source=source)
            if entities is not None:
                store.store_entities(ids[index], entities, extractor_version="v1")
    return store


def test_store_cleaned_leaves_what_the_separate_calls_leave(tmp_path: Path) -> None:
    separate = _filled(tmp_path / "a.sqlite3", combined=False)
    together = _filled(tmp_path / "b.sqlite3", combined=True)
    try:
        assert _dump(together) == _dump(separate)
        fts_consistent(together)
    finally:
        separate.close()
        together.close()


def test_a_chunk_stored_at_once_leaves_what_one_call_each_leaves(tmp_path: Path) -> None:
    separate = _filled(tmp_path / "a.sqlite3", combined=False)
    chunked = _filled(tmp_path / "b.sqlite3", combined=True, many=True)
    store = open_store(tmp_path / "c.sqlite3")
    try:
        assert _dump(chunked) == _dump(separate)
        fts_consistent(chunked)
        # One call for several items, one of them removed meanwhile: the others are stored.
        feed = store.add_feed("https://a.example/feed")
        ids = store.record_feed_ok(
            feed.id, parsed(*(item(n + 1) for n in range(3))), etag=None, last_modified=None,
            now=NOW,
        )  # fmt: skip
        store._conn.execute("DELETE FROM items WHERE id = ?", (ids[1],))
        store.store_cleaned_many(
            [(i, article(f"Text {i}."), "feed", [ANKARA]) for i in ids], extractor_version="v1"
        )
        rows = store._conn.execute("SELECT item_id FROM articles ORDER BY item_id").fetchall()
        assert rows == [(ids[0],), (ids[2],)]
        assert store._conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
        fts_consistent(store)
    finally:
        separate.close()
        chunked.close()
        store.close()


def test_chunks_of_several_items_leave_what_one_call_each_leaves(tmp_path: Path) -> None:
    # A chunk of distinct items is stored in few statements (new articles together, the
    # items marked together); one that names an item twice, one at a time.
    separate = _filled(tmp_path / "a.sqlite3", combined=False)
    try:
        for n, chunks in enumerate([(5,), (3, 5), (), (6,)]):
            chunked = _filled(tmp_path / f"c{n}.sqlite3", combined=True, chunks=chunks or (0,))
            try:
                assert _dump(chunked) == _dump(separate), chunks
                fts_consistent(chunked)
            finally:
                chunked.close()
    finally:
        separate.close()


def test_store_cleaned_of_a_removed_item_stores_nothing(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    [item_id] = store.record_feed_ok(
        feed.id, parsed(item(1)), etag=None, last_modified=None, now=NOW
    )
    store.remove_feed(feed.id)
    store.store_cleaned(
        item_id, article("Text"), source="feed", entities=[AKAR], extractor_version="v"
    )
    assert store._conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert store._conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_a_first_fetch_repeating_a_guid_stores_it_once(store: Store) -> None:
    """The first fetch reads no stored row per entry: a guid it carries twice is still one
    item, updated by its second entry as before."""
    feed = store.add_feed("https://a.example/feed")
    twice = parsed(item(1), item(2), item(1, title="Story one, retitled"))
    new = store.record_feed_ok(feed.id, twice, etag=None, last_modified=None, now=NOW)
    assert len(new) == 2
    rows = store._conn.execute("SELECT guid, title FROM items ORDER BY id").fetchall()
    assert rows == [("guid-1", "Story one, retitled"), ("guid-2", "Story number 2")]


def test_a_pruned_entry_is_not_brought_back_by_a_later_fetch(store: Store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.record_feed_ok(feed.id, parsed(item(1), item(2)), etag=None, last_modified=None, now=NOW)
    store._conn.execute("UPDATE items SET read = 1 WHERE guid = 'guid-1'")
    assert store.prune(older_than_days=1, now=NOW + 400 * 86400) >= 1
    again = store.record_feed_ok(
        feed.id, parsed(item(1), item(2), item(3)), etag=None, last_modified=None, now=NOW
    )
    guids = {row[0] for row in store._conn.execute("SELECT guid FROM items")}
    assert "guid-1" not in guids and "guid-3" in guids
    assert len(again) == 1


def test_a_chunk_of_more_articles_than_one_insert_takes_stores_each(tmp_path: Path) -> None:
    """New articles go in INSERT_ROWS to a statement: a chunk of more than that (and a
    feed of more items than that) leaves what one call per item leaves."""
    from tui_reader.store.base import INSERT_ROWS

    count = 2 * INSERT_ROWS + 7
    stores = []
    for name, one_call in (("a.sqlite3", False), ("b.sqlite3", True)):
        store = open_store(tmp_path / name)
        stores.append(store)
        feed = store.add_feed("https://a.example/feed")
        items = parsed(*(item(n + 1) for n in range(count)))
        ids = store.record_feed_ok(feed.id, items, etag=None, last_modified=None, now=NOW)
        assert len(ids) == count
        steps = [
            (item_id, article(f"Hulusi Akar story {n} text."), "page", [AKAR] if n % 2 else None)
            for n, item_id in enumerate(ids)
        ]
        if one_call:
            store.store_cleaned_many(steps, extractor_version="v1")
        else:
            for step in steps:
                store.store_cleaned_many([step], extractor_version="v1")
    try:
        assert _dump(stores[1]) == _dump(stores[0])
        assert len(_dump(stores[1])["articles"]) == count
        assert len(_dump(stores[1])["match akar"]) == count
        fts_consistent(stores[1])
    finally:
        for store in stores:
            store.close()


# Names that file every way a mention can: under its own key, under a form an earlier story
# listed ("Brock Holt"), through a form of its own ("Press Association"), as a new entity
# when a form names two ("PA"), two names of one article that are one entity, and entities
# new in the chunk that later items of the same chunk resolve to.
HOLT = Entity("PERSON", "Brock Wyatt Holt", ("Brock Holt",), count=2, first_offset=3)
HOLT_SHORT = Entity("PERSON", "Brock Holt", count=1, first_offset=40)
PRESS = Entity("ORG", "Press Association", ("PA",), count=1)
AUTHORITY = Entity("ORG", "Palestinian Authority", ("PA",), count=2)
PA = Entity("ORG", "PA", count=1)
PRESS_LTD = Entity("ORG", "Press Association Ltd", ("PA", "Press Association"), count=1)
FILING: list[list[Entity]] = [
    [HOLT, ANKARA],
    [HOLT_SHORT, AKAR],
    [PRESS],
    [AUTHORITY, ANKARA],
    [PA],
    [PRESS_LTD, HOLT_SHORT, HOLT],
    [NHS_LONG, NHS, MINISTRY],
    [NHS, AKAR, PA, PRESS_LTD],
]


def _filed(path: Path, chunk: bool) -> Store:
    store = open_store(path)
    feed = store.add_feed("https://a.example/feed")
    items = parsed(*(item(n + 1) for n in range(len(FILING))))
    ids = store.record_feed_ok(feed.id, items, etag=None, last_modified=None, now=NOW)
    steps = [
        (item_id, article(f"Story {n} names them."), "page", ents)
        for n, (item_id, ents) in enumerate(zip(ids, FILING, strict=True))
    ]
    if chunk:
        store.store_cleaned_many(steps, extractor_version="v1")
    else:
        for step in steps:
            store.store_cleaned_many([step], extractor_version="v1")
    return store


def test_a_chunk_files_its_names_as_one_call_an_item_does(tmp_path: Path) -> None:
    """A chunk's names are resolved from one read of the entities and forms it can meet,
    kept in step with what its earlier items add: the same entities, forms and mentions as
    one call an item, each of which reads what the one before stored."""
    one_each = _filed(tmp_path / "a.sqlite3", chunk=False)
    chunked = _filed(tmp_path / "b.sqlite3", chunk=True)
    try:
        dumped = _dump(one_each)
        assert _dump(chunked) == dumped
        names = [row[2] for row in dumped["entities"]]
        assert names.count("PA") == 1 and "Brock Holt" not in names  # both ways met
        assert "Press Association Ltd" not in names
    finally:
        one_each.close()
        chunked.close()


class _Counting:
    """The writer connection, counting the statements the store hands it."""

    def __init__(self, conn: object) -> None:
        self._conn = conn
        self.statements = 0

    def execute(self, *args: object) -> object:
        self.statements += 1
        return self._conn.execute(*args)  # type: ignore[attr-defined]

    def executemany(self, *args: object) -> object:
        self.statements += 1
        return self._conn.executemany(*args)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_chunks_mentions_take_statements_by_the_chunk_not_by_the_name(tmp_path: Path) -> None:
    """Four pages naming 30 stored entities each: a few statements for the whole chunk, not
    a lookup and an insert for each name."""
    store = open_store(tmp_path / "a.sqlite3")
    try:
        feed = store.add_feed("https://a.example/feed")
        items = parsed(*(item(n + 1) for n in range(5)))
        ids = store.record_feed_ok(feed.id, items, etag=None, last_modified=None, now=NOW)
        names = [Entity("PLACE", f"Town Number {n}", (f"Town {n}",)) for n in range(30)]
        store.store_cleaned_many(
            [(ids[0], article("First."), "page", names)], extractor_version="v1"
        )
        counting = _Counting(store._conn)
        store._conn = counting  # type: ignore[assignment]
        store.store_cleaned_many(
            [(i, article(f"Story {i}."), "page", names) for i in ids[1:]],
            extractor_version="v1",
        )
        store._conn = counting._conn  # type: ignore[assignment]
        assert counting.statements <= 12  # filed one by one (main at cb7521a): 366
        rows = store._conn.execute("SELECT count(*), sum(articles) FROM entities").fetchone()
        assert rows == (30, 150)
    finally:
        store.close()


def test_a_chunk_naming_more_keys_than_one_read_binds_finds_every_stored_entity(
    tmp_path: Path,
) -> None:
    """The stored entities a chunk can meet are read _KEYS_PER_READ keys to a statement: a
    chunk naming more (a feed of 20 items, each naming dozens) still files every name under
    the entity already stored for it, and its forms under theirs, with no duplicates."""
    from tui_reader.store.entities import _KEYS_PER_READ

    count = _KEYS_PER_READ  # each name brings its key and its form's: twice the read size
    names = [Entity("PLACE", f"Town Number {n}", (f"Town {n}",)) for n in range(count)]
    forms = [Entity("PLACE", f"Town {n}") for n in range(0, count, 7)]  # a form alone
    store = open_store(tmp_path / "a.sqlite3")
    try:
        feed = store.add_feed("https://a.example/feed")
        ids = store.record_feed_ok(
            feed.id, parsed(*(item(n + 1) for n in range(4))), etag=None, last_modified=None,
            now=NOW,
        )  # fmt: skip
        store.store_cleaned_many(
            [(ids[0], article("First."), "page", names)], extractor_version="v1"
        )
        store.store_cleaned_many(
            [(i, article(f"Story {i}."), "page", [*names, *forms]) for i in ids[1:]],
            extractor_version="v1",
        )
        rows = store._conn.execute("SELECT count(*), sum(articles) FROM entities").fetchone()
        assert rows == (count, 4 * count)
    finally:
        store.close()

"""Schema versions: fresh databases, migrating old ones, refusing newer or foreign ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.store.conftest import NOW, fts_consistent
from tui_reader.errors import StoreError
from tui_reader.locations import Locations
from tui_reader.models import Entity
from tui_reader.store import open_store
from tui_reader.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, prepare


def _raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    prepare(conn)
    return conn


def test_a_fresh_database_is_current_with_wal_and_foreign_keys(db_path: Path) -> None:
    with open_store(db_path) as store:
        conn = store._conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert store.integrity_check() == "ok"
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def test_reopening_does_not_migrate_again(db_path: Path) -> None:
    with open_store(db_path) as store:
        feed = store.add_feed("https://a.example/feed")
    with open_store(db_path) as store:
        assert [f.id for f in store.feeds()] == [feed.id]


def test_a_v1_database_is_migrated_with_its_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = _raw(db_path)
    migrate(conn, path=str(db_path), target=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.execute(
        "INSERT INTO feeds(id, url, title, tags, added_at) "
        "VALUES (1, 'https://a.example/feed', 'Old Feed', '[\"world\"]', 1.0)"
    )
    conn.executemany(
        "INSERT INTO items(id, feed_id, guid, title, link, summary, read, starred, added_at, "
        "sort_key) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "g1", "Cleaned story", "https://a.example/1", "<p>s1</p>", 1, 0, NOW, NOW),
            (
                2,
                "g2",
                "Uncleaned story",
                "https://a.example/2",
                "<p>Glaciers <b>retreat</b> fast</p>",
                0,
                1,
                NOW,
                NOW - 1,
            ),
        ],
    )
    conn.execute(
        "INSERT INTO articles(item_id, markdown, text, cleaner_version, source) "
        "VALUES (1, '# Cleaned', 'Parliament passed the budget.', 1, 'page')"
    )
    conn.close()

    with open_store(db_path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.tags() == ["world"]
        rows = store.article_rows([1, 2])
        assert [(r.read, r.starred) for r in rows] == [(True, False), (False, True)]
        # The search index covers what v1 held: cleaned text, and summaries as text.
        assert [r.id for r in store.search("parliament budget")] == [1]
        assert [r.id for r in store.search("glaciers retreat")] == [2]
        assert store.article(2).text == "Glaciers retreat fast"
        # The v2 tables work on migrated rows.
        assert store.items_needing_entities("x1") == [1]
        store.store_entities(1, [Entity("ORG", "Parliament")], extractor_version="x1")
        assert [e.name for e in store.top_entities()] == ["Parliament"]
        fts_consistent(store)
        assert store.integrity_check() == "ok"


PAGE = (
    b"<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
    + b"<p>The harbour board voted on Monday to expand the container terminal, "
    b"<a href='/plan'>the plan</a> says, after a year of talks with the city.</p>"
    * 8
    + b"</article></body></html>"
)


def test_a_v3_article_kept_as_markdown_is_cleaned_again_into_blocks(db_path: Path) -> None:
    """v4 keeps the cleaner's blocks, not Markdown: an article from before shows its text
    until the cleaner, run again from the raw page kept, stores it in the new form."""
    import zlib

    from tui_reader.config import Config
    from tui_reader.processing import process_pending

    db_path.parent.mkdir(parents=True)
    conn = _raw(db_path)
    migrate(conn, path=str(db_path), target=3)
    conn.execute(
        "INSERT INTO feeds(id, url, title, added_at) VALUES (1, 'https://a.example/feed', 'A', 1)"
    )
    conn.execute(
        "INSERT INTO items(id, feed_id, guid, title, link, read, starred, needs_clean, "
        "added_at, sort_key) VALUES (1, 1, 'g1', 'Harbour', 'https://a.example/1', 1, 1, 0, ?, ?)",
        (NOW, NOW),
    )
    conn.execute(
        "INSERT INTO pages(item_id, url, status, html, fetched_at) VALUES (1, ?, 'ok', ?, ?)",
        ("https://a.example/1", zlib.compress(PAGE), NOW),
    )
    conn.execute(
        "INSERT INTO articles(item_id, title, byline, markdown, text, links, cleaner_version, "
        "source, had_page) VALUES (1, 'Harbour', 'Ann Lee', '[the plan][1]', "
        "'The harbour board voted.', '[\"https://a.example/plan\"]', 1, 'page', 1)"
    )
    conn.close()

    with open_store(db_path) as store:
        columns = {row[1] for row in store._conn.execute("PRAGMA table_info(articles)")}
        assert "blocks" in columns and not {"markdown", "title"} & columns
        before = store.article(1)
        assert before.blocks == () and before.text == "The harbour board voted."
        assert before.author == "Ann Lee"  # the cleaner's byline, the feed having none
        assert store.items_needing_clean(1) == [1]
        assert process_pending(store, Config(), workers=0) == 1
        after = store.article(1)
        assert after.links == ("https://a.example/plan",)
        paragraph = next(b for b in after.blocks if b.kind == "paragraph")
        start, end, number = paragraph.links[0]
        assert paragraph.text[start:end] == "the plan" and number == 1
        assert "container terminal" in after.text
        assert after.row.read and after.row.starred  # the reader's marks are kept
        assert store.items_needing_clean(1) == []
        fts_consistent(store)
        assert store.integrity_check() == "ok"


def test_a_newer_database_is_refused_clearly(db_path: Path) -> None:
    with open_store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer tui-reader") as err:
            open_store(db_path, readonly=readonly)
        assert "\n" not in str(err.value)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_another_programs_database_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE contacts(name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a tui-reader cache"):
        open_store(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
    conn.close()


def test_readonly_store_reads_and_never_writes(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_feed("https://a.example/feed")
    with open_store(db_path, readonly=True) as reader:
        assert len(reader.feeds()) == 1
        with pytest.raises(StoreError, match="read-only"):
            reader.add_feed("https://b.example/feed")
    with open_store(db_path) as store:
        assert len(store.feeds()) == 1


def test_readonly_needs_an_existing_current_database(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no cache"):
        open_store(tmp_path / "missing.sqlite3", readonly=True)
    db_path.parent.mkdir(parents=True)
    conn = _raw(db_path)
    migrate(conn, path=str(db_path), target=1)
    conn.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        open_store(db_path, readonly=True)


def test_a_migration_that_fails_leaves_the_old_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True)
    conn = _raw(db_path)
    migrate(conn, path=str(db_path), target=1)
    conn.close()
    from tui_reader.store import schema

    broken = (*MIGRATIONS[:2], (*MIGRATIONS[2][:3], "THIS IS NOT SQL"))
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        open_store(db_path)
    conn = sqlite3.connect(db_path)
    # v2 committed on its own; v3 rolled back whole (no half-added column).
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    columns = [row[1] for row in conn.execute("PRAGMA table_info(items)")]
    assert "summary_text" not in columns
    conn.close()


def test_upgrading_an_old_cache_says_so_first_and_a_new_one_stays_quiet(db_path: Path) -> None:
    """On a large cache an upgrade takes seconds: the user hears why the start pauses."""
    heard: list[str] = []
    with open_store(db_path, notice=heard.append):
        pass
    assert heard == []  # a new cache is created, not upgraded
    other = db_path.with_name("old.sqlite3")
    conn = _raw(other)
    migrate(conn, path=str(other), target=3)
    conn.close()
    with open_store(other, notice=heard.append):
        pass
    assert len(heard) == 1
    assert f"schema v3 to v{SCHEMA_VERSION}" in heard[0] and str(other) in heard[0]
    with open_store(other, notice=heard.append):
        pass
    assert len(heard) == 1  # once: the cache is current now


def test_the_cli_prints_the_upgrade_notice_on_stderr(home: Locations, cli: CliRunner) -> None:
    home.ensure()
    conn = _raw(home.database)
    migrate(conn, path=str(home.database), target=3)
    conn.close()
    outcome = cli("feeds")
    assert outcome.code == 0, outcome.err
    assert "tui-reader: upgrading the cache" in outcome.err
    assert "upgrading" not in outcome.out

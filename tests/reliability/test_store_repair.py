"""Round two: damage in the middle of the database has a way forward, `doctor --repair`.

Before, every command and doctor itself said "damaged; run `tui-reader doctor`", with no
backup and nothing to run. Now the damaged file is copied to backups/, every readable row
is saved into a fresh cache (read and starred marks with their items), one line says what
could not be saved, and every command works again.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import REPO, CliRunner
from tests.reliability.program import run_commands
from tests.store.conftest import NOW, article, item, parsed
from tui_reader.locations import HOME_ENV, Locations
from tui_reader.store import open_store
from tui_reader.store.lock import writer_lock

FEEDS, ITEMS = 6, 300
WORD = "Quetzalcoatlus"  # in every article, to prove the search index was rebuilt


def _fill(db: Path) -> None:
    with open_store(db) as store:
        for f in range(FEEDS):
            feed = store.add_feed(f"https://feed{f}.example/rss", tags=[f"tag{f % 2}"])
            items = [
                item(f * 10_000 + n, summary="<p>" + f"text of story {n} " * 60 + "</p>")
                for n in range(ITEMS)
            ]
            ids = store.record_feed_ok(
                feed.id, parsed(*items), etag=None, last_modified=None, now=NOW
            )
            for n, item_id in enumerate(ids):
                if n % 7 == 0:
                    store.set_starred(item_id, True)
                if n % 3 == 0:
                    store.set_read(item_id)
                if n % 5 == 0:
                    store.store_article(item_id, article(f"{WORD} body {n}"), source="page")


def _marks(db: Path) -> dict[tuple[str, str], tuple[int, int]]:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT f.url, i.guid, i.read, i.starred FROM items AS i JOIN feeds AS f "
            "ON f.id = i.feed_id"
        ).fetchall()
    return {(url, guid): (read, starred) for url, guid, read, starred in rows}


def _damage_items(db: Path) -> bytes:
    """Overwrite three leaf pages of the items table in the middle of the file."""
    with sqlite3.connect(db) as conn:
        try:
            pages = [
                row[0]
                for row in conn.execute(
                    "SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf' "
                    "ORDER BY pageno"
                )
            ]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the items' pages")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    middle = len(pages) // 2
    for page in (pages[middle - 20], pages[middle], pages[middle + 20]):
        start = (page - 1) * size
        data[start : start + size] = bytes(range(256)) * (size // 256)
    db.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def damaged(home: Locations) -> tuple[dict[tuple[str, str], tuple[int, int]], bytes]:
    home.ensure()
    _fill(home.database)
    marks = _marks(home.database)
    return marks, _damage_items(home.database)


def test_repair_saves_every_readable_row_and_keeps_a_backup(
    cli: CliRunner, home: Locations, damaged: tuple[dict[tuple[str, str], tuple[int, int]], bytes]
) -> None:
    marks, damaged_bytes = damaged
    # The dead end this replaces: commands fail and point at doctor.
    listing = cli("search", "story", "--limit", "100000")
    assert listing.code == 1 and "damaged" in listing.err and "doctor --repair" in listing.err
    doctor = cli("doctor")
    assert doctor.code == 1 and "doctor --repair" in doctor.out

    env = {**os.environ, HOME_ENV: str(home.config_dir.parent), "PYTHONPATH": str(REPO)}
    session = run_commands([["doctor", "--repair"]], env=env)
    (repair,) = session.commands
    assert repair.code == 0, repair.err
    assert repair.seconds < 30 and session.peak_rss < 150 << 20  # ~1.4 s and ~40 MB here
    lines = repair.out.splitlines()
    assert lines[0].startswith("repairing ") and lines[1].startswith("repaired ")
    assert lines[2].startswith("could not be saved (unreadable pages): ")
    assert len(lines) == 3

    # The damaged file is kept as it was.
    backups = [p for p in home.backups_dir.iterdir() if p.name.endswith(".damaged")]
    assert len(backups) == 1 and backups[0].read_bytes() == damaged_bytes
    assert str(backups[0]) in lines[2]

    after = _marks(home.database)
    lost = len(marks) - len(after)
    assert 0 < lost < 60  # three pages of items, a few rows each
    assert f"{lost:,} items" in lines[2]
    assert set(after) <= set(marks)
    assert all(after[key] == marks[key] for key in after)  # read and starred kept
    assert f"{FEEDS}/{FEEDS} feeds" in lines[1]

    # Everything works again: doctor, listings, the rebuilt search index.
    assert cli("doctor").code == 0
    assert cli("feeds").out.count("https://feed") == FEEDS
    found = cli("search", WORD, "--limit", "100000")
    assert found.code == 0 and found.out.count("Story number") > 0.9 * FEEDS * ITEMS / 5
    with open_store(home.database) as store:
        assert store.integrity_check() == "ok"
        assert store._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Entity-free cache: counters rebuilt to what the rows say.
        assert store.unread_count() == sum(1 for read, _ in after.values() if not read)
    again = cli("doctor", "--repair")
    assert again.code == 0 and "nothing to repair" in again.out


def test_repair_waits_for_no_one_and_refuses_while_another_writer_runs(
    cli: CliRunner, home: Locations, damaged: tuple[dict[tuple[str, str], tuple[int, int]], bytes]
) -> None:
    _, damaged_bytes = damaged
    with writer_lock(home.lock_file):
        result = cli("doctor", "--repair")
    assert result.code == 1 and "already running" in result.err
    assert home.database.read_bytes() == damaged_bytes  # untouched


def test_a_sound_or_missing_cache_needs_no_repair(cli: CliRunner, home: Locations) -> None:
    assert "nothing to repair" in cli("doctor", "--repair").out
    assert cli("--offline", "add", "a.example").code == 0
    result = cli("doctor", "--repair")
    assert result.code == 0 and "is sound" in result.out
    assert not home.backups_dir.exists()


def test_a_damaged_foreign_file_is_never_rebuilt(cli: CliRunner, home: Locations) -> None:
    home.ensure()
    with sqlite3.connect(home.database) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 3000,)] * 200)
    conn.close()
    data = bytearray(home.database.read_bytes())
    data[8192:12288] = bytes(4096)
    home.database.write_bytes(bytes(data))
    result = cli("doctor", "--repair")
    assert result.code == 1 and "another program's SQLite database" in result.err
    assert home.database.read_bytes() == bytes(data)


def _pages(db: Path, where: str) -> list[int]:
    with sqlite3.connect(db) as conn:
        try:
            rows = conn.execute(f"SELECT pageno FROM dbstat WHERE {where} ORDER BY pageno")
            pages = [int(row[0]) for row in rows]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the pages")
    conn.close()
    return pages


@pytest.mark.parametrize(
    "where",
    [
        "name = 'items' AND pagetype = 'internal'",  # a whole subtree of items
        "name = 'feeds'",  # the subscriptions themselves
        "name LIKE 'search%'",  # only the search index: nothing is lost
        "name = 'items_feed_sorted'",  # an index: rebuilt, nothing is lost
        "name = 'articles'",
    ],
)
def test_repair_after_damage_anywhere_leaves_a_sound_cache(
    cli: CliRunner, home: Locations, where: str
) -> None:
    home.ensure()
    _fill(home.database)
    marks = _marks(home.database)
    pages = _pages(home.database, where)
    assert pages, where
    data = bytearray(home.database.read_bytes())
    for page in pages[:: max(1, len(pages) // 3)][:3]:
        data[(page - 1) * 4096 : page * 4096] = bytes(range(256)) * 16
    home.database.write_bytes(bytes(data))
    result = cli("doctor", "--repair")
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 3
    after = _marks(home.database)
    assert all(after[key] == marks[key] for key in after)  # read and starred kept
    if where.startswith(("name LIKE 'search", "name = 'items_feed")):
        assert len(after) == len(marks) and "nothing was lost" in result.out
    assert cli("doctor").code == 0
    assert cli("feeds").code == 0 and cli("search", "story").code == 0
    with open_store(home.database) as store:
        assert store.integrity_check() == "ok"

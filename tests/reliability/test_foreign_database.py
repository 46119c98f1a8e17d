"""Round two: another program's SQLite file at the cache path is never changed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tui_reader.locations import Locations
from tui_reader.store import open_store
from tui_reader.store.connect import APPLICATION_ID


def _rollback_mode(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO notes(body) VALUES (?)", [(f"note {n}",) for n in range(500)])
    conn.close()


def _with_user_version(db: Path) -> None:
    _rollback_mode(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 2")  # as if it were a tui-reader v2 cache
    conn.close()


def _wal_mode(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT)")  # a name we use too
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, feed_id INTEGER)")
    conn.commit()
    conn.close()  # the last close checkpoints and removes -wal and -shm


def _own_application_id(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 1598903374")  # another program's id
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _empty_with_id(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 1598903374")
    conn.close()


def _empty_with_a_version(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 2")  # no tables, but not an unused file either
    conn.close()


MAKERS: list[Callable[[Path], None]] = [
    _empty_with_a_version,
    _rollback_mode,
    _with_user_version,
    _wal_mode,
    _own_application_id,
    _empty_with_id,
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.iterdir())
        if p.name != "tui-reader.lock"
    }


@pytest.mark.parametrize("make", MAKERS, ids=lambda f: f.__name__)
def test_no_command_writes_to_a_foreign_database(
    cli: CliRunner, home: Locations, make: Callable[[Path], None]
) -> None:
    home.ensure()
    make(home.database)
    before = _snapshot(home.data_dir)
    assert list(before) == ["tui-reader.sqlite3"]
    for argv in (
        ("feeds",),
        ("search", "x"),
        ("entities",),
        ("export",),
        ("--offline", "add", "a.example"),
        ("remove", "1"),
        ("refresh",),
        ("doctor",),
    ):
        result = cli(*argv)
        assert result.code == 1, (argv, result)
        text = result.out if argv == ("doctor",) else result.err
        assert "another program's SQLite database" in text and "left untouched" in text, text
        if argv != ("doctor",):
            assert len(result.err.splitlines()) == 1
        assert _snapshot(home.data_dir) == before, argv  # not one byte, no -wal/-shm, no backup


def test_a_cache_from_before_application_id_is_still_ours(home: Locations) -> None:
    home.ensure()
    with open_store(home.database) as store:
        store.add_feed("https://a.example/feed")
        store._conn.execute("PRAGMA application_id = 0")  # as an older tui-reader left it
    with open_store(home.database, readonly=True) as store:
        assert len(store.feeds()) == 1
    with open_store(home.database) as store:
        assert store._conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert len(store.feeds()) == 1
    header = home.database.read_bytes()[68:72]
    assert int.from_bytes(header, "big") == APPLICATION_ID


def test_a_fresh_cache_gets_its_id(home: Locations) -> None:
    home.ensure()
    with open_store(home.database):
        pass
    assert int.from_bytes(home.database.read_bytes()[68:72], "big") == APPLICATION_ID
    assert not os.path.exists(str(home.database) + "-wal")


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_pipe_or_folder_at_the_cache_path_is_one_line_not_a_hang(
    cli: CliRunner, home: Locations, kind: str
) -> None:
    import time

    home.ensure()
    if kind == "fifo":
        os.mkfifo(home.database)
    else:
        home.database.mkdir()
    for argv in (
        ("feeds",),
        ("--offline", "add", "a.example"),
        ("doctor",),
        ("doctor", "--repair"),
    ):
        start = time.monotonic()
        result = cli(*argv)
        assert time.monotonic() - start < 10  # before: a pipe blocked the open forever
        assert result.code == 1, (argv, result)
        text = result.out if argv == ("doctor",) else result.err
        assert "is not a file" in text
    assert home.database.exists()  # left where it is

"""Reliability 18: a corrupt, read-only or full database gives one clear line and a backup."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.store.conftest import NOW, item, parsed
from tui_reader.errors import StoreError
from tui_reader.locations import HOME_ENV, locations
from tui_reader.store import open_store

GARBAGE = bytes(range(256)) * 64  # 16 KiB that is not an SQLite file


def _one_line(error: BaseException) -> str:
    message = str(error)
    assert message and "\n" not in message
    return message


def _backups(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "tui-reader.sqlite3"
    path.parent.mkdir(parents=True)
    return path


def _filled(db: Path) -> None:
    with open_store(db) as store:
        feed = store.add_feed("https://a.example/feed")
        ids = store.record_feed_ok(
            feed.id, parsed(*(item(n) for n in range(200))), etag=None, last_modified=None, now=NOW
        )
        store.set_starred(ids[0], True)


def test_garbage_file_is_moved_to_backups_and_a_fresh_cache_follows(db: Path) -> None:
    db.write_bytes(GARBAGE)
    db.with_name(db.name + "-wal").write_bytes(b"stale wal")
    with pytest.raises(StoreError) as err:
        open_store(db)
    message = _one_line(err.value)
    assert "damaged" in message and "backups" in message
    backups = _backups(db)
    main = [p for p in backups if p.name.endswith(".corrupt")]
    assert len(main) == 1 and main[0].read_bytes() == GARBAGE  # nothing deleted
    assert main[0].name.startswith("tui-reader.sqlite3.20")  # a timestamp
    assert [p.read_bytes() for p in backups if p.name.endswith("-wal")] == [b"stale wal"]
    assert not db.exists()
    with open_store(db) as store:
        assert store.feeds() == [] and store.integrity_check() == "ok"


def test_every_corrupt_copy_is_kept(db: Path) -> None:
    for _ in range(3):
        db.write_bytes(GARBAGE)
        with pytest.raises(StoreError):
            open_store(db, readonly=True)
    assert len(_backups(db)) == 3


def test_damaged_first_page_behind_a_valid_header(db: Path) -> None:
    _filled(db)
    data = bytearray(db.read_bytes())
    data[100:4096] = GARBAGE[: 4096 - 100]
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        open_store(db)
    assert "damaged" in _one_line(err.value)
    assert [p.read_bytes() for p in _backups(db)] == [bytes(data)]


def test_damage_found_later_is_reported_not_raised_raw(db: Path) -> None:
    _filled(db)
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = GARBAGE[:4096]
    db.write_bytes(bytes(data))
    try:
        with open_store(db) as store:
            verdict = store.integrity_check()
            assert verdict != "ok"
            store.article_rows(store.article_ids())
    except StoreError as exc:
        assert "damaged" in _one_line(exc) or "database" in str(exc)


def test_cli_says_one_line_without_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    loc = locations({HOME_ENV: str(home)})
    loc.ensure()
    loc.database.write_bytes(GARBAGE)
    env = {**os.environ, HOME_ENV: str(home)}
    run = [sys.executable, "-m", "tui_reader", "feeds"]
    result = subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "backups" in result.stderr
    assert [p.read_bytes() for p in loc.backups_dir.iterdir()] == [GARBAGE]
    again = subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, timeout=30)
    assert again.returncode == 0, again.stderr


def test_full_disk_is_a_clear_error_and_loses_nothing(db: Path) -> None:
    _filled(db)
    with open_store(db) as store:
        feed = store.feeds()[0]
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        # The file may not grow: what a full disk looks like to SQLite (SQLITE_FULL).
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        big = parsed(*(item(1000 + n, summary="<p>" + "x" * 4000 + "</p>") for n in range(300)))
        with pytest.raises(StoreError) as err:
            store.record_feed_ok(feed.id, big, etag='"new"', last_modified=None, now=NOW + 1)
        assert "disk is full" in _one_line(err.value)
        assert store.feed(feed.id).total == 200 and store.feed(feed.id).etag is None
        store.set_read(store.article_ids()[0])  # small writes still fit
        store._conn.execute("PRAGMA max_page_count = 1073741823")
        assert (
            len(store.record_feed_ok(feed.id, big, etag=None, last_modified=None, now=NOW + 2))
            == 300
        )
        assert store.integrity_check() == "ok"
    assert _backups(db) == []


# -- read-only file or folder -----------------------------------------------------------
# root ignores permissions: as root the probe runs without the capabilities that let it
# (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so file modes apply as to anyone.

_PROBE = """
import sys
from pathlib import Path
from tui_reader.errors import StoreError
from tui_reader.store import open_store
from tui_reader.store.lock import writer_lock
db = Path(sys.argv[1])
try:
    with writer_lock(db.with_name("tui-reader.lock")), open_store(db) as store:
        store.add_feed("https://written.example/feed")
    print("wrote")
except StoreError as exc:
    print(f"StoreError: {exc}")
try:
    with open_store(db) as store:
        store.set_read(1)
    print("wrote without the lock")
except StoreError as exc:
    print(f"StoreError: {exc}")
try:
    with open_store(db, readonly=True) as store:
        print("readable", len(store.feeds()))
except StoreError as exc:
    print(f"read StoreError: {exc}")
"""
_PR_CAPBSET_DROP = 24
_DAC_CAPABILITIES = (1, 2, 3)


def _drop_dac_capabilities() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _DAC_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _probe(db: Path) -> list[str]:
    as_root = os.geteuid() == 0
    try:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(db)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
            preexec_fn=_drop_dac_capabilities if as_root else None,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's file capabilities here: {exc}")
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


@pytest.fixture
def filled(db: Path) -> Iterator[Path]:
    _filled(db)
    try:
        yield db
    finally:
        db.parent.chmod(0o755)


def test_read_only_database_file(filled: Path) -> None:
    filled.chmod(0o444)
    before = filled.read_bytes()
    lines = _probe(filled)
    assert lines[0].startswith("StoreError: ") and "read-only" in lines[0]
    assert lines[1].startswith("StoreError: ") and "read-only" in lines[1]
    assert lines[2] == "readable 1"
    assert filled.read_bytes() == before


def test_read_only_folder(filled: Path) -> None:
    filled.parent.chmod(0o555)
    lines = _probe(filled)
    # The lock file is the first thing a writer creates.
    assert lines[0].startswith("StoreError: ")
    assert "cannot create the lock file" in lines[0]
    assert lines[1].startswith("StoreError: ") and "is read-only" in lines[1]
    assert lines[2] == "readable 1"  # reading still works

"""Opening the database file: checks, PRAGMAs, migrations, and SQLite errors as one clear line.

A damaged file is moved to backups/ (never deleted) so the next start begins a fresh cache
while the old one stays available for recovery.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from pathlib import Path

from ..errors import NeedsUpgradeError, StoreError
from . import schema
from .schema import Notice

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32 * 1024  # page cache of the reading connection: the list and search read indexes
WRITER_CACHE_KIB = 16 * 1024

# Primary result codes (the low byte of an extended code).
_PERM = sqlite3.SQLITE_PERM
_BUSY = sqlite3.SQLITE_BUSY
_LOCKED = sqlite3.SQLITE_LOCKED
_READONLY = sqlite3.SQLITE_READONLY
_IOERR = sqlite3.SQLITE_IOERR
_CORRUPT = sqlite3.SQLITE_CORRUPT
_FULL = sqlite3.SQLITE_FULL
_CANTOPEN = sqlite3.SQLITE_CANTOPEN
_NOTADB = sqlite3.SQLITE_NOTADB


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_corrupt(exc: sqlite3.Error) -> bool:
    return _code(exc) in (_CORRUPT, _NOTADB)


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The one line a user sees for an SQLite failure."""
    code = _code(exc)
    if code == _FULL:
        return StoreError(f"{path}: the disk is full; free some space and try again")
    if code in (_READONLY, _PERM):
        return StoreError(f"{path}: the database is read-only; check the file's permissions")
    if code == _CANTOPEN:
        return StoreError(f"{path}: cannot open the database; check the folder's permissions")
    if code in (_CORRUPT, _NOTADB):
        return StoreError(
            f"{path}: the database is damaged ({exc}); run `tui-reader doctor --repair`"
        )
    if code in (_BUSY, _LOCKED):
        return StoreError(f"{path}: the database is busy in another process; try again")
    if code == _IOERR:
        return StoreError(f"{path}: disk I/O error ({exc})")
    return StoreError(f"{path}: database error: {exc}")


def set_aside(path: Path, *, kind: str, keep: bool, now: float | None = None) -> Path:
    """Move (or, with keep, copy) a database and its -wal/-shm files to backups/, named with
    a timestamp and `kind`; never overwrites an earlier one. Raises OSError."""
    backups = path.parent / "backups"
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"{path.name}.{stamp}.{kind}"
    n = 1
    while target.exists():
        n += 1
        target = backups / f"{path.name}.{stamp}-{n}.{kind}"
    transfer = shutil.copy2 if keep else os.replace
    transfer(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            transfer(side, target.with_name(target.name + suffix))
    return target


def move_aside(path: Path, *, now: float | None = None) -> Path:
    """Move a damaged database (and its -wal/-shm files) to backups/ with a timestamp."""
    try:
        return set_aside(path, kind="corrupt", keep=False, now=now)
    except OSError as exc:
        raise StoreError(
            f"{path} is damaged and could not be moved to {path.parent / 'backups'}: "
            f"{exc.strerror}; move it away by hand"
        ) from exc


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {folder}: {exc.strerror}") from exc
    # WAL needs to create -wal and -shm files next to the database.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{folder} is read-only: tui-reader cannot write its cache there")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{path} is read-only: tui-reader cannot write its cache")


def _configure(
    conn: sqlite3.Connection, path: Path, *, readonly: bool, notice: Notice | None = None
) -> None:
    schema.prepare(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB if readonly else WRITER_CACHE_KIB}")
    if readonly:
        version = schema.user_version(conn)
        if version > schema.SCHEMA_VERSION:
            schema.migrate(conn, path=str(path))  # raises the "newer tui-reader" error
        if version < schema.SCHEMA_VERSION:
            raise NeedsUpgradeError(
                f"{path} needs upgrading (schema v{version}); run tui-reader once without "
                "another instance open"
            )
    else:
        # Migrate first: it refuses a file that is not a cache before anything is changed
        # (journal_mode = WAL rewrites the header). A cache already in WAL stays in it.
        schema.migrate(conn, path=str(path), notice=notice)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # Reading the schema proves the file's first pages are sound.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


_HEADER = b"SQLite format 3\x00"


def is_regular_file(path: Path) -> bool:
    """False when nothing is there; StoreError when something that is not a file is (a
    pipe would block every open forever; a folder or a device is no database either)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a file (a folder, pipe or device): move it away")
    return True


def _header_is_bad(path: Path) -> bool:
    """A non-empty file without SQLite's header. Checked before SQLite opens it, because
    SQLite would discard a -wal file next to a file it cannot read."""
    if not is_regular_file(path):
        return False
    try:
        with path.open("rb") as file:
            head = file.read(len(_HEADER))
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    return bool(head) and head != _HEADER


def _damaged(path: Path, reason: str) -> StoreError:
    backup = move_aside(path)
    return StoreError(
        f"{path} was damaged ({reason}): moved to {backup}; the next start begins a fresh cache"
    )


# PRAGMA application_id ("TUIR"): set on every cache a writer opens, so the next open can
# tell its own file from another program's by reading 4 bytes of the header.
APPLICATION_ID = 0x54554952
# Columns only tui-reader's schema has: how a cache from before application_id is known.
_OWN_COLUMNS = {"feeds": "title_from_user", "items": "needs_clean"}


def _application_id(path: Path) -> int | None:
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return None
    return int.from_bytes(header[68:72], "big") if len(header) == 100 else None


def _foreign_tables(path: Path) -> list[str]:
    """The tables of an SQLite file that is not a tui-reader cache; [] for ours, an empty
    file, or one that cannot be read here (the real open decides those).

    Read with immutable=1: no lock, no journal, no -wal or -shm file, nothing written. Only
    a positive finding counts, so a page read mid-write elsewhere can never condemn a file.
    """
    application_id = _application_id(path)
    if application_id is None or application_id == APPLICATION_ID:
        return []
    try:
        probe = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return []
    try:
        tables = dict(
            probe.execute(
                "SELECT name, coalesce(sql, '') FROM sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
        version = int(probe.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return []
    finally:
        probe.close()
    ours = all(column in tables.get(table, "") for table, column in _OWN_COLUMNS.items())
    # Empty and unversioned is a cache not yet migrated; empty with a version is someone's.
    if application_id == 0 and (ours or (not tables and version == 0)):
        return []
    return sorted(tables) or ["no tables"]


def refuse_foreign(path: Path) -> None:
    """Before anything is written: a file at the cache path that another program made is
    left exactly as it is (no WAL switch, no -wal/-shm files, no migration)."""
    tables = _foreign_tables(path)
    if tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is another program's SQLite database (tables: {shown}), not a "
            "tui-reader cache; it was left untouched: move it, or set TUI_READER_HOME"
        )


def connect(
    path: Path, *, readonly: bool = False, notice: Notice | None = None
) -> sqlite3.Connection:
    """Open, configure and migrate; raises StoreError (one line) on any failure.

    `notice` hears a line before a slow step (upgrading an existing cache).
    """
    path = Path(path).expanduser().absolute()
    if _header_is_bad(path):
        raise _damaged(path, "not an SQLite database")
    refuse_foreign(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"no cache at {path} yet: add a feed first")
        uri = f"{path.as_uri()}?mode=ro"
        shm = path.with_name(path.name + "-shm")
        if not shm.exists() and not os.access(path.parent, os.W_OK):
            # A WAL reader needs the -shm file, which a read-only folder cannot get; without
            # it no writer can be at work either, so the file is safe to read as immutable.
            uri += "&immutable=1"
    else:
        _check_writable(path)
        uri = f"{path.as_uri()}?mode=rwc"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        _configure(conn, path, readonly=readonly, notice=notice)
    except sqlite3.DatabaseError as exc:
        conn.close()
        # Damaged is damaged for readers too: nobody can use the file, so it is moved aside
        # (a writer that still has it open writes on into the backup; nothing is lost).
        if is_corrupt(exc):
            raise _damaged(path, str(exc)) from exc
        raise store_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: Path) -> sqlite3.Connection:
    """A second, read-only connection to a database `connect()` has opened and migrated."""
    path = Path(path).expanduser().absolute()
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        schema.prepare(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    return conn

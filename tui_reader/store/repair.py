"""`doctor --repair`: a damaged cache rebuilt from every row that can still be read.

SQLite's own `.recover` needs a shell built with the dbpage virtual table (Debian's 3.40
sqlite3 fails with "SQL logic error" on any file) and Python's sqlite3 has no recovery
API, so the salvage is done here through plain queries, which SQLite answers from every
b-tree page that is intact:

- the damaged file (and its -wal/-shm) is copied to backups/ first and never changed;
- a fresh cache is built by the normal migrations next to it, and each table's rows are
  copied by rowid in order; where a page cannot be read, the scan steps over it (doubling,
  then bisecting back to the first readable rowid), so one bad page costs only its rows;
- rows whose parent was lost go (an item of a lost feed survives only when starred),
  derived data is rebuilt (the search index, entity counters), and the result must pass
  `PRAGMA integrity_check` before it replaces the damaged file.

Read and starred marks live in the item rows, so every item that is saved keeps them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoreError
from . import schema
from .connect import connect, is_regular_file, refuse_foreign, set_aside, store_error

_BATCH = 500
_MIN_ROWID = -(2**63)
_MAX_ROWID = 2**63 - 1


@dataclass
class TableCount:
    saved: int = 0
    before: int | None = None  # None when even counting failed

    @property
    def lost(self) -> int | None:
        return None if self.before is None else max(0, self.before - self.saved)


@dataclass
class RepairReport:
    path: Path
    backup: Path
    tables: dict[str, TableCount] = field(default_factory=dict)
    starred: TableCount = field(default_factory=TableCount)
    read: TableCount = field(default_factory=TableCount)

    def saved_line(self) -> str:
        def part(name: str, count: TableCount) -> str:
            before = "?" if count.before is None else f"{count.before:,}"
            return f"{count.saved:,}/{before} {name}"

        items = part("items", self.tables.get("items", TableCount()))
        marks = f"{part('starred', self.starred)}, {part('read', self.read)}"
        feeds = part("feeds", self.tables.get("feeds", TableCount()))
        articles = part("articles", self.tables.get("articles", TableCount()))
        return f"repaired {self.path}: saved {feeds}, {items} ({marks}), {articles}"

    def lost_line(self) -> str:
        lost = []
        for name, count in self.tables.items():
            if count.lost:
                lost.append(f"{count.lost:,} {name.replace('_', ' ')}")
            elif count.lost is None:
                lost.append(f"an unknown number of {name.replace('_', ' ')}")
        if not lost:
            return f"nothing was lost; the damaged file is kept at {self.backup}"
        return (
            f"could not be saved (unreadable pages): {', '.join(lost)}; "
            f"the damaged file is kept at {self.backup}"
        )


def needs_repair(path: Path) -> str | None:
    """SQLite's complaint about the file, or None when it is sound (or absent)."""
    if not is_regular_file(path):
        return None
    try:
        with contextlib.closing(_open_source(path)) as conn:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


def repair(path: Path, *, now: float | None = None) -> RepairReport:
    """Rebuild the cache at `path` from what can be read (the writer lock must be held)."""
    path = Path(path).absolute()
    refuse_foreign(path)  # another program's file is never rebuilt as a cache
    backup = _backup(path, now)
    work = path.with_name(path.name + ".repairing")
    _remove(work)
    report = RepairReport(path, backup)
    try:
        source = _open_source(backup)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} cannot be repaired: SQLite cannot read it at all ({exc}); the copy at "
            f"{backup} is kept"
        ) from exc
    try:
        try:
            version = _user_version(source)
            old_tables = _tables(source)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} cannot be repaired: its list of tables is unreadable ({exc}); the "
                f"copy at {backup} is kept (moving the file away starts a fresh cache)"
            ) from exc
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer tui-reader (schema v{version}): repair it "
                "with that version"
            )
        target = connect(work)
        try:
            _copy_all(source, old_tables, target, report)
            _rebuild_derived(target, report)
            verdict = [str(r[0]) for r in target.execute("PRAGMA integrity_check")]
            if verdict != ["ok"]:
                raise StoreError(f"the repaired copy of {path} is not sound: {verdict[0]}")
        except sqlite3.Error as exc:
            raise store_error(exc, work) from exc
        finally:
            target.close()  # the last connection: its WAL is checkpointed and removed
    except BaseException:
        source.close()
        _remove(work)
        raise
    source.close()
    os.replace(work, path)
    for suffix in ("-wal", "-shm"):  # the damaged file's; copies are in the backup
        _remove(path.with_name(path.name + suffix))
    return report


def _open_source(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    schema.prepare(conn)
    return conn


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _backup(path: Path, now: float | None) -> Path:
    """Copy the file and its WAL side files to backups/ (the WAL may hold recent commits)."""
    try:
        return set_aside(path, kind="damaged", keep=True, now=now)
    except OSError as exc:
        raise StoreError(
            f"cannot back up {path} to {path.parent / 'backups'} before repairing it: "
            f"{exc.strerror}; nothing was changed"
        ) from exc


# -- copying ------------------------------------------------------------------------------


def _tables(conn: sqlite3.Connection) -> dict[str, str]:
    """Ordinary tables by name, with their SQL; virtual tables and their shadow tables
    (the search index) are left out: they are rebuilt, never copied."""
    rows = conn.execute(
        "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return {
        name: sql
        for name, sql in rows
        if name not in virtual and not any(name.startswith(v + "_") for v in virtual)
    }


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _count(conn: sqlite3.Connection, sql: str) -> int | None:
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _copy_all(
    source: sqlite3.Connection,
    old_tables: dict[str, str],
    target: sqlite3.Connection,
    report: RepairReport,
) -> None:
    new_tables = _tables(target)
    # Triggers would count entity mentions twice and index every row on the way in; they
    # are set aside and the derived data is rebuilt once at the end.
    triggers = target.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
    ).fetchall()
    target.execute("PRAGMA foreign_keys = OFF")
    target.execute("BEGIN IMMEDIATE")
    try:
        for name, _ in triggers:
            target.execute(f'DROP TRIGGER "{name}"')
        for table in new_tables:
            if table not in old_tables:
                continue
            wanted = set(_columns(target, table))
            columns = [c for c in _columns(source, table) if c in wanted]
            if not columns:
                continue
            count = TableCount(before=_count(source, f'SELECT count(*) FROM "{table}"'))
            rows = (
                _scan_without_rowid(source, table, columns)
                if "WITHOUT ROWID" in old_tables[table].upper()
                else _scan_by_rowid(source, table, columns)
            )
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'
            for batch in rows:
                count.saved += target.executemany(insert, batch).rowcount
            report.tables[table] = count
        _drop_orphans(target)
        for _, sql in triggers:
            target.execute(sql)
        target.execute("COMMIT")
    except BaseException:
        target.execute("ROLLBACK")
        raise
    finally:
        target.execute("PRAGMA foreign_keys = ON")
    report.starred = TableCount(
        before=_count(source, "SELECT count(*) FROM items WHERE starred = 1"),
        saved=_count(target, "SELECT count(*) FROM items WHERE starred = 1") or 0,
    )
    report.read = TableCount(
        before=_count(source, "SELECT count(*) FROM items WHERE read = 1"),
        saved=_count(target, "SELECT count(*) FROM items WHERE read = 1") or 0,
    )


def _scan_by_rowid(
    source: sqlite3.Connection, table: str, columns: list[str]
) -> Iterator[list[tuple[object, ...]]]:
    """The rows that can be read, in rowid order, stepping over pages that cannot."""
    names = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    last, size = _MIN_ROWID, _BATCH
    while True:
        try:
            rows = source.execute(select, (last, size)).fetchall()
        except sqlite3.DatabaseError:
            if size > 1:
                size = 1  # read one by one up to the bad row
                continue
            resume = _next_readable(source, table, last)
            if resume is None:
                return
            last, size = resume, _BATCH
            continue
        if not rows:
            return
        yield [tuple(row[1:]) for row in rows]
        last = int(rows[-1][0])
        if size == 1:
            size = _BATCH


def _probe(source: sqlite3.Connection, table: str, after: int) -> bool:
    """Whether the row after rowid `after` (and its columns) can be read."""
    try:
        source.execute(
            f'SELECT * FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1', (after,)
        ).fetchall()
    except sqlite3.DatabaseError:
        return False
    return True


def _next_readable(source: sqlite3.Connection, table: str, bad: int) -> int | None:
    """A rowid to resume after, past the unreadable row or page that follows `bad`: steps
    double until a read works, then bisect back so no readable row is skipped."""
    step = 1
    while not _probe(source, table, min(bad + step, _MAX_ROWID)):
        if bad + step >= _MAX_ROWID:
            return None
        step *= 2
    low, high = bad + step // 2, min(bad + step, _MAX_ROWID)  # low fails (or is bad itself)
    while high - low > 1:
        middle = (low + high) // 2
        if _probe(source, table, middle):
            high = middle
        else:
            low = middle
    return high


def _scan_without_rowid(
    source: sqlite3.Connection, table: str, columns: list[str]
) -> Iterator[list[tuple[object, ...]]]:
    """Rows of a WITHOUT ROWID table in key order, up to the first page that cannot be read
    (these hold data derived or cheap to lose: aliases, mentions, pruned guids)."""
    names = ", ".join(f'"{c}"' for c in columns)
    try:
        cursor = source.execute(f'SELECT {names} FROM "{table}"')
        while batch := cursor.fetchmany(_BATCH):
            yield [tuple(row) for row in batch]
    except sqlite3.DatabaseError:
        return


# -- after the copy -----------------------------------------------------------------------


def _drop_orphans(target: sqlite3.Connection) -> None:
    """Rows whose parent was lost go (run while the triggers are set aside: the search
    index is empty until it is rebuilt, and deleting from it would fail)."""
    # An item of a lost feed is kept only when starred, feedless, as when a feed is
    # removed; its other rows (page, article, mentions) follow their item.
    target.execute(
        "UPDATE items SET feed_id = NULL, origin_title = coalesce(origin_title, "
        "'(feed lost in repair)') WHERE starred = 1 AND feed_id IS NOT NULL "
        "AND feed_id NOT IN (SELECT id FROM feeds)"
    )
    target.execute(
        "DELETE FROM items WHERE feed_id IS NOT NULL AND feed_id NOT IN (SELECT id FROM feeds)"
    )
    for table, column, parent in (
        ("pages", "item_id", "items"),
        ("articles", "item_id", "items"),
        ("mentions", "item_id", "items"),
        ("mentions", "entity_id", "entities"),
        ("entity_aliases", "entity_id", "entities"),
        ("pruned", "feed_id", "feeds"),
    ):
        target.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})")
    # Any other reference a later migration added: whatever still points nowhere goes.
    for table, rowid, _, _ in target.execute("PRAGMA foreign_key_check").fetchall():
        if rowid is not None:
            target.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))


def _rebuild_derived(target: sqlite3.Connection, report: RepairReport) -> None:
    """What is computed from the rows is computed again, once."""
    target.execute("BEGIN IMMEDIATE")
    try:
        target.execute(
            "UPDATE entities SET "
            "articles = (SELECT count(*) FROM mentions AS m WHERE m.entity_id = entities.id), "
            "mentions = (SELECT coalesce(sum(m.count), 0) FROM mentions AS m "
            "            WHERE m.entity_id = entities.id)"
        )
        target.execute("INSERT INTO search(search) VALUES ('rebuild')")
        target.execute("COMMIT")
    except BaseException:
        target.execute("ROLLBACK")
        raise
    # What is left after the orphans went is what was saved.
    for table, count in report.tables.items():
        count.saved = _count(target, f'SELECT count(*) FROM "{table}"') or 0

"""What every part of the Store shares: the two connections, their locks, transactions.

Thread-safety: two sqlite3 connections opened with check_same_thread=False, one for writes
and one read-only for queries, each serialised by its own lock. App workers and the event loop
share one Store, and a long write (a 50,000-item feed) never blocks the list or the reader:
they read the last commit (WAL). A read-only Store has one connection for both.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Concatenate, ParamSpec, Self, TypeVar

from .connect import connect, open_reader, store_error
from .schema import Notice
from .urlindex import FeedUrlIndex

# Rows per multi-row INSERT: at ~10 values a row, under the 999 variables an SQLite may be
# built with.
INSERT_ROWS = 80

_P = ParamSpec("_P")
_R = TypeVar("_R")
_S = TypeVar("_S", bound="StoreBase")


def _serialised(
    method: Callable[Concatenate[_S, _P], _R], lock_name: str
) -> Callable[Concatenate[_S, _P], _R]:
    """Serialise a public method on one of the Store's locks and turn SQLite failures into
    StoreError. Integrity and programming errors are bugs, not conditions a user can act
    on: they pass."""

    @functools.wraps(method)
    def wrapper(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with getattr(self, lock_name):
            try:
                return method(self, *args, **kwargs)
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise
            except sqlite3.DatabaseError as exc:
                raise store_error(exc, self.path) from exc

    return wrapper


def writes(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """A public method that writes: on the writer connection and its lock."""
    return _serialised(method, "_lock")


def reads(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """A public method that only reads: on the read-only connection and its lock."""
    return _serialised(method, "_read_lock")


def ids_json(ids: Iterable[int]) -> str:
    """Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`."""
    return json.dumps([int(i) for i in ids])


def string_list(raw: str | None) -> tuple[str, ...]:
    """A JSON array of strings as stored (tags, links); anything else reads as empty."""
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(tag) for tag in value) if isinstance(value, list) else ()


class StoreBase:
    """The connections and transactions; the domain mixins hold the queries."""

    def __init__(self, path: Path, *, readonly: bool = False, notice: Notice | None = None) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._batch_depth = 0  # inside batch(): writes become savepoints of one transaction
        self.feed_urls = FeedUrlIndex()
        self._conn = connect(self.path, readonly=readonly, notice=notice)
        if readonly:
            self._read_lock = self._lock
            self._reader = self._conn
        else:
            self._read_lock = threading.RLock()
            try:
                self._reader = open_reader(self.path)
            except BaseException:
                self._conn.close()
                raise

    def close(self) -> None:
        with self._lock, self._read_lock:
            # The writer closes last: the last connection checkpoints the WAL into the file.
            if self._reader is not self._conn:
                self._reader.close()
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one commit (the cleaner stores hundreds of articles in a
        row; a commit each costs more than the write). Each write stays all-or-nothing on its
        own (a savepoint); other writers wait until the batch ends, so keep batches short."""
        with self._lock, self._write():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of the block or none of it."""
        conn = self._conn
        if self._batch_depth:
            conn.execute("SAVEPOINT write")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO write")
                    conn.execute("RELEASE write")
                raise
            conn.execute("RELEASE write")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            # SQLite rolls back by itself after some errors (a full disk, for one).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _item_exists(conn: sqlite3.Connection, item_id: int) -> bool:
        row = conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone()
        return row is not None

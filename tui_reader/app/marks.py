"""Read and starred marks: their one owner in the app (as frogmouth keeps its History).

A mark the user sets is the article's state at once, for every part of the app that asks:
the list's rows pass through `rows()`, and the screen asks `read()` and `starred()`. The
store has it a moment later: `write()` runs in a worker and writes what is still
unwritten, in the order it was set, one writer at a time; `flush()` at exit waits for that
writer and writes the rest. One lock guards it all and is never held while the store writes.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import ArticleRow

if TYPE_CHECKING:
    from ..store import Store

FLUSH_SECONDS = 5.0  # at exit, how long to wait for a write already under way


class Marks:
    def __init__(self, store: Store, *, queue: bool = False) -> None:
        self._store = store
        self._queue = queue  # [sync] set: each mark is queued for the server too
        self._unwritten: dict[int, dict[str, bool]] = {}  # article id -> read/starred
        self._writing = False
        self._changed = threading.Condition()

    def read(self, article_id: int, stored: bool) -> bool:
        """The article's read mark: the one set here, else `stored` (what the store said)."""
        with self._changed:
            return self._unwritten.get(article_id, {}).get("read", stored)

    def starred(self, article_id: int, stored: bool) -> bool:
        with self._changed:
            return self._unwritten.get(article_id, {}).get("starred", stored)

    def set(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> bool:
        """Record a mark; True when a writer must be started (none is running)."""
        with self._changed:
            marks = self._unwritten.setdefault(article_id, {})
            if read is not None:
                marks["read"] = read
            if starred is not None:
                marks["starred"] = starred
            start = not self._writing
            self._writing = True
            return start

    def rows(
        self, fetch: Callable[[Sequence[int]], list[ArticleRow]]
    ) -> Callable[[Sequence[int]], list[ArticleRow]]:
        """`fetch` with the unwritten marks laid over the stored rows it returns."""

        def fetched(ids: Sequence[int]) -> list[ArticleRow]:
            found = fetch(ids)
            with self._changed:
                if not self._unwritten:
                    return found
                marks = self._unwritten
                return [
                    replace(
                        row,
                        read=marks[row.id].get("read", row.read),
                        starred=marks[row.id].get("starred", row.starred),
                    )
                    if row.id in marks
                    else row
                    for row in found
                ]

        return fetched

    def write(self) -> None:
        """Write every unwritten mark (the writer `set` asked for; blocking: a worker)."""
        while True:
            with self._changed:
                batch = dict(self._unwritten)
                if not batch:
                    self._writing = False
                    self._changed.notify_all()
                    return
            try:
                self._store_batch(batch)
            except BaseException:
                with self._changed:
                    self._writing = False  # the next mark starts a writer again
                    self._changed.notify_all()
                raise
            with self._changed:
                # Forget what was written, unless it was set again meanwhile.
                for article_id, marks in batch.items():
                    if self._unwritten.get(article_id) == marks:
                        del self._unwritten[article_id]

    def flush(self) -> None:
        """Write what is left, after the writer under way (at exit)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._writing, timeout=FLUSH_SECONDS)
            self._writing = True
        self.write()

    def _store_batch(self, batch: dict[int, dict[str, bool]]) -> None:
        from ..errors import NotFoundError

        with self._store.batch():  # one commit for a burst of marks
            for article_id, marks in batch.items():
                # NotFoundError: the article was pruned or its feed deleted meanwhile.
                with contextlib.suppress(NotFoundError):
                    self._store.mark(
                        [article_id],
                        read=marks.get("read"),
                        starred=marks.get("starred"),
                        queue=self._queue,
                        now=time.time(),
                    )

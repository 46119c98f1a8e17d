"""Store writes of a refresh, from one thread, grouped into few commits.

A cold refresh makes thousands of small writes (a feed's items, a page, a chunk of cleaned
articles); one commit each costs more than the writes. `BatchWriter` runs them in order in
its own thread and commits whatever queued up meanwhile together (bounded in count and time,
so the app's own writes never wait long). A write's awaiter resumes after its commit: what it
wrote is then visible to the app's reads. Each write stays all-or-nothing on its own (a
savepoint inside the batch); a failed commit (a full disk) fails every write in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .store import Store

_T = TypeVar("_T")

MAX_WRITES = 100  # per commit
MAX_SECONDS = 0.05  # of writing per commit

_Op = tuple[Callable[..., Any], tuple[Any, ...], "asyncio.Future[Any]", asyncio.AbstractEventLoop]


class BatchWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[_Op | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="tui-reader-writer", daemon=True)
        self._thread.start()

    async def __call__(self, fn: Callable[..., _T], *args: Any) -> _T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[_T] = loop.create_future()
        self._queue.put((fn, args, future, loop))
        return await future

    async def close(self) -> None:
        """After the writes queued so far; the thread ends."""
        self._queue.put(None)
        await asyncio.to_thread(self._thread.join)

    def _serve(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            outcomes: list[tuple[bool, Any]] = []
            started = time.monotonic()
            stop = False
            try:
                with self.store.batch():
                    while True:
                        fn, args, future, _ = batch[len(outcomes)]
                        if future.cancelled():
                            outcomes.append((False, asyncio.CancelledError()))
                        else:
                            try:
                                outcomes.append((True, fn(*args)))
                            except Exception as exc:  # noqa: BLE001 - handed to its awaiter
                                outcomes.append((False, exc))
                        if len(batch) >= MAX_WRITES or time.monotonic() - started > MAX_SECONDS:
                            break
                        try:
                            more = self._queue.get_nowait()
                        except queue.Empty:
                            break
                        if more is None:
                            stop = True
                            break
                        batch.append(more)
            except Exception as exc:  # noqa: BLE001 - the commit failed: every write in it did
                outcomes = [(False, exc)] * len(batch)
            # One wake-up of each waiting loop per commit, not one per write: each costs the
            # loop a trip through its self-pipe (~9% of a cold refresh's main process).
            settled: dict[asyncio.AbstractEventLoop, list[_Outcome]] = {}
            for (_, _, future, loop), (ok, value) in zip(batch, outcomes, strict=True):
                settled.setdefault(loop, []).append((future, ok, value))
            for loop, done in settled.items():
                # RuntimeError: its loop is gone (the refresh was cancelled): nobody waits.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, done)
            if stop:
                return


_Outcome = tuple["asyncio.Future[Any]", bool, Any]


def _settle(done: list[_Outcome]) -> None:
    for future, ok, value in done:
        if future.done():
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

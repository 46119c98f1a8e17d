"""The refresh's batched writer: writes that come a few ms apart share a commit."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tui_reader.store import Store, open_store
from tui_reader.writer import LINGER_SECONDS, BatchWriter


def _add(store: Store, n: int) -> int:
    with store._write() as conn:
        conn.execute(
            "INSERT INTO feeds(url, added_at) VALUES (?, 0)", (f"http://127.0.0.1:9/{n}.xml",)
        )
    return n


async def _write_apart(store: Store, count: int, gap: float) -> list[int]:
    writer = BatchWriter(store)
    pending = []
    for n in range(count):
        pending.append(asyncio.ensure_future(writer(_add, store, n)))
        await asyncio.sleep(gap)
    ids = list(await asyncio.gather(*pending))
    await writer.close()
    return ids


def test_writes_a_few_ms_apart_share_one_commit(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.sqlite3")
    commits: list[str] = []
    store._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    ids = asyncio.run(_write_apart(store, 3, 0.002))
    store._conn.set_trace_callback(None)
    assert ids == [0, 1, 2]
    assert len(commits) == 1  # one each before the writer waited for more
    assert len(store.feeds(counts=False)) == 3


def test_a_lone_write_commits_within_the_linger(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.sqlite3")

    async def one() -> float:
        writer = BatchWriter(store)
        started = time.monotonic()
        await writer(_add, store, 0)
        took = time.monotonic() - started
        await writer.close()
        return took

    assert asyncio.run(one()) < LINGER_SECONDS + 1.0
    assert len(store.feeds(counts=False)) == 1

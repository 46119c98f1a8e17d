"""Reliability 16: kill -9 during a refresh leaves a sound database with read/starred kept."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.store.child import BATCH
from tui_reader.models import FeedItem, ParsedFeed
from tui_reader.store import open_store

DEADLINE = 30.0  # seconds for the child to report the batches we wait for


def _prepare(db: Path) -> tuple[list[int], list[int]]:
    with open_store(db) as store:
        feed = store.add_feed("https://example.com/feed")
        items = tuple(FeedItem(guid=f"old-{n}", title=f"Old {n}") for n in range(30))
        ids = store.record_feed_ok(
            feed.id, ParsedFeed("Feed", None, items), etag=None, last_modified=None, now=time.time()
        )
        read, starred = ids[:10], ids[5:15]
        for item_id in read:
            store.set_read(item_id)
        for item_id in starred:
            store.set_starred(item_id, True)
    return read, starred


def _wait_for_batches(proc: subprocess.Popen[str], count: int) -> int:
    """Read the child's committed batch numbers until `count` arrived; returns the last."""
    assert proc.stdout is not None
    last = -1
    deadline = time.monotonic() + DEADLINE
    while last + 1 < count:
        remaining = deadline - time.monotonic()
        assert remaining > 0, "the writer did not report in time"
        ready, _, _ = select.select([proc.stdout], [], [], remaining)
        if ready:
            line = proc.stdout.readline()
            assert line, f"the writer died: {proc.stderr.read() if proc.stderr else ''}"
            last = int(line)
    return last


@pytest.mark.parametrize("batches", [1, 4, 9])
def test_kill_9_mid_write(tmp_path: Path, batches: int) -> None:
    db = tmp_path / "data" / "tui-reader.sqlite3"
    read, starred = _prepare(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.child", "write", str(db)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The writer is already inside its next transactions when this returns.
        committed = _wait_for_batches(proc, batches)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        store._conn.execute("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")
        # State set before the crash is intact, item by item.
        old = [r for r in store.article_rows(store.article_ids()) if r.title.startswith("Old")]
        assert len(old) == 30
        assert {r.id for r in old if r.read} == set(read)
        assert {r.id for r in old if r.starred} == set(starred)
        # Every batch reported as committed is there in full; none is there in part.
        titles = [r.title for r in store.article_rows(store.article_ids())]
        per_batch: dict[int, int] = {}
        for title in titles:
            if title.startswith("Batch "):
                number = int(title.split()[1])
                per_batch[number] = per_batch.get(number, 0) + 1
        assert all(per_batch.get(n) == BATCH for n in range(committed + 1))
        assert set(per_batch.values()) <= {BATCH}
        # And the store keeps working.
        store.set_read(starred[0])

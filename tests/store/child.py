"""Child processes for the store's reliability tests (run as `python -m`, killed at will).

python -m tests.store.child write DB      # refresh-like writes forever,
                                                      # printing each committed batch
python -m tests.store.child hold LOCK DB  # hold the writer lock until stdin
                                                      # closes, after printing "locked"
python -m tests.store.child open DB       # open and print the result
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tui_reader.errors import TuiReaderError
from tui_reader.models import Article, FeedItem, ParsedFeed
from tui_reader.store import open_store
from tui_reader.store.lock import writer_lock

BATCH = 20


def write(db: Path) -> None:
    store = open_store(db)
    feed = store.feeds()[0]
    for batch in range(100_000):
        items = tuple(
            FeedItem(
                guid=f"batch-{batch}-{n}",
                title=f"Batch {batch} item {n}",
                link=f"https://example.com/{batch}/{n}",
                published=time.time(),
                summary="<p>" + "words of the story " * 50 + "</p>",
            )
            for n in range(BATCH)
        )
        ids = store.record_feed_ok(
            feed.id,
            ParsedFeed("Feed", None, items),
            etag=str(batch),
            last_modified=None,
            now=time.time(),
        )
        for item_id in ids:
            text = f"Cleaned body of batch {batch}. " * 40
            store.store_article(
                item_id, Article("t", None, None, None, (), text, False, 1), source="page"
            )
            store.set_read(item_id, batch % 2 == 0)
        print(batch, flush=True)


def hold(lock: Path) -> None:
    with writer_lock(lock):
        print("locked", flush=True)
        sys.stdin.read()  # until the test closes our stdin (or kills us)


def open_only(db: Path) -> None:
    try:
        with open_store(db) as store:
            store.add_feed("https://written.example/feed")
    except TuiReaderError as exc:
        print(f"{type(exc).__name__}: {exc}")
        return
    print("opened")


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    if command == "write":
        write(Path(paths[0]))
    elif command == "hold":
        hold(Path(paths[0]))
    elif command == "open":
        open_only(Path(paths[0]))
    else:
        raise SystemExit(f"unknown command {command}")

"""Median and p95 of Store.search(), Store.article_ids() and the entity queries over a cache.

    python bench/make_cache.py /tmp/bench-cache/data/tui-reader.sqlite3
    python bench/search_bench.py /tmp/bench-cache/data/tui-reader.sqlite3 --runs 30

Each figure is the wall time of one call through the Store's public methods (the same calls
the app and the CLI make), measured after one warm-up call, in a process of its own.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.models import ArticleFilter  # noqa: E402
from tui_reader.store import Store, open_store  # noqa: E402

TARGET_MS = 50.0


def _time(call: Callable[[], object], runs: int) -> tuple[float, float, float, int]:
    result = call()  # warm-up: the first call pays for reading pages from disk
    size = len(result) if isinstance(result, list) else 0
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return samples[0], statistics.median(samples), p95, size


def cases(store: Store) -> list[tuple[str, Callable[[], object]]]:
    feed = store.feeds()[0]
    tags = store.tags()
    tag = tags[0] if tags else None
    top = store.top_entities(limit=1)
    rare = store.top_entities(limit=200)[-1:] or top
    entity = top[0].id if top else None
    found: list[tuple[str, Callable[[], object]]] = [
        ("search 'government' (common word)", lambda: store.search("government")),
        ("search 'the' (in nearly every article)", lambda: store.search("the")),
        ("search 'climate change' (2 words)", lambda: store.search("climate change")),
        ("search '\"prime minister\"' (phrase)", lambda: store.search('"prime minister"')),
        ("search 'gover' (prefix while typing)", lambda: store.search("gover")),
        ("search 'zzzxq' (no match)", lambda: store.search("zzzxq")),
        ("article_ids() all", lambda: store.article_ids()),
        ("article_ids(unread_only)", lambda: store.article_ids(ArticleFilter(unread_only=True))),
        ("article_ids(starred_only)", lambda: store.article_ids(ArticleFilter(starred_only=True))),
        ("article_ids(feed_id)", lambda: store.article_ids(ArticleFilter(feed_id=feed.id))),
        (
            "article_ids(feed_id, unread_only)",
            lambda: store.article_ids(ArticleFilter(feed_id=feed.id, unread_only=True)),
        ),
        ("article_ids(tag)", lambda: store.article_ids(ArticleFilter(tag=tag))),
        (
            "article_ids(query='government')",
            lambda: store.article_ids(ArticleFilter(query="government")),
        ),
        (
            "article_ids(query='the') ~every article",
            lambda: store.article_ids(ArticleFilter(query="the")),
        ),
        (
            "article_ids(query='the', unread_only)",
            lambda: store.article_ids(ArticleFilter(query="the", unread_only=True)),
        ),
        ("unread_count()", store.unread_count),
        ("feeds() with counts", store.feeds),
        ("top_entities() across the cache", lambda: store.top_entities()),
        ("top_entities(type=PERSON)", lambda: store.top_entities(type="PERSON")),
        ("top_entities(feed_id)", lambda: store.top_entities(feed_id=feed.id)),
    ]
    if entity is not None:
        found.append(
            (
                "article_ids(entity_id) most-mentioned entity",
                lambda: store.article_ids(ArticleFilter(entity_id=entity)),
            )
        )
        found.append(("find_entity(name)", lambda: store.find_entity(top[0].name)))
    if rare:
        found.append(
            (
                "article_ids(entity_id) 200th entity",
                lambda: store.article_ids(ArticleFilter(entity_id=rare[0].id)),
            )
        )
    ids = store.article_ids()
    found += [
        ("article_rows(60 ids) one screenful", lambda: store.article_rows(ids[1000:1060])),
        ("article(id) open one", lambda: store.article(ids[1234])),
        ("article_entities(id)", lambda: store.article_entities(ids[1234])),
    ]
    return found


def writes(items: int) -> None:
    """One record_feed_ok of an `items`-long feed in a fresh store, then the same again."""
    import tempfile

    from tui_reader.models import FeedItem, ParsedFeed

    entries = tuple(
        FeedItem(
            guid=f"g{n}",
            title=f"Title {n} " + "word " * 10,
            link=f"https://example.com/{n}",
            published=1e9 + n,
            summary="<p>" + "some summary text " * 20 + "</p>",
        )
        for n in range(items)
    )
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "db") as store:
        feed = store.add_feed("https://example.com/feed")
        for attempt in ("new", "unchanged"):
            started = time.perf_counter()
            store.record_feed_ok(
                feed.id, ParsedFeed("Feed", None, entries), etag=None, last_modified=None, now=2e9
            )
            took = time.perf_counter() - started
            print(f"record_feed_ok, {items} items, {attempt}: {took:.2f} s (one transaction)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a cache built by bench/make_cache.py")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--writes", type=int, metavar="N", help="time one N-item feed update instead"
    )
    args = parser.parse_args()
    if args.writes:
        writes(args.writes)
        return
    # What the app does before its first paint, timed once in this fresh process.
    started = time.perf_counter()
    store = open_store(args.path)
    opened = time.perf_counter()
    ids = store.article_ids()
    store.article_rows(ids[:60])
    store.unread_count()
    store.feeds()
    painted = time.perf_counter()
    print(
        f"{len(ids)} articles in {args.path}; first paint's queries in a fresh process: "
        f"open_store {1000 * (opened - started):.1f} ms, then article_ids + 60 rows + "
        f"unread_count + feeds {1000 * (painted - opened):.1f} ms\n"
    )
    print(f"{args.runs} runs per call, after one warm-up call\n")
    print(f"| call | min ms | median ms | p95 ms | results | p95 < {TARGET_MS:.0f} ms |")
    print("|---|---:|---:|---:|---:|:---:|")
    for name, call in cases(store):
        best, median, p95, size = _time(call, args.runs)
        ok = "yes" if p95 < TARGET_MS else "NO"
        print(f"| {name} | {best:.2f} | {median:.2f} | {p95:.2f} | {size} | {ok} |")
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process (Python + store + all the calls above): {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Same feeds, two checkouts: does a cold `refresh --no-prefetch` store the same thing?

Serves refresh_bench.py's feeds (default 500 x 20 items on 32 loopback hosts), runs
`tui-reader import` and a cold `refresh --no-prefetch` with this checkout and with the one
at --baseline, each in a fresh home, then compares what matters in the two caches, keyed by
what does not depend on the order feeds arrived in (feed URL and item guid, never row ids):
items, articles (text, blocks, links, flags), feeds, entities and mentions, the hits of a
set of full-text searches and FTS5's integrity-check of each search index. Prints every
difference (the first few of each table) and the CPU of each refresh process alone and
with its workers; exits 1 on any difference.

    python bench/refresh_compare.py --baseline /work/base19
    python bench/refresh_compare.py --baseline ../main --feeds 100
    python bench/refresh_compare.py --baseline ../main --feeds 50 --prefetch  # pages too

With --prefetch the refresh fetches every item's page (refresh_bench.py's pages in turn) and
the pages table is compared too, by the decompressed bytes (not the blobs: how a page is
compressed may differ).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refresh_bench import (  # noqa: E402 - the bench folder is not a package
    REPO,
    FeedServer,
    ServerSpec,
    feed_urls,
    imported_home,
    run_or_exit,
    tui_env,
)

# Columns that differ between any two runs (clock times), left out of the comparison.
_TIMES = {"added_at", "last_ok_at", "fetched_at"}
# Searches whose hits are compared: words of the feeds' text, a prefix, a phrase, a name.
QUERIES = ("council", "harbour plan", "ferr*", '"cycle route"', "Tuesday", "story 7", "quay")
# The refresh under a wrapper that reports its own CPU and its workers' (which it waits for).
_WRAPPER = (
    "import atexit, resource, runpy, sys\n"
    "def _cpu():\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    sys.stderr.write(f'CPU {own.ru_utime + own.ru_stime:.2f} '\n"
    "                     f'{kids.ru_utime + kids.ru_stime:.2f}\\n')\n"
    "atexit.register(_cpu)\n"
    "sys.argv = ['tui_reader', *sys.argv[1:]]\n"
    "runpy.run_module('tui_reader', run_name='__main__')\n"
)


def cold_refresh(
    repo: Path, urls: list[str], home: Path, *, prefetch: bool = False
) -> tuple[Path, float, float]:
    """Import and one cold refresh in `home` with the checkout at `repo`: (the cache, CPU of
    the refresh process, CPU of its workers)."""
    env = tui_env(home, home / "pycache", repo)
    tui = [sys.executable, "-c", _WRAPPER]
    imported_home(home, urls, tui, env)
    refresh = [*tui, "refresh"] if prefetch else [*tui, "refresh", "--no-prefetch"]
    done = run_or_exit(refresh, env, home, f"{repo}: refresh")
    cpu_line = [ln for ln in done.stderr.decode().splitlines() if ln.startswith("CPU ")][-1]
    own, kids = (float(x) for x in cpu_line.split()[1:])
    caches = list((home / "home").rglob("*.sqlite3"))
    if len(caches) != 1:
        raise SystemExit(f"{home}: expected one cache, found {caches}")
    return caches[0], own, kids


Snapshot = dict[str, list[tuple[object, ...]]]


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return sorted(conn.execute(sql).fetchall(), key=repr)


def _columns(conn: sqlite3.Connection, table: str, alias: str) -> str:
    names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    keep = [n for n in names if n not in _TIMES and n not in ("id", "feed_id", "item_id")]
    return ", ".join(f"{alias}.{n}" for n in keep)


def snapshot(path: Path) -> Snapshot:
    """What a cache holds, each table keyed by feed URL and guid."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    item = "f.url, i.guid"
    join = "JOIN items AS i ON i.id = x.item_id JOIN feeds AS f ON f.id = i.feed_id"
    tables = {
        "feeds": f"SELECT {_columns(conn, 'feeds', 'f')} FROM feeds AS f",
        "items": (
            f"SELECT {item}, {_columns(conn, 'items', 'i')} FROM items AS i "
            "JOIN feeds AS f ON f.id = i.feed_id"
        ),
        "articles": f"SELECT {item}, {_columns(conn, 'articles', 'x')} FROM articles AS x {join}",
        "entities": "SELECT type, key, name, articles, mentions FROM entities",
        "aliases": (
            "SELECT e.type, e.key, a.key FROM entity_aliases AS a "
            "JOIN entities AS e ON e.id = a.entity_id"
        ),
        "mentions": (
            f"SELECT {item}, e.type, e.key, x.sort_key, x.count, x.first_offset, x.aliases "
            f"FROM mentions AS x JOIN entities AS e ON e.id = x.entity_id {join}"
        ),
    }
    found = {name: _rows(conn, sql) for name, sql in tables.items()}
    found["pages"] = sorted(
        (
            (*row[:5], hashlib.sha1(zlib.decompress(row[5])).hexdigest() if row[5] else None)
            for row in conn.execute(
                f"SELECT {item}, x.url, x.status, x.content_type, x.html FROM pages AS x {join}"
            )
        ),
        key=repr,
    )
    for query in QUERIES:
        found[f"search {query}"] = _rows(
            conn,
            "SELECT f.url, i.guid FROM search JOIN items AS i ON i.id = search.rowid "
            f"JOIN feeds AS f ON f.id = i.feed_id WHERE search MATCH '{query}'",
        )
    conn.close()
    # FTS5's own check of the index against its content (a write statement: a connection
    # that may write; nothing is changed).
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")
        found["search index integrity-check"] = [("ok",)]
    except sqlite3.DatabaseError as exc:
        found["search index integrity-check"] = [(str(exc),)]
    finally:
        conn.close()
    return found


def compare(old: Snapshot, new: Snapshot) -> int:
    differences = 0
    for name in old:
        a, b = set(old[name]), set(new[name])
        gone, added = sorted(a - b, key=repr), sorted(b - a, key=repr)
        differences += len(gone) + len(added)
        status = "same" if not (gone or added) else f"{len(gone)} only old, {len(added)} only new"
        print(f"  {name}: {len(old[name])} rows old, {len(new[name])} new: {status}")
        for row in gone[:3]:
            print(f"    old: {row!r:.300}")
        for row in added[:3]:
            print(f"    new: {row!r:.300}")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--prefetch", action="store_true", help="fetch and clean pages too")
    parser.add_argument(
        "--pages",
        type=Path,
        default=REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "html",
        help="folder of .html/.html.gz pages for --prefetch",
    )
    args = parser.parse_args()
    pages = tuple(sorted(args.pages.glob("*.html*"))) if args.prefetch else ()
    spec = ServerSpec(args.feeds, args.items, args.hosts, args.latency, 1800, pages)
    with tempfile.TemporaryDirectory(prefix="refresh-compare-") as tmp, FeedServer(spec) as server:
        urls = feed_urls(args.feeds, args.hosts, server.port)
        # The feed URLs hold the server's port; the homes' caches are compared without it.
        runs = {}
        for name, repo in (("old", args.baseline.resolve()), ("new", REPO)):
            cache, own, kids = cold_refresh(repo, urls, Path(tmp) / name, prefetch=args.prefetch)
            print(f"{name} ({repo}): refresh CPU {own:.2f} s, its workers {kids:.2f} s")
            runs[name] = snapshot(cache)
        differences = compare(runs["old"], runs["new"])
    print(f"{differences} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()

"""CPU of the store's refresh writes alone, in one process: the bench's 10,000 items.

refresh_bench.py's 500 feeds x 20 items, parsed and cleaned once by this checkout, then
stored into a fresh cache by each checkout in a child process, as a refresh's writer
thread groups them: `record_feed_ok` 10 feeds a transaction ("items"), then
`store_cleaned_many` of chunks of 25, 4 chunks a transaction, once as the feed-only
articles the cleaner made ("feed articles": their text is the indexed summary) and once
with a text of their own, as from a page ("page articles": indexed anew). With --pages,
a third phase writes what a refresh with prefetch writes ("fetched pages"): each item's
page (refresh_bench.py's pages in turn, raw, compressed by the store) in a transaction of
its own, then the articles and entities this checkout's cleaner makes of those pages, a
chunk of 4 a transaction (the writes of a prefetch refresh arrive one at a time, so most
commit alone). Prints the CPU (process time) of each phase in each round and the ratio of
the minima to --baseline; FTS5's integrity-check runs on every cache.

    python bench/store_speed.py --baseline /work/base21 --rounds 3
    python bench/store_speed.py --baseline /work/base24 --rounds 3 --pages
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refresh_bench import REPO, feed_xml  # noqa: E402 - the bench folder is not a package

FEEDS, ITEMS = 500, 20
FEEDS_PER_COMMIT, CHUNK, CHUNKS_PER_COMMIT = 10, 25, 4
_PAGE_TEXT = (
    "the minister said on Monday that the new ferry berth would open next spring after a "
    "long review of the harbour plan by the council and residents"
)

# Runs in a child with the checkout first on sys.path: argv = checkout, data file.
_CHILD = """
import json, pickle, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tui_reader.store import Store
from tui_reader.processing import store_cleaned
parsed, feed_only, paged, per_commit, chunks, pages = pickle.loads(Path(sys.argv[2]).read_bytes())
out = {}
phases = [("feed articles", feed_only), ("page articles", paged)]
if pages is not None:
    phases.append(("fetched pages", pages[1]))
for name, cleaned in phases:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "cache.sqlite3")
        ids = [store.add_feed(f"http://bench.example/{i}.xml").id for i in range(len(parsed))]
        start = time.process_time()
        for first in range(0, len(parsed), per_commit):
            with store.batch():
                for i in range(first, min(first + per_commit, len(parsed))):
                    store.record_feed_ok(ids[i], parsed[i], etag=None, last_modified=None,
                                         now=1.7e9)
        out["items"] = min(out.get("items", 1e9), time.process_time() - start)
        start = time.process_time()
        if name == "fetched pages":
            html, uses = pages[0], pages[2]
            for chunk in cleaned:
                for done in chunk:
                    with store.batch():
                        store.store_page(done.item_id, status="ok", html=html[uses[done.item_id]],
                                         url=f"http://bench.example/{done.item_id}.html",
                                         now=1.7e9, content_type="text/html")
                with store.batch():
                    store_cleaned(store, chunk, "bench")
        else:
            for first in range(0, len(cleaned), chunks):
                with store.batch():
                    for chunk in cleaned[first : first + chunks]:
                        store_cleaned(store, chunk, "bench")
        out[name] = time.process_time() - start
        store._conn.execute("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")
        store.close()
print(json.dumps(out))
"""


def bench_data(pages: Path | None) -> bytes:
    """The parsed feeds and their cleaned items (feed-only, and with a text of their own);
    with `pages` (a folder of them), the pages, each item's cleaned from its page in chunks
    of PAGE_CHUNK, and which page each item has."""
    sys.path.insert(0, str(REPO))
    from tui_reader.fetch.feeds import parse_feed
    from tui_reader.processing import CleanJob, clean_jobs

    parsed = []
    for i in range(FEEDS):
        url = f"http://bench.example/{i}.xml"
        parsed.append(parse_feed(feed_xml(i, ITEMS, f"http://bench.example/{i}"), {}, url))
    items = [entry for feed in parsed for entry in feed.items]
    jobs = [
        CleanJob(n + 1, entry.title, entry.content, entry.summary, entry.link, None)
        for n, entry in enumerate(items)
    ]
    # Item ids as the fresh cache gives them: 1, 2, ... in feed order.
    feed_only = [clean_jobs(jobs[i : i + CHUNK], "builtin") for i in range(0, len(jobs), CHUNK)]
    paged = [[_as_page(done) for done in chunk] for chunk in feed_only]
    fetched = None if pages is None else _fetched(jobs, pages)
    return pickle.dumps((parsed, feed_only, paged, FEEDS_PER_COMMIT, CHUNKS_PER_COMMIT, fetched))


def _fetched(jobs: list[Any], folder: Path) -> tuple[list[bytes], list[list[Any]], dict[int, int]]:
    """(the pages, the items cleaned from them in chunks of PAGE_CHUNK, item id -> its
    page): each distinct page cleaned once, its result given to every item that has it."""
    from refresh_bench import load_pages

    from tui_reader.processing import PAGE_CHUNK, clean_jobs

    html = load_pages(tuple(sorted(folder.glob("*.html*"))))
    # The page refresh_bench.py's server gives item n of feed f: (f * ITEMS + n) % pages.
    uses = {job.item_id: (job.item_id - 1) % len(html) for job in jobs}
    once = {}
    for index, page in enumerate(html):
        job = dataclasses.replace(jobs[index], page=page, content_type="text/html")
        [once[index]] = clean_jobs([job], "builtin")
    cleaned = [dataclasses.replace(once[uses[job.item_id]], item_id=job.item_id) for job in jobs]
    return html, [cleaned[i : i + PAGE_CHUNK] for i in range(0, len(cleaned), PAGE_CHUNK)], uses


def _as_page(done: object) -> object:
    article = done.article  # type: ignore[attr-defined]
    if article is None:
        return done
    n = done.item_id  # type: ignore[attr-defined]
    vocabulary = _PAGE_TEXT.split()
    words = [vocabulary[(n * 7 + j) % len(vocabulary)] for j in range(120)]
    text = " ".join([*words, f"page{n}"])
    blocks = (dataclasses.replace(article.blocks[0], text=text),) if article.blocks else ()
    article = dataclasses.replace(article, text=text, blocks=blocks)
    return dataclasses.replace(done, article=article, source="page")  # type: ignore[type-var]


def run(repo: Path, data: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(repo), str(data)],
        capture_output=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"{repo}: {done.stderr.decode()[-800:]}")
    result: dict[str, float] = json.loads(done.stdout.decode().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout, alternated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--pages",
        nargs="?",
        type=Path,
        const=REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "html",
        help="also the writes of a prefetch refresh, with these pages (default: the article "
        "benchmark's)",
    )
    args = parser.parse_args()
    repos = {"this": REPO}
    if args.baseline is not None:
        repos = {"baseline": args.baseline.resolve(), **repos}
    with tempfile.TemporaryDirectory(prefix="store-speed-") as tmp:
        data = Path(tmp) / "data.pickle"
        data.write_bytes(bench_data(args.pages))
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for name, repo in repos.items():
                result = run(repo, data)
                print(f"{name:8} " + ", ".join(f"{k} {v:.3f} s" for k, v in result.items()))
                for key, value in result.items():
                    mine = best.setdefault(name, {})
                    mine[key] = min(mine.get(key, value), value)
    for name, phases in best.items():
        print(f"min {name:8} " + ", ".join(f"{k} {v:.3f} s" for k, v in phases.items()))
    if "baseline" in best:
        ratios = {k: best["this"][k] / v for k, v in best["baseline"].items() if v}
        print("this / baseline: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))


if __name__ == "__main__":
    main()

"""CPU of the store's refresh writes alone, in one process: the bench's 10,000 items.

refresh_bench.py's 500 feeds x 20 items, parsed and cleaned once by this checkout, then
stored into a fresh cache by each checkout in a child process, as a refresh's writer
thread groups them: `record_feed_ok` 10 feeds a transaction ("items"), then
`store_cleaned_many` of chunks of 25, 4 chunks a transaction, once as the feed-only
articles the cleaner made ("feed articles": their text is the indexed summary) and once
with a text of their own, as from a page ("page articles": indexed anew). Prints the CPU
(process time) of each phase in each round and the ratio of the minima to --baseline;
FTS5's integrity-check runs on every cache.

    python bench/store_speed.py --baseline /work/base21 --rounds 3
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
parsed, feed_only, paged, per_commit, chunks = pickle.loads(Path(sys.argv[2]).read_bytes())
out = {}
for name, cleaned in (("feed articles", feed_only), ("page articles", paged)):
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
        for first in range(0, len(cleaned), chunks):
            with store.batch():
                for chunk in cleaned[first : first + chunks]:
                    store_cleaned(store, chunk, "bench")
        out[name] = time.process_time() - start
        store._conn.execute("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")
        store.close()
print(json.dumps(out))
"""


def bench_data() -> bytes:
    """The parsed feeds and their cleaned items (feed-only, and with a text of their own)."""
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
    return pickle.dumps((parsed, feed_only, paged, FEEDS_PER_COMMIT, CHUNKS_PER_COMMIT))


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
    args = parser.parse_args()
    repos = {"this": REPO}
    if args.baseline is not None:
        repos = {"baseline": args.baseline.resolve(), **repos}
    with tempfile.TemporaryDirectory(prefix="store-speed-") as tmp:
        data = Path(tmp) / "data.pickle"
        data.write_bytes(bench_data())
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

"""CPU per feed-only item: the cleaner (clean_item on a feed summary) and the entity
extractor on its text, the two steps a `refresh --no-prefetch` runs in its workers for
every new item.

Items: refresh_bench.py's 2,000 summaries (500 feeds x 20 items have this shape), and every
entry of ../shared/data/feedparser-cases when it is there. Best of --repeat rounds of
process time. With --baseline DIR the same measurement runs alternated in a checkout at
DIR (a subprocess with DIR first on PYTHONPATH), for a ratio under the same load.

    python bench/feed_item_speed.py
    python bench/feed_item_speed.py --baseline ../main --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkouts import run_in  # noqa: E402 - the bench folder is not a package

FEEDS = REPO.parent / "shared" / "data" / "feedparser-cases"


def bench_items() -> list[tuple[str, str, str]]:
    """(title, summary HTML, link) as refresh_bench.py's feeds carry them."""
    items = []
    for f in range(100):
        for n in range(20):
            items.append(
                (
                    f"Feed {f} story {n}: council weighs new harbour plan",
                    f"<p>Story {n} of feed {f}. The council met on Tuesday to discuss the "
                    "harbour plan, which would add two ferry berths and a cycle route along "
                    "the quay. Residents of the old town asked for more time to respond.</p>",
                    f"http://127.0.0.2/articles/{f}/{n}.html",
                )
            )
    return items


def corpus_items() -> list[tuple[str, str, str]]:
    if not FEEDS.is_dir():
        return []
    import feedparser

    items = []
    for path in sorted(FEEDS.rglob("*")):
        if path.is_file():
            for entry in feedparser.parse(path.read_bytes()).entries:
                summary = entry.get("summary", "")
                if summary.strip():
                    items.append((entry.get("title", ""), summary, entry.get("link", "")))
    return items


def measure(repeat: int) -> dict[str, float]:
    """ms per item, best of `repeat`, for each set and step (run in this interpreter)."""
    from tui_reader.clean import clean_item
    from tui_reader.entities import extract_entities
    from tui_reader.processing import warm_up

    warm_up("builtin")
    out: dict[str, float] = {}
    for name, items in (("bench", bench_items()), ("feedparser-cases", corpus_items())):
        if not items:
            continue
        clean = entities = float("inf")
        for _ in range(repeat):
            begin = time.process_time()
            texts = [
                clean_item(title=t, content_html="", summary_html=s, page_html=None, url=u or None)[
                    0
                ].text
                for t, s, u in items
            ]
            clean = min(clean, time.process_time() - begin)
            begin = time.process_time()
            for text in texts:
                extract_entities(text, backend="builtin")
            entities = min(entities, time.process_time() - begin)
        out[f"{name} cleaner"] = clean / len(items) * 1000
        out[f"{name} entities"] = entities / len(items) * 1000
        out[f"{name} items"] = len(items)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout to alternate with")
    parser.add_argument("--rounds", type=int, default=2, help="alternations with --baseline")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.repeat)))
        return
    runs: list[tuple[str, dict[str, float]]] = []
    for _ in range(args.rounds if args.baseline else 1):
        if args.baseline:
            runs.append(("baseline", run_in(__file__, args.baseline.resolve(), args.repeat)))
        runs.append(("this", run_in(__file__, REPO, args.repeat)))
    print(f"load average {os.getloadavg()[0]:.1f}; ms per item, best of {args.repeat}")
    for label, figures in runs:
        shown = ", ".join(
            f"{k} {v:.3f}" if not k.endswith("items") else f"{k} {v:.0f}"
            for k, v in figures.items()
        )
        print(f"  {label:8s} {shown}")


if __name__ == "__main__":
    main()

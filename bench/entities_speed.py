"""Time per article of the entity extractor over the 181 ground-truth article bodies.

    python bench/entities_speed.py [--backend builtin|spacy] [--repeat 5]

Each body is extracted `--repeat` times and its best time kept (the least disturbed by the
machine); the table gives the median, mean, 90th percentile and max of those per-article
times. The gazetteer load (once per process) is timed separately, before the loop.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.entities import extract_entities  # noqa: E402
from tui_reader.errors import BackendUnavailableError  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default="builtin", choices=("builtin", "spacy"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    bodies = [v["articleBody"] for v in json.loads(args.data.read_text("utf-8")).values()]

    start = time.perf_counter()
    try:
        extract_entities("Warm-up in Paris.", backend=args.backend)
    except BackendUnavailableError as exc:
        print(f"{args.backend}: not run: {exc}")
        return 0
    load_ms = (time.perf_counter() - start) * 1000

    per_article: list[float] = []
    entities = 0
    for body in bodies:
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            found = extract_entities(body, backend=args.backend)
            best = min(best, time.perf_counter() - t0)
        per_article.append(best * 1000)
        entities += len(found)
    per_article.sort()
    chars = sum(len(b) for b in bodies)
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"{len(bodies)} articles, {chars} characters, {entities} entities found")
    print(f"first call (loads the gazetteer): {load_ms:.0f} ms")
    print("| backend | median ms/article | mean | p90 | max |")
    print("|---|---:|---:|---:|---:|")
    p90 = per_article[int(0.9 * (len(per_article) - 1))]
    print(
        f"| {args.backend} | {statistics.median(per_article):.2f} | "
        f"{statistics.mean(per_article):.2f} | {p90:.2f} | {per_article[-1]:.2f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

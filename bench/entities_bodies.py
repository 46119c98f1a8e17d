"""What the extractor finds in the 181 real article bodies (no gold labels exist for them).

    python bench/entities_bodies.py [--type PERSON] [--sample 60] [--seed 2026]

Prints the number of entities of each type over all bodies, then a seeded random sample of
the names of one type, for checking by hand (BENCHMARKS.md gives the counts a
reader judged right in that sample, so the judgement can be repeated).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.entities import extract_entities  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--type", default="PERSON", choices=("PERSON", "ORG", "PLACE"))
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    data = json.loads(args.data.read_text("utf-8"))
    counts: Counter[str] = Counter()
    names: list[str] = []
    for key in sorted(data):
        for entity in extract_entities(data[key]["articleBody"]):
            counts[entity.type] += 1
            if entity.type == args.type:
                names.append(entity.name)
    print(f"{len(data)} bodies: " + ", ".join(f"{t} {counts[t]}" for t in sorted(counts)))
    sample = random.Random(args.seed).sample(names, min(args.sample, len(names)))
    for name in sample:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

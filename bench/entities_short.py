"""CPU per short text of the built-in entity extractor: feed summaries, not article bodies.

    python bench/entities_short.py [--baseline DIR] [--rounds 3] [--repeat 5]

Texts, all distinct: refresh_bench's summary with its numbers varied (the shape 500 feeds
x 20 items carry), the first ~200 characters of every long paragraph of the
article-extraction benchmark's bodies (cut at a space), and feedparser-cases' summaries as
a refresh cleans them. Each set is extracted --repeat times in one process and its best
process time kept (word memo tables warm, as in a refresh's long-lived worker). With
--baseline DIR the same runs in a checkout at DIR, alternated --rounds times with this one
(each in a subprocess with its checkout first on PYTHONPATH), so both see the same load.
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

DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"


def summaries() -> list[str]:
    """refresh_bench.py's summary text, each with its own numbers (1,000 texts)."""
    return [
        f"Story {n} of feed {f}. The council met on Tuesday to discuss the harbour plan, which "
        "would add two ferry berths and a cycle route along the quay. Residents of the old "
        "town asked for more time to respond."
        for f in range(50)
        for n in range(20)
    ]


def paragraphs() -> list[str]:
    """The first ~200 characters of each long paragraph of the AEB bodies, distinct."""
    if not DATA.is_file():
        return []
    seen: dict[str, None] = {}
    for row in json.loads(DATA.read_text("utf-8")).values():
        for para in str(row["articleBody"]).split("\n"):
            para = para.strip()
            if len(para) > 120:
                cut = para.rfind(" ", 0, 200)
                seen[para[: cut if cut > 0 else 200]] = None
    return list(seen)


def feed_summaries() -> list[str]:
    """feedparser-cases' summaries as a refresh cleans a feed-only item."""
    sys.path.insert(0, str(REPO / "bench"))
    from feed_item_speed import corpus_items

    from tui_reader.clean import clean_item

    seen: dict[str, None] = {}
    for title, summary, link in corpus_items():
        article, _ = clean_item(
            title=title, content_html="", summary_html=summary, page_html=None, url=link or None
        )
        if article.text.strip():
            seen[article.text] = None
    return list(seen)


def measure(repeat: int) -> dict[str, float]:
    """us per text, best of `repeat` rounds of process time, for each set."""
    from tui_reader.entities import extract_entities

    extract_entities("Warm-up in Paris.")  # the gazetteer and word lists load once
    out: dict[str, float] = {}
    for name, texts in (
        ("summaries", summaries()),
        ("paragraphs", paragraphs()),
        ("feed-cases", feed_summaries()),
    ):
        if not texts:
            continue
        best = float("inf")
        for _ in range(repeat):
            begin = time.process_time()
            for text in texts:
                extract_entities(text, backend="builtin")
            best = min(best, time.process_time() - begin)
        out[name] = best / len(texts) * 1e6
        out[f"{name} n"] = len(texts)
        out[f"{name} chars"] = sum(map(len, texts)) / len(texts)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a checkout to alternate with")
    parser.add_argument("--rounds", type=int, default=3, help="alternations with --baseline")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.repeat)))
        return
    labels = ("baseline", "this") if args.baseline else ("this",)
    checkouts = {"baseline": args.baseline, "this": REPO}
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.rounds if args.baseline else 1):
        for label in labels:
            figures = run_in(__file__, Path(checkouts[label]).resolve(), args.repeat)
            kept = best.setdefault(label, figures)
            for key, value in figures.items():
                kept[key] = min(kept[key], value)
    sets = [k for k in best["this"] if not k.endswith((" n", " chars"))]
    print(f"load average {os.getloadavg()[0]:.1f}; us per text, best of {args.repeat} x rounds")
    for name in sets:
        row = f"  {name:11s} {best['this'][name + ' n']:5.0f} texts "
        row += f"{best['this'][name + ' chars']:4.0f} chars:"
        row += "".join(f"  {label} {best[label][name]:7.1f}" for label in labels)
        if args.baseline:
            row += f"  ratio {best['this'][name] / best['baseline'][name]:.2f}"
        print(row)


if __name__ == "__main__":
    main()

"""Article-extraction benchmark: our cleaner, readability-lxml and trafilatura on four public sets.

    python bench/extraction_bench.py [--split each|dev|heldout|all] [--sets aeb,wcxb,traf,rdb]
                                     [--sample N] [--only ours] [--json OUT] [--markdown]

One run scores every extractor on every page of every set with the scorer of
shared/tools/extraction_eval.py (imported, not copied: the same tokens, shingles, snippet rule
and aggregation), and prints one table. Each page's HTML is what the eval tool hands an
extractor (its gzip, decoded as UTF-8), so the figures are comparable with the tool's own runs.
The extractors run one after another on the same page, so load from other processes on the
shared machine hits them alike; ms/page is the mean of those calls and "x rdb" its ratio to
readability-lxml's in the same run.

Sets (each under shared/data/): aeb = article-extraction-benchmark (181, shingle gold),
wcxb = wcxb-articles (709, shingle gold and snippets), traf = trafilatura-eval (990, snippets
only), rdb = readability-testpages (130, Readability.js's own output as gold). "heldout" is the
eval tool's split by hash of the page id (about a quarter of each set), never looked at while
tuning. The headline figure per set is shingle F1, or snippet F where a set has only snippets.

It also decodes the raw bytes of every page of the chosen sets with the cleaner's decoder
(no HTTP header: BOM, <meta>, then the detector) and counts the pages that fail or decode
to replacement characters where a strict decode of the declared charset would not.
`--sample N` keeps every Nth page (of the chosen split) for quick runs while iterating.
Needs `html-text` and `trafilatura` (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL = SHARED / "tools" / "extraction_eval.py"
SETS = {
    "aeb": "article-extraction-benchmark",
    "wcxb": "wcxb-articles",
    "traf": "trafilatura-eval",
    "rdb": "readability-testpages",
}
EXTRACTORS = {
    "ours": "tui-reader",
    "readability-htmltext": "readability-lxml 0.9 + html_text",
    "trafilatura": "trafilatura (default)",
    "trafilatura-nocomments": "trafilatura (no comments)",
}

Extractor = Callable[[str, str | None], str]


def _load_eval() -> Any:
    sys.path.insert(0, str(EVAL.parent))
    import extraction_eval as ev  # type: ignore[import-not-found]

    return ev


def _extractors(ev: Any, only: list[str]) -> dict[str, Extractor]:
    from tui_reader.clean.eval import extract

    fns: dict[str, Extractor] = {"ours": extract}
    for name in EXTRACTORS:
        if name != "ours":
            fns[name] = ev.BUILTINS[name]
    return {k: v for k, v in fns.items() if not only or k in only}


def run_set(
    ev: Any, key: str, split: str, sample: int, fns: dict[str, Extractor]
) -> dict[str, list[dict[str, Any]]]:
    """Per extractor, one scored row per page (the eval tool's row format)."""
    pages = ev.load_dataset(SHARED / "data" / SETS[key])
    ids = ev.select_ids(pages, "all" if split == "each" else split, None)[::sample]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in fns}
    if ids:  # one untimed call each: lazy imports and regex compilation are not page time
        first = pages[ids[0]]
        for fn in fns.values():
            with contextlib.suppress(Exception):  # a crash on this page is counted below
                fn(ev.read_html(first["path"]), first["url"])
    for pid in ids:
        page = pages[pid]
        html = ev.read_html(page["path"])
        for name, fn in fns.items():
            error = None
            start = time.perf_counter()
            try:
                pred = fn(html, page["url"]) or ""
            except Exception as exc:  # an extractor crash counts as empty output, and an error
                pred, error = "", f"{type(exc).__name__}: {exc}"
            ms = (time.perf_counter() - start) * 1000.0
            row = ev.score_page(page["truth"], pred)
            row.update(ev.snippet_counts(page, pred))
            row.update(id=pid, split=ev.split_of(pid), ms=ms, error=error)
            rows[name].append(row)
    return rows


def decode_check(ev: Any, key: str, split: str, sample: int) -> tuple[int, int, list[str]]:
    """(pages, failures, ids of the failures): raw bytes through the cleaner's decoder."""
    from tui_reader.clean.decode import decode_html

    pages = ev.load_dataset(SHARED / "data" / SETS[key])
    ids = ev.select_ids(pages, "all" if split == "each" else split, None)[::sample]
    bad: list[str] = []
    for pid in ids:
        with gzip.open(pages[pid]["path"], "rb") as fh:
            raw = fh.read()
        try:
            text = decode_html(raw).text
        except Exception:  # noqa: BLE001 - any failure to decode is what we count
            bad.append(pid)
            continue
        if "\ufffd" in text and "\ufffd" not in raw.decode("utf-8", "replace"):
            bad.append(pid)  # we made replacement characters a UTF-8 reading would not
    return len(ids), len(bad), bad


def summary(ev: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    agg: dict[str, Any] = ev.aggregate(rows)
    agg["n"] = len(rows)
    agg["empty"] = sum(1 for r in rows if r["pred_tokens"] == 0)
    agg["errors"] = sum(1 for r in rows if r["error"])
    agg["ms"] = statistics.fmean(r["ms"] for r in rows) if rows else 0.0
    agg["has_gold_text"] = any(r["recall"] is not None for r in rows)
    return agg


def _cell(agg: dict[str, Any], key: str) -> str:
    return f"{agg[key]:.3f}" if key in agg else "-"


def print_table(results: dict[str, dict[str, dict[str, dict[str, Any]]]], markdown: bool) -> None:
    head = (
        "| set | extractor | split | n | **score** | P | R | snippet P | snippet R | "
        "empty | errors | ms/page | x rdb |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for key, by_split in results.items():
        for split, by_name in by_split.items():
            base = by_name.get("readability-htmltext", {}).get("ms")
            for name, agg in by_name.items():
                text_gold = agg["has_gold_text"]
                score = agg["f1"] if text_gold else agg.get("snippet_f", 0.0)
                p = _cell(agg, "precision") if text_gold else _cell(agg, "snippet_precision")
                r = _cell(agg, "recall") if text_gold else _cell(agg, "snippet_recall")
                sp = _cell(agg, "snippet_precision") if text_gold else "-"
                sr = _cell(agg, "snippet_recall") if text_gold else "-"
                ratio = f"{agg['ms'] / base:.2f}" if base else "-"
                label = EXTRACTORS[name]
                bold = "**" if markdown and name == "ours" else ""
                metric = "F1" if text_gold else "snippet F"
                print(
                    f"| {key} | {bold}{label}{bold} | {split} | {agg['n']} | "
                    f"{bold}{score:.3f}{bold} ({metric}) | {p} | {r} | {sp} | {sr} | "
                    f"{agg['empty']} | {agg['errors']} | {agg['ms']:.1f} | {ratio} |"
                )


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["each", "all", "dev", "heldout"], default="each")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: aeb,wcxb,traf,rdb")
    ap.add_argument("--sample", type=int, default=1, help="keep every Nth page (quick runs)")
    ap.add_argument("--only", default="", help="comma-separated: " + ",".join(EXTRACTORS))
    ap.add_argument("--json", type=Path, help="write every per-page row here")
    ap.add_argument("--markdown", action="store_true", help="bold our rows (for BENCHMARKS.md)")
    args = ap.parse_args(argv)
    if not EVAL.is_file():
        print(f"extraction_bench: {EVAL} not found (shared/ must sit next to the repo)")
        return 2
    sys.path.insert(0, str(REPO))
    ev = _load_eval()
    keys = [k for k in args.sets.split(",") if k]
    unknown = [k for k in keys if k not in SETS]
    if unknown:
        ap.error(f"unknown set {unknown[0]!r}; have {', '.join(SETS)}")
    fns = _extractors(ev, [k for k in args.only.split(",") if k])
    splits = ["all", "dev", "heldout"] if args.split == "each" else [args.split]
    results: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    dump: dict[str, Any] = {}
    decoding: list[str] = []
    for key in keys:
        rows = run_set(ev, key, args.split, args.sample, fns)
        dump[key] = rows
        results[key] = {
            sp: {
                name: summary(ev, [r for r in rs if sp == "all" or r["split"] == sp])
                for name, rs in rows.items()
            }
            for sp in splits
        }
        n, failed, bad = decode_check(ev, key, args.split, args.sample)
        decoding.append(f"{key}: {n} pages, {failed} undecodable" + (f" {bad[:3]}" if bad else ""))
    print_table(results, args.markdown)
    print()
    print("decoding the raw bytes (no HTTP header):", "; ".join(decoding))
    if args.json:
        args.json.write_text(json.dumps(dump), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

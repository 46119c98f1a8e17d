"""Whether two checkouts' built-in entity extractors give the same output, text for text.

    python bench/entities_same.py --baseline /work/main [--only gum,feeds] [--show 20]

For a change meant to make the extractor faster and nothing else: every text below is read
by both checkouts (each in a subprocess with its checkout first on PYTHONPATH), and every
result compared: each entity's type, name, key, aliases (in order), count and first
offset, in order, and the extractor's mentions before merging (name, type, offset,
tentative, shown form, region, listed). Exits 1 on any difference.

Texts: GUM's documents and their paragraphs, the repo's own corpora (tests/entities/
corpus.json, tests/entities/documents), the real article bodies of the extraction
benchmarks (AEB, WCXB, readability's test pages), the seed article, and
short texts as feeds carry them: feedparser-cases' entries, refresh_bench's summaries,
make_cache's title+summary items, each cleaned as a refresh cleans a feed-only item, and
headlines in capitals. A difference in a held-out document is reported by its id only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
BENCHES = ("article-extraction-benchmark", "wcxb-articles", "readability-testpages")

# (set, id, text, held out)
Text = tuple[str, str, str, bool]


def _gum() -> list[Text]:
    path = DATA / "gum-entities" / "corpus.json"
    if not path.is_file():
        return []
    out: list[Text] = []
    for doc in json.loads(path.read_text("utf-8")):
        doc_id, text = str(doc["id"]), str(doc["text"])
        held = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 4 == 0  # entities_gum's
        out.append(("gum", doc_id, text, held))
        for k, para in enumerate(p for p in text.split("\n") if p.strip()):
            out.append(("gum-paragraphs", f"{doc_id}#{k}", para, held))
    return out


def _corpus() -> list[Text]:
    data = json.loads((REPO / "tests" / "entities" / "corpus.json").read_text("utf-8"))
    return [
        ("corpus", str(item["id"]), str(item["text"]), item.get("split") == "heldout")
        for item in data["items"]
    ]


def _documents() -> list[Text]:
    sys.path.insert(0, str(REPO / "bench"))
    from entities_docs import read_documents

    return [("documents", doc.name, doc.text, False) for doc in read_documents()]


def _bodies() -> list[Text]:
    out: list[Text] = []
    for name in BENCHES:
        path = DATA / name / "ground-truth.json"
        if path.is_file():
            for key, row in sorted(json.loads(path.read_text("utf-8")).items()):
                body = str(row.get("articleBody") or "")
                if body.strip():
                    out.append((name, key, body, False))
    seed = DATA / "seed"
    for file in ("page-text.txt", "expected-body.txt", "expected-title.txt"):
        if (seed / file).is_file():
            out.append(("seed", file, (seed / file).read_text("utf-8"), False))
    return out


def _feed_items() -> list[tuple[str, str, str, str]]:
    """(set, title, summary HTML, link) as feeds carry them."""
    sys.path.insert(0, str(REPO / "bench"))
    from feed_item_speed import bench_items, corpus_items

    items = [("refresh-bench", t, s, u) for t, s, u in bench_items()[:200]]
    items += [("feedparser-cases", t, s, u) for t, s, u in corpus_items()]
    # make_cache.py's items: a real paragraph's first sentence for a title, 300 characters
    # of it for the summary.
    path = DATA / "article-extraction-benchmark" / "ground-truth.json"
    if path.is_file():
        for row in json.loads(path.read_text("utf-8")).values():
            for para in str(row["articleBody"]).split("\n"):
                para = para.strip()
                if len(para) > 80:
                    title = para.split(". ")[0][:90]
                    items.append(("make-cache", title, f"<p>{para[:300]}</p>", ""))
    return items


def _feeds() -> list[Text]:
    from tui_reader.clean import clean_item

    out: list[Text] = []
    for k, (name, title, summary, link) in enumerate(_feed_items()):
        article, _ = clean_item(
            title=title, content_html="", summary_html=summary, page_html=None, url=link or None
        )
        out.append((name, str(k), article.text, False))
        if title.strip():
            out.append((name + "-titles", str(k), title, False))
            out.append((name + "-titles-upper", str(k), title.upper(), False))
    return out


SETS = {
    "gum": _gum,
    "corpus": _corpus,
    "documents": _documents,
    "bodies": _bodies,
    "feeds": _feeds,
}


def extract_all(texts: list[str]) -> list[dict[str, Any]]:
    """Every text's result as plain data (run inside the checkout under test)."""
    from tui_reader.entities import extract_entities
    from tui_reader.entities.builtin import builtin_mentions
    from tui_reader.entities.key import entity_key

    out: list[dict[str, Any]] = []
    for text in texts:
        entities = [
            [e.type, e.name, entity_key(e.name), list(e.aliases), e.count, e.first_offset]
            for e in extract_entities(text, backend="builtin")
        ]
        mentions = [
            [m.name, m.type, m.offset, m.tentative, m.surface, m.region, m.listed]
            for m in builtin_mentions(text)
        ]
        out.append({"entities": entities, "mentions": mentions})
    return out


def start_in(checkout: Path, texts_file: Path, out_file: Path) -> subprocess.Popen[bytes]:
    """Run the extractor of `checkout` over the texts (both checkouts run at once)."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--dump", str(texts_file), str(out_file)],
        env=env,
        cwd=checkout,
    )


def cpu_of(proc: subprocess.Popen[bytes]) -> float:
    """Wait for `proc`; its CPU seconds (user + system)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"the extractor run failed (exit {proc.returncode})")
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="the checkout to compare with")
    parser.add_argument("--only", default=",".join(SETS), help="sets: " + ", ".join(SETS))
    parser.add_argument("--show", type=int, default=10, help="differences to print")
    parser.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        texts = json.loads(args.dump[0].read_text("utf-8"))
        args.dump[1].write_text(json.dumps(extract_all(texts)), "utf-8")
        return 0
    if args.baseline is None:
        parser.error("--baseline DIR is required")
    sys.path.insert(0, str(REPO))
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SETS]
    if unknown:
        parser.error(f"unknown set {unknown[0]!r} (use: {', '.join(SETS)})")
    rows: list[Text] = [row for name in chosen for row in SETS[name]()]
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps([text for _, _, text, _ in rows]), "utf-8")
        checkouts = {"baseline": args.baseline.resolve(), "this": REPO}
        procs = {k: start_in(c, texts_file, Path(tmp) / f"{k}.json") for k, c in checkouts.items()}
        cpu = {label: cpu_of(proc) for label, proc in procs.items()}
        results: dict[str, list[dict[str, Any]]] = {
            label: json.loads((Path(tmp) / f"{label}.json").read_text("utf-8")) for label in procs
        }
    per_set: dict[str, list[int]] = {}  # set -> [texts, differing texts]
    shown = 0
    for row, old, new in zip(rows, results["baseline"], results["this"], strict=True):
        name, text_id, _, held = row
        counts = per_set.setdefault(name, [0, 0])
        counts[0] += 1
        if old == new:
            continue
        counts[1] += 1
        if shown >= args.show:
            continue
        shown += 1
        if held:
            print(f"DIFF {name} {text_id} (held out: contents not shown)")
            continue
        for part in ("entities", "mentions"):
            a, b = old[part], new[part]
            if a != b:
                size = min(len(a), len(b))
                k = next((i for i in range(size) if a[i] != b[i]), size)
                was, now = a[k : k + 1], b[k : k + 1]
                print(f"DIFF {name} {text_id} {part}[{k}]: baseline {was} this {now}")
    total = sum(c[0] for c in per_set.values())
    differing = sum(c[1] for c in per_set.values())
    for name, (n, d) in per_set.items():
        print(f"  {name:32s} {n:6d} texts  {d:4d} differ")
    print(
        f"{total} texts, {differing} differ; extractor CPU baseline {cpu['baseline']:.1f} s, "
        f"this {cpu['this']:.1f} s (ratio {cpu['this'] / cpu['baseline']:.2f}), "
        f"load {os.getloadavg()[0]:.1f}, {time.strftime('%H:%M:%S')}"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

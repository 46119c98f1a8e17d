"""The entity extractor on GUM, scored by `../shared/tools/entity_score.py`, dev and held-out.

    python bench/entities_gum.py [--backend builtin|spacy] [--split dev|heldout|all|each]
                                 [--genres] [-v]

The split is fixed: a document is held out when the SHA-256 of its id is 0 modulo 4 (26 of
the 88 documents, 7 of them news). Held-out documents were never printed or looked at while
the extractor was built; `-v` (the scorer's list of misses) refuses to run on them. Each row
is one run of the shared scorer on that subset of the corpus (written to a temporary file),
so the figures are the scorer's own. `--genres` adds one row per genre and split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "entity_score.py"
CORPUS = SHARED / "data" / "gum-entities" / "corpus.json"
GENRES = ("news", "interview", "bio", "voyage", "academic", "court")

_BACKEND = "builtin"


def extract(text: str) -> list[dict[str, Any]]:
    """The scorer's entry point: `bench/entities_gum.py:extract`."""
    from tui_reader.entities import extract_entities

    return [
        {"type": e.type, "name": e.name, "aliases": list(e.aliases)}
        for e in extract_entities(text, backend=_BACKEND)
    ]


def extract_spacy(text: str) -> list[dict[str, Any]]:
    global _BACKEND
    _BACKEND = "spacy"
    return extract(text)


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 4 == 0


def genre(doc_id: str) -> str:
    return doc_id.split("_")[1]


def score(docs: list[dict[str, Any]], entry: str, verbose: bool) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as tmp:
        json.dump(docs, tmp)
        tmp.flush()
        cmd = [sys.executable, str(SCORER), *(["-v"] if verbose else []), entry, tmp.name]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if done.stderr.strip():
        print(done.stderr.strip(), file=sys.stderr)
    return done.stdout


def row(label: str, n: int, out: str) -> str:
    def cells(name: str) -> list[str]:
        m = re.search(rf"^{name}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out, re.MULTILINE)
        return list(m.groups()) if m else ["?", "?", "?"]

    strict = cells("strict")
    per_type = [cells(t)[2] for t in ("PERSON", "ORG", "PLACE")]
    alias = re.search(r"alias-merge accuracy ([\d.]+) \((\d+/\d+)", out)
    merged = f"{alias.group(1)} ({alias.group(2)})" if alias else "?"
    median = re.search(r"median ([\d.]+) ms", out)
    agnostic = cells("type-agnostic")[2]
    return (
        f"| {label} | {n} | {strict[2]} | {strict[0]} / {strict[1]} | {agnostic} | "
        + " | ".join(per_type)
        + f" | {merged} | {median.group(1) if median else '?'} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default="builtin", choices=("builtin", "spacy"))
    parser.add_argument("--split", default="each", choices=("dev", "heldout", "all", "each"))
    parser.add_argument("--genres", action="store_true", help="one row per genre and split")
    parser.add_argument("-v", "--verbose", action="store_true", help="the scorer's error list")
    args = parser.parse_args()
    if not SCORER.exists() or not CORPUS.exists():
        print(f"not run: {SCORER} or {CORPUS} is missing")
        return 0
    if args.verbose and args.split != "dev":
        print("-v lists errors and is for the dev split only (--split dev)")
        return 2
    if args.backend == "spacy":
        from tui_reader.entities.spacy_backend import load_model
        from tui_reader.errors import BackendUnavailableError

        try:
            load_model()
        except BackendUnavailableError as exc:
            print(f"spacy: not run: {exc}")
            return 0
    function = "extract_spacy" if args.backend == "spacy" else "extract"
    entry = f"{Path(__file__).resolve()}:{function}"
    docs: list[dict[str, Any]] = json.loads(CORPUS.read_text(encoding="utf-8"))
    parts = {
        "dev": [d for d in docs if not held_out(d["id"])],
        "heldout": [d for d in docs if held_out(d["id"])],
        "all": docs,
    }
    splits = ("dev", "heldout", "all") if args.split == "each" else (args.split,)
    if args.verbose:
        print(score(parts["dev"], entry, True))
        return 0
    print(f"GUM entities, {args.backend} backend, scored by {SCORER.name}")
    print(
        "| subset | docs | strict F1 | P / R | agnostic F1 | PERSON | ORG | PLACE "
        "| alias merging | median ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for split in splits:
        subsets = [(split, parts[split])]
        if args.genres:
            subsets += [
                (f"{split} {g}", [d for d in parts[split] if genre(d["id"]) == g]) for g in GENRES
            ]
        for label, subset in subsets:
            if subset:
                print(row(label, len(subset), score(subset, entry, False)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

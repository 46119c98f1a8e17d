"""Precision and recall of the entity extractors on tests/entities/corpus.json.

    python bench/entities_eval.py [--backend builtin|spacy|all] [--split dev|heldout|all] [-v]

Matching rule (stated so the figures can be checked): within one paragraph, a predicted
entity is correct when its type equals a gold entity's type and its canonical name equals,
case-insensitively, that gold entity's canonical name or one of the gold forms listed for it
(so "Britain" for gold "United Kingdom" counts, "Labour" for "Labour Party" counts). Each gold
entity is matched at most once; a second prediction for the same gold entity (an alias that
failed to merge) is a false positive. A right name with a wrong type is both a false
positive and a miss. Precision = correct / predicted, recall = matched gold / gold.
Alias accuracy: of the gold short forms that occur in the text, how many ended up merged
into the matched entity.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.entities import extract_entities  # noqa: E402
from tui_reader.errors import BackendUnavailableError  # noqa: E402
from tui_reader.models import Entity  # noqa: E402

CORPUS = REPO / "tests" / "entities" / "corpus.json"


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    aliases: int = 0
    aliases_merged: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus() -> list[dict[str, Any]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["items"]
    return items


def score_item(item: dict[str, Any], predicted: list[Entity], verbose: bool = False) -> Score:
    gold: list[tuple[str, str, list[str]]] = [
        (type_, name, forms)
        for type_, entries in item["gold"].items()
        for name, forms in entries.items()
    ]
    score = Score(predicted=len(predicted), gold=len(gold))
    matched: set[int] = set()
    misses: list[str] = []
    extras: list[str] = []
    for entity in predicted:
        hit = None
        for idx, (type_, name, forms) in enumerate(gold):
            names = {name.casefold(), *(f.casefold() for f in forms)}
            if idx not in matched and type_ == entity.type and entity.name.casefold() in names:
                hit = idx
                break
        if hit is None:
            extras.append(f"{entity.type}:{entity.name}")
            continue
        matched.add(hit)
        score.correct += 1
        _, _, forms = gold[hit]
        seen = {a.casefold() for a in entity.aliases} | {entity.name.casefold()}
        for form in forms:
            if form in item["text"]:
                score.aliases += 1
                score.aliases_merged += form.casefold() in seen
                if form.casefold() not in seen:
                    extras.append(f"unmerged alias {form!r} of {entity.name!r}")
    score.found = len(matched)
    for idx, (type_, name, _) in enumerate(gold):
        if idx not in matched:
            misses.append(f"{type_}:{name}")
    if verbose and (misses or extras):
        print(f"  {item['id']}: missed {misses} extra {extras}")
    return score


def evaluate(backend: str, split: str, verbose: bool) -> Score:
    total = Score()
    for item in load_corpus():
        if split != "all" and item["split"] != split:
            continue
        total.add(score_item(item, extract_entities(item["text"], backend=backend), verbose))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default="all", choices=("builtin", "spacy", "all"))
    parser.add_argument("--split", default="all", choices=("dev", "heldout", "all"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    backends = ("builtin", "spacy") if args.backend == "all" else (args.backend,)
    splits = ("dev", "heldout", "all") if args.split == "all" else (args.split,)
    items = load_corpus()
    print(f"corpus: {len(items)} paragraphs ({CORPUS.relative_to(REPO)})")
    print("| backend | split | paragraphs | gold | predicted | precision | recall | F1 | aliases |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for backend in backends:
        for split in splits:
            try:
                score = evaluate(backend, split, args.verbose)
            except BackendUnavailableError as exc:
                print(f"| {backend} | {split} | - | - | - | - | - | - | not run: {exc} |")
                break
            count = sum(1 for i in items if split == "all" or i["split"] == split)
            alias = f"{score.aliases_merged}/{score.aliases}"
            print(
                f"| {backend} | {split} | {count} | {score.gold} | {score.predicted} | "
                f"{score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} | {alias} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

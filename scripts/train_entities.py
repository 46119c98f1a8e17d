"""Train the entity tagger (a CRF over the rules' reading) and write it into the package.

    python scripts/train_entities.py [--out tui_reader/entities/data/entities.crfsuite]
    python scripts/train_entities.py --cv 5        # k-fold figures only, nothing written

Training data: `training/entities/*.txt`, documents written and annotated for this
project (see its README for the format and the conventions). Names are marked inline,
`[Ada Lovelace|P]`, `[Royal Society|O]`, `[London|L]`; a marked string stands for the same
type wherever else it occurs alone in that document, so a name is marked once.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.entities.builtin import RuleReading, rule_reading  # noqa: E402
from tui_reader.entities.model import MODEL_FILE, features  # noqa: E402

DATA = REPO / "training" / "entities"
OUT = REPO / "tui_reader" / "entities" / "data" / MODEL_FILE
MARK = re.compile(r"\[([^\[\]|]+)\|([POL])\]")
TYPES = {"P": "PERSON", "O": "ORG", "L": "PLACE"}
PARAMS = {"c1": 0.3, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Document:
    name: str
    genre: str
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, type) character offsets


def parse(body: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and the marked spans; each marked string of one type in a document
    also marks its other occurrences standing alone (longest strings first)."""
    out: list[str] = []
    size = 0
    spans: list[tuple[int, int, str]] = []
    last = 0
    for m in MARK.finditer(body):
        out.append(body[last : m.start()])
        size += m.start() - last
        spans.append((size, size + len(m.group(1)), TYPES[m.group(2)]))
        out.append(m.group(1))
        size += len(m.group(1))
        last = m.end()
    out.append(body[last:])
    text = "".join(out)
    types: dict[str, set[str]] = {}
    for a, b, t in spans:
        types.setdefault(text[a:b], set()).add(t)
    covered = [(a, b) for a, b, _ in spans]
    extra: list[tuple[int, int, str]] = []
    for name, kinds in sorted(types.items(), key=lambda kv: -len(kv[0])):
        if len(kinds) != 1:
            continue
        for found in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            a, b = found.span()
            if not any(x < b and a < y for x, y in covered):
                extra.append((a, b, next(iter(kinds))))
                covered.append((a, b))
    return text, sorted(spans + extra)


def read_documents(folder: Path = DATA) -> list[Document]:
    docs: list[Document] = []
    for path in sorted(folder.glob("*.txt")):
        for block in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.MULTILINE):
            if not block.strip():
                continue
            head, _, body = block.partition("\n")
            genre, name = head.split()[:2]
            text, spans = parse(body)
            if re.search(r"\|[POL]\]", text):
                raise ValueError(f"{path.name}: {name}: a mark is not closed")
            docs.append(Document(f"{path.stem}/{name}", genre, text, spans))
    return docs


def labelled(doc: Document) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, BIO labels) of each window the tagger will see in this document."""
    reading: RuleReading = rule_reading(doc.text)
    tokens = reading.tokens
    labels = ["O"] * len(tokens)
    for a, b, type_ in doc.spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= a and t.end <= b]
        for k, i in enumerate(inside):
            labels[i] = ("B-" if k == 0 else "I-") + type_
    ranges, rows = features(doc.text, reading)
    for (lo, hi), row in zip(ranges, rows, strict=True):
        yield row, labels[lo:hi]


def train(docs: list[Document], out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        for row, labels in labelled(doc):
            trainer.append(row, labels)
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def _norm(name: str) -> str:
    name = " ".join(name.split()).lower().strip(" .,;:'\"")
    name = name.removeprefix("the ")
    return name.removesuffix("'s").removesuffix("’s")


def score(docs: list[Document]) -> tuple[int, int, int]:
    """Entity-level (type, name) true positives, false positives and misses, as the
    shared scorer counts them (every form of an entity counts as one of its names)."""
    from tui_reader.entities import extract_entities

    tp = fp = fn = 0
    for doc in docs:
        gold = {(t, _norm(doc.text[a:b])) for a, b, t in doc.spans}
        pred = {
            (e.type, _norm(n)) for e in extract_entities(doc.text) for n in (e.name, *e.aliases)
        }
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def cross_validate(docs: list[Document], k: int) -> None:
    from tui_reader.entities import model

    order = list(range(len(docs)))
    random.Random(2026).shuffle(order)
    totals = {"rules": [0, 0, 0], "model": [0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            test = [docs[i] for i in order[fold::k]]
            rest = [docs[i] for i in order if i not in order[fold::k]]
            path = Path(tmp) / f"fold{fold}.crfsuite"
            train(rest, path)
            import pycrfsuite

            for label, tagger in (("rules", None), ("model", pycrfsuite.Tagger())):
                if tagger is not None:
                    tagger.open(str(path))
                model.tagger.cache_clear()
                original = model.tagger
                model.tagger = lambda tagger=tagger: tagger  # type: ignore[assignment]
                try:
                    counts = score(test)
                finally:
                    model.tagger = original  # type: ignore[assignment]
                totals[label] = [x + y for x, y in zip(totals[label], counts, strict=True)]
    for label, (tp, fp, fn) in totals.items():
        print(f"{k}-fold {label:6s} {_f1(tp, fp, fn)}  (tp {tp}, fp {fp}, fn {fn})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", type=int, default=0, help="k-fold figures only")
    args = parser.parse_args()
    docs = read_documents()
    names = sum(len(d.spans) for d in docs)
    print(f"{len(docs)} documents, {names} marked names")
    if args.cv:
        cross_validate(docs, args.cv)
        return 0
    train(docs, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

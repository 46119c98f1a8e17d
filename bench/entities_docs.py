"""The entity extractor on the documents written and annotated for this project.

    python bench/entities_docs.py [--genres] [-v]

`tests/entities/documents/*.txt`: 68 documents in GUM's genres (news, interviews,
biographies, travel guides, academic and court texts), names marked inline (see the
README there). Scored as the shared scorer scores GUM: a predicted entity is right when
its type and one of its forms match a marked name; each marked name counts once per
document. Written after builtin-3; judge every change on it as on GUM.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DOCUMENTS = REPO / "tests" / "entities" / "documents"
MARK = re.compile(r"\[([^\[\]|]+)\|([POL])\]")
TYPES = {"P": "PERSON", "O": "ORG", "L": "PLACE"}


@dataclass(frozen=True)
class Document:
    name: str
    genre: str
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, type) character offsets


def parse(body: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and the marked spans; a string marked with one type in a document also
    marks its other occurrences standing alone (longest strings first)."""
    pieces: list[str] = []
    size = 0
    spans: list[tuple[int, int, str]] = []
    last = 0
    for m in MARK.finditer(body):
        pieces.append(body[last : m.start()])
        size += m.start() - last
        spans.append((size, size + len(m.group(1)), TYPES[m.group(2)]))
        pieces.append(m.group(1))
        size += len(m.group(1))
        last = m.end()
    pieces.append(body[last:])
    text = "".join(pieces)
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


def read_documents(folder: Path = DOCUMENTS) -> list[Document]:
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


def _norm(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).lower().strip(" .,;:'\"")
    name = name.removeprefix("the ")
    return name.removesuffix("'s")


def score(docs: list[Document], verbose: bool) -> tuple[int, int, int]:
    from tui_reader.entities import extract_entities

    tp = fp = fn = 0
    for doc in docs:
        gold = {(t, _norm(doc.text[a:b])) for a, b, t in doc.spans}
        pred = {
            (e.type, _norm(n)) for e in extract_entities(doc.text) for n in (e.name, *e.aliases)
        }
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        if verbose and (gold ^ pred):
            print(f"--- {doc.name}")
            print("  missed  " + "; ".join(f"{t} {n}" for t, n in sorted(gold - pred)))
            print("  extra   " + "; ".join(f"{t} {n}" for t, n in sorted(pred - gold)))
    return tp, fp, fn


def row(label: str, docs: list[Document], verbose: bool) -> str:
    tp, fp, fn = score(docs, verbose)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {label} | {len(docs)} | {tp + fn} | {p:.3f} | {r:.3f} | **{f:.3f}** |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--genres", action="store_true", help="one row per genre")
    parser.add_argument("-v", "--verbose", action="store_true", help="misses and extras")
    args = parser.parse_args()
    docs = read_documents()
    print("| documents | n | names | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row("all", docs, args.verbose))
    if args.genres:
        for genre in sorted({d.genre for d in docs}):
            print(row(genre, [d for d in docs if d.genre == genre], False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

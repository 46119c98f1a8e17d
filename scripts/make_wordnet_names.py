"""Generate the entity extractor's WordNet lists from Debian's `wordnet-base` (run once).

    apt-get install wordnet-base
    python scripts/make_wordnet_names.py [--wordnet /usr/share/wordnet]

Writes, into tui_reader/entities/data/:
- wordnet_names.tsv: WordNet 3.0's instance nouns (proper names: "Zeus", "Lake Erie",
  "White House") with the types the extractor reports, from their lexicographer file and
  hypernyms: noun.person -> PERSON; noun.location and noun.object (rivers, mountains,
  islands, planets) -> PLACE; buildings and other structures in noun.artifact -> PLACE
  (other artifacts, such as products and ships, are left out); groups in noun.group but
  families -> ORG; every other instance (wars, eras, works, doctrines) -> OTHER, which
  tells the extractor the name is none of the three.
- wordnet_words.txt: single words WordNet lists in lower case in any part of speech, minus
  those it also lists capitalised (a capitalised "Midnight" or "Elevator" is a common word;
  "Delta" is not decided by this list).
- wordnet_shared.txt: single words WordNet lists in lower case and also capitalised
  ("rock", "grey", "heron", "beach": a common noun that is also somebody's name); read
  only where a word's plural tells it is the common noun ("Grey Herons").
- wordnet_groups.txt: capitalised common nouns (not instances) such as "Christian(s)",
  "Hebrew", "Baptist(s)", "Olympics": members, faiths, languages and events, and the
  abbreviations of common nouns ("IQ", "CD", "VHF"); never a name here.

The licence notice WordNet requires is written beside them (WORDNET-LICENSE).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tui_reader" / "entities" / "data"
LEXFILE = {
    "06": "artifact",
    "14": "group",
    "15": "location",
    "17": "object",
    "18": "person",
}
# Hypernym synsets (WordNet 3.0 offsets) that make an instance of noun.artifact a place
# and one of noun.group a group of
# relatives rather than an organisation.
STRUCTURE = "04341686"  # structure, construction
FACILITY = "03315023"  # facility, installation
KIN = "07970406"  # family, family line (a group of people, not an organisation)
# Capitalised common nouns of these files name kinds of people, faiths, languages, events
# and times ("Christian", "Hebrew", "Olympics", "January"); those of noun.group can be
# institutions ("Congress", "Labour") and are left out.
COMMON_KINDS = frozenset({"04", "09", "10", "11", "18", "28"})
_POINTER = re.compile(r"(@i?) (\d{8}) n ")
_SENTENCE_CASE = re.compile(r"[A-Z][a-z]")

NOTICE = """\
The files wordnet_names.tsv, wordnet_words.txt, wordnet_shared.txt and wordnet_groups.txt in
this folder are derived from WordNet 3.0 by scripts/make_wordnet_names.py (Debian package
wordnet-base).

WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this
software and database, you agree that you have read, understood, and will comply with these
terms and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that
you agree to comply with the following copyright notice and statements, including the
disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same.
"""


def _lemma(word: str) -> str:
    # WordNet writes spaces as "_" and marks adjective positions as "(a)", "(p)", "(ip)".
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ")


def _synsets(path: Path) -> list[tuple[str, str, list[str], list[tuple[str, str]]]]:
    """(offset, lexfile, lemmas, [(pointer, target offset)]) of every synset in one file."""
    out = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        head = line.split(" | ", 1)[0].split()
        offset, lexfile, count = head[0], head[1], int(head[3], 16)
        lemmas = [_lemma(head[4 + 2 * i]) for i in range(count)]
        out.append((offset, lexfile, lemmas, _POINTER.findall(line.split(" | ", 1)[0])))
    return out


def _reaches(offset: str, target: str, parents: dict[str, list[str]]) -> bool:
    seen, todo = set(), [offset]
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    nouns_path = args.wordnet / "data.noun"
    if not nouns_path.exists():
        print(f"{nouns_path} not found: apt-get install wordnet-base", file=sys.stderr)
        return 1
    nouns = _synsets(nouns_path)
    parents: dict[str, list[str]] = defaultdict(list)
    for offset, _, _, pointers in nouns:
        parents[offset].extend(target for _, target in pointers)

    types: dict[str, set[str]] = defaultdict(set)
    capitalised_common: set[str] = set()
    lower: set[str] = set()
    capital: set[str] = set()
    for offset, lexfile, lemmas, pointers in nouns:
        instance = any(kind == "@i" for kind, _ in pointers)
        for lemma in lemmas:
            (capital if lemma[:1].isupper() else lower).add(lemma)
        if not instance:
            if lexfile != "14":  # "IQ", "CD", "VHF": abbreviations of common nouns
                capitalised_common.update(
                    lem for lem in lemmas if len(lem) > 1 and lem.isalpha() and lem.isupper()
                )
            if lexfile in COMMON_KINDS:
                kinds = [lem for lem in lemmas if " " not in lem and _SENTENCE_CASE.match(lem)]
                capitalised_common.update(kinds)
                if lexfile == "18":  # people come in plurals: "Christians", "Baptists"
                    capitalised_common.update(k + "s" for k in kinds if not k.endswith("s"))
            continue
        kind = LEXFILE.get(lexfile)
        if kind == "person":
            type_ = "PERSON"
        elif kind in ("location", "object") or (
            kind == "artifact"
            and (_reaches(offset, STRUCTURE, parents) or _reaches(offset, FACILITY, parents))
        ):
            type_ = "PLACE"
        elif kind == "group" and not _reaches(offset, KIN, parents):
            type_ = "ORG"  # parties, armed groups, bands; not "the Marx Brothers"
        elif kind == "artifact":
            continue  # products, ships, search engines: WordNet does not tell their type here
        else:
            type_ = "OTHER"
        for lemma in lemmas:
            if lemma[:1].isupper():
                types[lemma].add(type_)
    for pos in ("verb", "adj", "adv"):
        for _, _, lemmas, _ in _synsets(args.wordnet / f"data.{pos}"):
            for lemma in lemmas:
                (capital if lemma[:1].isupper() else lower).add(lemma)

    capital_folded = {c.lower() for c in capital}
    words = sorted(w for w in lower if w.isalpha() and w not in capital_folded)
    shared = sorted(w for w in lower if w.isalpha() and w in capital_folded)
    groups = sorted(capitalised_common - set(types))
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "wordnet_names.tsv").open("w", encoding="utf-8", newline="\n") as out:
        for name in sorted(types):
            out.write(f"{name}\t{','.join(sorted(types[name]))}\n")
    (args.out / "wordnet_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (args.out / "wordnet_shared.txt").write_text("\n".join(shared) + "\n", encoding="utf-8")
    (args.out / "wordnet_groups.txt").write_text("\n".join(groups) + "\n", encoding="utf-8")
    (args.out / "WORDNET-LICENSE").write_text(NOTICE, encoding="utf-8")
    counts = defaultdict(int)
    for found in types.values():
        for type_ in found:
            counts[type_] += 1
    print(
        f"{len(types)} names ({dict(sorted(counts.items()))}), {len(words)} common words, "
        f"{len(shared)} words also capitalised, "
        f"{len(groups)} capitalised common nouns -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

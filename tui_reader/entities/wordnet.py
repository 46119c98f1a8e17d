"""WordNet 3.0's proper names and common words, shipped in data/ (see WORDNET-LICENSE).

Generated once by scripts/make_wordnet_names.py; read on first use:
- `known_names()`: an instance noun's name -> the types it can have ("Zeus" -> PERSON,
  "Lake Erie" -> PLACE, "World War II" -> OTHER, "Washington" -> ORG, PERSON, PLACE);
- `common_words()`: words English writes in lower case ("midnight", "elevator");
- `shared_words()`: words it writes both ways ("rock", "grey", "heron"), common nouns
  that are also somebody's name; read only where a plural tells the common noun;
- `kind_nouns()`: capitalised words naming kinds of people, faiths, languages, events
  ("Christian", "Hebrew", "Olympics"): never a name of a person, organisation or place.
"""

from __future__ import annotations

from functools import cache

from .datafiles import data_text


def _read(name: str) -> str:
    return data_text(name)


@cache
def known_names() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in _read("wordnet_names.tsv").splitlines():
        name, _, types = line.partition("\t")
        out[name] = frozenset(types.split(","))
    return out


@cache
def common_words() -> frozenset[str]:
    return frozenset(_read("wordnet_words.txt").split())


@cache
def shared_words() -> frozenset[str]:
    return frozenset(_read("wordnet_shared.txt").split())


@cache
def any_lower_case() -> frozenset[str]:
    """Every single word WordNet writes in lower case: the two lists above together."""
    return common_words() | shared_words()


@cache
def kind_nouns() -> frozenset[str]:
    return frozenset(_read("wordnet_groups.txt").split())

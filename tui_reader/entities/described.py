"""Places referred to by what they are, shared by every backend: "the river", "the island",
"the cathedral" after the one place of that kind the article has named ("... the Waikato
River ... the river rose"). Such a mention is counted for the place, not shown as a form of
it; one that could be two places ("the river" after the Tigris River and the Euphrates
River) or that comes before any is no mention. The same kinds written with a capital ("the
Island"), and "the State", "the City" and the like, are read so too, not as names of one
word. Organisations ("the ministry") are read this way by the extractor itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .key import entity_key
from .merge import Mention

# The kinds a place's name says it is, as a text then calls it ("the river"). Not "city",
# "state", "country", "street" and the like: the text names many of those, most without
# the word in the name ("Boston ... the city").
_KINDS = frozenset(
    {"river", "lake", "island", "islands", "bay", "valley", "mountain", "mountains", "volcano"}
    | {"glacier", "canyon", "desert", "peninsula", "archipelago", "reef", "gulf", "strait"}
    | {"airport", "museum", "cathedral", "mosque", "temple", "castle", "palace", "bridge"}
    | {"stadium", "arena", "abbey", "monastery", "basilica", "chapel", "church", "tower"}
    | {"park", "gardens", "zoo", "aquarium", "hospital", "prison", "square", "market"}
)
_DESCRIPTION = re.compile(r"\b[Tt]he[ \u00a0]+([a-z]+)\b(?![ \u00a0]*(?:of\b|[A-Z]))")


def _kind(name: str) -> str | None:
    """The kind a place's name says it is: its last word ("Waikato River"), its first
    ("Lake Taupo", "Mount ..."), or the word before "of" ("Palace of Westminster")."""
    words = name.casefold().split()
    if len(words) < 2:
        return None
    if "of" in words[1:]:
        head = words[words.index("of") - 1]
        return head if head in _KINDS else None
    for word in (words[-1], words[0]):
        if word in _KINDS:
            return word
    return None


def described_places(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions and one more for each "the <kind>" that refers to a place (see the
    module)."""
    if not any(k in text for k in ("the ", "The ")):
        return list(mentions)
    ordered = sorted(mentions, key=lambda m: m.offset)
    named: list[tuple[int, str, Mention]] = []  # (offset, kind, mention) of kinds of place
    for m in ordered:
        if m.type == "PLACE" and not m.tentative and m.listed:
            kind = _kind(m.name)
            if kind is not None:
                named.append((m.offset, kind, m))
    ordered = _capitalised_kinds(text, ordered, named)
    if not named:
        return list(ordered)
    covered = [(m.offset, m.offset + len(m.surface or m.name)) for m in ordered]
    taken = {m.offset for m in ordered}
    added: list[Mention] = []
    for found in _DESCRIPTION.finditer(text):
        kind = found.group(1)
        if kind not in _KINDS:
            continue
        at = found.start()
        before = {entity_key(m.name): m for offset, k, m in named if k == kind and offset < at}
        if len(before) != 1 or at in taken or found.start(1) in taken:
            continue
        if any(a <= found.start(1) < b for a, b in covered):
            continue  # a word of a name ("The River Café")
        place = next(iter(before.values()))
        added.append(Mention(place.name, "PLACE", found.start(1), False, listed=False))
    if not added:
        return list(ordered)
    return sorted([*ordered, *added], key=lambda m: m.offset)


# Kinds of place a text writes with a capital after "the" for the one it is about ("fixed
# by the State", "the Island is new to tourism"), which name no place of their own.
_GENERIC_KINDS = frozenset({"state", "city", "county", "province", "region", "district"})
# "the" right before a word: the kind meant, not a name (filters.py reads it so too).
THE_BEFORE = re.compile(r"\b[Tt]he[ \u00a0]+$")
_NAME_GOES_ON = re.compile(r"[ \u00a0]*(?:of\b|[A-Z])")


def _capitalised_kinds(
    text: str, ordered: list[Mention], named: list[tuple[int, str, Mention]]
) -> list[Mention]:
    """ "the Island", "the State" read as a name of one word: the one place of that kind
    named before it, counted and not shown, as "the island" is; with none, no mention."""
    changed: dict[int, Mention | None] = {}
    for m in ordered:
        word = m.surface or m.name
        kind = word.casefold()
        if not m.listed or (kind not in _KINDS and kind not in _GENERIC_KINDS):
            continue  # most mentions: a look at a set, no text around them read
        if not word[0].isupper() or not THE_BEFORE.search(text, max(0, m.offset - 5), m.offset):
            continue
        if _NAME_GOES_ON.match(text, m.offset + len(word)):
            continue  # "the City of London"
        if m.surface and m.type == "PLACE" and _kind(m.name) == kind:
            # already read as the place ("the River" after "the Waikato River"): counted
            changed[m.offset] = Mention(m.name, "PLACE", m.offset, False, listed=False)
            continue
        before = {
            entity_key(p.name): p for offset, k, p in named if k == kind and offset < m.offset
        }
        place = next(iter(before.values())) if len(before) == 1 else None
        changed[m.offset] = (
            Mention(place.name, "PLACE", m.offset, False, listed=False) if place else None
        )
    if not changed:
        return ordered
    kept = [changed.get(m.offset, m) for m in ordered]
    return [m for m in kept if m is not None]

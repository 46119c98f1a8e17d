"""What the statistical tagger sees of each token: one function for training and tagging.

The tagger reads only windows around capitalised words (names are written with capitals;
the rest of an article is "outside" by construction), so an article costs a few hundred
feature lists, not one per word. Each token is described by its shape, its word, the lists
the rules use (given names, surnames, the gazetteer, WordNet, cue words), its neighbours,
and the rules' own reading of it (which name it is part of and with what type): the
tagger learns where the rules are right and where a reading of the context does better.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from . import lexicon as lx
from .gazetteer import Gazetteer
from .names import fold, given_names, surnames
from .wordnet import common_words, known_names

# Lower-case words that may stand inside a name ("Bank of England", "Charles de Gaulle").
_LINKS = frozenset({"of", "the", "and", "&", "for", "on", "in", "du", "von", "van", "der"}) | (
    lx.NAME_PARTICLES | lx.ROMANCE_ARTICLES
)
CONTEXT = 2  # tokens of context kept on each side of a capitalised run


class Token(Protocol):
    text: str
    start: int
    end: int
    lower: str
    cap: bool
    possessive: bool
    abbrev: bool
    sentence_start: bool


def windows(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """[start, end) token ranges to tag: capitalised runs (with the small words between
    their parts) and CONTEXT tokens either side; overlapping ranges are joined."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not _opens(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n and (
            _opens(tokens[j]) or (tokens[j].lower in _LINKS and j + 1 < n and _opens(tokens[j + 1]))
        ):
            j += 1
        start, end = max(0, i - CONTEXT), min(n, j + CONTEXT)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        i = j
    return out


def _opens(tok: Token) -> bool:
    return tok.cap or tok.text[:1].isupper()


def _shape(word: str) -> str:
    if word.isupper():
        return "X" if len(word) == 1 else "XX"
    if word[:1].isupper():
        return "Xx" if word[1:].islower() or len(word) == 1 else "XxX"
    if word.isdigit():
        return "d"
    if word.islower():
        return "x"
    return "m"


def _gap(text: str, a: int, b: int) -> str:
    """What stands between two tokens, as a class: a name rarely runs across a comma."""
    gap = text[a:b]
    if gap == " " or gap == "":
        return "sp" if gap else "none"
    if "\n" in gap:
        return "nl"
    for mark, name in ((",", "comma"), (".", "stop"), (":", "colon"), (";", "colon")):
        if mark in gap:
            return name
    for marks, name in (("([", "open"), (")]", "close"), ('"“”‘', "quote"), ("–—-", "dash")):
        if any(c in gap for c in marks):
            return name
    return "other"


def token_features(
    text: str,
    tokens: Sequence[Token],
    lo: int,
    hi: int,
    rule_tags: Sequence[str],
    headline: Sequence[bool],
    gaz: Gazetteer,
    seen: dict[str, str],
) -> list[list[str]]:
    """Feature strings for tokens[lo:hi]; `rule_tags[i]` is the rules' BIO tag of token i;
    `seen` holds what the whole text shows of a word (see `document_evidence`)."""
    given = given_names()
    family = surnames()
    common = common_words()
    known = known_names()
    rows: list[list[str]] = []
    for i in range(lo, hi):
        tok = tokens[i]
        low = tok.lower.rstrip(".")
        text = tok.text
        feats = [
            "b",
            "w=" + low,
            "s=" + _shape(text),
            "x3=" + low[-3:],
            "r=" + rule_tags[i],
        ]
        if tok.sentence_start:
            feats.append("ss")
        if tok.possessive:
            feats.append("pos")
        if tok.abbrev:
            feats.append("ab")
        if headline[i]:
            feats.append("hl")
        if tok.cap:
            folded = fold(text)
            if folded in given:
                feats.append("given")
            if folded in family:
                feats.append("sur")
            if text in gaz.places:
                feats.append("gaz")
            if text in gaz.regions:
                feats.append("reg")
            types = known.get(text)
            if types:
                feats.extend("wn=" + t for t in types)
        if tok.cap and low in seen:
            feats.append("seen=" + seen[low])
        if low in common:
            feats.append("common")
        if low in gaz.demonyms:
            feats.append("dem")
        if low in lx.ORG_CUES:
            feats.append("orgcue")
        if low in lx.PLACE_CUES:
            feats.append("placecue")
        if low in lx.TITLES:
            feats.append("title")
        elif low in lx.ROLE_WORDS:
            feats.append("role")
        if low in lx.STOPWORDS:
            feats.append("stop")
        if low in lx.MONTHS or low in lx.WEEKDAYS:
            feats.append("date")
        if low in lx.EVENT_CUES:
            feats.append("event")
        for off, tag in ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2")):
            k = i + off
            if 0 <= k < len(tokens):
                other = tokens[k]
                feats.append(f"{tag}w={other.lower}")
                if off in (-1, 1):
                    feats.append(f"{tag}s={_shape(other.text)}")
                    feats.append(f"{tag}r={rule_tags[k]}")
            else:
                feats.append(tag + "=edge")
        before = _gap(text, tokens[i - 1].end, tok.start) if i else "nl"
        after = _gap(text, tok.end, tokens[i + 1].start) if i + 1 < len(tokens) else "nl"
        feats.extend(("g<" + before, "g>" + after))
        feats.append(f"r|p1r={rule_tags[i]}|{rule_tags[i - 1] if i else 'O'}")
        rows.append(feats)
    return rows


def document_evidence(tokens: Sequence[Token]) -> dict[str, str]:
    """What the whole text shows of each capitalised word: written in lower case too
    ("lc"), standing alone mid-sentence ("alone"), or only inside longer names ("long")."""
    lower = {t.lower for t in tokens if t.text.islower()}
    alone: set[str] = set()
    inside: set[str] = set()
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok.cap:
            continue
        left = i > 0 and tokens[i - 1].cap
        right = i + 1 < n and tokens[i + 1].cap
        if left or right:
            inside.add(tok.lower)
        elif not tok.sentence_start:
            alone.add(tok.lower)
    out = dict.fromkeys(inside, "long")
    out.update(dict.fromkeys(alone, "alone"))
    out.update(dict.fromkeys(lower & (alone | inside), "lc"))
    return out

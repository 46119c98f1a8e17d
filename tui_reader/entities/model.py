"""The statistical tagger over the rules' reading: a CRF that proposes, the rules that name.

A linear-chain CRF (CRFsuite, trained by `scripts/train_entities.py` on documents written
and annotated for this project, `training/entities/`) tags the tokens of the windows that
`features.windows` picks with BIO labels, seeing among its features the rules' own tag of
each token. Its spans decide what is a name and of which type; where a span covers exactly
what a rule mention covers, that mention is kept (with its canonical form, "U.S." ->
"United States", and its flags) and only its type may change; spans the rules did not
find become mentions of their own, and rule mentions the tagger reads as outside are
dropped. Mentions the rules add without a span of text of their own ("the ministry") stay.

The weights ship in the package (`data/entities.crfsuite`) and are loaded on first use.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from ..models import EntityType
from .features import Token, document_evidence, token_features, windows
from .gazetteer import gazetteer
from .merge import Mention

if TYPE_CHECKING:
    from .builtin import RuleReading

MODEL_FILE = "entities.crfsuite"
TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE")


@cache
def tagger() -> Any:
    """The CRFsuite tagger, or None when the package has no trained model."""
    resource = files("tui_reader.entities") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    import pycrfsuite

    with as_file(resource) as path:
        loaded = pycrfsuite.Tagger()
        loaded.open(str(path))
    return loaded


def mention_range(tokens: Sequence[Token], starts: list[int], m: Mention) -> tuple[int, int]:
    """The [first, last + 1) tokens a mention covers (empty when it has no span)."""
    first = bisect_left(starts, m.offset)
    if first >= len(tokens) or tokens[first].start != m.offset:
        return (first, first)
    end = m.offset + len(m.surface or m.name)
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].end <= end:
        last += 1
    return (first, last + 1)


def rule_tags(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[str]:
    """The rules' BIO tag of every token, from the mentions they found."""
    tags = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    for m in mentions:
        if not m.listed:
            continue
        a, b = mention_range(tokens, starts, m)
        if a < b:
            suffix = m.type + ("~" if m.tentative else "")
            tags[a] = "B-" + suffix
            for k in range(a + 1, b):
                tags[k] = "I-" + suffix
    return tags


def features(
    text: str, reading: RuleReading
) -> tuple[list[tuple[int, int]], list[list[list[str]]]]:
    """The windows of a text and the feature lists of their tokens."""
    tokens = reading.tokens
    tags = rule_tags(tokens, reading.mentions)
    gaz = gazetteer()
    spans = windows(tokens)
    seen = document_evidence(tokens)
    rows = [token_features(text, tokens, a, b, tags, reading.headline, gaz, seen) for a, b in spans]
    return spans, rows


def spans_of(
    labels: Sequence[str], offset: int, breaks: Sequence[bool]
) -> list[tuple[int, int, EntityType]]:
    """(first, end, type) token spans of a BIO label sequence starting at token `offset`;
    a span never runs across a break (`breaks[i]`: no name continues from token i - 1)."""
    out: list[tuple[int, int, EntityType]] = []
    open_at, open_type = -1, ""
    for k, label in enumerate([*labels, "O"]):
        kind = label[2:] if label != "O" else ""
        cut = k < len(labels) and breaks[offset + k]
        if open_at >= 0 and (label == "O" or label.startswith("B-") or kind != open_type or cut):
            out.append((offset + open_at, offset + k, _type(open_type)))
            open_at = -1
        if label != "O" and open_at < 0:
            open_at, open_type = k, kind
    return out


def name_breaks(text: str, tokens: Sequence[Token]) -> list[bool]:
    """Where no name continues: after a possessive, or across a comma, a colon, a line
    break, a bracket or a quote ("Kramer, Simons", "Malle's The Lovers"), or a full stop
    that is not an abbreviation's."""
    out = [True] * len(tokens)
    for i in range(1, len(tokens)):
        prev = tokens[i - 1]
        gap = text[prev.end : tokens[i].start]
        if gap == " ":
            out[i] = prev.possessive
            continue
        if prev.abbrev and gap.startswith("."):
            gap = gap[1:]
        out[i] = prev.possessive or any(c in _BREAKS for c in gap)
    return out


_BREAKS = frozenset(',;:\n()[]"“”.!?/')


def _type(name: str) -> EntityType:
    for t in TYPES:
        if t == name:
            return t
    raise ValueError(f"unknown entity type in the model: {name!r}")


# How sure the tagger must be to overrule the rules (mean marginal of its labels).
ADD, DROP, RETYPE = 0.9, 1.01, 1.01


def refine(text: str, reading: RuleReading) -> list[Mention]:
    """The mentions of a text: the rules' reading, refined by the tagger when one ships."""
    model = tagger()
    if model is None:
        return reading.mentions
    tokens = reading.tokens
    ranges, rows = features(text, reading)
    breaks = name_breaks(text, tokens)
    found: list[tuple[int, int, EntityType, float]] = []
    outside = [1.0] * len(tokens)  # P(O) of each token; 1 outside the windows
    for (a, _), row in zip(ranges, rows, strict=True):
        labels = model.tag(row)
        for k in range(len(labels)):
            outside[a + k] = model.marginal("O", k)
        for first, end, type_ in spans_of(labels, a, breaks):
            sure = sum(model.marginal(labels[k - a], k - a) for k in range(first, end))
            found.append((first, end, type_, sure / (end - first)))
    starts = [t.start for t in tokens]
    rules: dict[tuple[int, int], Mention] = {}
    out: list[Mention] = []
    for m in reading.mentions:
        a, b = mention_range(tokens, starts, m)
        if a < b and m.listed:
            rules.setdefault((a, b), m)
        else:
            out.append(m)  # "the ministry": no span of its own; kept as the rules read it
    taken = [False] * len(tokens)
    gaz = gazetteer()
    for a, b, type_, sure in found:
        kept = rules.pop((a, b), None)
        if kept is not None:
            if kept.type != type_ and sure >= RETYPE:
                region = kept.region and type_ == "PLACE"
                kept = Mention(kept.name, type_, kept.offset, False, kept.surface, region)
            out.append(kept)
        elif sure >= ADD:
            surface = text[tokens[a].start : tokens[b - 1].end]
            canonical = gaz.places.get(surface) if type_ == "PLACE" else None
            if canonical is not None and canonical != surface:
                region = canonical in gaz.regions
                out.append(Mention(canonical, "PLACE", tokens[a].start, False, surface, region))
            else:
                out.append(Mention(surface, type_, tokens[a].start))
        else:
            continue
        for k in range(a, b):
            taken[k] = True
    for (a, b), m in rules.items():
        if any(taken[a:b]):
            continue  # the tagger read these words as another name
        if sum(outside[a:b]) / (b - a) < DROP:
            out.append(m)
    out.sort(key=lambda m: m.offset)
    return out

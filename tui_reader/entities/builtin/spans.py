"""Candidate spans: runs of capitalised words (with name particles, "of"/"and" inside a
name, "&", initials) inside one sentence piece, with the words around them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import lexicon as lx
from ..gazetteer import gazetteer
from ..names import fold, given_names
from .tokens import _Token


@dataclass(slots=True)
class _Span:
    tokens: list[_Token]
    before: _Token | None  # the token right before, when only spaces separate them
    after: _Token | None


# Kinds of place that head a name only at its start ("Kansas City of the 1950s" is no name).
_OPENING_HEADS = frozenset({"county", "city", "state", "town", "borough", "commonwealth"})


def _is_head(tok: _Token) -> bool:
    return tok.lower in lx.ORG_OF_HEADS or tok.lower in lx.TITLES or tok.lower in lx.PLACE_OF_HEADS


def _possessive_org(tokens: list[_Token], j: int) -> bool:
    """ "Tenants' Union", "People's Party": a group's possessive that opens an organisation's
    name (a capitalised run after it ending in an organisation word), or a state's ("the
    Democratic People's Republic of Korea")."""
    if not tokens[j].group_possessive:
        return False
    for k in range(j + 1, min(j + 4, len(tokens))):
        tok = tokens[k]
        if not tok.cap or tok.sentence_start:
            return False
        if tok.lower in lx.ORG_CUES or tok.lower in lx.STATE_HEADS:
            return True
        if not tok.joinable or tok.possessive:
            return False
    return False


def _given_of_place(tokens: list[_Token], j: int) -> bool:
    """ "Hilary of Poitiers", "Gregory of Tours": a given name, "of" and a known place
    alone after it name a person by where they came from."""
    if j + 2 >= len(tokens) or not tokens[j + 1].joinable:
        return False
    place = tokens[j + 2]
    if not place.cap or place.sentence_start or place.text not in gazetteer().places:
        return False
    if place.joinable and j + 3 < len(tokens) and tokens[j + 3].cap:
        return False  # "Paul of New York ...": more capitals follow, a longer name
    return fold(tokens[j].text) in given_names()


def _spans(tokens: list[_Token]) -> Iterator[_Span]:
    n = len(tokens)
    leading = lx.LEADING_PARTICLES
    done = 0  # tokens before this one are read into a span already
    # Only a capitalised word or a leading particle opens a span: the rest of the words are
    # passed over in one comprehension rather than one loop turn each.
    for i in [k for k, t in enumerate(tokens) if t.cap or t.lower in leading]:
        if i < done:
            continue
        tok = tokens[i]
        start = i
        if not tok.cap:
            # "von der Leyen said": a name may open with its particles.
            if tok.sentence_start:
                continue
            j = i
            while j < n and tokens[j].lower in lx.PARTICLES and tokens[j].joinable:
                j += 1
            if not (j > i and j < n and tokens[j].cap and not tokens[j].sentence_start):
                continue
            i = j
        j = i  # last token in the span
        # "County of Maui", "City of Festivals": a kind of place opening a span heads it.
        has_head = _is_head(tokens[i]) or tokens[i].lower in _OPENING_HEADS
        joined_of = False
        while (
            j + 1 < n
            and tokens[j].joinable
            and (not tokens[j].possessive or _possessive_org(tokens, j))
        ):
            nxt = tokens[j + 1]
            if nxt.sentence_start:
                break
            if nxt.lower in lx.STOPWORDS and tokens[j].text.endswith(".") and len(nxt.text) > 1:
                break  # "in the U.S. It is small": an abbreviation ended the sentence
            if nxt.cap:
                j += 1
            elif nxt.text == "&" and j + 2 < n and nxt.joinable and tokens[j + 2].cap:
                j += 2
            elif (
                nxt.lower in lx.PARTICLES
                or (nxt.lower in ("of", "for") and has_head)
                or nxt.lower == "and"
                or (nxt.lower == "of" and j == start and _given_of_place(tokens, j))
            ):
                k = j + 1
                while (
                    k < n
                    and tokens[k - 1].joinable
                    and not tokens[k].cap
                    and (
                        tokens[k].lower in lx.PARTICLES
                        or tokens[k].lower in ("of", "for", "and")
                        # "Society of the Cincinnati", "Society for the Protection of Birds":
                        # "the" right after an organisation's "of" or "for"
                        or (
                            tokens[k].lower == "the"
                            and has_head
                            and (
                                tokens[k - 1].lower == "of"
                                # not "Director for the Middle East": an office's domain
                                or (
                                    tokens[k - 2].lower in lx.ORG_OF_HEADS
                                    and tokens[k - 2].lower not in lx.PLACE_CUES
                                )
                            )
                        )
                    )
                ):
                    k += 1
                if k < n and tokens[k - 1].joinable and tokens[k].cap and k - j <= 3:
                    joined_of = joined_of or any(
                        t.lower in ("of", "for") for t in tokens[j + 1 : k]
                    )
                    j = k
                else:
                    break
            else:
                break
            has_head = has_head or _is_head(tokens[j])
        before = tokens[start - 1] if start > 0 and tokens[start - 1].joinable else None
        after = tokens[j + 1] if j + 1 < n and tokens[j].joinable else None
        yield _Span(tokens[start : j + 1], before, after)
        done = j + 1

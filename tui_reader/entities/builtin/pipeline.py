"""The built-in extractor: capitalised spans read in their context, no model download.

A span is a run of capitalised words (with name particles, "of"/"for"/"and" after an
organisation or place head, "&", initials and abbreviations) inside one sentence piece.
Each span is then read: titles mark a PERSON and are cut off, organisation cues mark an
ORG, place and facility cues and the gazetteer a PLACE, WordNet's proper names give their
own type (and drop events and eras), author-year citations name people, demonyms, kind
nouns ("Christians") and sentence-initial common words are dropped. Two to five name-like
words with a person's evidence (a given name, a role, a reporting verb) are a PERSON; one
word needs evidence of its own (an acronym, a company's context, a list of names beside
it) or stays only as a short form of a longer name. Numbered roads, "the West" and "the
ministry" (for the nearest ministry named before) are read in passes of their own.
"""

from __future__ import annotations

import re

from ..gazetteer import gazetteer
from ..merge import Mention
from .contexts import (
    _based,
    _carriers,
    _case_names,
    _domains,
    _legal_endings,
    _numbered,
    _owned_places,
    _roads,
    _said_places,
    _schools_by_town,
    _teams,
    _the_states,
    _weak_orgs_named_as_places,
)
from .filters import _common_plurals, _only_surnames, _words_written_small, _works
from .lists import (
    _acronyms_of_things,
    _defined_acronyms,
    _headline_mentions,
    _known_as,
    _list_entries,
    _listed_people,
    _listed_singles,
    _places_in_undecided,
    _referring_nouns,
    _short_forms_of_names,
    _short_org_forms,
    _speaker_labels,
)
from .patterns import _CITED, _SAID_AFTER, _YEAR
from .reader import _Reader
from .spans import _spans
from .tokens import _bare, _blank, _headline_lines, _Token, _tokens

_WHO_AFTER = re.compile(r",[ \u00a0]+who\b")
# A bracket that cites, maybe before more words of its own ("(e.g. Gray et al., 2015;
# Hale, 2016; also see the group's library)"): the citations are its first part.
_PAREN_CITATION = re.compile(rf"\({_CITED}(?:;[ \u00a0]*{_CITED})*(?:\)|;(?=[^()]*\)))")
_NARRATIVE_CITATION = re.compile(
    r"[^\W\d_][\w'’-]*(?:[ \u00a0]+(?:&|and)[ \u00a0]+[^\W\d_][\w'’-]*|[ \u00a0]+et al\.?)?"
    rf"[ \u00a0]+\({_YEAR}(?:, p+\. ?\d+)?\)"
)
# "reactive oxygen species (ROS)": an acronym defined by lower-case words is a term.
_TERM_DEFINED = re.compile(
    r"\b([a-z][\w-]*(?:[ \u00a0][a-z][\w-]*){1,5})[ \u00a0]*\(([A-Z]{2,6})s?\)"
)
# Its bracket alone, a cheap first look: the pattern above tries every word of the text.
_ACRONYM_BRACKET = re.compile(r"\([A-Z]{2,6}s?\)")
_LINK_PATTERN = r"(?:https?://|www\.)[^\s<>\"]+"
_ADDRESS = re.compile(rf"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_LINK_PATTERN}")
_LINK = re.compile(_LINK_PATTERN)
_SUPERSCRIPT = re.compile("[\u00b9\u00b2\u00b3\u2070-\u209f]")
_SUPERSCRIPT_SPACE = str.maketrans(
    {chr(c): " " for c in (0xB9, 0xB2, 0xB3, *range(0x2070, 0x20A0))}
)


def builtin_mentions(text: str) -> list[Mention]:
    """Every mention in reading order, before alias merging."""
    # E-mail addresses and links are read as line breaks: "Claire Warwick c.l.h.warwick@..."
    # is a name and an address, not a name running into initials.
    if "@" in text:
        read = _ADDRESS.sub(_blank, text)
    elif "//" in text or "www." in text:
        read = _LINK.sub(_blank, text)  # the same without the e-mail half: no "@" to find
    else:
        read = text
    if not read.isascii() and _SUPERSCRIPT.search(read):  # the marks are not ASCII
        # "Riikka Mäkelä¹, Oskar Lindgren²": an affiliation's mark is no part of the name
        # (one character for one, so offsets hold).
        read = read.translate(_SUPERSCRIPT_SPACE)
    tokens = _tokens(read)
    headlines = _headline_lines(text)
    body, in_headlines = _split_headlines(tokens, headlines)
    spans = list(_spans(body))
    standalone: dict[str, int] = {}
    for span in spans:
        if len(span.tokens) == 1 and not span.tokens[0].sentence_start:
            low = span.tokens[0].lower
            standalone[low] = standalone.get(low, 0) + 1
    # Each distinct word looked at once; a word in lower case is its own lower-cased form
    # (tests/entities/test_lowercase_words.py checks that for every character).
    lowercase_words = {w for w in {t.text for t in body} if w.islower()}
    reader = _Reader(text, tokens, gazetteer(), standalone, lowercase_words, [])
    for span in spans:
        first = span.tokens[0]
        if len(span.tokens) == 1:
            if span.before is None or span.before.lower != "the":
                reader.singles[first.lower] = reader.singles.get(first.lower, 0) + 1
            if not first.possessive and (
                _SAID_AFTER.match(text, first.end) or _WHO_AFTER.match(text, first.end)
            ):
                reader.lone_persons.update((first.lower, _bare(first.lower)))
        else:
            for tok in span.tokens:
                if tok.cap:
                    reader.name_ends.update((tok.lower, _bare(tok.lower)))
    defined = _TERM_DEFINED.finditer(text) if _ACRONYM_BRACKET.search(text) else ()
    for found in defined:
        words, acronym = found.group(1).split(), found.group(2)
        if words[-len(acronym) :][0][0] == acronym[0].lower() or words[0][0] == acronym[0].lower():
            reader.terms.add(acronym)
    _acronyms_of_things(text, reader.terms)
    # A text that cites ("(Feng, Spence, & Pratt, 2007)") twice or more is academic; a film
    # with its year ("The Lovers (Les Amants, 1959)") is not a citation.
    brackets = [m for m in _PAREN_CITATION.finditer(text) if _only_surnames(m.group())]
    cited = [m.span() for m in brackets]
    # Works cited, not brackets: "(Brown & Green, 2001; White, 1999)" cites two.
    if sum(1 + m.group().count(";") for m in brackets) >= 2:
        reader.citations = cited + [m.span() for m in _NARRATIVE_CITATION.finditer(text)]
    for span in spans:
        reader.read(span)
    _legal_endings(reader)
    _numbered(reader)
    _listed_people(reader)
    _short_forms_of_names(reader)
    _places_in_undecided(reader)
    _listed_singles(reader)
    _referring_nouns(reader)
    _defined_acronyms(reader)
    _known_as(reader)
    _list_entries(reader)
    _works(reader)
    _common_plurals(reader)
    _words_written_small(reader)
    _case_names(reader)
    _roads(reader)
    _domains(reader)
    _based(reader)
    _the_states(reader)
    _carriers(reader)
    _owned_places(reader)
    _said_places(reader)
    _schools_by_town(reader)
    _weak_orgs_named_as_places(reader)
    _teams(reader)
    _short_org_forms(reader)
    _speaker_labels(reader)
    if headlines:
        _headline_mentions(in_headlines, reader)
    reader.out.sort(key=lambda m: m.offset)
    return reader.out


def _split_headlines(
    tokens: list[_Token], headlines: list[tuple[int, int]]
) -> tuple[list[_Token], list[_Token]]:
    """The tokens outside the headline lines and those inside, in one pass (both in
    order): the lines are apart and in order, so a token is in the first line that ends
    after it, or in none."""
    if not headlines:
        return tokens, []
    body: list[_Token] = []
    inside: list[_Token] = []
    at, count = 0, len(headlines)
    for tok in tokens:
        while at < count and headlines[at][1] <= tok.start:
            at += 1
        (inside if at < count and headlines[at][0] <= tok.start else body).append(tok)
    return body, inside

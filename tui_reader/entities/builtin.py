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
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import EntityType
from . import lexicon as lx
from .gazetteer import Gazetteer, gazetteer
from .merge import Mention
from .names import fold, given_names, plural_surnames, surnames
from .organisations import known_organisations
from .wordnet import any_lower_case, common_words, kind_nouns, known_names

_TOKEN = re.compile(
    # Initialisms: U.S., U.K., and without the last stop ("the U.S government").
    r"[^\W\d_]\.(?:(?:[^\W\d_]\.)+|[A-Z]\b(?!\.))"
    # Capitals joined by "&" are one name: "AT&T", "P&G", "F&AM".
    r"|[A-Z][A-Z]?&[A-Z]{1,3}\b"
    r"|[^\W_][\w]*(?:[-‐'’][^\W_][\w]*)*"  # words, hyphenated and with apostrophes
    r"|&"
)
_SENTENCE_END = re.compile(r"[.!?…]")
_DATELINE_DASH = re.compile(r"\)?[ \u00a0]+[—–-]{1,2}[ \u00a0]+")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER_NEXT = re.compile(r"[ \u00a0]?\d")
_GLUED = re.compile(r"[-'’]")
_DIGIT = re.compile(r"\d")
_OPENERS = re.compile(r"[:\"“‘(]")
_PLURAL_POSSESSIVE = re.compile(r"['’][ \u00a0]")
_ROLE_SUFFIXES = ("ologist", "ician", "ist")
_ACTS = re.compile(
    r"(?:'s|’s)?,?[ \u00a0]+(?:said|says|announced|reported|posted|confirmed|denied|"
    r"declined|agreed|plans|planned|will|would|has|had|is|was|rose|fell|jumped|slumped|"
    r"gained|dropped|shares|stock)\b"
)
_COMPANY_BEFORE = re.compile(
    r"\b(?:shares|stock|stake|shareholders|investors|stakeholders|customers|employees|staff|"
    r"executives|analysts|subsidiary|owner|owners|rivals?)[ \u00a0]+(?:of|in|at|from|for)?"
    r"[ \u00a0]*$",
    re.IGNORECASE,
)
_NAME_PREPOSITIONS = frozenset(lx.PLACE_PREPOSITIONS | {"at"})
_LISTED_AFTER = re.compile(r"(?:'s|’s)?,[ \u00a0]+(?:and[ \u00a0]+)?[^\W\d_a-z]")
_LISTED_BEFORE = re.compile(r"[^\W\d_a-z][\w’'-]*,[ \u00a0]+(?:and[ \u00a0]+)?$")
_SAID_AFTER = re.compile(
    r",?[ \u00a0]+(?:said|says|told|tells|added|adds|wrote|writes|recalled|explained|argued|"
    r"insisted|admitted|warned|replied|recalls)\b"
)
# What only a person does, after a name of several words ("Ferjani Sassi scored"); a
# country or a city that scores is its team, so one word is not read this way.
_LIVED_AFTER = re.compile(
    r"[ \u00a0]+(?:scored|netted|married|died|was born|graduated|resigned|retired|testified|"
    r"starred|sang|smiled|laughed|wept|pleaded guilty)\b"
)
_LIST_GAP_BEFORE = re.compile(
    r"(?:,[ \u00a0]*(?:(?:and|&)[ \u00a0]+)?|[ \u00a0]+(?:and|&)[ \u00a0]+)$"
)
_LIST_GAP_AFTER = re.compile(r",?[ \u00a0]+(?:(?:and|&)[ \u00a0]+)?|,")
_WHO_AFTER = re.compile(r",[ \u00a0]+who\b")
_DONE_BY = re.compile(
    r"\b(?:directed|written|coached|chaired|painted|composed|edited|translated|photographed|"
    r"narrated|illustrated|sung|portrayed|voiced|interviewed|married|murdered|killed)"
    r"[ \u00a0]+by[ \u00a0]+$"
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|wrote|asked)[ \u00a0]+$")
_ROLE_COMMA = re.compile(r"\b([a-z][\w-]+),[ \u00a0]+$")
_APPOSITION = re.compile(
    r",[ \u00a0]+(?:(who|whose)\b|(?:(?:a|an|the|its|his|her|their|our)[ \u00a0]+)?"
    r"([^,.;:!?\"“”()\n]{0,80}))"
)
_GLUED_PARTICLE = re.compile(r"(?:al|el|ad|ibn|bin|abu|d|l)[-'’]\w", re.IGNORECASE)
_DOUBLE_BARRELLED = re.compile(r"[^\W\d_][^\W\d_]+-[^\W\d_a-z][^\W\d_]+")
_SHARED_PLACE_CUES = frozenset(
    {"rivers", "mountains", "lakes", "seas", "islands", "valleys", "streets", "avenues"}
)
_KEEP_STOP = frozenset({"inc", "corp", "co", "ltd", "jr", "sr"})
# Author-year citations: "(Dye & Bavelier, 2010; Feng et al., 2007)", "Prensky (2005)".
_YEAR = r"(?:1[5-9]|20)\d{2}[a-z]?"
_AUTHOR = r"[^\W\d_][\w'’-]*"
_AUTHORS = (
    rf"{_AUTHOR}(?:(?:,[ \u00a0]*|[ \u00a0]+)(?:(?:&|and)[ \u00a0]+)?{_AUTHOR})*(?: et al\.?)?"
)
_CITED = (
    rf"(?:(?:e\.g\.|i\.e\.|see|cf\.|see also|also see|for example|see for example),?[ \u00a0]+)?"
    rf"{_AUTHORS},?[ \u00a0]+{_YEAR}(?:,[ \u00a0]*{_YEAR})*"
)
_PAREN_CITATION = re.compile(rf"\({_CITED}(?:;[ \u00a0]*{_CITED})*\)")
_CITATION_WORDS = frozenset(
    {"e.g.", "i.e.", "see", "cf.", "et", "al", "al.", "and", "also", "for", "example"}
)
_NARRATIVE_CITATION = re.compile(
    r"[^\W\d_][\w'’-]*(?:[ \u00a0]+(?:&|and)[ \u00a0]+[^\W\d_][\w'’-]*|[ \u00a0]+et al\.?)?"
    rf"[ \u00a0]+\({_YEAR}(?:, p+\. ?\d+)?\)"
)
# Numbered roads: "I-44", "US-412 West", "Interstate 95", "Route 66"; a
# British "A64" or "M18" only beside a word of driving ("the M1 northbound").
_ROAD = re.compile(
    r"\b(?:I-\d{1,3}|Interstate \d{1,3}|US-\d{1,3}|US \d{1,3}(?= |,|\.|\))(?! percent| million)"
    r"|(?:Route|State Route) \d{1,4})"
    r"(?: (?:East|West|North|South)\b)?"
    # "Terminal 4", "Gates C & D": numbered parts of a site.
    r"|\b(?:Terminal|Building|Gates?|Pier|Platform|Hangar|Berth|Concourse) (?:\d{1,3}|[A-Z])\b"
    r"(?: (?:&|and) (?:\d{1,3}|[A-Z])\b)?"
    # "47th Street", "N 44th St", "S 75th Ave": numbered streets.
    r"|\b(?:[NSEW]\.? )?\d{1,3}(?:st|nd|rd|th) (?:Street|St|Avenue|Ave|Place|Road|Rd|Boulevard"
    r"|Blvd|Drive|Lane|Way|Terrace|Parkway)\b"
)
# Cheap first look: most texts name no road, terminal or numbered street.
_ROAD_HINTS = (
    "I-", "Interstate ", "US", "Route ", "Terminal ", "Building ", "Gate", "Pier ",
    "Platform ", "Hangar ", "Berth ", "Concourse ",
)  # fmt: skip
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th) ")
_UK_ROAD = re.compile(r"\b[AM]\d{1,4}M?\b")
_DRIVING = re.compile(r"(?:north|south|east|west)bound|junction|motorway|\bexit\b", re.IGNORECASE)
# "reactive oxygen species (ROS)": an acronym defined by lower-case words is a term.
_TERM_DEFINED = re.compile(
    r"\b([a-z][\w-]*(?:[ \u00a0][a-z][\w-]*){1,5})[ \u00a0]*\(([A-Z]{2,6})s?\)"
)
_AMOUNT_BEFORE = re.compile(r"\d[\d,.]*[ \u00a0]*$")  # "40 CUC", "25 DKK"
# Three humps or more: an identifier in code ("YouTube", "JetBlue" have two).
_IDENTIFIER = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z\d]+){2,}")
_CAMEL = re.compile(r"[^\W\d_][^\W\d_A-Z]+[A-Z][^\W\d_]+")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O)[A-Z]")  # McCain, DeSantis
_NAME_ENDS = (lx.ORG_CUES - lx.SECTOR_WORDS) | lx.PLACE_CUES  # a complete name ends in one
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_REFERENCE_END = re.compile(r"\][ \u00a0]*$")
_REFERENCE_OPEN = re.compile(r"\[$")
_AFTER_TOWN = re.compile(r"[^\W\d_a-z][\w.'’-]*,[ \u00a0]*$")  # "Tulsa, " before "OK"
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+")
_INTERVIEWS_AFTER = re.compile(r"[ \u00a0]+(?:interviews|interviewed|caught up with)\b")
_TOLD_BEFORE = re.compile(
    r"\b(?:told|tells|telling|interviewed by|spoke to|spoke with|speaking to|talked to|"
    r"talking to|said to|reported by|according to)[ \u00a0]+$"
)
_OF_NAME = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[^\W\d_a-z]")
_DOMAIN = re.compile(r"\b[A-Z][\w-]*\.(?:com|org|net|io|tv|fm|us|co\.uk)\b")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")  # a ruler's number (not "I", see below)
_CONTRACTION = re.compile(r"I['’][a-z]{1,2}")  # "I'm", "I'll", "I've", "I'd"


@dataclass(slots=True)
class _Token:
    text: str  # without possessive and abbreviation dot
    start: int
    end: int  # end of `text` in the source
    lower: str
    cap: bool  # starts a name word
    possessive: bool
    abbrev: bool  # followed by a full stop that does not end the sentence
    sentence_start: bool
    joinable: bool = False  # only spaces between this token and the next one
    index: int = 0
    group_possessive: bool = False  # "Tenants'", "People's": may open an organisation's name


def _blank(match: re.Match[str]) -> str:
    return "\n" + " " * (len(match.group()) - 1)  # a break: no name runs across it


def _is_cap(word: str) -> bool:
    if word[0].isupper():
        return True
    # "al-Assad", "el-Sisi", "d'Alema": a particle glued to a capitalised name.
    for sep in ("-", "'", "’"):
        head, _, tail = word.partition(sep)
        if tail and tail[:1].isupper() and (head in lx.PARTICLES or head in ("d", "l", "ad")):
            return True
    return False


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    prev_end = 0
    sentence_start = True
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        gap = text[prev_end:start]
        if out and gap == " ":
            out[-1].joinable = True  # the commonest gap, decided without the checks below
            sentence_start = False
        elif out:
            prev = out[-1]
            body = gap[1:] if prev.abbrev and gap.startswith(".") else gap
            if _PLURAL_POSSESSIVE.match(body) and prev.lower.endswith("s") and not prev.abbrev:
                # "Tenants' Union": the apostrophe of a plural possessive, not a quote.
                prev.possessive = prev.group_possessive = True
                body = body[1:]
            prev.joinable = (body != "" and body.strip(" \u00a0") == "") or body.strip() == "&"
            # A quotation opens a sentence of its own: `said "In the end...`.
            sentence_start = (
                "\n" in gap
                or bool(_SENTENCE_END.search(body))
                or bool(_OPENERS.search(gap))
                # "LONDON — Shares ...", "(Reuters) - Shares ...": a dateline ends there.
                or (bool(_DATELINE_DASH.fullmatch(gap)) and (prev.text.isupper() or ")" in gap))
            )
            if "]" in gap and _REFERENCE_END.match(gap) and prev.text.isdigit() and len(out) > 1:
                # "... in 1805. [3] In Byron's ...": a reference mark keeps the sentence start.
                mark_gap = text[out[-2].end : prev.start]
                sentence_start = (
                    sentence_start
                    or bool(_REFERENCE_OPEN.search(mark_gap))
                    and (bool(_SENTENCE_END.search(mark_gap)) or "\n" in mark_gap)
                )
        possessive = word.endswith(_POSSESSIVE)
        if possessive:
            word = word[:-2]
            end -= 2
        lower = word.lower()
        group_possessive = possessive and lower in lx.IRREGULAR_PLURALS
        abbrev = word.endswith(".")  # initialisms keep their dots
        if not possessive and text.startswith(".", end):
            abbrev = abbrev or lower in lx.ABBREVIATIONS or (len(word) == 1 and word.isupper())
        first = word[0]
        cap = first.isupper() or (first.isalpha() and _GLUED.search(word) is not None)
        if cap and (
            not _is_cap(word)
            or _DIGIT.search(word)
            or ("&" in word and lower in lx.AMPERSAND_TERMS)
            or (word[1:2] in ("'", "’") and _CONTRACTION.fullmatch(word))
        ):
            cap = False
        if cap and start and text[start - 1] in "#@":
            cap = False  # "#IStandWithAhmed", "@POTUS": a hashtag or a handle, not a name
        if cap and _IDENTIFIER.fullmatch(word) and word not in known_organisations():
            cap = False  # "BooleanPolygonConstraint", "ChangeCoordSys": code, not a name
        if not cap and first.islower() and not word.islower() and word in known_organisations():
            cap = True  # "easyJet", "eBay": a listed name written with a small letter first
        tok = _Token(word, start, end, lower, cap, possessive, abbrev, sentence_start)
        tok.index = len(out)
        tok.group_possessive = group_possessive
        out.append(tok)
        prev_end = match.end()
    return out


# A byline or a list of authors, not a headline: "Riikka Mäkelä¹, Oskar Lindgren² and
# Mei-Ling Chao¹" (two to four capitalised words a name, two names or more).
_LIST_NAME = (
    r"[^\W\d_a-z][\w'’.-]*(?:[ \u00a0][^\W\d_a-z][\w'’.-]*){1,3}"
    r"[\d\u00b9\u00b2\u00b3\u2070-\u2079*]*"
)
_NAME_LIST = re.compile(
    rf"[ \t]*{_LIST_NAME}(?:(?:,[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+){_LIST_NAME})+[ \t]*"
)


_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?][ \u00a0]+[^\W\d_a-z]")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written all in capitals or Title Case Like A Headline."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = _HEADLINE_WORD.findall(line)
        # "President Sean Mills. Image: David Shankbone": a sentence ends inside, a caption.
        if (
            2 <= len(words) <= 20
            and not line.rstrip().endswith((".", ",", ";"))
            and not _SENTENCE_INSIDE.search(line)
        ):
            upper = sum(1 for w in words if w.isupper() and len(w) > 1)
            titled = sum(1 for w in words if w[0].isupper())
            small = [w for w in words if w.lower() in lx.STOPWORDS]
            small_titled = all(w[0].isupper() for w in small)
            # "Old Mill Bridge Reopens to Traffic": every word but the small ones titled.
            content = [w for w in words if w.lower() not in lx.STOPWORDS]
            headline_case = (
                len(words) >= 5
                and len(content) >= 4
                and bool(small)
                and all(w[0].isupper() for w in content)
                and ("," not in line or len(content) >= 5)  # not a list of names
            )
            if (
                upper >= 0.8 * len(words)
                or (small and small_titled and titled >= 0.9 * len(words))
                or headline_case
            ) and not _NAME_LIST.fullmatch(line):
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@dataclass(slots=True)
class _Span:
    tokens: list[_Token]
    before: _Token | None  # the token right before, when only spaces separate them
    after: _Token | None


def _is_head(tok: _Token) -> bool:
    return tok.lower in lx.ORG_OF_HEADS or tok.lower in lx.TITLES or tok.lower in lx.PLACE_OF_HEADS


def _possessive_org(tokens: list[_Token], j: int) -> bool:
    """ "Tenants' Union", "People's Party": a group's possessive that opens an organisation's
    name (a capitalised run after it ending in an organisation word)."""
    if not tokens[j].group_possessive:
        return False
    for k in range(j + 1, min(j + 4, len(tokens))):
        tok = tokens[k]
        if not tok.cap or tok.sentence_start:
            return False
        if tok.lower in lx.ORG_CUES:
            return True
        if not tok.joinable or tok.possessive:
            return False
    return False


def _spans(tokens: list[_Token]) -> Iterator[_Span]:
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        start = i
        if not tok.cap:
            # "von der Leyen said": a name may open with its particles.
            if tok.lower not in lx.LEADING_PARTICLES or tok.sentence_start:
                i += 1
                continue
            j = i
            while j < n and tokens[j].lower in lx.PARTICLES and tokens[j].joinable:
                j += 1
            if not (j > i and j < n and tokens[j].cap and not tokens[j].sentence_start):
                i += 1
                continue
            i = j
        j = i  # last token in the span
        has_head = _is_head(tokens[i])
        joined_of = False
        while (
            j + 1 < n
            and tokens[j].joinable
            and (not tokens[j].possessive or _possessive_org(tokens, j))
        ):
            nxt = tokens[j + 1]
            if nxt.sentence_start:
                break
            if nxt.cap:
                j += 1
            elif nxt.text == "&" and j + 2 < n and nxt.joinable and tokens[j + 2].cap:
                j += 2
            elif (
                nxt.lower in lx.PARTICLES
                or (nxt.lower in ("of", "for") and has_head)
                or nxt.lower == "and"
            ):
                k = j + 1
                while (
                    k < n
                    and tokens[k - 1].joinable
                    and not tokens[k].cap
                    and (
                        tokens[k].lower in lx.PARTICLES
                        or tokens[k].lower in ("of", "for", "and")
                        # "Society of the Cincinnati": "the" right after an organisation's "of"
                        or (tokens[k].lower == "the" and tokens[k - 1].lower == "of" and has_head)
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
        i = j + 1


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _is_title(low: str) -> bool:
    low = low.rstrip(".")
    return (
        low in lx.TITLES
        or ("-" in low and low.split("-")[0] in lx.TITLES)
        # "Justices Clarence Thomas and Samuel Alito", "Senators ...": a title for several.
        or (low.endswith("s") and len(low) > 5 and low[:-1] in lx.TITLES)
    )


def _bare(low: str) -> str:
    """ "al-assad" -> "assad": the part after a short particle prefix."""
    head, sep, tail = low.partition("-")
    return tail if sep and tail and len(head) <= 3 else low


def _one_type(types: frozenset[str]) -> EntityType | None:
    named = types - {"OTHER"}
    if len(named) != 1:
        return None
    type_ = next(iter(named))
    return "PERSON" if type_ == "PERSON" else "PLACE" if type_ == "PLACE" else "ORG"


def _plural(low: str) -> bool:
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


@dataclass
class _Reader:
    text: str
    tokens: list[_Token]
    gaz: Gazetteer
    standalone: dict[str, int]  # one-word spans away from sentence starts (name evidence)
    lowercase_words: set[str]  # words seen in lower case anywhere
    out: list[Mention]
    singles: dict[str, int] = field(default_factory=dict)  # one-word spans, not after "the"
    name_ends: set[str] = field(default_factory=set)  # capitalised words of longer spans
    guessed: set[int] = field(default_factory=set)  # offsets of one-word guesses
    lone_persons: set[str] = field(default_factory=set)  # one-word spans that "said" etc.
    undecided: list[list[_Token]] = field(default_factory=list)  # names without evidence
    person_bounds: set[tuple[int, str]] = field(default_factory=set)  # PERSON starts, ends
    citations: list[tuple[int, int]] = field(default_factory=list)  # author-year spans
    pending: list[_Token] = field(default_factory=list)  # one-word names typed by a list
    weak: set[int] = field(default_factory=set)  # offsets of one-word names typed by WordNet
    terms: set[str] = field(default_factory=set)  # acronyms of common terms ("ROS", "ROV")

    # -- output ----------------------------------------------------------------------------
    def surface(self, tokens: list[_Token]) -> str:
        text = self.text[tokens[0].start : tokens[-1].end]
        last = tokens[-1]
        if last.abbrev and not text.endswith(".") and last.lower in _KEEP_STOP:
            text += "."  # "Toyota Motor Corp." keeps the stop that belongs to it
        return text

    def add(self, tokens: list[_Token], type_: EntityType, *, tentative: bool = False) -> None:
        self.out.append(Mention(self.surface(tokens), type_, tokens[0].start, tentative))
        if type_ == "PERSON":
            self.person_bounds.update(((tokens[0].start, "start"), (tokens[-1].end, "end")))

    def add_place(self, tokens: list[_Token], canonical: str) -> None:
        surface = self.surface(tokens)
        if surface.isupper() and surface.casefold() == canonical.casefold():
            surface = canonical  # a dateline's "WASHINGTON"
        region = surface in self.gaz.regions or canonical in self.gaz.regions
        shown = "" if canonical == surface else surface
        self.out.append(Mention(canonical, "PLACE", tokens[0].start, False, shown, region))

    def place(self, tokens: list[_Token]) -> str | None:
        surface = self.surface(tokens)
        found = self.gaz.places.get(surface) or self.gaz.places.get(surface.rstrip("."))
        if found is None and surface[-2:-1] == "." and surface[-1].isupper():
            found = self.gaz.places.get(surface + ".")  # "U.S" for "U.S."
        return found

    def strip_demonyms(self, toks: list[_Token]) -> list[_Token]:
        k = 0
        while k < len(toks) and (
            toks[k].lower in self.gaz.demonyms
            or toks[k].lower in lx.COMPASS
            and k + 1 < len(toks)
            and toks[k + 1].lower in self.gaz.demonyms
        ):
            k += 1
        return toks[k:]

    # -- reading a span --------------------------------------------------------------------
    def read(self, span: _Span) -> None:
        # "and" stays only inside an organisation's or a place's name ("Securities and
        # Exchange Commission", "Bosnia and Herzegovina"); "Russia and Turkey" are two.
        last = span.tokens[-1]
        whole_place = self.place(span.tokens) is not None
        # "the Salt and Verde Rivers", "the Tigris and Euphrates Rivers": two names that
        # share their cue word in the plural are one place.
        shared_cue = (
            last.lower in _SHARED_PLACE_CUES
            and sum(1 for t in span.tokens if t.lower == "and") == 1
            and span.tokens[-2].lower != "and"
        )
        if shared_cue:
            named = span.tokens
            while named[0].lower in lx.STOPWORDS:
                named = named[1:]  # "The", "Then": an opener, no part of the name
            if named[0].lower != "and":
                self.add(named, "PLACE")
                return
        keep_and = (
            last.lower in lx.ORG_CUES
            or (any(t.lower in ("of", "for") for t in span.tokens) and not last.possessive)
            or whole_place
        )
        # A weekday or a month (other than inside a name: "Theresa May") splits the span.
        pieces: list[list[_Token]] = [[]]
        for tok in span.tokens:
            # "British Library and Columbia University": two names, each complete.
            ends_name = (
                (tok.lower == "and" or tok.text == "&")
                and bool(pieces[-1])
                and (pieces[-1][-1].lower in _NAME_ENDS or self.place(pieces[-1]) is not None)
            )
            if ends_name and not whole_place:
                pieces.append([])
                continue
            if tok.lower == "and" and not keep_and:
                pieces.append([])
                continue
            bare = tok.lower.rstrip(".")
            # "Theresa May", "Lady June": a full month name right after a name word.
            inside_name = bool(pieces[-1]) and not tok.abbrev and (len(bare) > 3 or bare == "may")
            # "Sun" of "Aegean Sun Holidays" is no Sunday; "Sat, Sun" and "Sun 12 May" are.
            short_day = bare in lx.WEEKDAYS and not bare.endswith("day")
            day = bare in lx.WEEKDAYS and (
                not short_day or tok.abbrev or bool(_DAY_NEXT.match(self.text, tok.end))
            )
            if day or (bare in lx.MONTHS and not inside_name):
                pieces.append([])
            else:
                pieces[-1].append(tok)
        for piece in pieces:
            if piece:
                before = span.before if piece[0] is span.tokens[0] else None
                after = span.after if piece[-1] is span.tokens[-1] else None
                self.read_piece(piece, before, after)

    def read_piece(self, toks: list[_Token], before: _Token | None, after: _Token | None) -> None:
        if len(toks) > 1:
            canonical = self.place(toks)  # "The Hague", "New York City"
            if canonical:
                self.add_place(toks, canonical)
                return
        # Sentence openers and "The" go; what follows them is read on its own.
        # Mid-sentence, only articles are capitalised by mistake; "Will Smith" keeps "Will".
        while toks and (
            (
                toks[0].lower in lx.STOPWORDS
                and not toks[0].text.isupper()
                and (
                    toks[0].sentence_start
                    or toks[0].lower in ("the", "a", "an")
                    or toks[0].lower in lx.INTERJECTIONS
                )
            )
            # "English" goes, but not from "Greek Orthodox Church" or "French Open".
            or (toks[0].lower in lx.NOT_NAMES and (len(toks) == 1 or not self.keeps_language(toks)))
            # "Considering Socotra is remote": a verb's -ing form opening a sentence.
            or (toks[0].sentence_start and len(toks) > 1 and self.opening_gerund(toks[0]))
            # "Analysts at ... analysts": a common plural noun opening a sentence.
            or (
                toks[0].sentence_start
                and len(toks) > 1
                and _plural(toks[0].lower)
                and toks[0].lower in self.lowercase_words
            )
        ):
            toks = toks[1:]
            before = None
        while toks and not toks[-1].cap:
            toks = toks[:-1]
            after = None
        if not toks:
            return
        canonical = self.place(toks)
        if canonical:
            self.add_place(toks, canonical)
            return
        lowers = [t.lower.rstrip(".") for t in toks]
        last = lowers[-1]
        if all(self.kind_word(t) for t in toks) and not (
            len(toks) == 1
            and (
                toks[0].lower in self.name_ends
                and self.given_name(toks[0])
                or _is_acronym(toks[0].text)
                and _TOLD_BEFORE.search(self.text, max(0, toks[0].start - 24), toks[0].start)
            )
        ):
            # "Christians", "Jewish Christians": kinds of people, not names; but "Frank"
            # beside "Frank Rack" is his given name, and "according to AFP" a source.
            return
        if self.in_citation(toks[0]) and last not in lx.ORG_CUES:
            # "Dye & Bavelier (2010)": each author a person ("Filippini Fantoni" one).
            names: list[list[_Token]] = [[]]
            for tok in toks:
                if tok.text == "&" or tok.lower == "and":
                    names.append([])
                elif tok.cap:
                    names[-1].append(tok)
            for name in names:
                if name and not (len(name) == 1 and _is_acronym(name[0].text)):
                    self.add(name, "PERSON")
            return
        if len(toks) > 1 and self.read_known(toks, last):
            return
        if len(toks) > 2 and (lowers[-2], last) in lx.PLACE_COMPOUNDS:
            self.add(toks, "PLACE")  # "Guangzhou Opera House", "Ross Ice Shelf"
            return
        if len(toks) > 1 and not toks[0].possessive and last not in lx.ORG_CUES:
            # "Universidade da Coruña", "Estádio D. Afonso Henriques": a head word first.
            if lowers[0] in lx.FOREIGN_ORG_HEADS:
                self.add(toks, "ORG")
                return
            if lowers[0] in lx.FOREIGN_PLACE_HEADS:
                self.add(toks, "PLACE")
                return

        if len(toks) > 1 and toks[-1].text.rstrip(".") in lx.LEGAL_ENDINGS:
            self.add(toks, "ORG")  # "Weingut Altenberg GmbH", "CalMac Ferries Limited"
            return
        # Organisations by their cue word: "Russian Defense Ministry", "Bank of England".
        if len(toks) > 1 and (last in lx.ORG_CUES or any(w in ("of", "for") for w in lowers)):
            head = lowers[lowers.index("of") - 1] if "of" in lowers else ""
            if lowers[0] in lx.COMPASS and last in lx.PLACE_CUES:
                self.add(toks, "PLACE")
            elif head in lx.PLACE_OF_HEADS and last not in lx.ORG_CUES:
                self.add(toks, "PLACE")  # "Bay of Bengal", "Cleveland Museum of Art"
            elif _is_title(lowers[0]) and "of" in lowers and last not in lx.ORG_CUES:
                self.read_title_of(toks)
            elif last in lx.PLACE_OF_HEADS and last not in lx.ORG_CUES:
                self.add(toks, "PLACE")  # "University of Tartu Museum": a building
            elif last in lx.ORG_CUES or not self.split_before_person(toks):
                self.add(toks, "ORG")
            return

        if self.split_before_person(toks):
            return

        # Titles: "Turkish President Recep Tayyip Erdogan" -> PERSON "Recep Tayyip Erdogan".
        titles = [
            idx
            for idx, low in enumerate(lowers)
            if _is_title(low)
            or (idx == 0 and toks[0].sentence_start and self.is_role_word(toks[0].text))
        ]
        if (
            titles
            and last in lx.PLACE_CUES
            and (titles[-1] == len(toks) - 2 or lowers[titles[0]] in lx.NAMING_TITLES)
        ):
            # "North Manchester General Hospital", "King Street", "Sheikh Lotfollah Mosque":
            # a place's name; "Judge Shanlyn Park" stays a judge.
            titles = []
        if titles:
            at = titles[-1]
            self.read_prefix(toks[: titles[0]])
            name = self.strip_demonyms(toks[at + 1 :])
            if len(name) == 1 and (
                _is_acronym(name[0].text) or name[0].text in known_organisations()
            ):
                self.add(name, "ORG")  # "Rival AMD", "chairman of FIFA": no person
            elif name and not self.split_before_person(name):
                self.add(name, "PERSON")
            return

        # Demonyms: "Syrian Kurdish YPG" -> "YPG"; "Saudi Aramco" stays whole.
        stripped = self.strip_demonyms(toks)
        if not stripped:
            return  # "South African", "Russians": nationalities are not listed
        if len(stripped) < len(toks):
            if len(stripped) == 1 and not _is_acronym(stripped[0].text):
                # "Saudi Aramco" is a company; "Eastern Europe" a region of a place, and
                # "British Museum" a building.
                word = stripped[0].lower
                building = word in lx.PLACE_CUES and word not in lx.ORG_CUES
                self.add(toks, "PLACE" if building or self.place(stripped) else "ORG")
                return
            toks = stripped
            before = None
            canonical = self.place(toks)
            if canonical:
                self.add_place(toks, canonical)
                return
            lowers = lowers[-len(toks) :]
        if len(toks) == 1:
            self.read_single(toks[0], before, after)
        else:
            self.read_multi(toks, lowers, after)

    def opening_gerund(self, tok: _Token) -> bool:
        """ "Following", "Considering", "Visiting": a common word ending in -ing, and no
        name ("Browning", "Fleming", "Reading", "Beijing")."""
        low = tok.lower
        common = common_words()
        stem = low[:-3]
        return (
            low.endswith("ing")
            and len(low) > 5
            and (low in common or stem in common or stem + "e" in common or stem[:-1] in common)
            and fold(tok.text) not in surnames()
            and tok.text not in self.gaz.places
            and not self.given_name(tok)
        )

    def in_citation(self, tok: _Token) -> bool:
        return any(a <= tok.start < b for a, b in self.citations)

    def keeps_language(self, toks: list[_Token]) -> bool:
        """A language's name opening an organisation's or an event's name."""
        last = toks[-1].lower.rstrip(".")
        return (
            toks[0].lower in lx.LANGUAGES
            and (
                last in lx.ORG_CUES
                or last in lx.EVENT_CUES
                # "Greek Ministry of Culture": the cue word opens what follows "of"
                or any(
                    t.lower in lx.ORG_OF_HEADS and n.lower == "of"
                    for t, n in zip(toks, toks[1:], strict=False)
                )
            )
        )

    def kind_word(self, tok: _Token) -> bool:
        """A demonym or a capitalised word for a kind of person, faith, language or event."""
        if tok.lower in self.gaz.demonyms:
            return True
        return tok.text in kind_nouns()

    def read_known(self, toks: list[_Token], last: str) -> bool:
        """A name of several words that WordNet lists, with its one type ("Lake Erie",
        "White House"); one it lists only as an event, an era or a work ("World War II")
        is dropped. An organisation's cue word at the end wins ("Columbia University")."""
        if any(t.lower in lx.SCHOOL_CUES for t in toks):
            return False  # "University of Chicago" is an ORG whatever WordNet says
        if self.surface(toks) in known_organisations():
            self.add(toks, "ORG")  # "Goldman Sachs", "Procter & Gamble"
            return True
        types = known_names().get(self.surface(toks))
        if types is None:
            return False
        if types == {"OTHER"}:
            return True
        type_ = self.known_type(toks[0]) if len(toks) == 1 else _one_type(types)
        if type_ is None:
            return False
        if type_ == "ORG" and last in lx.PLACE_CUES and last not in lx.ORG_CUES:
            type_ = "PLACE"  # "British Museum": a building, as GUM has museums
        if type_ == "PLACE":
            self.add_place(toks, self.surface(toks))
        else:
            self.add(toks, "PERSON" if type_ == "PERSON" else "ORG")
        return True

    def known_type(self, tok: _Token) -> EntityType | None:
        """The one type WordNet gives a single word ("Zeus", "Thrace"), unless the word is
        also written in lower case here or acts like an organisation ("Kremlin denied")."""
        if tok.lower in self.lowercase_words:
            return None
        if tok.text in known_organisations():
            before = self.word_before(tok, 1)
            if before is None or before.lower != "the" or tok.text not in self.gaz.places:
                return "ORG"  # "Twitter", "Boeing"; not "the Amazon"
        type_ = _one_type(known_names().get(tok.text, frozenset()))
        if type_ is not None and type_ != "ORG" and _ACTS.match(self.text, tok.end):
            return None
        return type_

    def split_before_person(self, toks: list[_Token]) -> bool:
        """ "(envoy to) Ukraine Kurt Volker", "European Union Gordon Sondland": a place or an
        organisation run together with the person named after it. Needs a given name, and
        no cue word at the end ("Aberdeen Royal Infirmary" is one hospital)."""
        if toks[-1].lower in _NAME_ENDS:
            return False
        for at in range(1, len(toks) - 1):
            if toks[at - 1].possessive:
                continue
            # A given name, or two last words whose surname is a person's elsewhere
            # ("... Arlington Amneh Jafari" and "Jafari said").
            surname = (
                at == len(toks) - 2
                and toks[-1].lower in self.lone_persons
                and toks[at].cap
                and toks[at].lower not in _NAME_ENDS
                and toks[at].lower not in lx.STOPWORDS
            )
            head = toks[:at]
            # "the Netherlands Lotte Wilms": a country, then two words that are no common
            # words, a place or a body's name (no "Singapore Airlines", "Costa Rica").
            after_region = (
                at == len(toks) - 2
                and self.surface(head) in self.gaz.regions
                and not any(t.lower in any_lower_case() or t.text.isupper() for t in toks[at:])
                and self.place(toks[at:]) is None
                and self.place(toks[at : at + 1]) is None
            )
            if not (surname or after_region or self.given_name(toks[at])):
                continue
            if at == 1 and self.given_name(head[0]):
                continue  # "Frederick Augustus II": a given name that is also a town
            canonical = self.place(head)
            lowers = [t.lower for t in head]
            if canonical is not None and head[-1].lower not in lx.ORG_CUES:
                self.add_place(head, canonical)
            elif at > 1 and (
                head[-1].lower in lx.ORG_CUES
                or "of" in lowers[1:-1]
                and lowers[lowers.index("of") - 1] in lx.ORG_CUES
            ):
                self.add(head, "ORG")  # "University of Texas Arlington"
            else:
                continue
            self.add(toks[at:], "PERSON")
            return True
        return False

    def read_prefix(self, prefix: list[_Token]) -> None:
        """What stands before a title: "NATO" or "Moscow" count; "Defense" does not."""
        if len(prefix) > 1 and prefix[-1].lower in lx.ORG_CUES:
            while prefix and prefix[0].lower in lx.STOPWORDS and not prefix[0].text.isupper():
                prefix = prefix[1:]
            self.add(prefix, "ORG")  # "European Commission President ..."
            return
        prefix = self.strip_demonyms(prefix)
        while prefix and prefix[0].lower in lx.STOPWORDS and not prefix[0].text.isupper():
            prefix = prefix[1:]
        if not prefix:
            return
        canonical = self.place(prefix)
        if canonical:
            self.add_place(prefix, canonical)
        elif len(prefix) == 1 and _is_acronym(prefix[0].text):
            if prefix[0].lower.replace(".", "") not in lx.NOT_ACRONYMS:
                self.add(prefix, "ORG")
        elif len(prefix) > 1 and prefix[-1].lower in lx.ORG_CUES:
            self.add(prefix, "ORG")
        elif len(prefix) == 1 and self.standalone.get(prefix[0].lower, 0) > 0:
            self.add(prefix, "ORG")  # also named on its own elsewhere ("Apple" in "Apple CEO")

    def read_title_of(self, toks: list[_Token]) -> None:
        """ "Mayor of London Sadiq Khan", "Secretary of State Antony Blinken"."""
        at = [t.lower for t in toks].index("of")
        rest = toks[at + 1 :]
        if rest and rest[0].lower == "the":
            rest = rest[1:]
            if len(rest) <= 2 and not (len(rest) == 2 and self.given_name(rest[0])):
                return  # "Secretary of the Treasury", "Leader of the House": an office
        taken = 1
        for size in (3, 2, 1):
            if len(rest) > size - 1:
                canonical = self.place(rest[:size])
                if canonical:
                    self.add_place(rest[:size], canonical)
                    taken = size
                    break
        # The role's object may run on ("of National Intelligence"): a long run keeps only
        # its last two words as the name.
        name = rest[taken:] if len(rest) - taken <= 2 else rest[-2:]
        if name and not all(_is_title(t.lower) for t in name):
            self.add(name, "PERSON")

    def word_before(self, tok: _Token, back: int) -> _Token | None:
        idx = tok.index - back
        if idx < 0:
            return None
        found = self.tokens[idx]
        return found if all(t.joinable for t in self.tokens[idx : tok.index]) else None

    def read_single(self, tok: _Token, before: _Token | None, after: _Token | None) -> None:
        word = tok.text
        low = tok.lower.rstrip(".")
        if len(word.rstrip(".")) < 2:
            return
        if _is_acronym(word):
            dateline = self.gaz.places.get(word.title()) if len(word) > 3 else None
            if dateline is not None and _DATELINE.match(self.text, tok.end):
                at_line = tok.start == 0 or self.text[tok.start - 1] == "\n"
                if at_line:
                    self.add_place([tok], dateline)  # "LONDON —", "PARIS, May 3 (Reuters)"
                    return
            state = self.gaz.state_codes.get(word)
            if state is not None and _AFTER_TOWN.search(
                self.text, max(0, tok.start - 30), tok.start
            ):
                self.add_place([tok], state)  # "Vinita, OK", "Wichita, KS"
                return
            if (
                low.replace(".", "") not in lx.NOT_ACRONYMS
                and (
                    word not in kind_nouns()
                    # "according to AFP": a source, whatever else the letters stand for
                    or _TOLD_BEFORE.search(self.text, max(0, tok.start - 24), tok.start)
                )
                and word.rstrip("s") not in self.terms
                and not (
                    _AMOUNT_BEFORE.search(self.text, max(0, tok.start - 12), tok.start)
                    and not _NOUN_AFTER.match(self.text, tok.end)  # "3 NHS trusts" names it
                )
                and not _NUMBER_NEXT.match(self.text, tok.end)
            ):
                self.add([tok], "ORG")
            return
        if low in lx.STOPWORDS or low in lx.NOT_NAMES or _is_title(low):
            return
        if self.is_role_word(word) and _OF_NAME.match(self.text, tok.end):
            return  # "André Neu, Head of Platform Solutions": a job, not a name
        if low in self.gaz.demonyms or low in lx.WEEKDAYS or low in lx.MONTHS:
            return
        if _NUMBER_NEXT.match(self.text, tok.end) and not tok.possessive:
            return  # "Highway 50", "Apollo 11", "Windows 11": a thing with a number
        if word.isupper():
            # A dateline ("MOSCOW (Reuters) -") names a place; other shouted words go.
            canonical = self.gaz.places.get(word.title())
            if canonical:
                self.add_place([tok], canonical)
            return
        tentative = False
        if tok.sentence_start:
            if low in self.lowercase_words:
                return  # "Officials said ... officials": a common word by position
            # Kept only when it joins a longer name or stands alone elsewhere too, or opens
            # sentence after sentence ("Wikinews: ..." labels in an interview).
            tentative = (
                self.standalone.get(low, 0) == 0
                and (self.singles.get(low, 0) < 3 or low in common_words())
                and word not in known_organisations()  # "Twitter said ..."
            )
        following = after.lower if after is not None and not after.cap else ""
        if following in lx.EVENT_CUES:
            return  # "its Artemis mission"
        if low in lx.EVENT_CUES and _plural(low):
            return  # "the Paralympics will be shown", "the Finals": an event, no body
        the = self.word_before(tok, 1)
        if low in lx.COMPASS_LOWER and the is not None and the.lower == "the":
            if not tok.possessive and (after is None or not after.cap):
                self.add_place([tok], word)  # "the West", "from the Southeast": a region
            return
        if low in lx.ORG_CUES:
            # "the Senate" is a name; "the Ministry", "the Company" are short for the one
            # longer name they end (or for none, and dropped).
            self.add([tok], "ORG", tentative=tentative or low not in lx.INSTITUTIONS)
            return
        if low.endswith("ish") and following and not tok.possessive:
            return  # "the Swedish striker": a nationality or a language, not a name
        prev2 = self.word_before(tok, 2)
        # "the northeast Atlantic", "north of England", "west of the Lofoten islands".
        compass = self.word_before(tok, 1)
        if compass is not None and compass.lower == "the":
            compass = self.word_before(tok, 2)
            prev2 = self.word_before(tok, 3)
        if (
            following in lx.PLACE_NOUNS
            or self.place_of_before(tok)
            or (
                compass is not None
                and (
                    compass.lower in lx.COMPASS_LOWER
                    or compass.lower == "of"
                    and prev2 is not None
                    and (
                        prev2.lower in lx.PLACE_NOUNS
                        or prev2.lower in lx.PLACE_CUES
                        or prev2.lower in lx.COMPASS_LOWER
                    )
                )
            )
        ):
            self.guess([tok], "PLACE", tentative)
        elif before is not None and self.is_role(before):
            self.add([tok], "PERSON", tentative=tentative)
        elif following and (
            following in lx.ROLE_WORDS or following in lx.GROUP_NOUNS or following in lx.ORG_NOUNS
        ):
            # "Rovers manager Colin Mercer": the side, not a person.
            self.add([tok], "ORG", tentative=tentative)
        elif (known := self.known_type(tok)) is not None:
            self.weak.add(tok.start)
            if known == "PLACE":
                self.add_place([tok], tok.text)
            else:
                self.add([tok], known, tentative=tentative)
        elif _INTERVIEWS_AFTER.match(self.text, tok.end) or _TOLD_BEFORE.search(
            self.text, max(0, tok.start - 24), tok.start
        ):
            # "Wikinews interviewed", "told Reuters", "spoke to Bloomberg": an outlet,
            # unless it is a surname ("told Smith").
            person = fold(tok.text) in surnames() and low not in common_words()
            self.guess([tok], "PERSON" if person else "ORG", False)
        elif not self.single_evidence(tok):
            return  # one capitalised word and nothing else: not guessed
        elif (
            before is not None
            and (
                before.lower in lx.PLACE_PREPOSITIONS
                or self.motion_before(tok)
                or before.lower == "at"
                and not self.works_at(tok)
                and following not in lx.COMPANY_NOUNS
                and not _ACTS.match(self.text, tok.end)
            )
            and not tok.possessive
            and not tok.sentence_start
        ):
            if prev2 is not None and prev2.cap and prev2.lower in lx.EVENT_CUES:
                return  # "Nobel Prize in Literature"
            if low in common_words():
                return  # "a degree in Linguistics": a field, not a place
            self.guess([tok], "PLACE", tentative)
        elif self.org_evidence(tok):
            # "Obama said", "Monti's government": a surname acting is a person; a company
            # needs its own cue ("shares of Ford").
            person = (
                fold(tok.text) in surnames()
                and low not in common_words()
                and not _COMPANY_BEFORE.search(self.text, max(0, tok.start - 40), tok.start)
            )
            self.guess([tok], "PERSON" if person else "ORG", tentative)
        else:
            self.pending.append(tok)  # typed by the names listed beside it

    def org_evidence(self, tok: _Token) -> bool:
        """Why one capitalised word with no other reading is an organisation: it owns
        something, is held or reported like a company, or acts ("Ryanair said"); a word
        English also writes in lower case ("Midnight", "Test") needs more than repetition."""
        if _COMPANY_BEFORE.search(self.text, max(0, tok.start - 40), tok.start):
            return True
        if tok.possessive or _ACTS.match(self.text, tok.end):
            return True
        if _CAMEL.fullmatch(tok.text) and not _NAME_PREFIX.match(tok.text):
            return True  # "YouTube", "JetBlue": a brand's capital inside the word
        prev = self.word_before(tok, 1)
        if prev is not None and prev.lower == "at" and not tok.sentence_start:
            return True  # "researchers at Fermilab"
        return tok.lower not in common_words() and self.singles.get(tok.lower, 0) > 2

    def place_of_before(self, tok: _Token) -> bool:
        """ "the village of", "mayor of", "residents of" before a name: a place's name."""
        of = self.word_before(tok, 1)
        if of is None or of.lower != "of":
            return False
        noun = self.word_before(tok, 2)
        return noun is not None and not noun.cap and noun.lower in lx.PLACE_OF_NOUNS

    def motion_before(self, tok: _Token) -> bool:
        """ "evacuated by boat to Edipsos", "trains from Tallinn", "the road to Bảo Yên":
        where a journey goes or comes from."""
        prev = self.word_before(tok, 1)
        if prev is None or prev.lower not in ("to", "from", "via", "towards", "toward"):
            return False
        verb = self.word_before(tok, 2)  # "by boat to", "flights from"
        return (
            verb is not None
            and (not verb.cap or verb.sentence_start)
            and verb.lower in lx.MOTION_WORDS
        )

    def works_at(self, tok: _Token) -> bool:
        """ "researchers at Fermilab", "she worked at Halden": a workplace; "berthed at
        Ullapool", "change at Tunes" name a place."""
        prev2 = self.word_before(tok, 2)
        if prev2 is None:
            return False
        return self.is_role(prev2) or prev2.lower in lx.WORK_WORDS

    def guess(self, toks: list[_Token], type_: EntityType, tentative: bool) -> None:
        if len(toks) == 1:
            self.guessed.add(toks[0].start)
        self.add(toks, type_, tentative=tentative)

    def is_role(self, tok: _Token) -> bool:
        """A lower-case word naming a person's job or relation ("coach", "ecologist")."""
        low = tok.lower
        if tok.cap or len(low) < 3:
            return False
        return low in lx.ROLE_WORDS or (len(low) > 5 and low.endswith(_ROLE_SUFFIXES))

    def single_evidence(self, tok: _Token) -> bool:
        """Why one capitalised word is a name: it is named again, owns something, is part
        of a longer name, or reports or acts like an organisation ("Ryanair said")."""
        low = tok.lower
        if tok.possessive or self.singles.get(low, 0) > 1 or low in self.name_ends:
            return True
        if _CAMEL.fullmatch(tok.text) and not _NAME_PREFIX.match(tok.text):
            return True  # "YouTube", "JetBlue"
        if _COMPANY_BEFORE.search(self.text, max(0, tok.start - 40), tok.start):
            return True  # "shares of Nvidia", "a stake in Ryanair"
        prev = self.word_before(tok, 1)
        if prev is not None and prev.lower in _NAME_PREPOSITIONS and not tok.sentence_start:
            return True  # "in Frankfurt", "at Fermilab"
        if self.motion_before(tok):
            return True  # "flew to Kabul", "ferries from Olhão"
        if _LISTED_AFTER.match(self.text, tok.end) or _LISTED_BEFORE.search(
            self.text, max(0, tok.start - 40), tok.start
        ):
            return True  # "Microsoft, Amazon and Google": named in a list of names
        return _ACTS.match(self.text, tok.end) is not None

    def next_is_comma(self, tok: _Token) -> bool:
        return self.text.startswith(",", tok.end) and not tok.possessive

    def read_multi(self, toks: list[_Token], lowers: list[str], after: _Token | None) -> None:
        last = lowers[-1]
        if last == "box" and lowers[0].replace(".", "") == "po":
            return  # "P.O. Box 123": an address
        if last in lx.EVENT_CUES or (
            lowers[0] in lx.EVENT_CUES and len(toks) == 2 and last not in lx.PLACE_CUES
        ):
            return  # "Grand Prix", but "Grand Mosque"
        if lowers[0] in lx.COMPASS and (
            last in lx.PLACE_CUES or last in lx.COMPASS or self.place(toks[1:]) is not None
        ):
            self.add(toks, "PLACE")
            return
        compass = self.word_before(toks[0], 1)
        if compass is not None and compass.lower in lx.COMPASS_LOWER:
            self.add(toks, "PLACE")  # "the northern Sierra Nevada"
            return
        if last in lx.PLACE_CUES:
            # "Manchester City" is not the city of Manchester: a club named after it; a
            # "School District" is the body that runs the schools.
            club = last == "city" and self.place(toks[:-1]) is not None
            board = last == "district" and len(toks) > 2 and lowers[-2] == "school"
            self.add(toks, "ORG" if club or board else "PLACE")
            return
        if _INITIALS.fullmatch(toks[0].text) and all(self.name_like(t) for t in toks[1:]):
            self.add(toks, "PERSON")  # "O.J. Simpson", "J.K. Rowling"
            return
        if (
            len(toks) > 1
            and toks[-1].text != "I"
            and _ROMAN.fullmatch(toks[-1].text)
            and not any(_is_acronym(t.text) for t in toks[:-1])
            and toks[0].lower not in common_words()
            and all(self.name_like(t) for t in toks[:-1])
        ):
            self.add(toks, "PERSON")  # "Ewuare II", "Frederick Augustus II": a ruler
            return
        if any(
            _is_acronym(t.text) and len(t.text) > 1 and not _ROMAN.fullmatch(t.text) for t in toks
        ):
            if all(_is_acronym(t.text) for t in toks):
                for t in toks:
                    self.read_single(t, None, None)
            else:
                self.add(toks, "ORG")  # "SK Hynix", "AMC Theatres", "BBC News"
            return
        if (
            any(
                not self.name_like(t) and not self.middle_initial(toks, k)
                for k, t in enumerate(toks)
            )
            or len(toks) > 5
        ):
            return
        # A place at the front ("Boston Celtics", "Los Angeles Dodgers") or at the end
        # ("Real Madrid") of a name that is not a person's is a club or a company.
        head = next((size for size in (3, 2, 1) if size < len(toks) and self.place(toks[:size])), 0)
        # A place at the end is more often a surname ("Anthony Lynn") than a club.
        surname_seen = self.standalone.get(last, 0) > 0
        if (
            head
            and (_plural(last) or not surname_seen and len(toks) - head > 1)
            # "Elizabeth B. Prelogar" is a person; "Dallas Mavericks" a club.
            and not (head == 1 and self.given_name(toks[0]) and not _plural(last))
        ):
            self.add(toks, "ORG")
            return
        if (
            toks[0].sentence_start
            and lowers[0] not in lx.PARTICLES
            and not self.given_name(toks[0])
            and (
                self.given_name(toks[1])
                or lowers[0] in self.lowercase_words
                or lowers[0] in common_words()
            )
        ):
            # A foreign "Saat Ali" ("when Ali"), "Asked Smith ... asked": an opening word.
            rest = toks[1:]
            if len(rest) == 1:
                self.read_single(rest[0], None, after)
            else:
                self.read_multi(rest, lowers[1:], after)
            return
        prev = self.word_before(toks[0], 1)
        if self.place_of_before(toks[0]):
            self.add(toks, "PLACE")  # "the hamlet of Làng Nủ", "mayor of Mantoudi"
            return
        if (
            prev is not None
            and (prev.lower in lx.PLACE_PREPOSITIONS or self.motion_before(toks[0]))
            and not toks[-1].possessive
            and not all(t.lower in common_words() for t in toks)  # "in Public Health"
            and not self.role_before(toks[0])
            and not _SAID_AFTER.match(self.text, toks[-1].end)
        ):
            self.add(toks, "PLACE")  # "in Marie Galante", "near Santa Ana": where, not who
            return
        if lowers[0] in lx.ROMANCE_ARTICLES and not (
            self.role_before(toks[0]) or _SAID_AFTER.match(self.text, toks[-1].end)
        ):
            # "La Désirade", "Les Saintes", "Le Monde": a place or a title, not a person,
            # even in a list of people.
            return
        strong = (
            self.given_name(toks[0])
            or self.role_before(toks[0])
            or self.owner_before(toks[0])
            or last in self.lone_persons
        )
        if not strong and _plural(last) and last not in plural_surnames():
            # "Lakeside Rovers", "Tenants": a side or a group of people; "Shore Crabs" and
            # "Future Directions" (common words only) need to act or own something.
            common = all(t.lower in common_words() for t in toks)
            if (
                not common
                or self.org_evidence(toks[-1])
                or (
                    after is not None
                    and (after.lower in lx.ROLE_WORDS or after.lower in lx.GROUP_NOUNS)
                )
            ):
                self.add(toks, "ORG")
            return
        if (
            last in lx.CAPTION_WORDS
            or last in self.lowercase_words
            and last in common_words()
            and last not in self.standalone
        ):
            # "Ahmed Mohamed Image", "Tommy Solomon Statue": a name ends in a name word.
            rest = toks[:-1]
            if len(rest) == 1:
                self.read_single(rest[0], None, None)
            else:
                self.read_multi(rest, lowers[:-1], None)
        elif strong or (self.person_evidence(toks) and not self.common_thing(toks)):
            self.add(toks, "PERSON")
        else:
            # Two capitalised words and nothing more ("Plasma Blue", "Polar Tern"): dropped,
            # unless listed beside a person (see _listed_people).
            self.undecided.append(toks)

    def common_thing(self, toks: list[_Token]) -> bool:
        """ "Harbour Porpoise, Denmark's only resident whale", "Sport Psychology": words
        English writes in lower case, the last one never a name: a thing, whatever the
        apposition after it says."""
        return toks[-1].lower in common_words() and all(
            t.lower in any_lower_case() for t in toks[:-1]
        )

    def given_name(self, tok: _Token) -> bool:
        low = tok.lower
        if low in self.lowercase_words or low in lx.STOPWORDS or low in lx.MONTHS:
            return False  # "Will", "Grant", "May" written in lower case here: words
        if tok.text in self.gaz.regions or low in lx.TITLES:
            return False  # "China", "Georgia"; a city's name may be a given name ("Austin")
        names = given_names()
        folded = fold(tok.text)
        return folded in names or folded.split("-")[0] in names

    def owner_before(self, tok: _Token) -> bool:
        """ "Ethiopia's Gudaf Tsegay", "the late Kobe Bryant"."""
        prev = self.word_before(tok, 1)
        if prev is None:
            return False
        if prev.lower == "late" and (before := self.word_before(tok, 2)) is not None:
            return before.lower == "the"
        return prev.possessive and (
            self.place([prev]) is not None or prev.lower in self.gaz.demonyms
        )

    def role_before(self, tok: _Token) -> bool:
        """ "coach Priya Raman", "Its spokesperson, Noor Haddad"."""
        prev = self.word_before(tok, 1)
        if prev is not None and self.is_role(prev):
            return True
        match = _ROLE_COMMA.search(self.text, max(0, tok.start - 40), tok.start)
        return match is not None and self.is_role_word(match.group(1))

    def is_role_word(self, word: str) -> bool:
        low = word.lower()
        return low in lx.ROLE_WORDS or (len(low) > 5 and low.endswith(_ROLE_SUFFIXES))

    def person_evidence(self, toks: list[_Token]) -> bool:
        """A reporting verb, an apposition naming a job, or the surname used alone."""
        last = toks[-1]
        if any(t.abbrev and len(t.text.rstrip(".")) == 1 for t in toks[1:-1]):
            return True  # "John F. Kennedy": a middle initial
        if len(toks[0].text) == 1 and toks[0].abbrev:
            return True  # "K. Hupfer"
        opener = toks[0].lower
        # A place at the end of a name with no given name: "Conservatoire de Paris",
        # "Old Athens" are not people, whatever "de" or a lone "Athens" suggests.
        place_named = self.place([last]) is not None and not self.given_name(toks[0])
        if (
            (opener in lx.PARTICLES or opener not in self.lowercase_words)
            and any(t.lower in lx.NAME_PARTICLES or _GLUED_PARTICLE.match(t.text) for t in toks)
            and not place_named
        ):
            return True  # "Lula da Silva", "Bashar al-Assad"
        if _DOUBLE_BARRELLED.fullmatch(last.text):
            return True  # "Ngozi Okonjo-Iweala"
        surname = _bare(last.lower)
        if (
            (self.singles.get(last.lower, 0) > 0 or self.singles.get(surname, 0) > 0)
            and surname not in self.lowercase_words
            and not place_named
        ):
            # "Lindqvist's winner" after "Jonas Lindqvist"; not "Air" beside "air".
            return True
        if not last.possessive and (
            _SAID_AFTER.match(self.text, last.end) or _LIVED_AFTER.match(self.text, last.end)
        ):
            return True
        if _SAID_BEFORE.search(self.text, max(0, toks[0].start - 30), toks[0].start):
            return True
        if _DONE_BY.search(self.text, max(0, toks[0].start - 30), toks[0].start):
            return True  # "led by Claus Weselsky", "a film directed by Giona Nazzaro"
        if last.possessive:
            return False
        tail = _APPOSITION.match(self.text, last.end)
        if tail is None:
            return False
        if tail.group(1) is not None:
            return True  # ", who ..."
        words = [w.strip("'’").removesuffix("'s").removesuffix("’s") for w in tail.group(2).split()]
        return any(self.is_role_word(w) for w in words[:6] if w.islower())

    def middle_initial(self, toks: list[_Token], k: int) -> bool:
        """ "Eugene A. Nida", "Mary I. Smith": "A." and "I." after a given name are
        initials, not the article or the pronoun ("Plan A. Smith said" is not a name)."""
        tok = toks[k]
        return (
            0 < k < len(toks) - 1
            and tok.abbrev
            and len(tok.text) == 1
            and tok.text.isupper()
            and self.given_name(toks[k - 1])
        )

    def name_like(self, tok: _Token) -> bool:
        low = tok.lower
        if low in lx.PARTICLES or low in ("of", "for", "and", "&"):
            return True
        if low in lx.NOT_NAMES or low in ("the", "a", "an", "i"):
            return False
        if "-" in tok.text:
            # "Steeply-raked" is not a name; "Okonjo-Iweala" and "al-Assad" are.
            parts = tok.text.split("-")
            if any(p[:1].islower() and p not in lx.PARTICLES for p in parts[1:]):
                return False
        return not (tok.text.isupper() and len(tok.text) > 2)


def _headline_mentions(tokens: list[_Token], reader: _Reader) -> None:
    """Words of a shouted or Title Case headline count when the body or the gazetteer
    names them ("TRUMP MEETS PUTIN IN HELSINKI")."""
    known: dict[str, tuple[str, EntityType]] = {}
    org_ends: dict[str, set[str]] = {}  # last word of an organisation's name -> names
    for m in reader.out:
        if not m.tentative:
            known.setdefault(m.name.casefold(), (m.name, m.type))
            if m.type == "PERSON" and " " in m.name:
                last = m.name.split()[-1]
                known.setdefault(last.casefold(), (last, "PERSON"))
            elif m.type == "ORG" and " " in m.name:
                org_ends.setdefault(m.name.split()[-1].casefold(), set()).add(m.name)
    # A headline's short form ("Mariners") comes before the full name in the text, where
    # the merge would not join it: name the organisation it is short for.
    for word, names in org_ends.items():
        short = known.get(word)
        if len(names) == 1 and short is not None and short[1] == "ORG":
            known[word] = (next(iter(names)), "ORG")
    i, n = 0, len(tokens)
    while i < n:
        for size in (3, 2, 1):
            window = tokens[i : i + size]
            if len(window) < size or any(not t.joinable for t in window[:-1]):
                continue
            if size == 1 and window[0].lower in lx.STOPWORDS:
                continue
            titled = " ".join(t.text.title() for t in window)
            hit = known.get(titled.casefold())
            if hit is not None:
                reader.out.append(Mention(hit[0], hit[1], window[0].start))
                i += size
                break
            canonical = reader.gaz.places.get(titled)
            if canonical is None and size == 1:
                canonical = reader.gaz.places.get(window[0].text)  # "USA" as written
            if canonical:
                region = titled in reader.gaz.regions or canonical in reader.gaz.regions
                shown = "" if canonical == titled else titled
                reader.out.append(
                    Mention(canonical, "PLACE", window[0].start, False, shown, region)
                )
                i += size
                break
        else:
            i += 1


def _listed_people(reader: _Reader) -> None:
    """A name with no evidence of its own listed beside a person is one too: "Ann Lowe,
    Pablo Ruiz and Teo Brandt" (a few rounds, so the evidence runs along the list)."""
    text = reader.text
    for _ in range(4):
        found = False
        for toks in list(reader.undecided):
            start, end = toks[0].start, toks[-1].end
            before = _LIST_GAP_BEFORE.search(text, max(0, start - 8), start)
            after = _LIST_GAP_AFTER.match(text, end)
            if (before is not None and (before.start(), "end") in reader.person_bounds) or (
                after is not None and (after.end(), "start") in reader.person_bounds
            ):
                reader.add(toks, "PERSON")
                reader.undecided.remove(toks)
                found = True
        if not found:
            return


def _short_forms_of_names(reader: _Reader) -> None:
    """Words with no evidence of their own that end a name found elsewhere are its short
    form ("the Red Sox" after "Boston Red Sox"): kept as a guess the merge joins to it."""
    if not reader.undecided:
        return
    ends: dict[tuple[str, ...], EntityType] = {}
    for m in reader.out:
        words = tuple(m.name.casefold().split())
        if len(words) > 2 and not m.tentative and m.type != "PLACE":
            for size in range(2, len(words)):
                ends.setdefault(words[-size:], m.type)
    if not ends:
        return
    for toks in reader.undecided:
        type_ = ends.get(tuple(t.text.casefold() for t in toks))
        if type_ is not None:
            reader.add(toks, type_, tentative=True)


def _listed_singles(reader: _Reader) -> None:
    """A one-word name with no reading of its own takes the type of the names listed
    beside it: "Dalmatia and Pannonia", "Google, Bing and Yahoo"; else it stays only as
    a short form of a longer name."""
    if not reader.pending:
        return
    text = reader.text
    # Not from a word WordNet typed: "Microsoft, Amazon and Google" are not rivers.
    sure = [m for m in reader.out if not m.tentative and m.offset not in reader.weak]
    by_start = {m.offset: m for m in sure}
    by_end = {m.offset + len(m.surface or m.name): m for m in sure}
    for tok in reader.pending:
        before = _LIST_GAP_BEFORE.search(text, max(0, tok.start - 8), tok.start)
        after = _LIST_GAP_AFTER.match(text, tok.end)
        near = (by_end.get(before.start()) if before else None) or (
            by_start.get(after.end()) if after else None
        )
        if near is not None and near.type != "PLACE":
            reader.guess([tok], near.type, False)
        elif near is not None and not tok.possessive:
            reader.add_place([tok], tok.text)
        else:
            # Kept only as a short form of a longer name ("Akar" for "Hulusi Akar").
            reader.guess([tok], "ORG", True)


def _referring_nouns(reader: _Reader) -> None:
    """ "the ministry", "the Ministry": the nearest organisation named before it whose name
    ends in that word ("... the Turkish Defense Ministry ... the ministry said"). The lower
    case form is counted, not shown; one with no such name before it is dropped."""
    ends: dict[str, Mention] = {}  # last word -> latest organisation ending in it
    out = sorted(reader.out, key=lambda m: m.offset)
    referring = {
        tok.start: tok
        for tok in reader.tokens
        if not tok.cap
        and tok.lower in lx.REFERRING_CUES
        and (prev := reader.word_before(tok, 1)) is not None
        and prev.lower == "the"
    }
    heads: dict[str, tuple[Mention, list[str]]] = {}  # head word -> latest name with it
    resolved: list[Mention] = []
    pending = sorted(referring)
    at = 0
    for m in out:
        while at < len(pending) and pending[at] < m.offset:
            tok = referring[pending[at]]
            full = ends.get(tok.lower)
            if full is not None:
                resolved.append(Mention(full.name, "ORG", tok.start, False, listed=False))
            at += 1
        words = m.name.casefold().split()
        if m.type == "ORG" and " " not in m.name and m.tentative and m.name.casefold() in ends:
            full = ends[m.name.casefold()]  # "the Ministry"
            resolved.append(Mention(full.name, "ORG", m.offset, False, m.name))
            continue
        full = _head_named(reader, m, words, heads)
        if full is not None:
            resolved.append(Mention(full.name, full.type, m.offset, False, m.surface or m.name))
            continue
        if m.type == "ORG" and len(words) > 1 and not m.tentative:
            ends[words[-1]] = m
        if m.type != "PERSON" and len(words) > 1 and not m.tentative and m.listed:
            head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
            if words[head] in _NAME_ENDS:
                heads[words[head]] = (m, words)
        resolved.append(m)
    for start in pending[at:]:
        full = ends.get(referring[start].lower)
        if full is not None:
            resolved.append(Mention(full.name, "ORG", start, False, listed=False))
    reader.out[:] = resolved


def _head_named(
    reader: _Reader, m: Mention, words: list[str], heads: dict[str, tuple[Mention, list[str]]]
) -> Mention | None:
    """ "the Lodge" after "the Grand Lodge of New York", "the Supreme Court" after "the
    Italian Supreme Court of Cassation": capitalised words after "the" that end on the head
    word of the latest organisation or place named before, and run inside its name, are
    that name (not a person called Lodge, not a court of their own)."""
    found = heads.get(words[-1])
    if found is None:
        return None
    full, full_words = found
    if len(words) >= len(full_words) or m.offset < 4:
        return None
    if reader.text[m.offset - 4 : m.offset].casefold() != "the ":
        return None
    size = len(words)
    if not any(full_words[i : i + size] == words for i in range(len(full_words) - size + 1)):
        return None
    return full


_DEFINED = re.compile(r"[ \u00a0]*\(([^\W_][\w&.-]{1,9})\)")


def _roads(reader: _Reader) -> None:
    """Numbered roads are places; the words inside them ("West" of "I-44 West") are not
    names of their own."""
    text = reader.text
    hinted = any(hint in text for hint in _ROAD_HINTS) or _ORDINAL_HINT.search(text)
    roads = list(_ROAD.finditer(text)) if hinted else []
    roads += [
        m
        for m in _UK_ROAD.finditer(text)
        if _DRIVING.search(text, max(0, m.start() - 60), m.end() + 60)
    ]
    if not roads:
        return
    spans = [m.span() for m in roads]
    reader.out[:] = [m for m in reader.out if not any(a <= m.offset < b for a, b in spans)]
    reader.out.extend(Mention(m.group(), "PLACE", m.start()) for m in roads)


_TEAM_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeat|against|versus|vs\.?|v\.?|face|faces|faced|"
    r"facing|host|hosts|hosted|drew with|draw with|lost to|losing to|win over|victory over|"
    r"play|plays|played|playing|joined|joins|rejoined|(?:loaned|transferred) to|"
    r"(?:played|plays|playing|scored|signed|debut|capped|appearances|caps)(?: \w+ly| twice)? "
    r"(?:for|with))"
    r"[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_TEAM_LIST = re.compile(r"(?:,[ \u00a0]+|[ \u00a0]+and[ \u00a0]+|,[ \u00a0]+and[ \u00a0]+)$")
_TEAM_AFTER = re.compile(
    r"(?:'s|’s)?[ \u00a0]+(?:beat|beats|won|win|wins|lost|lose|loses|drew|draw|draws|"
    r"equalised|equalized|scored|led|coach|manager|goalkeeper|striker|captain|defender|"
    r"midfielder|squad|side|fans|supporters|will play|play|played|have|are|were)\b"
    r"|[ \u00a0]+\d{1,2}[ \u00a0]*[–-][ \u00a0]*\d{1,2}\b"
)


def _teams(reader: _Reader) -> None:
    """In a report on a game, a country or a city that beats, plays or is played against is
    its team: an ORG ("Morocco beat Zambia 2–1", "played for Brazil"), as GUM has it."""
    text = reader.text
    if len(lx.SPORT_WORDS.intersection([t.lower for t in reader.tokens])) < 4:
        return
    teams: list[int] = []  # ends of the teams found, for "against Benin and Rwanda"
    for idx, m in enumerate(reader.out):
        if m.type != "PLACE" or not m.listed:
            continue
        end = m.offset + len(m.surface or m.name)
        listed = _TEAM_LIST.match(text, teams[-1], m.offset) if teams else None
        if (
            _TEAM_BEFORE.search(text, max(0, m.offset - 30), m.offset)
            or _TEAM_AFTER.match(text, end)
            or listed is not None
        ):
            reader.out[idx] = Mention(m.surface or m.name, "ORG", m.offset)
            teams.append(end)


_ENTRY = re.compile(
    r"[ \t*•·]*(?P<name>[^\W\d_][^\s,.:;–—()\"“”]*(?:[ \u00a0][^\s,.:;–—()\"“”]+){0,5}?)"
    r"(?P<sep>[ \u00a0]+[–—-][ \u00a0]+|:[ \u00a0]+|\.[ \u00a0]+(?=[^\W\d_])|,[ \u00a0]+)\S"
)


def _list_entries(reader: _Reader) -> None:
    """A list of entries, each line opening with a name and a separator ("Tavira – a
    quiet town", "Gosier: beaches and bars", "Port Hutt. A fishing village"), names
    places, unless a cue word, a given name or the rules say otherwise. Names that open
    line after line are speakers ("Wikinews: How did..."), not entries."""
    text = reader.text
    found: dict[str, list[tuple[int, int, str]]] = {}
    at = 0
    for row in text.split("\n"):  # one anchored try a line, not a scan of the text
        line = _ENTRY.match(row)
        if line is not None:
            sep = line.group("sep").strip() or " "
            entry = (at + line.start("name"), at + line.end("name"), line["name"])
            found.setdefault(sep, []).append(entry)
        at += len(row) + 1
    if not found:
        return
    starts = [t.start for t in reader.tokens]
    by_offset: dict[int, list[int]] = {}
    for idx, m in enumerate(reader.out):
        by_offset.setdefault(m.offset, []).append(idx)
    drop: set[int] = set()
    for sep, entries in found.items():
        names = [name for _, _, name in entries]
        if len(entries) < (2 if sep in "–—-:" else 3):
            continue
        for a, b, name in entries:
            if names.count(name) > 1:
                continue  # a speaker's label
            first = bisect_right(starts, a - 1)
            toks = [t for t in reader.tokens[first : first + 8] if t.start < b]
            if not toks or not _entry_name(reader, toks):
                continue
            known = [i for i in by_offset.get(a, []) if not reader.out[i].tentative]
            if known:
                continue
            drop.update(by_offset.get(a, []))
            low = toks[-1].lower
            if low in lx.ORG_CUES and low not in lx.PLACE_CUES:
                reader.add(toks, "ORG")
            elif (
                len(toks) > 1
                and reader.given_name(toks[0])
                and toks[0].lower not in lx.ROMANCE_ARTICLES
                and low not in lx.PLACE_CUES
            ):
                reader.add(toks, "PERSON")
            else:
                reader.add_place(toks, reader.place(toks) or reader.surface(toks))
    if drop:
        reader.out[:] = [m for i, m in enumerate(reader.out) if i not in drop]


def _entry_name(reader: _Reader, toks: list[_Token]) -> bool:
    """Words that can be an entry's name: capitalised (small words between), not a
    common word, a weekday or a caption's label alone."""
    first, last = toks[0], toks[-1]
    if not first.cap or not last.cap or last.possessive or len(last.text) == 1:
        return False  # "Suilen H. Alvarado" cut at the initial; "Bailey's, vodka, ..."
    if all(t.text.isupper() for t in toks) and len(toks) > 1:
        return False  # a heading in capitals
    for k, t in enumerate(toks):
        if t.lower == "the" and (k == 0 or toks[k - 1].lower != "of"):
            return False  # "Following the American Revolutionary War": a clause
        if not t.cap and t.lower not in lx.PARTICLES and t.lower not in ("of", "the", "and", "&"):
            return False
    low = first.lower
    if low in lx.STOPWORDS or low in lx.CAPTION_WORDS:
        return False
    if low.endswith("ing") and low in common_words():
        return False  # "Following", "During"
    if len(toks) == 1:
        return not (
            low in common_words()
            or low.removesuffix("s") in common_words()
            or low in reader.lowercase_words
            or low in lx.MONTHS
            or low in lx.WEEKDAYS
            or low in lx.NOT_NAMES
            or _is_title(low)
        )
    return not all(t.lower in common_words() for t in toks)


def _plural_of_common(low: str) -> bool:
    """ "otters", "churches", "dinghies": the plural of a word English writes in lower case."""
    if not _plural(low) or len(low) < 4:
        return False
    common = any_lower_case()
    stems = [low[:-1]]
    if low.endswith("es"):
        stems.append(low[:-2])
    if low.endswith("ies"):
        stems.append(low[:-3] + "y")
    return any(stem in common for stem in stems)


def _common_plurals(reader: _Reader) -> None:
    """ "Beach Otters", "Armenian Churches", "Meteorites": a capitalised run of common words
    ending in a plural is a kind of thing written with capitals, not an organisation. A
    name keeps its evidence: "the" before it (a team, "the Beatles"), a cue word, a list
    of known organisations, a place or a name word in it ("Tampa Bay Rays")."""
    text, demonyms = reader.text, reader.gaz.demonyms
    common = any_lower_case()
    keep: list[Mention] = []
    for m in reader.out:
        words = m.name.split()
        lows = [w.casefold() for w in words]
        if (
            m.type == "ORG"
            and not m.surface
            and m.name not in known_organisations()
            and not any(w.isupper() for w in words)
            and _plural_of_common(lows[-1])
            and lows[-1] not in lx.ORG_CUES
            and all(w in common or w in demonyms for w in lows[:-1])
            and not _THE_BEFORE.search(text, max(0, m.offset - 5), m.offset)
        ):
            continue
        keep.append(m)
    reader.out[:] = keep


_THE_BEFORE = re.compile(r"\b[Tt]he[ \u00a0]+$")


_WORK_YEAR = re.compile(
    r"[ \u00a0]*\((?:[^\W\d_a-z][^()\n\d]{0,40},[ \u00a0]*)?(?:1[5-9]|20)\d\d\)"
)
_WORK_BEFORE = re.compile(
    r"\b(?:film|movie|novel|album|song|opera|sitcom|poem|painting|documentary|musical|"
    r"oratorio|symphony|ballet|episode|memoir|autobiography|video game)"
    r"[ \u00a0]+(?:the[ \u00a0]+)?$"
)


def _works(reader: _Reader) -> None:
    """Titles of works are not names: a Title Case run right after "the film", "the
    novel", or right before a year in brackets ("Seven Nights (1960)", "(Les Amants,
    1959)"). In a text that cites, "Rayner (1998)" is an author and stays."""
    text = reader.text
    keep: list[Mention] = []
    for m in reader.out:
        end = m.offset + len(m.surface or m.name)
        if m.listed and (
            _WORK_BEFORE.search(text, max(0, m.offset - 24), m.offset)
            or _WORK_YEAR.match(text, end)
            and not _named_otherwise(reader, m)
            or _in_titled_work(text, m.offset, end)
            and not _named_otherwise(reader, m, inside=True)
        ):
            continue
        keep.append(m)
    reader.out[:] = keep


# Words a title of a work keeps in lower case ("Lift to the Scaffold", "Jules et Jim").
_TITLE_SMALL = r"(?:the|of|in|on|to|a|an|at|for|from|with|et|de|du|des|la|le|les|di|del|der|und)"
_TITLE_WORD = r"[^\W\d_a-z][\w'’-]*"
_TITLE_AFTER = re.compile(
    rf"(?:[ \u00a0]+(?:{_TITLE_SMALL}|{_TITLE_WORD}))*?"
    r"[ \u00a0]*\((?:[^\W\d_a-z][^()\n\d]{0,40},[ \u00a0]*)?(?:1[5-9]|20)\d\d\)"
)
_TITLE_BEFORE = re.compile(rf"(?:{_TITLE_WORD}[ \u00a0]+(?:{_TITLE_SMALL}[ \u00a0]+)*)+$")


def _in_titled_work(text: str, start: int, end: int) -> bool:
    """ "Jules et Jim (1962)", "The Old Lady Who Walked in the Sea (1992)": a name inside a
    Title Case run with a small word in it, the run right before a year in brackets."""
    after = _TITLE_AFTER.match(text, end)
    if after is None:
        return False
    before = _TITLE_BEFORE.search(text, max(0, start - 60), start)
    run = (before.group() if before else "") + text[start : after.start()] + after.group()
    head = run[: run.index("(")]
    if (before is None or not before.group().strip()) and after.group().lstrip()[:1] == "(":
        return False  # nothing around the name: the rule above decides
    return re.search(rf"[ \u00a0]{_TITLE_SMALL}[ \u00a0]", head) is not None


def _named_otherwise(reader: _Reader, m: Mention, *, inside: bool = False) -> bool:
    """What a year in brackets does not make a work: a known place ("in Italy (1821)"), a
    name ending in a cue word ("Pittsburgh Pirates (2012)"), a person by a given name, an
    author in a text that cites ("Rayner (1998)")."""
    words = m.name.split()
    last = words[-1].casefold()
    if m.surface or m.name in reader.gaz.places or last in lx.ORG_CUES or last in lx.PLACE_CUES:
        return True
    if words[0] in reader.gaz.places and _plural(last):
        return True  # "Pittsburgh Pirates (2012)": a team and its years
    if inside:
        return False  # inside a longer title a name is a character's ("Jules et Jim")
    if reader.citations and (m.type == "PERSON" or len(words) == 1):
        return True
    return m.type == "PERSON" and fold(words[0]) in given_names()


_PARTY = r"[^\W\d_a-z][\w'’.&-]*"
_CASE = re.compile(
    rf"(?P<a>(?:{_PARTY}[ \u00a0]){{0,3}}{_PARTY})[ \u00a0]+v\.?[ \u00a0]+"
    rf"(?P<b>{_PARTY}(?:[ \u00a0](?:{_PARTY}|of|and|the|&)){{0,5}})"
)
_CROWN = frozenset({"r", "regina", "rex", "the queen", "the king", "crown", "state", "people"})


def _case_names(reader: _Reader) -> None:
    """The parties of a case name are names: "Taueki v McMillan", "Dawson v Scottish
    Power", "Grant v. Torstar Corp.": a person unless an organisation's cue or a place says
    otherwise."""
    text = reader.text
    if " v " not in text and " v. " not in text:
        return
    if len(lx.LEGAL_WORDS.intersection([t.lower for t in reader.tokens])) < 3:
        return  # "the Eton v Harrow cricket match": a fixture, not a case
    starts = [t.start for t in reader.tokens]
    sides: list[tuple[int, int]] = []
    for case in _CASE.finditer(text):
        for side in ("a", "b"):
            a, b = case.span(side)
            first = bisect_right(starts, a - 1)
            toks = [t for t in reader.tokens[first : first + 8] if t.end <= b]
            cut = next(
                (
                    k
                    for k in range(1, len(toks))
                    if toks[k].sentence_start
                    or toks[k].lower == "the"
                    and toks[k - 1].lower != "of"
                ),
                len(toks),
            )
            toks = toks[:cut]  # "Scottish Power. The court": the sentence ends the name
            while toks and (toks[0].lower in lx.STOPWORDS or not toks[0].cap):
                toks = toks[1:]  # "In Dawson v ...", "see Riat v ..."
            while toks and not toks[-1].cap:
                toks = toks[:-1]
            if not toks or reader.surface(toks).casefold() in _CROWN or len(toks[0].text) < 2:
                continue
            sides.append((toks[0].start, toks[-1].end))
            low = toks[-1].lower
            if (
                low in lx.ORG_CUES
                or low in lx.CORPORATE_TAILS
                or low.rstrip(".") in lx.CORPORATE_TAILS
            ):
                type_: EntityType = "ORG"
            elif reader.place(toks) is not None:
                reader.add_place(toks, reader.place(toks) or reader.surface(toks))
                continue
            elif len(toks) == 1 or reader.given_name(toks[0]):
                type_ = "PERSON"
            else:
                type_ = "ORG"
            reader.add(toks, type_)
    if sides:
        added = {id(m) for m in reader.out[-len(sides) :]}
        reader.out[:] = [
            m for m in reader.out if id(m) in added or not any(a <= m.offset < b for a, b in sides)
        ]


def _domains(reader: _Reader) -> None:
    """A capitalised site name with its domain ("Chess.com", "Metro.us") is an ORG."""
    text = reader.text
    if not any(
        tld in text for tld in (".com", ".org", ".net", ".io", ".tv", ".fm", ".us", ".co.uk")
    ):
        return
    sites = [m for m in _DOMAIN.finditer(text) if m.start() == 0 or text[m.start() - 1] != "@"]
    if not sites:
        return
    spans = [m.span() for m in sites]
    reader.out[:] = [m for m in reader.out if not any(a <= m.offset < b for a, b in spans)]
    reader.out.extend(Mention(m.group(), "ORG", m.start()) for m in sites)


_BASED = re.compile(
    r"\b([^\W\d_a-z][\w'’.]*(?:[ \u00a0][^\W\d_a-z][\w'’.]*)?)-(?:based|born|headquartered)\b"
)


def _based(reader: _Reader) -> None:
    """ "Shenzhen-based Huaxing Robotics", "the Bengaluru-based start-up": the place goes
    apart from the name that follows it."""
    text = reader.text
    if "-based" not in text and "-born" not in text and "-headquartered" not in text:
        return
    common = common_words()
    for found in _BASED.finditer(text):
        a, b = found.span()
        place = found.group(1)
        if place.startswith(("The ", "A ", "An ")):
            a, place = a + place.index(" ") + 1, place.split(" ", 1)[1]
        low = place.casefold()
        if low in reader.gaz.demonyms or (low in common and place not in reader.gaz.places):
            # "French-born", "Mutation-based testing": no place, and no name either.
            reader.out[:] = [m for m in reader.out if not (a <= m.offset < b)]
            continue
        kept: list[Mention] = []
        for m in reader.out:
            m_end = m.offset + len(m.surface or m.name)
            if not (a <= m.offset < b or m.offset < a < m_end):
                kept.append(m)
            elif m_end > b + 1 and m.offset >= a:
                rest = text[b:m_end].strip()  # the name after "X-based"
                if rest[:1].isupper():
                    kept.append(Mention(rest, m.type, m_end - len(rest), m.tentative))
        reader.out[:] = kept
        canonical = reader.gaz.places.get(place)
        shown = "" if canonical in (None, place) else place
        region = canonical is not None and canonical in reader.gaz.regions
        reader.out.append(Mention(canonical or place, "PLACE", a, False, shown, region))


_CARRIED_BY = re.compile(
    r"\b(?:(?:flights?|flies|fly|flying|flown)(?:[ \u00a0][^\s,.;:]+){0,3}?[ \u00a0]+"
    r"(?:by|on|with)|(?:served|operated)"
    r"[ \u00a0]+by)[ \u00a0]+(?=[^\W\d_a-z])"
)
_NEXT_CARRIER = re.compile(
    r"(?:,[ \u00a0]+(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)(?=[^\W\d_a-z])"
)


def _carriers(reader: _Reader) -> None:
    """Who flies, serves or operates a route is a company, and so is each name listed
    with it: "flights on Aeromexico", "served by Delta, United, Spirit and Frontier"."""
    text = reader.text
    if not any(hint in text for hint in ("fl", "served by", "operated by")):
        return  # no flight, flies, flown, fly: no carrier
    starts = [t.start for t in reader.tokens]
    found: list[list[_Token]] = []
    for trigger in _CARRIED_BY.finditer(text):
        k = bisect_right(starts, trigger.end() - 1)
        while k < len(reader.tokens):
            run = [reader.tokens[k]]
            while run[-1].joinable and k + len(run) < len(reader.tokens):
                nxt = reader.tokens[k + len(run)]
                if not (nxt.text[:1].isupper() or nxt.text == "&"):
                    break
                run.append(nxt)
            low = run[0].lower.rstrip(".")
            if (
                not run[0].text[:1].isupper()
                or low in lx.STOPWORDS
                or low in lx.WEEKDAYS
                or low in lx.MONTHS
            ):
                break  # "Jet2" has a digit, but a capital too; "flights on Thursday"
            if reader.place(run) is None:
                found.append(run)
            sep = _NEXT_CARRIER.match(text, run[-1].end)
            if sep is None:
                break
            k = bisect_right(starts, sep.end() - 1)  # past ", and"
    if not found:
        return
    spans = [(run[0].start, run[-1].end) for run in found]
    reader.out[:] = [m for m in reader.out if not any(a <= m.offset < b for a, b in spans)]
    for run in found:
        reader.add(run, "ORG")


_OWNED_PLACE = re.compile(
    r"\b((?:St\.?[ \u00a0]|Saint[ \u00a0])[^\W\d_a-z][\w.-]*|King|Queen|Prince|Bishop)"
    r"['’]s[ \u00a0]((?:[^\W\d_a-z][\w-]*[ \u00a0]){0,2}([^\W\d_a-z][\w-]*))"
)


_OWNER_HINTS = ("St. ", "St ", "Saint ", "King", "Queen", "Prince", "Bishop")


def _owned_places(reader: _Reader) -> None:
    """ "St. Olaf's Church", "King's College": a saint's or a title's possessive inside a
    name that ends in a place's or an organisation's cue is one name (not "Mecca's Grand
    Mosque", a mosque of a place)."""
    text = reader.text
    if not any(hint in text for hint in _OWNER_HINTS):
        return
    found: list[tuple[int, int, EntityType]] = []
    for m in _OWNED_PLACE.finditer(text):
        cue = m.group(3).casefold()
        if cue in ("church", "chapel", "spring", "well") or (
            cue in lx.PLACE_CUES and cue not in lx.ORG_CUES
        ):
            found.append((m.start(), m.end(), "PLACE"))  # a saint's church is a building
        elif cue in lx.ORG_CUES and cue not in lx.SECTOR_WORDS:
            found.append((m.start(), m.end(), "ORG"))
    if not found:
        return
    spans = [(a, b) for a, b, _ in found]
    reader.out[:] = [m for m in reader.out if not any(a <= m.offset < b for a, b in spans)]
    reader.out.extend(Mention(text[a:b], t, a) for a, b, t in found)


def _only_surnames(citation: str) -> bool:
    """ "(Li, Polat, & Bavelier, 2010)": every author word capitalised ("(Jules et Jim,
    1962)" names a film)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", citation)
    return all(w[0].isupper() or w in _CITATION_WORDS for w in words)


_LEGAL_AFTER = re.compile(
    r",[ \u00a0]+(?:Inc|Corp|Ltd|LLC|LLP|Limited|GmbH|AG|plc|PLC|S\.A|SA|S\.L|SL|N\.V|NV|B\.V|BV"
    r"|AB|SpA|Pty Ltd)\b\.?"
)


def _legal_endings(reader: _Reader) -> None:
    """ "Midwest Freight Solutions, LLC", "Atlantic Lottery Corporation, Inc.": a company
    with its legal ending after a comma is one company, not a name and an "LLC"; a place
    is not ("Calgary, AB")."""
    text = reader.text
    if ", " not in text:
        return
    found: list[tuple[int, int, int]] = []  # (index, name end, ending end)
    for idx, m in enumerate(reader.out):
        end = m.offset + len(m.surface or m.name)
        if m.tentative or m.type == "PLACE" or not text.startswith(",", end):
            continue
        ending = _LEGAL_AFTER.match(text, end)
        if ending is not None:
            found.append((idx, end, ending.end()))
    if not found:
        return
    for idx, _, _ in found:
        m = reader.out[idx]
        # Named without its ending, as most stories name it (and keyed the same with it).
        reader.out[idx] = Mention(m.name, "ORG", m.offset, False, m.surface)
    endings = [(end, stop) for _, end, stop in found]
    reader.out[:] = [m for m in reader.out if not any(a < m.offset < b for a, b in endings)]


def _defined_acronyms(reader: _Reader) -> None:
    """ "Movimento 5 Stelle (M5S)": an acronym defined in brackets right after a name is
    that name wherever it occurs in the article, whatever its letters."""
    defined: dict[str, Mention] = {}
    for m in reader.out:
        if m.tentative or " " not in m.name or not m.listed:
            continue
        end = m.offset + len(m.surface or m.name)
        found = _DEFINED.match(reader.text, end)
        if found and _is_acronym(found.group(1).replace("5", "A").replace("-", "")):
            defined.setdefault(found.group(1), m)
    if not defined:
        return
    for idx, m in enumerate(reader.out):
        full = defined.get(m.surface or m.name)
        if full is not None and " " not in m.name:
            reader.out[idx] = Mention(full.name, full.type, m.offset, False, m.name)


_KNOWN_AS = re.compile(
    r"[ \u00a0]*(?:\([^()]{0,80}\))?[ \u00a0]*[,(]?[ \u00a0]*"
    r"(?:also |better |professionally |popularly |commonly )?(?:known|called) "
    r"(?:as|by(?: his| her| their| the)?(?: pseudonym| name| nickname| stage name| pen name)?)"
    r"[ \u00a0]+"
)


def _known_as(reader: _Reader) -> None:
    """ "Jenna Nicole Mourey (born 1986), better known by her pseudonym Jenna Marbles",
    "X, known as Y": one entity, named
    by the name it is known as (a title may stand between: "known as Emperor Norton")."""
    sure = sorted((m for m in reader.out if not m.tentative), key=lambda m: m.offset)
    starts = [m.offset for m in sure]
    renamed: dict[str, Mention] = {}
    for first in sure:
        found = _KNOWN_AS.match(reader.text, first.offset + len(first.surface or first.name))
        if found is None:
            continue
        at = bisect_right(starts, found.end() - 1)
        second = sure[at] if at < len(sure) else None
        if (
            second is not None
            and second.offset - found.end() <= 20
            and second.type == first.type
            and second.name != first.name
        ):
            renamed.setdefault(first.name, second)
    for idx, m in enumerate(reader.out):
        target = renamed.get(m.name)
        if target is not None:
            reader.out[idx] = Mention(
                target.name, target.type, m.offset, False, m.surface or m.name
            )


def _short_org_forms(reader: _Reader) -> None:
    """A guessed one-word name that opens exactly one longer organisation's name is that
    organisation ("Shares in Veltrix" after "Veltrix Semiconductor"), not a place."""
    orgs: dict[str, dict[str, int]] = {}
    for m in reader.out:
        if m.type == "ORG" and " " in m.name:
            first = orgs.setdefault(m.name.split()[0].casefold(), {})
            first[m.name] = min(first.get(m.name, m.offset), m.offset)
    for idx, m in enumerate(reader.out):
        if m.offset not in reader.guessed or " " in m.name:
            continue  # passes before may have moved mentions: found by offset, not index
        full = orgs.get(m.name.casefold(), {})
        if len(full) == 1 and not m.tentative:
            name, offset = next(iter(full.items()))
            if offset < m.offset:  # a short form follows the full name
                reader.out[idx] = Mention(name, "ORG", m.offset, False, m.name)
    # A word read as no name ("a Labour government": "labour" is a common word) that opens
    # one organisation's name written before it in full is that organisation.
    covered = sorted((m.offset, m.offset + len(m.surface or m.name)) for m in reader.out)
    starts = [a for a, _ in covered]
    for tok in reader.tokens:
        opened = orgs.get(tok.lower) if tok.cap and not tok.sentence_start else None
        if opened is None or len(opened) != 1 or tok.possessive or tok.lower in lx.STOPWORDS:
            continue
        if tok.text in reader.gaz.places:
            continue
        name, offset = next(iter(opened.items()))
        if tok.lower in reader.gaz.demonyms and not name.casefold().endswith(" party"):
            continue  # "Turkish troops" are no ministry; "a Labour government" is the party
        at = bisect_right(starts, tok.start) - 1
        if offset < tok.start and (at < 0 or covered[at][1] <= tok.start):
            nxt = reader.tokens[tok.index + 1] if tok.index + 1 < len(reader.tokens) else None
            if nxt is None or not nxt.cap or not tok.joinable:
                reader.out.append(Mention(name, "ORG", tok.start, False, tok.text))


_DATELINE = re.compile(r"[ \u00a0]*(?:[—–-]|\(|,[ \u00a0]*[A-Z][a-z]{2,8}\.?[ \u00a0]+\d)")
_DAY_NEXT = re.compile(r"[ \u00a0]*(?:[,:/–-]|\d|$)")
_SUPERSCRIPT = re.compile("[\u00b9\u00b2\u00b3\u2070-\u209f]")
_SUPERSCRIPT_SPACE = str.maketrans(
    {chr(c): " " for c in (0xB9, 0xB2, 0xB3, *range(0x2070, 0x20A0))}
)


# "a VM (virtual microscope)": an acronym explained by lower-case words after it.
_TERM_EXPLAINED = re.compile(
    r"\b([A-Z]{2,6})s?[ \u00a0]*\(([a-z][\w-]*(?:[ \u00a0][a-z][\w-]*){1,5})\)"
)
# "225 DKK per hour", "two RBI against", "a SUT,": counted, or one of many, and the end of
# its phrase: a unit or a thing. A year is no count ("the 2014 FIFA World Cup").
_COUNTED = re.compile(
    r"(?:(?<![\w.,])(?!(?:1[5-9]|20)\d\d\b)\d[\d,.]*|\b(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|twenty|fifty|hundred|thousand|several|many|few)|\b[Aa]n?)"
    r"[ \u00a0]+([A-Z]{2,6})s?\b(?![ \u00a0]*[-–—&]|[ \u00a0]+[A-Z])"
)


def _acronyms_of_things(text: str, terms: set[str]) -> None:
    """Acronyms the text itself shows are units or things, not organisations: explained
    by lower-case words after them, or counted at the end of a phrase ("to a SUT, we");
    "a NATO member", "an FBI agent", "28 EU members" name bodies."""
    for found in _TERM_EXPLAINED.finditer(text):
        acronym, words = found.group(1), found.group(2).split()
        if words[0][0] == acronym[0].lower() and len(words) <= len(acronym) + 1:
            terms.add(acronym)
    for found in _COUNTED.finditer(text):
        if _PHRASE_END.match(text, found.end()):
            terms.add(found.group(1))


_NOUN_AFTER = re.compile(r"[ \u00a0]+[a-z]{3,}")
# After a counted acronym: the end of its phrase, not a noun it qualifies ("28 EU members").
_PHRASE_END = re.compile(
    r"[ \u00a0]*(?:[,.;:!?)/]|$|(?:per|each|against|is|was|which|that|of|to|in|on|at|for|"
    r"and|or|with|from)\b)"
)


def builtin_mentions(text: str) -> list[Mention]:
    """Every mention in reading order, before alias merging."""
    # E-mail addresses and links are read as line breaks: "Claire Warwick c.l.h.warwick@..."
    # is a name and an address, not a name running into initials.
    read = _ADDRESS.sub(_blank, text) if "@" in text or "//" in text or "www." in text else text
    if _SUPERSCRIPT.search(read):
        # "Riikka Mäkelä¹, Oskar Lindgren²": an affiliation's mark is no part of the name
        # (one character for one, so offsets hold).
        read = read.translate(_SUPERSCRIPT_SPACE)
    tokens = _tokens(read)
    headlines = _headline_lines(text)

    starts = [a for a, _ in headlines]

    def in_headline(tok: _Token) -> bool:
        at = bisect_right(starts, tok.start) - 1  # the last headline starting at or before
        return at >= 0 and tok.start < headlines[at][1]

    body = [t for t in tokens if not in_headline(t)] if headlines else tokens
    spans = list(_spans(body))
    standalone: dict[str, int] = {}
    for span in spans:
        if len(span.tokens) == 1 and not span.tokens[0].sentence_start:
            low = span.tokens[0].lower
            standalone[low] = standalone.get(low, 0) + 1
    lowercase_words = {t.lower for t in body if t.text.islower()}
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
    for found in _TERM_DEFINED.finditer(text):
        words, acronym = found.group(1).split(), found.group(2)
        if words[-len(acronym) :][0][0] == acronym[0].lower() or words[0][0] == acronym[0].lower():
            reader.terms.add(acronym)
    _acronyms_of_things(text, reader.terms)
    # A text that cites ("(Feng, Spence, & Pratt, 2007)") twice or more is academic; a film
    # with its year ("The Lovers (Les Amants, 1959)") is not a citation.
    cited = [m.span() for m in _PAREN_CITATION.finditer(text) if _only_surnames(m.group())]
    if len(cited) >= 2:
        reader.citations = cited + [m.span() for m in _NARRATIVE_CITATION.finditer(text)]
    for span in spans:
        reader.read(span)
    _legal_endings(reader)
    _listed_people(reader)
    _short_forms_of_names(reader)
    _listed_singles(reader)
    _referring_nouns(reader)
    _defined_acronyms(reader)
    _known_as(reader)
    _list_entries(reader)
    _works(reader)
    _common_plurals(reader)
    _case_names(reader)
    _roads(reader)
    _domains(reader)
    _based(reader)
    _carriers(reader)
    _owned_places(reader)
    _teams(reader)
    _short_org_forms(reader)
    if headlines:
        _headline_mentions([t for t in tokens if in_headline(t)], reader)
    reader.out.sort(key=lambda m: m.offset)
    return reader.out

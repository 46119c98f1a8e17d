"""Typing evidence: one span read in its context (titles, cue words, the gazetteer, WordNet,
given names, context words) into mentions, with the document's evidence it keeps."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...models import EntityType
from .. import lexicon as lx
from ..gazetteer import Gazetteer
from ..merge import Mention
from ..names import fold, given_names, plural_surnames, surnames
from ..organisations import known_organisations
from ..wordnet import any_lower_case, common_words, kind_nouns, known_names
from .patterns import (
    _APPOSED_BODY,
    _APPOSED_PLACE,
    _AUTHORS_YEAR_AFTER,
    _BY_AUTHORS_BEFORE,
    _IS_A_BODY,
    _IS_A_PLACE,
    _NAME_ENDS,
    _SAID_AFTER,
    _TITLE_WORD,
)
from .spans import _Span
from .tokens import _bare, _is_acronym, _is_title, _plural, _Token

_NUMBER_NEXT = re.compile(r"[ \u00a0]?\d|/\d")  # "ES/123": a code
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
# What only a person does, after a name of several words ("Ferjani Sassi scored"); a
# country or a city that scores is its team, so one word is not read this way.
_LIVED_AFTER = re.compile(
    r"[ \u00a0]+(?:scored|netted|married|died|was born|graduated|resigned|retired|testified|"
    r"starred|sang|smiled|laughed|wept|pleaded guilty)\b"
)
# What no company or team does: a one-word name doing it anywhere in the text is a
# person's ("In 348 Pachomius died"), where otherwise repetition made it an organisation.
_ONLY_PEOPLE_DO = re.compile(
    r"[ \u00a0](?:died|was born|married|wept|smiled|laughed|resigned|retired|graduated|"
    r"testified|took office|came into office|was elected|was sworn in|was assassinated|"
    r"was killed|was arrested|was sentenced|was jailed|pleaded guilty)\b"
)
# "Kroger-owned stores", "a Warner-owned channel": the name owns or runs the thing (an
# organisation, or a person the text names in full and the merge joins it to), and is not
# where it is ("at Kroger-owned stores").
_OWNS_AFTER = re.compile(r"-(?:owned|operated|run|funded|financed|sponsored)\b")
_NAME_BEFORE = re.compile(rf"\b({_TITLE_WORD})[ \u00a0]*$")
_DONE_BY = re.compile(
    r"\b(?:directed|written|coached|chaired|painted|composed|edited|translated|photographed|"
    r"narrated|illustrated|sung|portrayed|voiced|interviewed|married|murdered|killed)"
    r"[ \u00a0]+by[ \u00a0]+$"
)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|added|wrote|asked"
    # "He met Barack Obama", "she married Femi Kuti": what is done with a person
    r"|met|meets|married|marries|hugged|kissed|phoned|telephoned|thanked)[ \u00a0]+$"
)
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
# Plural words that close a body's name but not a person's ("Foreign Relations", "Veterans
# Affairs", "Behavioral Sciences"); not cue words of their own ("Public Relations").
_BODY_TAILS = frozenset({"relations", "affairs", "studies", "sciences", "rights", "humanities"})
_KEEP_STOP = frozenset({"inc", "corp", "co", "ltd", "jr", "sr", "bros"})
_AMOUNT_BEFORE = re.compile(r"\d[\d,.]*[ \u00a0]*$")  # "40 CUC", "25 DKK"
_CAMEL = re.compile(r"[^\W\d_][^\W\d_A-Z]+[A-Z][^\W\d_]+")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O)[A-Z]")  # McCain, DeSantis
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_AFTER_TOWN = re.compile(r"[^\W\d_a-z][\w.'’-]*,[ \u00a0]*$")  # "Tulsa, " before "OK"
_INTERVIEWS_AFTER = re.compile(r"[ \u00a0]+(?:interviews|interviewed|caught up with)\b")
_TOLD_BEFORE = re.compile(
    r"\b(?:told|tells|telling|interviewed by|spoke to|spoke with|speaking to|talked to|"
    r"talking to|said to|reported by|according to)[ \u00a0]+$"
)
_OF_NAME = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[^\W\d_a-z]")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")  # a ruler's number (not "I", see below)


def _one_type(types: frozenset[str]) -> EntityType | None:
    named = types - {"OTHER"}
    if len(named) != 1:
        return None
    type_ = next(iter(named))
    return "PERSON" if type_ == "PERSON" else "PLACE" if type_ == "PLACE" else "ORG"


# A leader's name before these ("the Monti government"), a person's before these.
_LEADS = frozenset({"government", "administration", "cabinet", "presidency"})
# "Femi Kuti, 42, said", "Ana Lima, aged 9,": an age in apposition.
_AGE_AFTER = re.compile(r",[ \u00a0]+(?:aged[ \u00a0]+)?\d{1,3},[ \u00a0]+[a-z]")
# Endings that make a word a surname in the languages that use them ("Assaubayev",
# "Kowalczyk", "Petrovic", "Papadopoulos", "Zourabichvili").
_SURNAME_ENDINGS = (
    "ov",
    "ova",
    "ev",
    "eva",
    "sky",
    "ski",
    "ska",
    "enko",
    "escu",
    "ovic",
    "evic",
    "vic",
    "sson",
    "poulos",
    "idis",
    "oglu",
    "shvili",
    "adze",
    "czyk",
    "wicz",
    "yan",
)
_OF_COUNTRY = re.compile(
    rf"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?({_TITLE_WORD}(?:[ \u00a0]{_TITLE_WORD}){{0,2}}?)"
    r"(?=[,.;:)]|[ \u00a0]+(?:and|in|on|at|who|with|for|to|was|is|won|finished)\b)"
)
_SCHOOL_HEADS = frozenset({"university", "college", "school", "academy", "institute"})
_KIN_AFTER = re.compile(
    r"[ \u00a0]+(?:late[ \u00a0]+)?(?:wife|husband|son|daughter|mother|father|brother|sister|"
    r"widow|widower|parents|children|grandson|granddaughter|grandfather|grandmother"
    # "Bourdieu's notion of habitus", "Fermat's theorem": what a mind made is a person's.
    r"|(?:early[ \u00a0]+|later[ \u00a0]+)?(?:theory|theories|notion|notions|concept|concepts"
    r"|philosophy|writings|thesis|theorem|conjecture|dictum|critique|poems|novels|sonnets))\b"
)


_YEAR_AFTER = re.compile(r"(?:'s|’s)?,?[ \u00a0]*\(?(?:1[5-9]|20)\d\d\b")
# Capitalised inside a body's name after a plural ("Doctors Without Borders").
_GROUP_PREPOSITIONS = frozenset({"without", "against", "for", "beyond", "across", "of"})
_TITLE_OPENERS = frozenset({"prime", "vice", "deputy", "first", "chief"})
# Bodies of parties or factions, after their name ("the Frente de Todos coalition").
# (not "movement": "the French New Wave movement" is a school of art)
_BLOC_NOUNS = frozenset({"coalition", "alliance", "bloc", "faction"})
# Who works for a body, after its name ("Kaiser Permanente nurses", "Boeing workers"); not a
# person's followers ("Joe Biden supporters").
_STAFF_NOUNS = frozenset(
    {"workers", "employees", "staff", "nurses", "pilots", "engineers", "technicians"}
)


def _plural_word(low: str) -> bool:
    """ "Rovers", "Mavericks", "Tenants": the plural of a word English has; not a surname
    ending in s ("Koolhaas", "McCombs"), whatever its last letter suggests."""
    if not _plural(low):
        return False
    words = any_lower_case()
    return (
        low[:-1] in words
        or low.endswith("es")
        and low[:-2] in words
        or low.endswith("ies")
        and low[:-3] + "y" in words
    )


# The other end of "from X to Y": one to three capitalised words.
_TO_PLACE = re.compile(rf"[ \u00a0]+to[ \u00a0]+((?:{_TITLE_WORD}[ \u00a0]?){{1,3}})")
_FROM_PLACE = re.compile(rf"\bfrom[ \u00a0]+((?:{_TITLE_WORD}[ \u00a0]?){{1,3}})[ \u00a0]*$")
# Before a given name alone: a person's kind ("the woman Eva") or relation ("the daughter
# of Katherine").
_PERSON_KINDS = frozenset({"woman", "man", "girl", "boy", "lady", "gentleman"})
_KIN_OF = re.compile(
    r"\b(?:daughter|son|wife|husband|widow|widower|mother|father|brother|sister|child|"
    r"grandson|granddaughter|niece|nephew)[ \u00a0]+of[ \u00a0]+$"
)
# "the City of Cleveland": the place after it, one to three capitalised words.
_CITY_OF = re.compile(rf"[ \u00a0]+of[ \u00a0]+({_TITLE_WORD}(?:[ \u00a0]{_TITLE_WORD}){{0,2}})")
# "the villages of Limni, Rovies and Pili", "the islands of Ærø and Strynø": every name
# in a list after a plural place noun and "of" is a place (names of one to three words).
_PLURAL_PLACE_NOUN_OF = (
    r"\b(?:villages|towns|cities|islands|provinces|regions|districts|municipalities"
    r"|counties|suburbs|hamlets|prefectures|states|countries|capitals|ports)[ \u00a0]+of"
)
_PLACES_OF_BEFORE = re.compile(
    rf"{_PLURAL_PLACE_NOUN_OF}"
    rf"(?:[ \u00a0]+the)?[ \u00a0]+(?:{_TITLE_WORD}(?:[ \u00a0]+{_TITLE_WORD}){{0,2}},[ \u00a0]+)*"
    rf"(?:(?:{_TITLE_WORD}(?:[ \u00a0]+{_TITLE_WORD}){{0,2}},?[ \u00a0]+)?(?:and|or)[ \u00a0]+)?$"
)
# Found from the end every such phrase has ("s of"; the search skips from "s" to "s"), each
# then checked for its noun right before: tried at each word of the text, the sixteen
# nouns cost ~4 us a short text. The nouns are at most 14 letters long.
_PLURAL_OF_END = re.compile(r"s[ \u00a0]+of\b")
_PLURAL_PLACE_OF_AT = re.compile(rf"{_PLURAL_PLACE_NOUN_OF}$")
# A species' Latin epithet after its genus ("Formica fusca", "Beauveria bassiana").
_EPITHET = re.compile(r"[a-z]{3,}(?:us|um|is|ae|ii|ensis|ana|ata|ica|ca|ina|ella)")
# An epithet after a ruler's or a saint's one name ("Constantine the Great").
_EPITHET_AFTER = re.compile(
    r"[ \u00a0]+the[ \u00a0]+(?:Great|Elder|Younger|Conqueror|Confessor|Bald|Pious|Wise"
    r"|Magnificent|Terrible|Lionheart|Sanctified)\b"
)
# Capitalised by mistake or in a title ("St. Jerome in His Study"): never a name's start.
_ARTICLES_AND_POSSESSIVES = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})


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
    weak_orgs: set[int] = field(default_factory=set)  # one-word ORGs by repetition or acting
    sure_places: set[int] = field(default_factory=set)  # one-word PLACEs by what they are
    places_of: list[int] | None = None  # ends of "the villages of", found when needed
    terms: set[str] = field(default_factory=set)  # acronyms of common terms ("ROS", "ROV")
    lived: set[str] | None = None  # words before "died", "was born"..., found when needed

    # -- output ----------------------------------------------------------------------------
    def surface(self, tokens: list[_Token]) -> str:
        text = self.text[tokens[0].start : tokens[-1].end]
        last = tokens[-1]
        if last.abbrev and not text.endswith(".") and last.lower in _KEEP_STOP:
            text += "."  # "Toyota Motor Corp." keeps the stop that belongs to it
        return text

    def drop_within(self, spans: list[tuple[int, int]]) -> None:
        """Forget the mentions that start inside any of `spans` (a pass that reads them as
        one name of its own replaces what the first reading found there)."""
        self.out[:] = [m for m in self.out if not any(a <= m.offset < b for a, b in spans)]

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
        if found is None and " " in surface and surface.isupper():
            # "NEW YORK", "LOS ANGELES": a place shouted (a dateline, a heading); words
            # that are not acronyms, each read as one, would make two bodies.
            found = self.gaz.places.get(surface.title())
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
        if len(span.tokens) == 1 and span.tokens[0].lower != "and":
            # One word (most spans): no "and" to keep or split at, no whole name to look up.
            if not self.splits_span(span.tokens[0], False):
                self.read_piece(span.tokens, span.before, span.after)
            return
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
            or whole_place
            or (not last.possessive and any(t.lower in ("of", "for") for t in span.tokens))
        )
        pieces: list[list[_Token]] = [[]]
        for at, tok in enumerate(span.tokens):
            # "British Library and Columbia University": two names, each complete.
            ends_name = (
                (tok.lower == "and" or tok.text == "&")
                and bool(pieces[-1])
                and (
                    pieces[-1][-1].lower in _NAME_ENDS
                    or self.place(pieces[-1]) is not None
                    # "The Democratic Republic of the Congo and Rwanda": a place after "The"
                    or pieces[-1][0].lower == "the"
                    and len(pieces[-1]) > 2
                    and self.place(pieces[-1][1:]) is not None
                    or _two_firms(pieces[-1], span.tokens[at + 1 :])
                )
            )
            if ends_name and not whole_place:
                pieces.append([])
                continue
            if tok.lower == "and" and not keep_and:
                pieces.append([])
                continue
            if self.splits_span(tok, bool(pieces[-1])):
                pieces.append([])
            else:
                pieces[-1].append(tok)
        for piece in pieces:
            if piece:
                before = span.before if piece[0] is span.tokens[0] else None
                after = span.after if piece[-1] is span.tokens[-1] else None
                self.read_piece(piece, before, after)

    def splits_span(self, tok: _Token, after_word: bool) -> bool:
        """A weekday or a month (other than inside a name: "Theresa May") splits the span
        (`after_word`: a word of the span's piece comes before it)."""
        bare = tok.lower.rstrip(".")
        # "Theresa May", "Lady June": a full month name right after a name word.
        inside_name = after_word and not tok.abbrev and (len(bare) > 3 or bare == "may")
        # "Sun" of "Aegean Sun Holidays" is no Sunday; "Sat, Sun" and "Sun 12 May" are.
        short_day = bare in lx.WEEKDAYS and not bare.endswith("day")
        day = bare in lx.WEEKDAYS and (
            not short_day or tok.abbrev or bool(_DAY_NEXT.match(self.text, tok.end))
        )
        return day or (bare in lx.MONTHS and not inside_name)

    def read_piece(self, toks: list[_Token], before: _Token | None, after: _Token | None) -> None:
        whole = toks
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
                and (not toks[0].text.isupper() or self.article_a(toks))
                and (
                    toks[0].sentence_start
                    or toks[0].lower in _ARTICLES_AND_POSSESSIVES
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
            # "Dutchman Erik de Jong", "Briton Tom Hale": a nationality's noun before a name.
            or (len(toks) > 1 and self.nationality_noun(toks[0]))
        ):
            toks = toks[1:]
            before = None
        while toks and not toks[-1].cap:
            toks = toks[:-1]
            after = None
        if not toks:
            return
        if len(toks) == 1 and self.text.startswith("$", toks[0].end):
            return  # "US$ 10 billion", "A$5": a currency
        if (
            len(toks) == 1
            and toks[0].sentence_start
            and toks[0].lower in self.lowercase_words
            and toks[0].lower in any_lower_case()
        ):
            # "Spring and late autumn are best", "Nice pen.": a word this text also writes
            # in lower case opens the sentence; the town of that name is not meant.
            self.read_single(toks[0], before, after)
            return
        if (
            len(toks) == 1
            and toks[0].text in kind_nouns()
            and not toks[0].possessive
            and after is not None
            and not after.cap
            and after.lower not in lx.STOPWORDS
            and after.lower in any_lower_case()
        ):
            return  # "before Roman times", "Viking trade": a kind's word before a noun
        if len(toks) == 1 and _EPITHET_AFTER.match(self.text, toks[0].end):
            self.add(toks, "PERSON")  # "Constantine the Great": a ruler, not the city
            return
        if len(toks) == 1 and self.in_citation(toks[0]) and fold(toks[0].text) in surnames():
            self.add(toks, "PERSON")  # "(Martin, 2000)": an author, not the Slovak town
            return
        # Nothing stripped from a piece of several words: its place was looked up above.
        canonical = None if toks is whole and len(toks) > 1 else self.place(toks)
        if canonical:
            self.add_place(toks, canonical)
            return
        lowers = [t.lower.rstrip(".") for t in toks]
        last = lowers[-1]
        if (
            len(toks) > 1
            and all(
                len(t.text) > 1
                and t.text.isalpha()
                and t.text.isupper()
                and (t.lower in any_lower_case() or _plural_word(t.lower))
                for t in toks
            )
            and last not in lx.ORG_CUES
            and last not in lx.PLACE_CUES
        ):
            return  # "LIMITATIONS AND FUTURE DIRECTIONS": English words shouted, a heading
        if all(self.kind_word(t) for t in toks) and not (
            len(toks) == 1
            and (
                toks[0].lower in self.name_ends
                and self.given_name(toks[0])
                or _is_acronym(toks[0].text)
                and _TOLD_BEFORE.search(self.text, self.back(toks[0], 2, 24), toks[0].start)
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
            # also inside the name: "Vrije Universiteit Amsterdam", "Freie Universität Berlin"
            if any(w in lx.FOREIGN_ORG_HEADS for w in lowers):
                self.add(toks, "ORG")
                return
            if lowers[0] == "air" and last not in lx.PLACE_CUES | {"base"} and len(toks) <= 3:
                self.add(toks, "ORG")  # "Air Canada", "Air Chathams": an airline
                return
            if (
                lowers[0] in lx.PARTICLE_PLACE_HEADS
                and len(toks) > 2
                and lowers[1] in lx.PLACE_PARTICLES
            ):
                self.add(toks, "PLACE")  # "the Plaza de Mayo", "at the Palacio de Bellas Artes"
                return
            if lowers[0] in lx.FOREIGN_PLACE_HEADS and not (
                # "the actor River Phoenix", "River Phoenix starred": a person after all
                (before is not None and self.is_role(before))
                or _LIVED_AFTER.match(self.text, toks[-1].end)
            ):
                self.add(toks, "PLACE")
                return

        if (
            len(toks) > 2
            and lowers[-2] in _SCHOOL_HEADS
            and "of" not in lowers
            and self.place(toks[-1:]) is not None
        ):
            # "University College London", "Imperial College London": a school named with
            # its city after its head word (not "Whirlpool Corp. Cleveland", a run-on).
            self.add(toks, "ORG")
            return
        if len(toks) > 1 and toks[-1].text.rstrip(".") in lx.LEGAL_ENDINGS:
            self.add(toks, "ORG")  # "Weingut Altenberg GmbH", "CalMac Ferries Limited"
            return
        if (
            len(toks) == 3
            and lowers[1] == "of"
            and self.given_name(toks[0])
            and self.place(toks[2:]) is not None
        ):
            self.add(toks, "PERSON")  # "Hilary of Poitiers": a person by where from
            return
        # Organisations by their cue word: "Russian Defense Ministry", "Bank of England".
        if len(toks) > 1 and (last in lx.ORG_CUES or any(w in ("of", "for") for w in lowers)):
            head = lowers[lowers.index("of") - 1] if "of" in lowers else ""
            # "Office for the Western District of New York": the body before "for" names
            # the whole, not the district after it.
            at_for = lowers.index("for") if "for" in lowers else len(lowers)
            if at_for > 0 and "of" in lowers[at_for:] and lowers[at_for - 1] in lx.ORG_CUES:
                self.add(toks, "ORG")
                return
            if (
                head
                and before is not None
                and before.lower in ("the", "a", "an")
                and self.is_role_word(head)
                and head not in lx.ORG_CUES
                and not any(
                    _is_title(t.lower) or self.given_name(t) for t in toks[lowers.index("of") + 1 :]
                )
            ):
                # "the Director of Media", "the Team Manager of the Slovenian team": an
                # office; what it is of is read on its own ("the Director of the FBI").
                # Not when a person follows ("the Secretary of the Navy John Phelan").
                self.read_prefix(toks[lowers.index("of") + 1 :])
                return
            if self.read_holder_of(toks, lowers, after):
                return
            if (
                lowers[0] in lx.COMPASS
                and last in lx.PLACE_CUES
                # "South African Reserve Bank": a region's adjective opens a body's name
                and not (len(toks) > 2 and lowers[1] in self.gaz.demonyms)
            ):
                self.add(toks, "PLACE")  # "West Bank", "North Sea Coast"
            elif (
                head in lx.PLACE_OF_HEADS
                and last not in lx.ORG_CUES
                or (lowers[:2] in (["city", "of"], ["town", "of"]) and last not in lx.ORG_CUES)
            ):
                # "Bay of Bengal", "Cleveland Museum of Art", "the City of Cleveland"
                self.add(toks, "PLACE")
            elif _is_title(lowers[0]) and "of" in lowers and last not in lx.ORG_CUES:
                self.read_title_of(toks)
            elif (
                "of" in lowers
                and "for" not in lowers  # "Vice President of Sales for Dräger": a job
                and last not in lx.ORG_CUES
                # The office's title is the second or third word, before the "of" (so
                # always a word there: "Art Of—a brand" has none after its first).
                and (
                    titled := next(
                        (k for k in (1, 2) if k < lowers.index("of") and _is_title(lowers[k])), 0
                    )
                )
            ):
                # "US Secretary of State Mike Pompeo", "UK Minister of Defence Ben Wallace":
                # what the office is of, the office, its holder; no body of five words.
                self.read_prefix(toks[:titled])
                self.read_title_of(toks[titled:])
            elif (
                last in lx.PLACE_OF_HEADS
                and last not in lx.ORG_CUES
                # "Statistical Office of the Slovak Republic": a body of a state
                and last not in lx.STATE_HEADS
            ):
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
        # "the Rev. Martin Luther King Jr.", "Dr. Stephen King": a title word after a given
        # name is the name's own word; the titles are those before the name.
        if titles and any(
            self.given_name(toks[k]) and not toks[k].text.isupper()
            for k in range(titles[0] + 1, titles[-1])
        ):
            run = titles[:1]
            for idx in titles[1:]:
                if idx != run[-1] + 1:
                    break
                run.append(idx)
            titles = run
        if (
            titles
            and titles[-1] == len(toks) - 1 > 0
            and self.given_name(toks[-2])
            and not toks[-2].text.isupper()
            and fold(toks[-1].text) in surnames()
            and self.place(toks[:-1]) is None
        ):
            titles = titles[:-1]  # "Larry King", "Billie Jean King": a surname
        if (
            titles
            and last in lx.PLACE_CUES
            and (titles[-1] == len(toks) - 2 or lowers[titles[0]] in lx.NAMING_TITLES)
        ):
            # "North Manchester General Hospital", "King Street", "Sheikh Lotfollah Mosque":
            # a place's name; "Judge Shanlyn Park" stays a judge.
            titles = []
        if (
            titles
            and titles[0] > 0
            and titles[-1] == len(toks) - 1
            and _plural(last)
            and self.place(toks[: titles[0]]) is not None
        ):
            # "St. Louis Cardinals", "Los Angeles Kings": a plural title after a place,
            # no one named after it, is a club's name.
            self.add(toks, "ORG")
            return
        if titles:
            at = titles[-1]
            prefix = toks[: titles[0]]
            if prefix and prefix[-1].lower in lx.RANK_PREFIXES:
                prefix = prefix[:-1]  # "Major General Lafayette": one rank
            self.read_prefix(prefix)
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
        # "Finn Mortensen", "Dane Cook": a given name that is also a demonym, then a
        # surname (not a cue word: "Irish Rail", "Irish Times").
        given_demonym = (
            len(toks) == 2
            and len(stripped) == 1
            and self.given_name(toks[0])
            and stripped[0].lower not in lx.ORG_CUES | lx.PLACE_CUES
            and (
                fold(stripped[0].text) in surnames()
                or stripped[0].lower not in any_lower_case()
                and not _plural(stripped[0].lower)
            )
        )
        if len(stripped) < len(toks) and not given_demonym:
            if (
                len(stripped) == 1
                and stripped[0].text in known_organisations()
                and self.surface(toks) not in known_organisations()
            ):
                self.add(stripped, "ORG")  # "an American YouTube personality": YouTube
                return
            if len(stripped) == 1 and not _is_acronym(stripped[0].text):
                # "Saudi Aramco" is a company; "Eastern Europe" a region of a place, and
                # "British Museum" a building.
                word = stripped[0].lower
                building = word in lx.PLACE_CUES and word not in lx.ORG_CUES
                # "the American Southwest", "the Canadian North": a nation's quarter
                quarter = word in lx.COMPASS_LOWER or word == "midwest"
                self.add(toks, "PLACE" if building or quarter or self.place(stripped) else "ORG")
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

    def article_a(self, toks: list[_Token]) -> bool:
        """ "A UK man", "A CT of his chest", "A HUNTER who", "A California transit chief":
        the article before letters, a shouted word or a place; not an initial ("A. J.")
        and not before a heading's word ("A Job for Tuft Cells")."""
        return (
            toks[0].text == "A"
            and not toks[0].abbrev
            and len(toks) > 1
            and (toks[1].text.isupper() or self.place(toks[1:]) is not None)
        )

    def nationality_noun(self, tok: _Token) -> bool:
        """ "Dutchman", "Frenchwoman", "Scotsman", "Briton": a person of a nation."""
        low = tok.lower
        if low in ("briton", "britons"):
            return True
        stem = low.removesuffix("man").removesuffix("wo") if low.endswith("man") else ""
        return bool(stem) and (stem in self.gaz.demonyms or stem in lx.LANGUAGES)

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
        # Most texts cite nothing: no generator to make for an empty list.
        return bool(self.citations) and any(a <= tok.start < b for a, b in self.citations)

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
        if type_ == "PERSON" and _OWNS_AFTER.match(self.text, tok.end):
            return None  # "Warner-owned channels": a surname WordNet knows, read as an owner
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
            if head[-1].lower in ("and", "&") and len(head) > 1:
                # "the Department of Homeland Security and Alex Azar": the conjunction
                # joins the two; it ends neither.
                head = head[:-1]
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
            elif (
                at > 1
                and (
                    head[-1].lower in lx.ORG_CUES
                    # "the Council on American-Islamic Relations Alia Salem said": a body's
                    # closing word in the plural, then a given name
                    or head[-1].lower in _BODY_TAILS
                    and self.given_name(toks[at])
                    or "of" in lowers[1:-1]
                    and lowers[lowers.index("of") - 1] in lx.ORG_CUES
                )
            ):
                # "the Socialist Party of Prime Minister António Costa": the party is the
                # body; "of" and the titles between it and the name are no part of it.
                end = len(head)
                while end > 2 and (
                    _is_title(head[end - 1].lower)
                    # "Prime Minister", "Vice President": the word before a title
                    or head[end - 1].lower in _TITLE_OPENERS
                    and end < len(head)
                    and _is_title(head[end].lower)
                ):
                    end -= 1
                if end < len(head) and head[end - 1].lower == "of" and end > 2:
                    head = head[: end - 1]
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
        elif len(prefix) > 1 and (
            prefix[-1].lower in lx.ORG_CUES or prefix[-1].text.rstrip(".") in lx.LEGAL_ENDINGS
        ):
            self.add(prefix, "ORG")  # "Volkswagen AG Chief Executive Martin Winterkorn"
        elif len(prefix) == 1 and prefix[0].text in known_organisations():
            self.add(prefix, "ORG")  # "Google Chief Executive Sundar Pichai"
        elif len(prefix) == 1 and self.standalone.get(prefix[0].lower, 0) > 0:
            self.add(prefix, "ORG")  # also named on its own elsewhere ("Apple" in "Apple CEO")

    def read_holder_of(self, toks: list[_Token], lowers: list[str], after: _Token | None) -> bool:
        """ "Professor Jane Smith of Harvard University", "Senator John Brown of Ohio": a
        title, a person's name from a given name on, then where the person is from, read on
        its own. Not "Mayor of London Sadiq Khan" (no name before the "of")."""
        if not _is_title(lowers[0]) or "of" not in lowers:
            return False
        at = lowers.index("of")
        first = next((k for k in range(1, at) if not _is_title(lowers[k])), at)
        name = toks[first:at]
        if not name or not self.given_name(name[0]) or len(name) > 4:
            return False
        if any(not self.name_like(t) or _is_title(t.lower) for t in name):
            return False
        rest = toks[at + 1 :]
        if not rest:
            return False
        if len(name) > 1 and name[-1].lower in lx.ORG_CUES | lx.PLACE_CUES:
            # "Queen Mary University of London", "King Baudouin Foundation of Belgium",
            # "Queen Elizabeth Hospital of Hong Kong": named after the title's holder.
            self.add(toks, "ORG" if name[-1].lower in lx.ORG_CUES else "PLACE")
            return True
        self.add(name, "PERSON")
        self.read_piece(rest, None, after)
        return True

    def read_title_of(self, toks: list[_Token]) -> None:
        """ "Mayor of London Sadiq Khan", "Secretary of State Antony Blinken"."""
        at = [t.lower for t in toks].index("of")
        rest = toks[at + 1 :]
        if rest and rest[0].lower == "the":
            rest = rest[1:]
            if len(rest) <= 2 and not (len(rest) == 2 and self.given_name(rest[0])):
                return  # "Secretary of the Treasury", "Leader of the House": an office
        lowers = [t.lower for t in rest]
        if any(lowers[k] == "of" and lowers[k - 1] in lx.ORG_CUES for k in range(1, len(rest) - 1)):
            # "President of the Linguistic Society of America": the office is of a body
            # named in full (and maybe its holder: "of the Bank of England Andrew Bailey").
            if not self.split_before_person(rest):
                self.add(rest, "ORG")
            return
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

    def back(self, tok: _Token, words: int, width: int) -> int:
        """Where a look back from `tok` for a phrase of at most `words` tokens, spaces
        between, starts: `width` characters back, or the start of the token `words` before
        it when nearer (the phrase can start no earlier, and the pattern is tried at each
        character of the window)."""
        start = max(0, tok.start - width)
        if tok.index >= words:
            start = max(start, self.tokens[tok.index - words].start)
        return start

    def word_before(self, tok: _Token, back: int) -> _Token | None:
        idx = tok.index - back
        if idx < 0:
            return None
        found = self.tokens[idx]
        if back == 1:  # the commonest look, without a slice
            return found if found.joinable else None
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
                # "a HUGE collector", "NOW, THEREFORE": a word shouted, not letters
                and not (
                    len(word) > 3 and low in any_lower_case() and word not in known_organisations()
                )
                and (
                    word not in kind_nouns()
                    # "according to AFP": a source, whatever else the letters stand for
                    or _TOLD_BEFORE.search(self.text, self.back(tok, 2, 24), tok.start)
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
        if low == "city" and (named := _CITY_OF.match(self.text, tok.end)) is not None:
            canonical = self.gaz.places.get(named.group(1))
            if canonical is not None and tok.text == "City":
                # "the City of Cleveland": the city by its formal name, a form of it
                surface = self.text[tok.start : named.end(1)]
                self.out.append(Mention(canonical, "PLACE", tok.start, False, surface))
                return
        if low in lx.RANK_PREFIXES and not tok.possessive:
            return  # "promoted to Major": a rank, as in "Major General"
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
        if (
            not tok.possessive
            and not (tok.sentence_start and low in any_lower_case())  # "Finally, the firm"
            and _APPOSED_BODY.match(self.text, tok.end)
        ):
            self.add([tok], "ORG")  # "Ofcom, the regulator,": at a sentence's start too
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
        if (
            _EPITHET.fullmatch(following)
            and following not in any_lower_case()
            and not tok.possessive
            and self.text.startswith(" ", tok.end)
        ):
            return  # "Formica fusca", "Beauveria bassiana": a genus and its species
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
            paper = low in lx.NEWSPAPER_NAMES and the is not None and the.lower == "the"
            self.add([tok], "ORG", tentative=tentative or not (low in lx.INSTITUTIONS or paper))
            return
        if low.endswith("ish") and following and not tok.possessive:
            return  # "the Swedish striker": a nationality or a language, not a name
        prev2 = self.word_before(tok, 2)
        # "the northeast Atlantic", "north of England", "west of the Lofoten islands".
        compass = self.word_before(tok, 1)
        if compass is not None and compass.lower == "the":
            compass = self.word_before(tok, 2)
            prev2 = self.word_before(tok, 3)
        # What the text says the name is ("Kotor is a town", "Ryvolt is a startup"), but
        # not of a common word opening a sentence ("Home is a place where").
        said_what = not tok.possessive and not (tok.sentence_start and low in common_words())
        said_place = said_what and (
            _IS_A_PLACE.match(self.text, tok.end) is not None
            or _APPOSED_PLACE.match(self.text, tok.end) is not None
        )
        if said_place:
            tentative = False  # "Kotor is a town in Montenegro.": at a sentence's start too
        elif (
            tentative
            and not tok.possessive
            and low not in any_lower_case()
            and word not in self.gaz.places
            and fold(word) in surnames()
            and (_SAID_AFTER.match(self.text, tok.end) or _LIVED_AFTER.match(self.text, tok.end))
        ):
            tentative = False  # "Jones said he was happy.": a person, named alone
        if (
            following in lx.PLACE_NOUNS
            or said_place
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
            of_state = (
                compass is not None
                and compass.lower == "of"
                and prev2 is not None
                and prev2.lower == "state"
            )
            if not of_state:  # "the sorry state of Linux" says nothing of a place
                self.sure_places.add(tok.start)
            self.guess([tok], "PLACE", tentative)
        elif said_what and _IS_A_BODY.match(self.text, tok.end):
            self.add([tok], "ORG")  # "Ryvolt is a Finnish startup": at a sentence's start too
        elif before is not None and self.is_role(before):
            self.add([tok], "PERSON", tentative=tentative)
        elif self.authored(tok):
            self.add([tok], "PERSON")  # "by Cruse and Croft (2004)"
        elif self.given_name(tok) and self.relation_before(tok):
            self.add([tok], "PERSON", tentative=tentative)  # "her sister, Michelle"
        elif self.leader_or_kin(tok, following):
            self.add([tok], "PERSON")  # evidence enough at a sentence's start too
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
                or self.from_to_place(tok)
                or before.lower == "at"
                and not self.works_at(tok)
                and not _OWNS_AFTER.match(self.text, tok.end)
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
            if self.lived is None:
                # The verbs first, then the word before each: one pass over the text.
                doers = (
                    _NAME_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
                    for m in _ONLY_PEOPLE_DO.finditer(self.text)
                )
                self.lived = {found.group(1) for found in doers if found}
            # A given name acting is a person's too ("Debbie caused", "Debbie's chair").
            given = (
                self.given_name(tok)
                and fold(word) in given_names()  # the whole word, not "Asia" of "Asia-Pacific"
                and low not in common_words()  # "Current", "Chime": brands' words
                and not _CAMEL.fullmatch(word)
                and word not in known_organisations()
            )
            person = (
                (fold(tok.text) in surnames() or tok.text in self.lived or given)
                and low not in common_words()
                and not _COMPANY_BEFORE.search(self.text, max(0, tok.start - 40), tok.start)
                # "the Fed raised", "The Fed's rates": no one is called "the Fed"
                and (the is None or the.lower != "the")
                and not _OWNS_AFTER.match(self.text, tok.end)
            )
            if not person:
                self.weak_orgs.add(tok.start)
            self.guess([tok], "PERSON" if person else "ORG", tentative)
        else:
            self.pending.append(tok)  # typed by the names listed beside it

    def leader_or_kin(self, tok: _Token, following: str) -> bool:
        """ "the Monti government", "the Obama administration": a leader's name; "Obama's
        wife", "Hadid's father": a person's family. Not a word English writes in lower
        case ("the Labour government"), a place, a demonym or a listed organisation."""
        if following not in _LEADS or tok.possessive:
            kin = tok.possessive and _KIN_AFTER.match(self.text, tok.end + 2) is not None
            if not kin:
                return False
        elif (the := self.word_before(tok, 1)) is None or the.lower != "the":
            return False
        return not (
            tok.lower in any_lower_case()
            or tok.lower in self.lowercase_words
            or tok.lower in self.gaz.demonyms
            or self.place([tok]) is not None
            or tok.text in known_organisations()
            or tok.text in kind_nouns()
        )

    def org_evidence(self, tok: _Token) -> bool:
        """Why one capitalised word with no other reading is an organisation: it owns
        something, is held or reported like a company, or acts ("Ryanair said"); a word
        English also writes in lower case ("Midnight", "Test") needs more than repetition."""
        if _COMPANY_BEFORE.search(self.text, self.back(tok, 2, 40), tok.start):
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
        """ "the village of", "mayor of", "residents of" before a name: a place's name;
        "the villages of Limni and Rovies": each name of the list."""
        if self.places_of is None:
            # Where a plural place noun and "of" end: found once, as few texts have one.
            text = self.text
            self.places_of = [
                m.end()
                for m in _PLURAL_OF_END.finditer(text)
                if _PLURAL_PLACE_OF_AT.search(text, max(0, m.start() - 16), m.end())
            ]
        ends = self.places_of
        if (
            ends
            and bisect_left(ends, tok.start - 120) < bisect_left(ends, tok.start)
            and _PLACES_OF_BEFORE.search(self.text, max(0, tok.start - 120), tok.start)
        ):
            return True
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

    def from_to_place(self, tok: _Token) -> bool:
        """ "from Nafplio to Athens", "from Athens to Nafplio": the other end of a way
        between two places is a known place."""
        prev = self.word_before(tok, 1)
        if prev is None or prev.lower not in ("from", "to"):
            return False
        if prev.lower == "from":
            other = _TO_PLACE.match(self.text, tok.end)
        else:
            other = _FROM_PLACE.search(self.text, max(0, prev.start - 40), prev.start)
        name = other.group(1).strip() if other else ""
        return bool(name) and (
            self.gaz.places.get(name) is not None
            or self.gaz.places.get(name.split()[0]) is not None
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
        return low in lx.PERSON_ROLE_WORDS or (len(low) > 5 and low.endswith(_ROLE_SUFFIXES))

    def single_evidence(self, tok: _Token) -> bool:
        """Why one capitalised word is a name: it is named again, owns something, is part
        of a longer name, or reports or acts like an organisation ("Ryanair said")."""
        low = tok.lower
        if tok.possessive or self.singles.get(low, 0) > 1 or low in self.name_ends:
            return True
        if _CAMEL.fullmatch(tok.text) and not _NAME_PREFIX.match(tok.text):
            return True  # "YouTube", "JetBlue"
        if _COMPANY_BEFORE.search(self.text, self.back(tok, 2, 40), tok.start):
            return True  # "shares of Nvidia", "a stake in Ryanair"
        prev = self.word_before(tok, 1)
        if prev is not None and prev.lower in _NAME_PREPOSITIONS and not tok.sentence_start:
            return True  # "in Frankfurt", "at Fermilab"
        if self.motion_before(tok) or self.from_to_place(tok):
            return True  # "flew to Kabul", "ferries from Olhão", "from Nafplio to Athens"
        if _LISTED_AFTER.match(self.text, tok.end) or (
            # Its comma comes after the word two tokens back: looked for before the pattern.
            self.text.find(",", self.back(tok, 2, 40), tok.start) >= 0
            and _LISTED_BEFORE.search(self.text, max(0, tok.start - 40), tok.start)
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
        if lowers[0] in ("n", "s", "e", "w") and len(toks) == 2:
            number = self.word_before(toks[0], 1)
            if number is not None and number.text.isdigit():
                self.add(toks, "PLACE")  # "at 319 S. Denver": an address's street
                return
        if lowers[0] in lx.COMPASS:
            rest = toks[1:]
            while len(rest) > 1 and rest[0].lower in lx.COMPASS:
                rest = rest[1:]  # "South East Asia": two compass words, then the place
            if last in lx.PLACE_CUES or last in lx.COMPASS or self.place(rest) is not None:
                self.add(toks, "PLACE")
                return
        if lowers[0] == "county" and len(toks) == 2 and last not in lx.ORG_CUES:
            self.add(toks, "PLACE")  # "County Durham", "County Kerry": a county first
            return
        compass = self.word_before(toks[0], 1)
        if compass is not None and compass.lower in lx.COMPASS_LOWER:
            self.add(toks, "PLACE")  # "the northern Sierra Nevada"
            return
        if last in lx.PLACE_CUES:
            # "Manchester City" is not the city of Manchester: a club named after it; a
            # "School District" is the body that runs the schools.
            # "in Washington City": one is in a city, not in a club.
            prev = self.word_before(toks[0], 1)
            club = (
                last == "city"
                and self.place(toks[:-1]) is not None
                and (prev is None or prev.lower not in lx.PLACE_PREPOSITIONS)
            )
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
            elif (
                _is_acronym(toks[0].text)
                and self.standalone.get(toks[0].lower, 0) > 0
                and not any(_is_acronym(t.text) for t in toks[1:])
                and last not in lx.ORG_CUES
                and last not in lx.CORPORATE_TAILS
                and last not in lx.COMPASS  # "JR East": a company
            ):
                # "NASA Discovery program", "AWS Lambda": an acronym the text names alone
                # elsewhere, then what it runs or sells (a project, a product), no body of
                # its own; the acronym read as a piece ("UK" stays the country).
                self.read_piece(toks[:1], None, None)
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
        if not toks[-1].possessive and _APPOSED_BODY.match(self.text, toks[-1].end):
            self.add(toks, "ORG")  # "Reckitt Benckiser, the consumer goods group,"
            return
        if (
            len(toks) == 3
            and toks[1].text == "&"
            and not toks[-1].possessive
            and fold(toks[2].text) in surnames()
            and self.place(toks[2:]) is None  # "Priest & Washington": a crossing
            and not any(_plural_word(w) for w in (lowers[0], lowers[2]))
            and not all(w in common_words() for w in (lowers[0], lowers[2]))
            # "Dye & Bavelier (2010)", "as Smith & Jones argue" in a text that cites: authors
            and not self.citations
            and not _YEAR_AFTER.match(self.text, toks[-1].end)
        ):
            # "Ernst & Young", "Barnes & Noble", "Simon & Schuster": a firm named after its
            # partners; not "Stress & Anxiety", "Heart & Soul" (a heading's words).
            self.add(toks, "ORG")
            return
        if (
            len(toks) > 2
            and _plural_word(lowers[0])
            and any(w in _GROUP_PREPOSITIONS for w in lowers[1:-1])
        ):
            # "Doctors Without Borders", "Mothers Against Drunk Driving": people of a kind
            # joined for a cause, a body.
            self.add(toks, "ORG")
            return
        if (
            after is not None
            and after.lower in _STAFF_NOUNS
            and not self.role_before(toks[0])
            and not self.owner_before(toks[0])
        ):
            self.add(toks, "ORG")  # "Kaiser Permanente nurses went on strike": its staff
            return
        if (
            after is not None
            and (after.lower in lx.ORG_NOUNS or after.lower in _BLOC_NOUNS)
            and not after.possessive
            and not toks[-1].possessive  # "Warren Buffett's conglomerate": its owner
            and not self.role_before(toks[0])
        ):
            # "the Frente de Todos coalition", "the Georgian Dream party": the kind of body
            # after its name, as for one word ("the Smer party")
            self.add(toks, "ORG")
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
        # "St Jerome in the Nuremberg Chronicle": a saint, not an opening word before a name
        # ("St. John's", "St Mary's" are what is named after one).
        saint = (
            len(toks) == 2
            and lowers[0] in ("saint", "st")
            and self.given_name(toks[1])
            and not toks[1].possessive
        )
        if (
            toks[0].sentence_start
            and lowers[0] not in lx.PARTICLES
            and not saint
            and not self.given_name(toks[0])
            and not (toks[0].abbrev and len(toks[0].text) == 1)  # "K. Michael Stevens said"
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
        # "Meta Platforms", "Grace Foods": a given name before the plural of an English
        # word that is no surname names a firm, not a person ("Grace Fields" keeps hers).
        firm_plural = (
            len(toks) == 2 and _plural_word(last) and fold(toks[-1].text) not in surnames()
        )
        strong = (
            saint
            or self.given_name(toks[0])
            and (not firm_plural or self.person_evidence(toks))
            or self.role_before(toks[0])
            or self.owner_before(toks[0])
            or last in self.lone_persons
        )
        if not strong and _plural_word(last) and last not in plural_surnames():
            # "Lakeside Rovers", "Tenants": a side or a group of people; "Shore Crabs" and
            # "Future Directions" (common words only) need to act or own something.
            common = all(t.lower in common_words() for t in toks)
            if (
                firm_plural
                and self.given_name(toks[0])
                and (
                    _LISTED_AFTER.match(self.text, toks[-1].end)
                    or _LISTED_BEFORE.search(self.text, max(0, toks[0].start - 40), toks[0].start)
                )
            ):
                # "..., Simon Cozens, Sophia Siao": in a list, the names beside it decide.
                self.undecided.append(toks)
            elif (
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
        elif self.unlisted_given_name(toks) or self.given_name_as_word(toks):
            self.add(toks, "PERSON")  # "Herbie Hancock came by": a surname after a name
        else:
            # Two capitalised words and nothing more ("Plasma Blue", "Polar Tern"): dropped,
            # unless listed beside a person (see _listed_people).
            self.undecided.append(toks)

    def given_name_as_word(self, toks: list[_Token]) -> bool:
        """ "an injury to Will Middlebrooks": a given name that is also an English word the
        text writes in lower case ("will"), capitalised mid-sentence before a census surname
        that is no English word."""
        if len(toks) != 2 or toks[0].sentence_start or toks[0].possessive:
            return False
        first, last = toks
        return (
            fold(first.text) in given_names()
            and first.lower not in lx.MONTHS
            and fold(last.text) in surnames()
            and last.lower not in any_lower_case()
        )

    def unlisted_given_name(self, toks: list[_Token]) -> bool:
        """ "Herbie Hancock", "Barack Obama"? Two words, the second a census surname that
        is no English word, the first no English word, place or known name of a thing:
        a given name the lists lack."""
        if len(toks) != 2 or any(t.possessive and t is not toks[-1] for t in toks):
            return False
        first, last = toks
        known = known_names().get(first.text, frozenset())
        folded = fold(last.text)
        return (
            (folded in surnames() or folded.endswith(_SURNAME_ENDINGS))
            and last.lower not in any_lower_case()
            # "Doobie Brothers", "Zoho Books": a plural of an English word
            and not (last.lower.endswith("s") and last.lower[:-1] in any_lower_case())
            and first.lower not in any_lower_case()
            and (not known or "PERSON" in known)  # "Berkshire", "Salisbury": places
            and first.lower not in self.lowercase_words
            and first.text[:1].isupper()
            and first.text[1:].islower()
            and len(first.text) > 2
            and self.place(toks[:1]) is None
            and self.place(toks[1:]) is None
            and first.text not in known_organisations()
        )

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

    def authored(self, tok: _Token) -> bool:
        """ "by Cruse and Croft (2004)": a surname, the author of a dated work."""
        return (
            not tok.possessive
            # the year after first: one anchored try, where the look back tries each character
            and _AUTHORS_YEAR_AFTER.match(self.text, tok.end) is not None
            and _BY_AUTHORS_BEFORE.search(self.text, max(0, tok.start - 40), tok.start) is not None
            and self.place([tok]) is None
            and fold(tok.text) in surnames()  # "by Deloitte (2019)" is a firm's report
        )

    def relation_before(self, tok: _Token) -> bool:
        """ "the daughter of Katherine", "her sister, Michelle", "the woman Eva": a given
        name alone named by the person's relation or kind."""
        prev = self.word_before(tok, 1)
        if prev is not None and not prev.cap and prev.lower in _PERSON_KINDS:
            return True
        if _KIN_OF.search(self.text, self.back(tok, 2, 24), tok.start):
            return True
        return self.role_comma_before(tok)

    def role_comma_before(self, tok: _Token) -> bool:
        """ "Its spokesperson, Noor Haddad": a job's word and a comma right before."""
        # The comma comes after the word before: looked for before the pattern.
        if self.text.find(",", self.back(tok, 1, 40), tok.start) < 0:
            return False
        match = _ROLE_COMMA.search(self.text, max(0, tok.start - 40), tok.start)
        return match is not None and self.is_role_word(match.group(1))

    def role_before(self, tok: _Token) -> bool:
        """ "coach Priya Raman", "Its spokesperson, Noor Haddad"."""
        prev = self.word_before(tok, 1)
        if prev is not None and self.is_role(prev):
            return True
        return self.role_comma_before(tok)

    def is_role_word(self, word: str) -> bool:
        low = word.lower()
        return low in lx.PERSON_ROLE_WORDS or (len(low) > 5 and low.endswith(_ROLE_SUFFIXES))

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
            _SAID_AFTER.match(self.text, last.end)
            or _LIVED_AFTER.match(self.text, last.end)
            or _AGE_AFTER.match(self.text, last.end)
        ):
            return True
        country = None if last.possessive else _OF_COUNTRY.match(self.text, last.end)
        if (
            country is not None
            and country.group(1) in self.gaz.regions
            and last.lower not in lx.PLACE_NOUNS  # "the Boundary Waters of Minnesota"
            and last.lower not in lx.PLACE_CUES
        ):
            return True  # "beating Sifan Hassan of the Netherlands": who comes from there
        if _SAID_BEFORE.search(self.text, self.back(toks[0], 1, 30), toks[0].start):
            return True
        if _DONE_BY.search(self.text, self.back(toks[0], 2, 30), toks[0].start):
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
            # "Steeply-raked" is not a name; "Okonjo-Iweala" and "al-Assad" are, and so is
            # a Korean or Chinese given name of two syllables ("Jong-un", "Kai-shek"):
            # short lower-case parts after a first part that is no English word.
            parts = tok.text.split("-")
            syllables = parts[0].lower() not in any_lower_case() and all(
                p.isalpha() and len(p) <= 4 for p in parts
            )
            if not syllables and any(p[:1].islower() and p not in lx.PARTICLES for p in parts[1:]):
                return False
        return not (tok.text.isupper() and len(tok.text) > 2)


# "LONDON —", "PARIS (Reuters)", "PARIS, May 3", "KYIV, Ukraine (AP) —": a dateline's place
_DATELINE = re.compile(
    r"[ \u00a0]*(?:[—–-]|\(|,[ \u00a0]*[A-Z][a-z]{2,8}\.?[ \u00a0]+\d"
    r"|,[ \u00a0]*[A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*){0,2}[ \u00a0]*(?:\(|[—–]))"
)
_DAY_NEXT = re.compile(r"[ \u00a0]*(?:[,:/–-]|\d|$)")


_NOUN_AFTER = re.compile(r"[ \u00a0]+[a-z]{3,}")


def _two_firms(first: Sequence[_Token], rest: Sequence[_Token]) -> bool:
    """Two firms named by their lines of business ("Corlew Healthcare and Varda
    Hospitality"): on each side of "and" a name of two words or more that ends in a line of
    business and does not start with one. "Regal Mining and Minerals" and "Tamsin Software
    and Engineering Services" are one name each: a line of business opens the second part,
    or it is one word."""

    def firm(toks: Sequence[_Token]) -> bool:
        return (
            len(toks) >= 2
            and toks[-1].lower in lx.SECTOR_WORDS
            and toks[0].lower not in lx.SECTOR_WORDS
            and all(t.lower != "and" and t.text != "&" for t in toks)
        )

    return firm(first) and firm(rest)

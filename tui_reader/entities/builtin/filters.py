"""Passes that drop what is no name: capitalised kinds of things, titles of works."""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..described import THE_BEFORE
from ..merge import Mention
from ..names import fold, given_names, surnames
from ..organisations import known_organisations
from ..wordnet import any_lower_case
from .patterns import _BY_AUTHORS_BEFORE, _TITLE_WORD
from .reader import _Reader
from .tokens import _plural, _Token

_CITATION_WORDS = frozenset(
    {"e.g.", "i.e.", "see", "cf.", "et", "al", "al.", "and", "also", "for", "example"}
)


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
    called = _called_by_last_word(reader)
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
            and not THE_BEFORE.search(text, max(0, m.offset - 5), m.offset)
            and m.name not in called
        ):
            continue
        keep.append(m)
    reader.out[:] = keep


# A plural that acts as one body: a side or a firm, not a kind of thing.
_ONE_ACTS = re.compile(r",?[ \u00a0]+(?:said|says|announced|is|was|has)\b")


def _words_written_small(reader: _Reader) -> None:
    """ "Cyclone", "Downtown", "Information" as a one-word name in a text that also writes
    "cyclone", "downtown", "information": an English word capitalised in a heading or a
    title, not a name. Not a known place or body, nor a given name or surname ("Rose
    said ... prices rose"), nor a compass word ("the West")."""
    small = reader.lowercase_words
    common = any_lower_case()
    keep: list[Mention] = []
    for m in reader.out:
        low = m.name.casefold()
        if (
            low in small
            and " " not in m.name
            and not m.surface
            and low in common
            and not m.name.isupper()
            and low not in lx.COMPASS
            and m.name not in reader.gaz.places
            and m.name not in known_organisations()
            and fold(m.name) not in given_names()
            and fold(m.name) not in surnames()
        ):
            continue
        keep.append(m)
    reader.out[:] = keep


def _called_by_last_word(reader: _Reader) -> set[str]:
    """The names the article also calls by their last word alone, capitalised where a
    common word would not be or doing what an organisation does ("beat Lakeside Rovers
    ... Rovers had led ... Rovers manager"): the short form's evidence is the name's."""
    called: set[str] = set()
    at: dict[int, _Token] | None = None
    for m in reader.out:
        if not m.surface or " " in m.surface or m.type != "ORG" or m.name in called:
            continue
        if not m.name.casefold().endswith(" " + m.surface.casefold()):
            continue
        if at is None:
            at = {t.start: t for t in reader.tokens}
        tok = at.get(m.offset)
        if tok is None:
            continue
        after = reader.tokens[tok.index + 1] if tok.index + 1 < len(reader.tokens) else None
        if (
            not tok.sentence_start
            or tok.possessive
            or _ONE_ACTS.match(reader.text, tok.end)  # "Rovers has", not "Otters have"
            or (after is not None and after.lower in lx.ROLE_WORDS)  # "Rovers manager"
        ):
            called.add(m.name)
    return called


_WORK_YEAR = re.compile(
    # "Viva Maria! (1965)", "Meurtres? (Three Sinners, 1950)": a title's own mark first.
    r"[!?]?[ \u00a0]*\((?:[^\W\d_a-z][^()\n\d]{0,40},[ \u00a0]*)?(?:1[5-9]|20)\d\d\)"
)
_WORK_BEFORE = re.compile(
    r"\b(?:film|movie|novel|album|song|opera|sitcom|poem|painting|documentary|musical|"
    r"oratorio|symphony|ballet|episode|memoir|autobiography|video game|titled|entitled)"
    r"[ \u00a0]+(?:the[ \u00a0]+)?[\"“‘]?$"  # "a slide titled "Debbie Died Because""
)


def _works(reader: _Reader) -> None:
    """Titles of works are not names: a Title Case run right after "the film", "the
    novel", or right before a year in brackets ("Seven Nights (1960)", "(Les Amants,
    1959)"), or one word after its author's possessive ("Shaw's Pygmalion"). In a text
    that cites, "Rayner (1998)" is an author and stays."""
    text = reader.text
    people = {
        word for m in reader.out if m.type == "PERSON" and " " in m.name for word in m.name.split()
    }
    quoted = _quoted_titles(text)
    keep: list[Mention] = []
    for m in reader.out:
        end = m.offset + len(m.surface or m.name)
        if m.listed and (
            quoted
            and m.name not in reader.gaz.places  # "Protector of Mexico": still Mexico
            and _part_of_quoted_title(text, quoted, m.offset, end)
            or _WORK_BEFORE.search(text, max(0, m.offset - 24), m.offset)
            or people
            and _authored(reader, m, people)
            or _WORK_YEAR.match(text, end)
            and not _named_otherwise(reader, m)
            or _in_titled_work(text, m.offset, end)
            and not _named_otherwise(reader, m, inside=True)
        ):
            continue
        keep.append(m)
    reader.out[:] = keep


# A short stretch in double quotes, for a title of a work ("Wrecking Ball", “Red Wedding”).
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,60})[\"”]")
_QUOTE_SMALL = frozenset(
    {"the", "of", "a", "an", "and", "in", "on", "to", "for", "at", "by", "from", "with", "n'"}
)


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """The spans of Title Case stretches of two words or more in double quotes, most a
    work's title; speech in quotes keeps its words in lower case."""
    if '"' not in text and "“" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for found in _QUOTED.finditer(text):
        words = found.group(1).split()
        if 1 < len(words) <= 8 and all(
            w[0].isupper() or w.casefold() in _QUOTE_SMALL for w in words
        ):
            spans.append(found.span(1))
    return spans


def _part_of_quoted_title(text: str, quoted: list[tuple[int, int]], start: int, end: int) -> bool:
    """A name that is only part of a quoted title ("Ball" of "Wrecking Ball", "Jennifer
    Lopez News Today" of "No Jennifer Lopez News Today") is a word of the title; a name
    the quotes hold whole, but for "The" or a stop ("The Emperor Norton Bridge"), stays."""
    for a, b in quoted:
        if a <= start and end <= b:
            before = text[a:start].strip()
            after = text[end:b].strip(" ,.!?")
            return not (before in ("", "The", "the") and after == "")
    return False


_NEXT_WORD = re.compile(r"(?:'s|’s)?[ \u00a0]+([a-z]+)")
_AUTHOR_BEFORE = re.compile(rf"\b({_TITLE_WORD})(?:'s|’s|['’])[ \u00a0]+$")


def _authored(reader: _Reader, m: Mention, people: set[str]) -> bool:
    """ "Jean Anouilh's Antigone", "Shaw's Pygmalion": one word after the possessive of a
    person named in full in the text, itself no place, body or given name, is a work."""
    if " " in m.name or m.surface or m.type == "PLACE" and m.name in reader.gaz.places:
        return False
    found = _AUTHOR_BEFORE.search(reader.text, max(0, m.offset - 30), m.offset)
    if found is None or found.group(1) not in people:
        return False
    name = m.name
    following = _NEXT_WORD.match(reader.text, m.offset + len(name))
    if following is not None and following.group(1) in lx.ORG_CUES:
        return False  # "Netanyahu's Likud party": his party
    return not (
        name in known_organisations()
        or fold(name) in given_names()
        or name.isupper()
        or name.casefold() in lx.ORG_CUES
    )


# Words a title of a work keeps in lower case ("Lift to the Scaffold", "Jules et Jim").
_TITLE_SMALL = r"(?:the|of|in|on|to|a|an|at|for|from|with|et|de|du|des|la|le|les|di|del|der|und)"
_TITLE_AFTER = re.compile(
    rf"(?:[ \u00a0]+(?:{_TITLE_SMALL}|{_TITLE_WORD}))*?"
    r"[!?]?[ \u00a0]*\((?:[^\W\d_a-z][^()\n\d]{0,40},[ \u00a0]*)?(?:1[5-9]|20)\d\d\)"
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
    if m.type == "PERSON" and _BY_AUTHORS_BEFORE.search(
        reader.text, max(0, m.offset - 40), m.offset
    ):
        return True  # "a chapter by Cruse and Croft (2004)": its author
    if reader.citations and (m.type == "PERSON" or len(words) == 1):
        return True
    return m.type == "PERSON" and fold(words[0]) in given_names()


def _only_surnames(citation: str) -> bool:
    """ "(Li, Polat, & Bavelier, 2010)": every author word capitalised ("(Jules et Jim,
    1962)" names a film)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", citation)
    return all(w[0].isupper() or w in _CITATION_WORDS for w in words)

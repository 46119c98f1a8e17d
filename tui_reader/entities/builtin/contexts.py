"""Passes that read names from the context around them: roads, teams, case names, domains,
"X-based", carriers, owned places, legal endings."""

from __future__ import annotations

import re
from bisect import bisect_right

from ...models import EntityType
from .. import lexicon as lx
from ..merge import Mention
from ..wordnet import common_words
from .patterns import _IS_A_PLACE, _PARTY
from .reader import _Reader
from .tokens import _Token

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
# One scan for all of them: each opens with a capital, which the search skips to.
_ROAD_HINT = re.compile("|".join(map(re.escape, _ROAD_HINTS)))
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th) ")
_UK_ROAD = re.compile(r"\b[AM]\d{1,4}M?\b")
_UK_ROAD_HINT = re.compile(r"[AM]\d")  # a class first: the search skips to it, not "\b"
_DRIVING = re.compile(r"(?:north|south|east|west)bound|junction|motorway|\bexit\b", re.IGNORECASE)
# The endings alone, a cheap first look: one scan from "." to "." (literal first).
_TLD = re.compile(r"\.(?:com|org|net|io|tv|fm|us|co\.uk)")
_DOMAIN = re.compile(r"\b[A-Z][\w-]*\.(?:com|org|net|io|tv|fm|us|co\.uk)\b")


def _roads(reader: _Reader) -> None:
    """Numbered roads are places; the words inside them ("West" of "I-44 West") are not
    names of their own."""
    text = reader.text
    hinted = _ROAD_HINT.search(text) or _ORDINAL_HINT.search(text)
    roads = list(_ROAD.finditer(text)) if hinted else []
    if _UK_ROAD_HINT.search(text):
        roads += [
            m
            for m in _UK_ROAD.finditer(text)
            if _DRIVING.search(text, max(0, m.start() - 60), m.end() + 60)
        ]
    if not roads:
        return
    reader.drop_within([m.span() for m in roads])
    reader.out.extend(Mention(m.group(), "PLACE", m.start()) for m in roads)


_TEAM_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeat|against|versus|vs\.?|v\.?|face|faces|faced|"
    r"facing|host|hosts|hosted|drew with|draw with|lost to|losing to|win over|victory over|"
    r"play|plays|played|playing|joined|joins|rejoined|(?:loaned|transferred) to|"
    r"(?:played|plays|playing|scored|signed|debut|debuted|capped|appearances|caps|games)"
    r"(?: \w+ly| twice)? "
    r"(?:for|with))"
    r"[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_TEAM_LIST = re.compile(r"(?:,[ \u00a0]+|[ \u00a0]+and[ \u00a0]+|,[ \u00a0]+and[ \u00a0]+)$")
_TEAM_AFTER = re.compile(
    r"(?:'s|’s)?[ \u00a0]+(?:beat|beats|won|win|wins|winning|lost|lose|loses|drew|draw|draws|"
    r"defeated|defeats|faced|faces|thrashed|edged|trailed|conceded|"
    r"equalised|equalized|scored|led|coach|manager|goalkeeper|striker|captain|defender|"
    r"midfielder|squad|side|fans|supporters|will play|play|played|have|are|were)\b"
    r"|[ \u00a0]+\d{1,2}[ \u00a0]*[–-][ \u00a0]*\d{1,2}\b"
)


_GROUP = re.compile(r"\bGroup[ \u00a0][A-L]\b(?![\w-]|\.\w)")


def _weak_orgs_named_as_places(reader: _Reader) -> None:
    """ "Kotor is a town ... by boat from Kotor": a one-word name typed ORG only because it
    recurs or acts, and read as a place elsewhere in the text by what it is (not by a
    preposition alone) or said to be one ("Socotra is a perfect destination"), is that
    place throughout."""
    if not reader.weak_orgs:
        return
    # A place by what it is ("the town of Kotor", "the Kotor region", "north of Kotor",
    # "the Bay of Kotor"); "in Figma", "at Ubisoft", "migrate to Ubuntu" name software and
    # firms as often as places.
    places: set[str] = set()
    for m in reader.out:
        if m.type != "PLACE" or m.tentative:
            continue
        if m.offset in reader.sure_places:
            places.add(m.name)
        elif " of " in m.name:
            places.add(m.name.rsplit(" of ", 1)[1])
    orgs: dict[str, bool] = {}  # name -> every ORG mention of it is a weak guess
    for m in reader.out:
        if m.type == "ORG":
            weak = m.offset in reader.weak_orgs
            orgs[m.name] = orgs.get(m.name, True) and weak
            if weak and _IS_A_PLACE.match(reader.text, m.offset + len(m.surface or m.name)):
                places.add(m.name)
    retyped = {name for name, weak in orgs.items() if weak and name in places}
    for idx, m in enumerate(reader.out):
        if m.type == "ORG" and m.name in retyped:
            reader.out[idx] = Mention(m.name, "PLACE", m.offset, m.tentative, m.surface)


def _town_splits(name: str) -> list[tuple[str, str]]:
    """ "Boston Red Sox" -> ("Boston", "red"), and so on for each run of one to three words
    that opens the name and leaves a word after it: the town and the word after it."""
    words = name.split()
    return [
        (" ".join(words[:k]), words[k].casefold()) for k in range(1, min(3, len(words) - 1) + 1)
    ]


def _team(name: str, offset: int, clubs: dict[str, set[str]]) -> Mention:
    """A town read as its team: the one club of that town the report names in full
    ("debuted for Boston" after "the Boston Red Sox"), else the town's team by its name."""
    club = clubs.get(name, set())
    if len(club) == 1:
        return Mention(next(iter(club)), "ORG", offset, False, name)
    return Mention(name, "ORG", offset)


def _teams(reader: _Reader) -> None:
    """In a report on a game, a country or a city that beats, plays or is played against is
    its team: an ORG ("Morocco beat Zambia 2–1", "played for Brazil"), as GUM has it."""
    text = reader.text
    # No place read: no team to find, and the words of the text need no look.
    if all(m.type != "PLACE" or not m.listed for m in reader.out):
        return
    if len(lx.SPORT_WORDS.intersection([t.lower for t in reader.tokens])) < 4:
        return
    # "Group F — Sweden 1 – 0 Korea Republic", "the first game of Group G": a
    # tournament's group of teams, as GUM has it (an ORG).
    taken = {m.offset for m in reader.out}
    reader.out.extend(
        Mention(g.group(), "ORG", g.start())
        for g in _GROUP.finditer(text)
        if g.start() not in taken
    )
    # The clubs named in full by the town they play for ("Boston Red Sox"), by that town.
    clubs: dict[str, set[str]] = {}
    for m in reader.out:
        if m.type == "ORG" and not m.tentative and " " in m.name:
            for place, after in _town_splits(m.name):
                if place in reader.gaz.places and after not in lx.ORG_CUES:  # no "X University"
                    clubs.setdefault(place, set()).add(m.name)
    teams: list[int] = []  # ends of the teams found, for "against Benin and Rwanda"
    found: dict[str, int] = {}  # how often each place was read as its team
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
            reader.out[idx] = _team(m.surface or m.name, m.offset, clubs)
            teams.append(end)
            found[m.name] = found.get(m.name, 0) + 1
    # "Sweden defeated South Korea ... Sweden had more of the ball": a name read twice as
    # the team, for at least half its mentions, is the team wherever the report names it.
    # Not a country a long text mostly names as a country ("New Zealand won the cup").
    named: dict[str, int] = {}
    for m in reader.out:
        if m.name in found:
            named[m.name] = named.get(m.name, 0) + 1
    sides = {name for name, count in found.items() if count >= 2 and 2 * count >= named[name]}
    if sides:
        reader.out[:] = [
            Mention(m.surface or m.name, "ORG", m.offset)
            if m.type == "PLACE" and m.listed and m.name in sides
            else m
            for m in reader.out
        ]


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
    if not _TLD.search(text):
        return
    sites = [m for m in _DOMAIN.finditer(text) if m.start() == 0 or text[m.start() - 1] != "@"]
    if not sites:
        return
    reader.drop_within([m.span() for m in sites])
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
            reader.drop_within([(a, b)])
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


_THE_STATES = re.compile(r"\bthe[ \u00a0]+States\b(?![ \u00a0]*(?:of\b|and\b|[^\W\d_a-z]))")


def _the_states(reader: _Reader) -> None:
    """ "Life in the States was hard": in a text that writes "United States", "the States"
    alone is it (not "the States of Jersey", "the Gulf States", "the States and
    territories")."""
    text = reader.text
    if "the States" not in text and "the\u00a0States" not in text:
        return
    country = reader.gaz.places.get("United States")
    # Written out: the entity then goes by "United States", not by the longest short form.
    if country is None or not any(
        m.name == country and m.surface in ("", country) for m in reader.out
    ):
        return
    starts = {m.end() - len("States") for m in _THE_STATES.finditer(text)}
    if not starts:
        return
    region = country in reader.gaz.regions
    reader.out[:] = [
        Mention(country, "PLACE", m.offset, False, "States", region)
        if m.offset in starts and m.name == "States"
        else m
        for m in reader.out
    ]


_CARRIED_BY = re.compile(
    r"\b(?:(?:flights?|flies|fly|flying|flown)(?:[ \u00a0][^\s,.;:]+){0,3}?[ \u00a0]+"
    r"(?:by|on|with)|(?:served|operated)"
    r"[ \u00a0]+by)[ \u00a0]+(?=[^\W\d_a-z])"
    # an airport's line for a terminal: "Terminal 2: Alaska (Gates 10 & 11), Spirit"
    r"|(?m:^)(?P<terminal>Terminal[ \u00a0]+\w{1,3}[ \u00a0]*:)[ \u00a0]*(?=[^\W\d_a-z])"
)
_NEXT_CARRIER = re.compile(
    r"(?:[ \u00a0]*\([^()\n]{1,40}\))?"  # "(Gates C & D)": where it flies from
    r"(?:,[ \u00a0]+(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)(?=[^\W\d_a-z])"
)


def _carriers(reader: _Reader) -> None:
    """Who flies, serves or operates a route is a company, and so is each name listed
    with it: "flights on Aeromexico", "served by Delta, United, Spirit and Frontier"."""
    text = reader.text
    if (
        "fl" not in text
        and "served by" not in text
        and "operated by" not in text
        and "Terminal" not in text
    ):
        return  # no flight, flies, flown, fly, terminal: no carrier
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
                or (low in lx.WEEKDAYS or low in lx.MONTHS)
                and len(run) == 1
            ):
                # "Jet2" has a digit, but a capital too; "flights on Thursday", not "Sun
                # Country"
                break
            # A place carries no one but in a terminal's list ("Alaska", "Great Lakes").
            if reader.place(run) is None or trigger.group("terminal"):
                found.append(run)
            sep = _NEXT_CARRIER.match(text, run[-1].end)
            if sep is None:
                break
            k = bisect_right(starts, sep.end() - 1)  # past ", and"
    if not found:
        return
    reader.drop_within([(run[0].start, run[-1].end) for run in found])
    for run in found:
        reader.add(run, "ORG")


_OWNED_PLACE = re.compile(
    r"\b((?:St\.?[ \u00a0]|Saint[ \u00a0])[^\W\d_a-z][\w.-]*|King|Queen|Prince|Bishop)"
    r"['’]s[ \u00a0]((?:[^\W\d_a-z][\w-]*[ \u00a0]){0,2}([^\W\d_a-z][\w-]*))"
)


_OWNER_HINTS = ("St. ", "St ", "Saint ", "King", "Queen", "Prince", "Bishop")
_OWNER_HINT = re.compile("|".join(map(re.escape, _OWNER_HINTS)))  # one scan, capitals first


def _owned_places(reader: _Reader) -> None:
    """ "St. Olaf's Church", "King's College": a saint's or a title's possessive inside a
    name that ends in a place's or an organisation's cue is one name (not "Mecca's Grand
    Mosque", a mosque of a place)."""
    text = reader.text
    if not _OWNER_HINT.search(text):
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
    reader.drop_within([(a, b) for a, b, _ in found])
    reader.out.extend(Mention(text[a:b], t, a) for a, b, t in found)


_LEGAL_AFTER = re.compile(
    r",[ \u00a0]+(?:Inc|Corp|Ltd|LLC|LLP|Limited|GmbH|AG|plc|PLC|S\.A|SA|S\.L|SL|N\.V|NV|B\.V|BV"
    r"|AB|SpA|Pty Ltd)\b\.?"
)


# "St Anne, a very touristy city", "Marie Galante: the biggest island": a name set beside
# what it is, in lower-case words ending in a kind of place (not "the mayor of the city").
_SAID_A_PLACE = re.compile(
    r"[ \u00a0]*[,:]?[ \u00a0]+(?:a|an|the)[ \u00a0]+(?:(?!of\b)[a-z][a-z-]*[ \u00a0]+){0,6}?"
    r"(?:town|city|village|hamlet|island|resort|suburb|neighbourhood|neighborhood|peninsula"
    r"|municipality)\b([ \u00a0]+[a-z]+|['’-])?"
)
# The words that may follow the kind when it ends the phrase ("a city on the coast"); any
# other makes it a modifier ("a town councillor").
_AFTER_KIND = frozenset(
    {"of", "in", "on", "near", "with", "that", "which", "where", "and", "off", "by", "at"}
    | {"north", "south", "east", "west", "known", "famous", "located", "situated", "but"}
    | {"out", "from", "to", "for", "between", "along", "about", "close", "just", "where"}
)


def _said_places(reader: _Reader) -> None:
    """A name the text sets beside what it is, a kind of place ("St Anne a very nice but
    also very touristy city", "Marie Galante: the biggest island"), is a place wherever
    the article names it, not the person or the body its words suggest."""
    text = reader.text
    said: set[str] = set()
    for m in reader.out:
        if m.type == "PLACE" or not m.listed or m.name in said:
            continue
        found = _SAID_A_PLACE.match(text, m.offset + len(m.surface or m.name))
        if found is None:
            continue
        after = found.group(1)
        if after is None or after.strip() in _AFTER_KIND:
            said.add(m.name)
    if said:
        reader.out[:] = [
            Mention(m.name, "PLACE", m.offset, False, m.surface)
            if m.name in said and m.listed
            else m
            for m in reader.out
        ]


# A school named by its town: "University of Helsinki", "Harrow School".
_SCHOOL_OF = re.compile(r"(?:The )?(?:University|College|Academy) of (\w+(?: \w+)?)")
_SCHOOL_WORDS = ("University", "College", "School", "Academy")
_AT_BEFORE = re.compile(r"\bat[ \u00a0]+$")


def _schools_by_town(reader: _Reader) -> None:
    """ "research at Helsinki" after "the University of Helsinki", "a boy at Harrow"
    beside "Harrow School": a town one is at, when the article names one school after
    it, is that school ("in Helsinki", "moved to Helsinki" stay the town)."""
    schools: dict[str, set[str]] = {}
    for m in reader.out:
        if m.type != "ORG" or m.tentative or " " not in m.name:
            continue
        found = _SCHOOL_OF.fullmatch(m.name)
        town = found.group(1) if found else None
        if town is None and m.name.endswith(_SCHOOL_WORDS):
            town = m.name.rsplit(" ", 1)[0]
        if town is not None:
            schools.setdefault(town, set()).add(m.name)
    if not schools:
        return
    text = reader.text
    # The mentions of such a town after "at", each looked at once; a town one of them
    # (not a person's name) shows is a school's: all of its mentions after "at" are.
    after_at = [
        idx
        for idx, m in enumerate(reader.out)
        if not m.surface
        and len(schools.get(m.name, ())) == 1
        and _AT_BEFORE.search(text, max(0, m.offset - 4), m.offset)
    ]
    at_school = {reader.out[idx].name for idx in after_at if reader.out[idx].type != "PERSON"}
    for idx in after_at:
        m = reader.out[idx]
        if m.name in at_school:
            reader.out[idx] = Mention(next(iter(schools[m.name])), "ORG", m.offset, False, m.name)


_NUMBER_AFTER_NO = re.compile(r"\.?[ \u00a0]?\d{1,4}\b")


def _numbered(reader: _Reader) -> None:
    """ "Holland Lodge No. 8": a number after "No." is the name's own, and the word before
    "No." gives its type (a lodge is a building, as "Holland Lodge" alone would be)."""
    text = reader.text
    for idx, m in enumerate(reader.out):
        if m.surface or not m.name.endswith(" No") or not m.listed:
            continue
        found = _NUMBER_AFTER_NO.match(text, m.offset + len(m.name))
        if found is None:
            continue
        head = m.name.split()[-2].casefold()
        type_: EntityType = "PLACE" if head in lx.PLACE_CUES and head not in lx.ORG_CUES else m.type
        reader.out[idx] = Mention(text[m.offset : found.end()], type_, m.offset)


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

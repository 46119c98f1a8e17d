"""Alias merging inside one article, shared by every backend.

Rules, in order:
- forms equal after dropping a leading "the" and a possessive are one entity, and so are a
  saint's name with and without "Saint"/"St." ("St. Jerome", "Jerome");
- a name misspelt ("Untied Nations", "Chatnam Islands": one edit in a word of six letters
  or more, the other words the same) joins the form written more; not people's names
  nor two known places ("Gambia", "Zambia");
- a shorter form whose words end a longer PERSON name joins it ("Akar" -> "Hulusi Akar",
  "Assad" -> "Bashar al-Assad", "von der Leyen" -> "Ursula von der Leyen");
- a lone word that opens exactly one PERSON name joins it (family names written first:
  "Yoon" -> "Yoon Suk Yeol", "Xi" -> "Xi Jinping");
- a lone word that is a middle word of exactly one PERSON name of three words or more, named
  before it, joins it when no other name fits ("Lula" -> "Luiz Inácio Lula da Silva",
  "Rodham" -> "Hillary Rodham Clinton"); not particles, known places ("Washington" of
  "George Washington Carver") nor English words;
- a person's initials of three letters or more join the name ("JFK" -> "John F. Kennedy");
- a shorter ORG form that ends a longer ORG mentioned before it joins it ("Defense Ministry"
  -> "Russian Defense Ministry"), as do an acronym of its initials ("WHO"; "DoD" with the
  small word's letter; "MoD" for "UK Ministry of Defence", "SEC" for "U.S. Securities and
  Exchange Commission": the initials of the name after the place it serves) and the name
  without its company ending ("Toyota" -> "Toyota Motor Corp."); so do a guessed lone word
  that opens a two-word firm named before it ("Goldman" -> "Goldman Sachs") and an ORG by
  its first word clipped to three letters ("Fed" -> "Federal Reserve");
- a lone word that opens a two-word place ending in a word English does not have joins it
  ("Levico" -> "Levico Terme", "Kopinga" -> "Kopinga Marae"); not "Hakim" of "Hakim
  Mosque", a mosque named after its quarter; and so does a street's name without its
  street word ("east of Main" and "Main Street", in either order), unless it is a place
  itself ("Oxford", "Oxford Street"); a city or a town and "the City of" it are one place,
  in either order, named as the article names it more ("Cleveland", "the City of
  Cleveland"; not "Maui" and "the County of Maui");
- forms of one person with and without a middle name are one ("Brock Holt", "Brock Wyatt
  Holt"), shown by the form the article uses most;
- a short form that fits two or more people joins the one named most, then the one named
  first, if named before it ("Whitman" after "Walt Whitman" and his brother "George
  Whitman"); one that fits two organisations joins the one named more, if named more and
  before it ("Congress" after "United States Congress", "U.S. Congress" and one "National
  Congress"); one that fits two places, or two bodies named as often, joins none of them
  and stays an entity of its own;
- two full names never merge with each other unless one is a word-suffix of the other.
Mentions marked tentative (a lone capitalised word at a sentence start) survive only when
they join a longer name or the same form is also seen in a non-tentative mention.
Before this merge, names a text introduces in brackets ("National Health Service (NHS)")
are read as the name (introduced.py), and a surname in a heading in capitals after given
names as the full name (capitals.py). The built-in extractor also files some short forms
under their full name itself: a town read as its team under the one club of that town the
report names ("debuted for Boston", "the Boston Red Sox"), a town one is at under the one
school named after it ("research at Helsinki", "the University of Helsinki"), and the side
a plural name's last word stands for ("Lakeside Rovers" ... "Rovers manager").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Entity, EntityType
from .gazetteer import gazetteer
from .key import entity_key
from .lexicon import COMPASS, CORPORATE_TAILS, ORG_CUES, PARTICLES, PLACE_CUES, SAINTS
from .names import fold, given_names
from .wordnet import any_lower_case, common_words

_LINKS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le"})


@dataclass(frozen=True, slots=True)
class Mention:
    name: str  # as it should be shown: no leading "the", no possessive
    type: EntityType
    offset: int
    tentative: bool = False
    surface: str = ""  # the form as written when `name` is a canonical form (U.S. -> ...)
    region: bool = False  # a country, state or continent: never a surname
    listed: bool = True  # False: counted, but not shown as a form ("the ministry")


@dataclass
class _Group:
    key: str
    name: str
    words: tuple[str, ...]
    type: EntityType
    first: int
    count: int = 0
    written: int = 0  # mentions written as this name, not as a form read as it
    forms: dict[str, int] = field(default_factory=dict)  # surface form -> first offset
    tentative: bool = True
    region: bool = False
    parent: _Group | None = None
    members: list[_Group] = field(default_factory=list)  # groups joined to this root

    def root(self) -> _Group:
        group = self
        while group.parent is not None:
            group = group.parent
        return group


# Letters after a person's name ("Zaha Hadid DBE RA") that a short form leaves out.
_POST_NOMINALS = frozenset(
    {"dbe", "obe", "mbe", "cbe", "kbe", "gbe", "ra", "frs", "phd", "ph.d.", "qc", "kc", "mp"}
)


def _words(key: str) -> tuple[str, ...]:
    words = key.split()
    while len(words) > 2 and words[-1] in _POST_NOMINALS:
        words.pop()
    return tuple(words)


def _bare(word: str) -> str:
    """'al-assad' -> 'assad': the part after a lower-case particle prefix."""
    for sep in ("-", "'", "’"):
        head, _, tail = word.partition(sep)
        if tail and len(head) <= 3:
            return tail
    return word


# Place words a short form leaves out ("Chatham" for "Chatham Islands"); not "York" for
# "York Minster", a building in a city.
_AREA_TAILS = frozenset({"islands", "isles", "island", "archipelago", "peninsula", "mountains"})

# The bodies a place runs, named after it: "Boston City Council", "LA County Fire Department".
_PUBLIC_BODIES = frozenset(
    {"police", "department", "council", "government", "authority", "county", "city", "fire"}
    | {"transit", "district", "board", "assembly", "legislature", "municipality", "ministry"}
)

_GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _is_suffix(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    if len(full) > 2 and full[-1] in _GENERATIONS:
        full = full[:-1]  # "Kennedy" ends "John F. Kennedy Jr."
    if len(short) >= len(full):
        return False
    if full[-len(short) :] == short:
        return True
    # "Assad" ends "Bashar al-Assad"; "Leyen" alone is not enough, "von der Leyen" is.
    return len(short) == 1 and _bare(full[-1]) == short[0] and _bare(full[-1]) != full[-1]


def _foreign_generic(word: str) -> bool:
    return (
        word.isalpha()
        and word not in PLACE_CUES
        and word not in ORG_CUES
        and word not in _AREA_TAILS
        and word not in COMPASS  # "US-75 South" is a road's direction, not a place word
        and word not in common_words()
    )


def _place_named(name: str, size: int) -> bool:
    """The first `size` words of a name are a known place ("York" of "York Outer Ring
    Road"), so the rest is the name without the place it is in."""
    words = name.split()
    return len(words) > size and " ".join(words[:size]) in gazetteer().places


_STREET_WORDS = frozenset({"street", "st", "st.", "avenue", "ave", "ave.", "boulevard", "blvd"})


def _after_place(name: str) -> tuple[str, ...]:
    """The words of an organisation's name after the place it serves, when a known place
    of one to three words opens it and two words or more follow ("U.S. Securities and
    Exchange Commission" -> securities and exchange commission); () otherwise."""
    words = name.split()
    places = gazetteer().places
    for size in (1, 2, 3):
        if len(words) - size < 2:
            break
        if " ".join(words[:size]) in places:
            return _words(entity_key(" ".join(words[size:])))
    return ()


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in _LINKS and w[0].isalpha())


def _all_initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[0].isalpha())


def _hyphen_parts(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words with each hyphenated one in its parts, as an acronym spells them ("ADL",
    Anti-Defamation League; "PTI", Pakistan Tehreek-e-Insaf: not the one-letter particle);
    () when no word is hyphenated."""
    if not any("-" in w for w in words):
        return ()
    return tuple(p for w in words for p in w.split("-") if len(p) > 1)


def _other_spellings(words: tuple[str, ...], name: str) -> tuple[tuple[str, ...], ...]:
    """The word sequences besides the name's own whose initials an acronym of an ORG may
    spell: its hyphenated words in parts, and its words after the place it serves."""
    return tuple(spelt for spelt in (_hyphen_parts(words), _after_place(name)) if spelt)


def _mixed_acronym(name: str) -> bool:
    """ "DoD", "MoD", "DfE": capitals for the name's words and a small letter for the small
    word between them (Department of Defense)."""
    return (
        3 <= len(name) <= 6
        and name.isalpha()
        and name[0].isupper()
        and name[-1].isupper()
        and not name.isupper()
    )


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    if " " in letters and all(len(part) == 1 for part in letters.split()):
        letters = letters.replace(" ", "")  # "S. F." as an old text spaces it
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


# A saint's name is merged without its saint word (lexicon.SAINTS); the extractor cuts other
# titles itself ("President", "Dr"). Only for a person: "St. Louis" is a place.


def _without_saint(name: str) -> str:
    head, _, rest = name.partition(" ")
    if rest[:1].isupper() and head.casefold() in SAINTS:
        return rest
    return name


def merge_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    groups: dict[str, _Group] = {}
    for m in mentions:
        written = " ".join(m.name.split())
        name = _without_saint(written) if m.type == "PERSON" else written
        if not name:
            continue
        key = entity_key(name)
        spaced = key.replace("-", " ")  # "Basse-Terre" and "Basse Terre" are one form
        group = groups.get(spaced)
        if group is None:
            group = groups[spaced] = _Group(key, name, _words(key), m.type, m.offset)
        elif m.type != group.type and group.tentative and not m.tentative:
            group.type = m.type  # a confident reading beats a guess
        group.count += 1
        if not m.surface or m.surface == m.name:
            group.written += 1
        group.first = min(group.first, m.offset)
        group.tentative = group.tentative and m.tentative
        group.region = group.region or m.region
        if m.listed:
            surface = " ".join((m.surface or written).split())
            group.forms.setdefault(surface, m.offset)

    _join_misspellings(groups)
    _join_spacings(groups)

    # Index the longer names by the words a short form can share with them, so each short
    # form looks at a handful of candidates (articles can hold hundreds of names).
    index: dict[str, list[_Group]] = {}
    for group in groups.values():
        if len(group.words) > 1:
            words = group.words
            last = words[-2] if len(words) > 2 and words[-1] in _GENERATIONS else words[-1]
            keys = {"last:" + last, "last:" + _bare(last), "first:" + words[0]}
            if len(words) == 2 and words[1] in ("islands", "isles"):
                keys.add("first:" + words[0] + "s")  # "the Falklands"
            keys.add("initials:" + _initials(group.words))
            keys.add("initials:" + _all_initials(group.words))
            if group.type == "ORG":
                if (body := _after_place(group.name)) and body[0] in ORG_CUES:
                    keys.add("first:" + body[0])  # "Justice Department" of "U.S. Department of"
                if len(words[0]) >= 7:
                    keys.add("clip:" + words[0][:3])
                for spelt in _other_spellings(group.words, group.name):
                    keys.add("initials:" + _initials(spelt))
                    keys.add("initials:" + _all_initials(spelt))
            if group.type == "PERSON" and len(words) > 2:
                keys.update("inner:" + w for w in words[1:-1] if w not in PARTICLES)
            for key in keys:
                index.setdefault(key, []).append(group)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.words), g.first))
    for short in ordered:
        if short.region or short.parent is not None:
            continue
        upper = short.name.replace(".", "").replace(" ", "")
        pool = index.get("last:" + short.words[-1], []) + index.get("first:" + short.words[0], [])
        if len(short.words) > 1 and short.words[-1] in ORG_CUES:
            pool = pool + index.get("first:" + short.words[-1], [])  # "Helsinki University"
        if _is_acronym(short.name) or _mixed_acronym(short.name):
            pool = pool + index.get("initials:" + upper.casefold(), [])
        elif len(short.words) == 1:
            pool = pool + index.get("clip:" + short.words[0], [])  # "Fed", "Met"
        targets: dict[int, _Group] = {}
        for full in pool:
            if len(full.words) > len(short.words) and _joins(short, full, upper):
                root = full.root()
                if root is not short:
                    targets.setdefault(id(root), root)
        if not targets and len(short.words) == 1 and short.type != "PLACE":
            targets = _middle_name_of(short, index.get("inner:" + short.words[0], []))
        if len(targets) > 1:
            # "Moreau" beside "Jeanne Moreau" (named often) and her father (named once): the
            # person named most is meant; of two named as often, the one named first.
            ranked = sorted(targets.values(), key=lambda g: (-_mentions(g), g.first))
            if ranked[0].type == "PERSON" and ranked[0].first < short.first:
                targets = {id(ranked[0]): ranked[0]}
            elif (
                ranked[0].type == "ORG"
                and ranked[0].first < short.first
                and _mentions(ranked[0]) > _mentions(ranked[1])
            ):
                # "Congress" after "the United States Congress" (also "U.S. Congress") and
                # one "National Congress": the body named most, when it is named more.
                targets = {id(ranked[0]): ranked[0]}
        if len(targets) == 1:
            short.parent = next(iter(targets.values()))
            short.parent.members.append(short)
        elif len(targets) > 1 and short.type != "PLACE" and short.forms:
            short.type = next(iter(targets.values())).type  # an ambiguous surname: a person
            short.tentative = False

    roots: dict[int, tuple[_Group, list[_Group]]] = {}
    for group in groups.values():
        root = group.root()
        roots.setdefault(id(root), (root, []))[1].append(group)

    entities: list[Entity] = []
    for root, members in roots.values():
        if all(m.tentative for m in members) and len(members) == 1 or not root.forms:
            continue  # a guess that joined nothing; "the ministry" with no name to refer to
        if len(members) == 1:  # most names join nothing: the root's own figures
            first, count, forms = root.first, root.count, root.forms
        else:
            first = min(m.first for m in members)
            count = sum(m.count for m in members)
            forms = {}
            for member in members:
                for form, offset in member.forms.items():
                    forms.setdefault(form, offset)
        name = _shown_name(root, members)
        aliases = tuple(
            form for form, _ in sorted(forms.items(), key=lambda kv: kv[1]) if form != name
        )
        entities.append(Entity(root.type, name, aliases, count, first))
    entities.sort(key=lambda e: e.first_offset)
    return entities


def _middle_name_of(short: _Group, pool: list[_Group]) -> dict[int, _Group]:
    """The one person named before `short` with its word in the middle of the name: "Lula"
    of "Luiz Inácio Lula da Silva". Two such people, or a known place, join neither."""
    word = short.words[0]
    if len(word) < 3 or short.name in gazetteer().places or word in any_lower_case():
        return {}  # "Honey" of "Blossom Comb Honey Globe Jar", a product read as a name
    roots = {id(full.root()): full.root() for full in pool if full.first < short.first}
    return roots if len(roots) == 1 and short not in roots.values() else {}


def _one_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two side by side swapped ("Untied")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        k = diff[0]
        return len(diff) == 2 and diff[1] == k + 1 and (a[k], a[k + 1]) == (b[k + 1], b[k])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[k:] == long[k + 1 :]


def _join_misspellings(groups: dict[str, _Group]) -> None:
    """A name written once with a slip ("Untied Nations", "Chatnam Islands") is the name
    written right: one word of six letters or more one edit away, the other words the
    same. Not people ("Christina" and "Christine" may be sisters) nor two known places
    ("Gambia", "Zambia")."""
    # Names alike but for one word: the same other words around it (most buckets hold one).
    around: dict[tuple[int, tuple[str, ...], tuple[str, ...]], list[_Group]] = {}
    for group in groups.values():
        if group.type == "PERSON" or not group.forms:
            continue
        for k, word in enumerate(group.words):
            if len(word) >= 5 and word.isalpha():
                around.setdefault((k, group.words[:k], group.words[k + 1 :]), []).append(group)
    buckets: list[list[tuple[_Group, int]]] = []
    for (k, _, _), alike in around.items():
        if len(alike) < 2:
            continue
        if len(alike) <= 8:
            buckets.append([(g, k) for g in alike])
            continue
        # Many (lone words): by the form both share with one letter dropped (the word
        # itself when the other has a letter more; a slip is in a word of six or more).
        shapes: dict[str, list[tuple[_Group, int]]] = {}
        for g in alike:
            word = g.words[k]
            cuts = range(len(word) + 1) if len(word) >= 6 else (len(word),)
            for cut in cuts:
                shapes.setdefault(word[:cut] + word[cut + 1 :], []).append((g, k))
        buckets.extend(found for found in shapes.values() if len(found) > 1)
    places = gazetteer().places
    common = common_words()
    for found in buckets:
        for a, k in found:
            for b, j in found:
                if a is b or k != j or a.type != b.type or a.parent or b.parent:
                    continue
                if max(len(a.words[k]), len(b.words[k])) < 6 or a.words[:k] != b.words[:k]:
                    continue
                if a.words[k + 1 :] != b.words[k + 1 :] or not _one_edit(a.words[k], b.words[k]):
                    continue  # (a bucket of lone words' shapes can hold words two edits apart)
                if a.name in places and b.name in places:
                    continue
                if len(a.words) == 1 and (a.words[0] in common or b.words[0] in common):
                    continue  # "Space" is a word, not a slip for "SpaceX"
                # The rarer form joins the one written more (of two as often, the first); a
                # name spelt with its own letters ("Tåsinge") over one spelt without
                # ("Taasinge").
                if (a.name.isascii() and not b.name.isascii()) or (
                    a.name.isascii() == b.name.isascii()
                    and (a.written, -a.first) < (b.written, -b.first)
                ):
                    a.parent = b
                    b.members.append(a)


def _join_spacings(groups: dict[str, _Group]) -> None:
    """A name written with its words run together or apart, give or take one letter, is
    one name: "Sheikh Lotf Allah Mosque" and "Sheikh Lotfollah Mosque", two spellings of a
    transliteration; "A Whole Foods" (an article read into the name) and "Whole Foods".
    Ten letters or more, not people, not two known places; the rarer form joins the one
    written more, as a misspelling does."""
    # Each name by its letters without spaces and by each of those with one letter dropped:
    # two names one letter apart share one of these.
    named: list[tuple[_Group, str]] = []
    for group in groups.values():
        if group.type == "PERSON" or not group.forms or group.parent is not None:
            continue
        letters = group.key.replace(" ", "").replace("-", "")
        if len(letters) >= 10:
            named.append((group, letters))
    if len(named) < 2:
        return  # one name has no other spelling to join: its shapes need not be made
    shapes: dict[str, list[tuple[_Group, str]]] = {}
    for group, letters in named:
        shapes.setdefault(letters, []).append((group, letters))
        for cut in range(len(letters)):
            shapes.setdefault(letters[:cut] + letters[cut + 1 :], []).append((group, letters))
    places = gazetteer().places
    for found in shapes.values():
        if len(found) < 2:
            continue
        for a, a_letters in found:
            for b, b_letters in found:
                if a is b or a.parent or b.parent or a.type != b.type:
                    continue
                if len(a.words) == len(b.words) or (a.name in places and b.name in places):
                    continue  # the same number of words: a misspelling's, not a spacing
                if a_letters != b_letters and not _one_edit(a_letters, b_letters):
                    continue
                if (a.written, -a.first) < (b.written, -b.first):
                    a.parent = b
                    b.members.append(a)


def _mentions(root: _Group) -> int:
    """How often a full name is written, counting the groups already joined to it."""
    return root.count + sum(g.count for g in root.members)


def _shown_name(root: _Group, members: list[_Group]) -> str:
    """The name as the article writes it: a canonical form ("United Kingdom" for "UK")
    only when the article uses it too (the key joins the forms across articles). A person
    goes by the full name the article uses most ("Brock Holt", not "Brock Wyatt Holt")."""
    group = root
    if root.type == "PERSON":
        # Forms with the same first and last word: with or without a middle name.
        full = [
            m
            for m in members
            if len(m.words) > 1
            and m.forms
            and (m.words[0], m.words[-1]) == (root.words[0], root.words[-1])
        ]
        group = max(full or [root], key=lambda m: (m.count, -m.first))
    elif root.type == "PLACE":
        # "Socotra" written more often than "Socotra Island": the island goes by it.
        # A street keeps its street word ("Main Street", however often "Main" is written).
        # "Cleveland" more often than "the City of Cleveland": the city goes by it.
        short = [
            m
            for m in members
            if m.forms
            and (
                root.words[: len(m.words)] == m.words
                and not all(w in _STREET_WORDS for w in root.words[len(m.words) :] or ["-"])
                or root.words[1:2] == ("of",)
                and root.words[2:] == m.words
            )
        ]
        group = max(short or [root], key=lambda m: (m.count, m is root))
    if group.name in group.forms or not group.forms:
        return group.name
    return max(group.forms, key=lambda form: (len(form), -group.forms[form]))


def _opens_firm(short: _Group, full: _Group) -> bool:
    """ "Goldman said" after "Goldman Sachs", "Reckitt" after "Reckitt Benckiser": a lone
    word with no evidence of its own (a guess) that opens a firm's name of two words named
    before it; "the Fed" after "the Federal Reserve", "the Met" after "the Metropolitan
    Police": the first word clipped to three letters. Not an English word or a compound
    ("Apple" of "Apple Music" is named with evidence of its own, not a guess; "Problem-
    solving"), nor a person ("Tim said" beside "Timber Press")."""
    if len(short.words) != 1 or short.type == "PLACE" or len(full.words) < 2:
        return False
    word, first = short.words[0], full.words[0]
    if "-" in word:
        return False
    if word == first:
        return short.tentative and len(full.words) == 2 and word not in any_lower_case()
    return short.type == "ORG" and len(word) == 3 and len(first) >= 7 and first.startswith(word)


def _joins(short: _Group, full: _Group, upper: str) -> bool:
    if full.type == "PERSON":
        if _is_suffix(short.words, full.words):
            return True
        if _is_acronym(short.name) and len(upper) >= 3:
            return _initials(full.words) == upper.casefold()  # "JFK", "FDR"
        if len(short.words) > 1 and short.type == "PERSON":
            # "Brock Holt" and "Brock Wyatt Holt": one person, with and without a middle name;
            # "Pierre Charles" for "Pierre Charles L'Enfant": the given names alone.
            return (short.words[0], short.words[-1]) == (full.words[0], full.words[-1]) or (
                full.words[: len(short.words)] == short.words
            )
        # A lone family name written first ("Yoon" in "Yoon Suk Yeol", "Xi" in "Xi Jinping").
        return len(short.words) == 1 and short.type != "PLACE" and full.words[0] == short.words[0]
    if full.type == "ORG":
        mixed = _mixed_acronym(short.name)  # "DoD": the small word's letter counts
        if mixed or _is_acronym(short.name):
            # Initials are evidence enough in either order ("MLB" ... "Major League Baseball"),
            # also of the name after the place it serves ("UK Ministry of Defence", "MoD").
            # Three letters at least for the latter: "OB" is no short form of "Paris Opera
            # Ballet".
            letters = upper.casefold()
            initials = _all_initials if mixed else _initials
            found = initials(full.words) == letters and (mixed or len(letters) >= 2)
            if found or len(letters) < 3:
                return found
            spellings = (full.words, *_other_spellings(full.words, full.name))
            return any(initials(spelt) == letters for spelt in spellings[1:]) or (
                # "DOJ", "BOJ" in capitals: the small word's letter too (Department of
                # Justice, Bank of Japan), as "DoJ" writes it
                not mixed
                and any("of" in spelt and _all_initials(spelt) == letters for spelt in spellings)
            )
        # "U.S. Department of Justice": the body's words after the place it serves
        body = _after_place(full.name) or full.words
        if (
            len(body) > 2
            and body[1] == "of"
            and body[0] in ORG_CUES
            and short.words == (*body[2:], body[0])
            and " ".join(short.name.split()[:-1]) not in gazetteer().places
        ):
            # "Justice Department" and "Department of Justice"; not "Washington University"
            # and "University of Washington", two schools named after places.
            return True
        size = len(short.words)
        if (
            short.type == "ORG"
            and full.words[:size] == short.words
            and all(w in CORPORATE_TAILS for w in full.words[size:])
        ):
            return True  # "Qantas said ... Qantas Airways": a company ending, in either order
        if full.first >= short.first:
            return False
        if short.type == "ORG" and _is_suffix(short.words, full.words):
            return True
        if _opens_firm(short, full):
            return True
        town = " ".join(full.name.split()[: len(full.words) - len(short.words)])
        if (
            short.type != "PLACE"
            and _is_suffix(short.words, full.words)
            and town in gazetteer().places
            and not town.isupper()
            and fold(short.name.split()[0]) not in given_names()
        ):
            return True  # "the Red Sox" after "the Boston Red Sox": a club without its town
        # "Toyota" for "Toyota Motor Corp.": a prefix when only a company ending is left out;
        # a place's name before its public body is the place ("Los Angeles" of "Los Angeles
        # Police Department"), but "Suffolk" of "Suffolk University" is the school.
        size = len(short.words)
        if (
            short.type == "PLACE"
            and any(w in _PUBLIC_BODIES for w in full.words[size:])
            and short.name in gazetteer().places
        ):
            return False
        return full.words[:size] == short.words and all(
            w in CORPORATE_TAILS or w in ORG_CUES for w in full.words[size:]
        )
    if full.type == "PLACE" and _is_acronym(short.name):
        # "LA", "NYC", "S. F." for a place of several words.
        return len(full.words) > 1 and _initials(full.words) == upper.casefold()
    if full.type == "PLACE" and short.type == "PLACE" and full.words[1:2] == ("of",):
        # "the City of Cleveland" and "Cleveland", in either order; not "County of Maui",
        # a county larger than the town or island it is named after.
        return full.words[0] in ("city", "town") and full.words[2:] == short.words
    if full.type == "PLACE" and short.type != "PERSON":
        if (
            len(short.words) > 1
            and short.words[-1] in PLACE_CUES
            and full.first < short.first
            and _is_suffix(short.words, full.words)
            and _place_named(full.name, len(full.words) - len(short.words))
        ):
            return True  # "Outer Ring Road" after "York Outer Ring Road"; not two hotels
        # "Chatham" for "Chatham Islands": a prefix when only place words are left out;
        # "the Falklands", "the Chathams": the islands by the plural of their name.
        size = len(short.words)
        if size == 1 and full.words[-1] in ("islands", "isles") and len(full.words) == 2:
            return short.words[0] == full.words[0] + "s"
        if (
            size == 1
            and len(full.words) == 2
            and full.first < short.first
            and full.words[0] == short.words[0]
            and _foreign_generic(full.words[1])
            and short.words[0] not in common_words()
            and short.name not in gazetteer().places
        ):
            # "Levico" after "Levico Terme", "Kopinga" after "Kopinga Marae": a name ended by
            # a word English does not have is written without it. Not "Hakim" of "Hakim
            # Mosque", a mosque named after the quarter it stands in.
            return True
        if (
            size == 1
            and short.type == "PLACE"
            and len(full.words) == 2
            and full.words[0] == short.words[0]
            and full.words[1] in _STREET_WORDS
            and short.words[0] not in COMPASS  # "the West" is not "West Avenue"
            and short.name not in gazetteer().places
        ):
            return True  # "east of Main" and "Main Street", in either order; not "Oxford"

        return full.words[:size] == short.words and all(w in _AREA_TAILS for w in full.words[size:])
    return False

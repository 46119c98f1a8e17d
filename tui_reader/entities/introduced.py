"""Names a text introduces for an entity in brackets right after its name, shared by every
backend: "the American College of Pediatricians (ACPeds)", "Isfahan (Persian: ..., also
known as Esfahan)", "Chehel Sotoun (The Palace of Forty Columns)", "The Chatham Islands
(Rekohu in the indigenous Moriori language)", "Jane Smith (née Brown)".

The bracketed name is that entity wherever the article writes it: each mention of it is
read as the full name (keeping the written form), and an introduced acronym the extractor
did not read as a name ("ACPeds") is found by its letters. What a bracket after a name
often says instead is kept apart: where the thing is ("Springfield (Illinois)", "Hotel
Abbasi (Chahar Bagh Avenue)"), a year or a citation ("(Smith, 2007)"), a party or club
("Jo Cox (Labour)"), a parent or league ("Waitrose (John Lewis Partnership)"): a person
takes a bracketed name only after a cue word ("born", "née", "known as"), and a place or
organisation takes one without a cue only when it is no known place, names nothing of
another kind and, for an organisation, is written nowhere else in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from .gazetteer import gazetteer
from .key import entity_key
from .merge import Mention
from .wordnet import any_lower_case

_OPEN = re.compile(r"[ \u00a0]*\(")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# Words that say the bracket names the same thing: "also known as", "formerly", "née".
_CUE = re.compile(
    r"(?:(?:also|formerly|originally|previously|sometimes|commonly|locally|officially|"
    r"popularly|better|or|aka|a\.k\.a\.|short for|born|née|nee|in full)[ \u00a0]+)+"
    r"(?:(?:known|called|named|spelt|spelled|written)(?:[ \u00a0]+as)?[ \u00a0]+)?"
    r"|(?:known|called|named|spelt|spelled|written)(?:[ \u00a0]+as)?[ \u00a0]+"
    r"|(?:aka|a\.k\.a\.|née|nee)[ \u00a0]+",
    re.IGNORECASE,
)
# A language or code label: "French: Île Papillon", "IATA: PHX", "Danish: Sydfynske Øhav".
_LABEL = re.compile(r"[^\W\d_][\w-]*(?:[ \u00a0][^\W\d_][\w-]*)?:[ \u00a0]*")
# What may follow the name inside its part: "Rekohu in the Moriori language", "Shah
# Mosque before the revolution".
# Labels of what is not another name ("See: ...", "Tel: ...").
_NOT_LABELS = frozenset(
    {"see", "note", "tel", "phone", "fax", "email", "e-mail", "web", "website", "url", "open"}
    | {"hours", "price", "prices", "address", "map", "source", "photo", "image", "credit"}
    | {"via", "ref", "cf", "pronounced", "pronunciation", "listen", "population", "pop"}
)
_AFTER = frozenset({"in", "before", "until", "after", "since"})
_JOINERS = frozenset(
    {"of", "the", "de", "del", "della", "dei", "degli", "delle", "la", "le", "les", "du", "des"}
    | {"di", "da", "do", "dos", "das", "van"}
    | {"von", "der", "den", "and", "&", "e", "y", "al", "el", "on", "upon"}
)
# Where a thing is, not another name for it ("Hotel Abbasi (Chahar Bagh Avenue)").
_ADDRESS_WORDS = frozenset(
    {"street", "st", "st.", "road", "rd", "avenue", "ave", "lane", "boulevard", "square"}
    | {"district", "quarter", "county", "province", "state", "region", "drive", "highway"}
)
_TRIM = ".,;:!?'\"“”‘’«»"
# "the ... center in the U.S. (Playhouse Square Center)", "Library of the Netherlands
# (Koninklijke Bibliotheek)": after a preposition, the name may end a longer phrase the
# bracket speaks of.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|in|at|from|on|near|to|for|by|with|into)[ \u00a0]+(?:the[ \u00a0]+)?$"
)


def _is_acronym(word: str) -> bool:
    """ "NHS", "ACPeds", "M5S", "U.S.": two or more capitals leading a short word."""
    letters = word.replace(".", "")
    return (
        2 <= len(letters) <= 8
        and letters.isalnum()
        and not letters.isdigit()
        and letters[0].isupper()
        and letters[:2].isupper()
        and sum(c.isupper() for c in letters) >= 2
    )


def _spelt_by(acronym: str, name: str) -> bool:
    """Whether an acronym's letters come from the name: in order, from its first letter on
    ("ACPeds" of "American College of Pediatricians", "PHX" of "Phoenix Sky Harbor"), or
    as its initials in another order, as a translation gives them ("CEI", Conferenza
    Episcopale Italiana, for "Italian Episcopal Conference"). "SAN FRANCISCO (AP)": a
    credit."""
    letters = [c for c in acronym.casefold() if c.isalnum()]
    written = [c for c in name.casefold() if c.isalnum()]
    if not letters or not written or letters[0] != written[0]:
        initials = sorted(w[0] for w in name.casefold().split() if w not in _JOINERS)
        return len(letters) > 1 and sorted(letters) == initials
    at = 0
    for c in written:
        if at < len(letters) and c == letters[at]:
            at += 1
    return at == len(letters)


def _name_in(part: str) -> str | None:
    """The name a bracket's part gives, or None ("in the local creole", "1647")."""
    words = part.replace("“", " ").replace("”", " ").replace('"', " ").split()
    if words and words[0].casefold() == "the" and len(words) > 1:
        words = words[1:]  # "(The Palace of Forty Columns)"
    while len(words) > 1 and not any(c.isupper() or c.islower() for c in words[0]):
        words = words[1:]  # "(Arabic: زها حديد Zahā Ḥadīd)": the script first, then letters
    taken: list[str] = []
    for k, word in enumerate(words):
        clean = word.strip(_TRIM)
        if not clean:
            break
        if clean[0].isupper() and not _YEAR.fullmatch(clean):
            taken.append(clean)
            if clean != word.rstrip("."):
                break  # "Esfahan," ends it
            continue
        if taken and clean in _JOINERS and k + 1 < len(words) and words[k + 1][:1].isupper():
            taken.append(clean)
            continue
        if taken and clean.casefold() in _AFTER:
            break
        return None  # a clause, not a name
    return " ".join(taken) if taken else None


def _bracket(text: str, end: int) -> tuple[int, int, str] | None:
    """(start, end, content) of a bracket opened right after `end`, on one line."""
    found = _OPEN.match(text, end)
    if found is None:
        return None
    close = text.find(")", found.end(), found.end() + 160)
    if close < 0:
        return None
    content = text[found.end() : close]
    if "(" in content or "\n" in content:
        return None
    return found.end(), close, content


def _introductions(content: str) -> list[tuple[str, bool]]:
    """The names a bracket gives, each with whether a cue word or label introduced it."""
    found: list[tuple[str, bool]] = []
    cited = _YEAR.search(content) is not None
    for raw in re.split(r"[,;]", content):
        part = raw.strip()
        cued = False
        label = _LABEL.match(part)
        if label is not None:
            if part[: label.end()].split()[0].rstrip(":").casefold() in _NOT_LABELS:
                continue  # "(See: Federal Hall)"
            part, cued = part[label.end() :], True
        cue = _CUE.match(part)
        if cue is not None:
            part, cued = part[cue.end() :], True
        name = _name_in(part)
        if name is None:
            continue
        if cited and not cued and not _is_acronym(name):
            return []  # "(Smith, 2007)": a citation
        found.append((name, cued))
    return found


# The words right before a bracket: one to four capitalised words, a small part after a
# hyphen allowed ("Chehel Sotoun", "Naqsh-e Jahan", "Masjed-e Jāmé").
_WORD = r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*"
_RUN_BEFORE = re.compile(rf"(?<![\w'’-])({_WORD}(?:[ \u00a0]{_WORD}){{0,3}})[ \u00a0]*$")
_LEAD = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)]?[ \t]+|[-*•][ \t]+)?$")


def _names_translated(text: str, ordered: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """(the name, its translation) for a name in another language the extractor did not
    read, opening its line, with its English name in brackets, which it did read: "9 Chehel
    Sotoun (The Palace of Forty Columns)", "8 Hasht Behesht (The Palace of Eight
    Paradises)". The name takes the translation's type; none of its words is an English
    word or a known place, so "Palace (The Royal Palace)" is no name of its own."""
    found: list[tuple[Mention, Mention]] = []
    spans = [(m.offset, m.offset + len(m.surface or m.name)) for m in ordered]
    common = any_lower_case()
    places = gazetteer().places
    for m in ordered:
        if m.type == "PERSON" or m.tentative or not m.listed or " " not in m.name:
            continue
        if m.name in places:
            continue  # "CNNMoney (New York)": where it is, not what it is called
        opened = text.rfind("(", max(0, m.offset - 5), m.offset)
        if opened < 0 or text[opened + 1 : m.offset].strip() not in ("", "The", "the"):
            continue
        end = _written(text, m)
        if end is None or not text[end : end + 2].lstrip().startswith(")"):
            continue  # the translation is all the bracket says
        run = _RUN_BEFORE.search(text, max(0, opened - 80), opened)
        if run is None or any(a < run.end(1) and run.start(1) < b for a, b in spans):
            continue  # part of a name already read
        if _LEAD.search(text, max(0, run.start(1) - 8), run.start(1)) is None:
            continue  # a name opening its line (or a numbered or bulleted item)
        name = run.group(1)
        words = [w.casefold() for w in re.split(r"[ \u00a0'’-]+", name) if w]
        if any(w in common for w in words) or name in places:
            continue
        found.append((Mention(name, m.type, run.start(1)), m))
    return found


_ACRONYM_BRACKET = re.compile(r"\(([A-Z][A-Za-z0-9&]{1,7})\)")
_SPELT_RUN = re.compile(r"(?<![\w'’-])((?:(?:[^\W\d_a-z][^\W\d_]*|\d+)[ \u00a0]){1,5})$")


def _names_spelt_out(text: str, ordered: Sequence[Mention]) -> list[tuple[Mention, str]]:
    """(the name, its acronym) for a name in another language the extractor did not read,
    spelt out by the acronym in brackets after it, a number's digits included: "the
    deputies of Movimento 5 Stelle (M5S)". An organisation; not when a word is English
    ("System Under Test (SUT)", "Natural Language Processing (NLP)": terms, not names)."""
    if "(" not in text:
        return []
    found: list[tuple[Mention, str]] = []
    spans = [(m.offset, m.offset + len(m.surface or m.name)) for m in ordered]
    common = any_lower_case()
    for bracket in _ACRONYM_BRACKET.finditer(text):
        acronym = bracket.group(1)
        if not _is_acronym(acronym):
            continue
        run = _SPELT_RUN.search(text, max(0, bracket.start() - 80), bracket.start())
        if run is None:
            continue
        words = run.group(1).split()
        if len(words) < 2 or "".join(w[0] for w in words).casefold() != acronym.casefold():
            continue
        start, end = run.start(1), run.start(1) + len(" ".join(words))
        if any(a < end and start < b for a, b in spans):
            continue  # a name already read: the loop below takes its acronym
        if any(w.casefold() in common for w in words if not w.isdigit()):
            continue
        found.append((Mention(" ".join(words), "ORG", start), acronym))
    return found


def _foreign(name: str) -> bool:
    """No word of the name is an English word (one or many) nor a known place:
    "Koninklijke Bibliotheek"; not "Mingo Valley Expressway" nor "Kailh Sockets"."""
    common, places = any_lower_case(), gazetteer().places
    for word in re.split(r"[ \u00a0'’-]+", name):
        low = word.casefold()
        singular = (low[:-3] + "y") if low.endswith("ies") else low.removesuffix("s")
        if word and (low in common or singular in common or word in places):
            return False  # "Sockets": English in the plural too
    return True


def _same_person(key: str, full_key: str) -> bool:
    """The same first word and a last word among the full name's later words ("zaha hadid"
    of "zaha mohammad hadid dbe ra")."""
    words, full = key.split(), full_key.split()
    return words[0] == full[0] and words[-1] in full[1:]


def _written(text: str, m: Mention) -> int | None:
    """Where the mention's written form ends in the text, when it is written there."""
    form = m.surface or m.name
    if text.startswith(form, m.offset):
        return m.offset + len(form)
    return None


def introduced_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with every bracketed name read as the name it follows (see module)."""
    if "(" not in text:
        return list(mentions)
    ordered = sorted(mentions, key=lambda m: m.offset)
    places = gazetteer().places
    keyed: dict[str, list[Mention]] = {}
    for m in ordered:
        keyed.setdefault(entity_key(m.name), []).append(m)
    aliases: dict[str, tuple[str, Mention]] = {}  # key of the short name -> (written, full)
    spelt: list[Mention] = []  # a person's name spelt in other letters
    for unread, translated in _names_translated(text, ordered):
        spelt.append(unread)
        aliases.setdefault(entity_key(translated.name), (translated.name, unread))
    for unread, acronym in _names_spelt_out(text, ordered):
        spelt.append(unread)
        aliases.setdefault(entity_key(acronym), (acronym, unread))
    for m in ordered:
        if m.tentative or not m.listed:
            continue
        end = _written(text, m)
        bracket = _bracket(text, end) if end is not None else None
        if bracket is None:
            continue
        start, close, content = bracket
        full_key = entity_key(m.name)
        before = _PREPOSITION_BEFORE.search(text, max(0, m.offset - 12), m.offset)
        inside = before is not None and not _is_acronym(m.name)
        for name, cued in _introductions(content):
            key = entity_key(name)
            if not key or key == full_key or key in aliases:
                continue
            if inside and not cued and not (_is_acronym(name) and name[0] == m.name[0]):
                continue
            if m.type == "PERSON" and cued and " " in name and _same_person(key, full_key):
                # "Zaha Mohammad Hadid (Arabic: ... Zahā Ḥadīd)": the name in other letters,
                # with or without the middle name: a mention of its own, which the merge
                # joins as it joins "Brock Holt" and "Brock Wyatt Holt".
                at = text.find(name, start, close)
                if at >= 0:
                    spelt.append(Mention(name, "PERSON", at))
                continue
            read = keyed.get(key, [])
            if not _fits(text, m, name, key, cued, read, places, (start, close)):
                continue
            if _is_acronym(m.name) and " " in name and not _is_acronym(name):
                # "CEI (Italian Episcopal Conference)": the name in full is the one shown.
                full = read[0] if read else Mention(name, m.type, start)
                aliases.setdefault(full_key, (m.surface or m.name, full))
            else:
                aliases[key] = (name, m)
    if spelt:
        ordered = sorted([*ordered, *spelt], key=lambda m: m.offset)
    if not aliases:
        return list(ordered)
    out: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for m in ordered:
        found = aliases.get(entity_key(m.name))
        if found is not None and found[1] is not m:
            full = found[1]
            m = Mention(full.name, full.type, m.offset, False, m.surface or m.name)
        out.append(m)
        end = _written(text, m)
        spans.append((m.offset, end if end is not None else m.offset + len(m.name)))
    # An introduced name the extractor did not read ("ACPeds"): found where it is written.
    starts = [a for a, _ in spans]
    for name, full in aliases.values():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            at = bisect_left(starts, hit.start() + 1) - 1
            if at >= 0 and spans[at][1] > hit.start():
                continue  # part of a mention already read
            out.append(Mention(full.name, full.type, hit.start(), False, name))
    out.sort(key=lambda m: m.offset)
    return out


def _fits(
    text: str,
    full: Mention,
    name: str,
    key: str,
    cued: bool,
    read: list[Mention],
    places: Mapping[str, str],
    bracket: tuple[int, int],
) -> bool:
    """Whether the bracketed `name` is another name of `full` (see the module's rules)."""
    if name in places:
        return False  # "Springfield (Illinois)", "London (UK)": where it is
    # A lone word's guessed type ("Rekohu" read as an organisation) is no other reading.
    other = [
        m
        for m in read
        if not m.tentative
        and m.type != full.type
        and (" " in m.name or "PERSON" in (m.type, full.type))
    ]
    if " " in name and " " in full.name and not _is_acronym(name) and not _foreign(name):
        # Two names in full ("Imam Mosque (called Shah Mosque ...)", "US 169 (Mingo Valley
        # Expressway)"): which one a reader knows it by is not written, and the merge never
        # joins two full names either. A name in another language is the one's own name
        # ("National Library of the Netherlands (Koninklijke Bibliotheek)"), the English
        # one before it the one shown.
        return False
    if full.type == "PERSON":
        return cued and not other
    if _is_acronym(name) and not _spelt_by(name, full.name):
        return False
    if cued:
        return not other or _is_acronym(name)
    if _is_acronym(name):
        return not other
    if other:
        return False
    if full.name.casefold() in name.casefold():
        return False  # "Hawaii (HawaiiNewsNow)": a name made from it, as an outlet's
    a, b = bracket
    if " " in name and text[a:b].lstrip()[:1] in "\"“'‘":
        return False  # "Glasgow (“No Place Like Home”)": a work's title
    words = key.split()
    if any(len(w) == 1 for w in name.split()[1:]):
        return False  # "Great Lakes (Gates C & D)": labels of its parts

    if words[-1] in _ADDRESS_WORDS and words[-1] != entity_key(full.name).split()[-1]:
        return False  # "Hotel Abbasi (Chahar Bagh Avenue)"
    if any(m.offset < full.offset for m in read):
        return False  # a place named before, given in brackets as where this one is
    if full.type == "ORG":
        outside = [h.start() for h in re.finditer(re.escape(name), text) if not a <= h.start() < b]
        return not outside  # a parent, a league, a party named in its own right elsewhere
    return True

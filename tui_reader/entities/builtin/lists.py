"""Passes over the mentions a document's spans gave: names typed by the names listed beside
them, short forms and acronyms of longer names, list entries, headline words."""

from __future__ import annotations

import re
from bisect import bisect_right

from ...models import EntityType
from .. import lexicon as lx
from ..merge import Mention
from ..wordnet import common_words
from .patterns import _NAME_ENDS
from .reader import _Reader
from .tokens import _is_acronym, _is_title, _Token

_LIST_GAP_BEFORE = re.compile(
    r"(?:,[ \u00a0]*(?:(?:and|&)[ \u00a0]+)?|[ \u00a0]+(?:and|&)[ \u00a0]+)$"
)
_LIST_GAP_AFTER = re.compile(r",?[ \u00a0]+(?:(?:and|&)[ \u00a0]+)?|,")


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
            if size == 1 and window[0].lower in common_words():
                continue  # "ORAL ARGUMENT OF ...": a word, not the town of Oral
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
    common = common_words()
    for _ in range(4):
        found = False
        for toks in list(reader.undecided):
            if all(t.lower in common or t.lower.removesuffix("s") in common for t in toks):
                continue  # "Star Wars, Harry Potter": a title of common words, no person
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


def _places_in_undecided(reader: _Reader) -> None:
    """ "The Malaysia Tourism board": two capitalised words with no reading as a name, the
    first a known place and the second a common word, hold that place."""
    if not reader.undecided:
        return
    taken = {m.offset for m in reader.out}  # read as a short form of a longer name
    for toks in reader.undecided:
        first, second = toks[0], toks[-1]
        if len(toks) != 2 or first.possessive or second.lower not in common_words():
            continue
        if first.start in taken:
            continue
        canonical = reader.place([first])
        if canonical is not None:
            reader.add_place([first], canonical)


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
    a short form of a longer name. A few rounds, so the type runs along the list
    ("Tulsa, Sapulpa, Jenks and Skiatook": each typed word types its neighbour)."""
    if not reader.pending:
        return
    text = reader.text
    # Not from a word WordNet typed: "Microsoft, Amazon and Google" are not rivers.
    sure = [m for m in reader.out if not m.tentative and m.offset not in reader.weak]
    by_start = {m.offset: m for m in sure}
    by_end = {m.offset + len(m.surface or m.name): m for m in sure}
    left = list(reader.pending)
    for _ in range(4):
        typed: list[Mention] = []
        rest: list[_Token] = []
        for tok in left:
            before = _LIST_GAP_BEFORE.search(text, max(0, tok.start - 8), tok.start)
            after = _LIST_GAP_AFTER.match(text, tok.end)
            near = (by_end.get(before.start()) if before else None) or (
                by_start.get(after.end()) if after else None
            )
            opener = tok.sentence_start and tok.lower in common_words()
            if near is not None and near.type != "PLACE":
                # "Finally, Pachomius called": a sentence's opening word, not a list's.
                reader.guess([tok], near.type, opener)
            elif near is not None and not tok.possessive and not opener:
                reader.add_place([tok], tok.text)
            else:
                rest.append(tok)
                continue
            typed.append(reader.out[-1])
        for m in typed:
            by_start[m.offset] = by_end[m.offset + len(m.surface or m.name)] = m
        left = rest
        if not typed or not left:
            break
    for tok in left:
        # Kept only as a short form of a longer name ("Akar" for "Hulusi Akar").
        reader.guess([tok], "ORG", True)


def _referring_nouns(reader: _Reader) -> None:
    """ "the ministry", "the Ministry": the nearest organisation named before it whose name
    ends in that word ("... the Turkish Defense Ministry ... the ministry said"). The lower
    case form is counted, not shown; one with no such name before it is dropped."""
    out = sorted(reader.out, key=lambda m: m.offset)
    if all(len(m.name.split()) < 2 for m in out):
        # Only names of several words give a referring noun or a head word its name: with
        # none, the pass leaves the mentions as it found them, in order.
        reader.out[:] = out
        return
    ends: dict[str, Mention] = {}  # last word -> latest organisation ending in it
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
_AGENCY_AFTER = re.compile(r"[ \u00a0]*[—–-]")  # "PLACE (AGENCY) —" opens a news report


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
    # A list has two entries or more (three for "," and "."): the tables below only then.
    found = {s: e for s, e in found.items() if len(e) >= (2 if s in "–—-:" else 3)}
    if not found:
        return
    starts = [t.start for t in reader.tokens]
    by_offset: dict[int, list[int]] = {}
    for idx, m in enumerate(reader.out):
        by_offset.setdefault(m.offset, []).append(idx)
    drop: set[int] = set()
    for entries in found.values():
        names = [name for _, _, name in entries]
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
            if m.type == "PLACE" and _AGENCY_AFTER.match(reader.text, found.end()):
                continue  # "LOS ANGELES (AP) -": a dateline's news agency, no short form
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
    if "known " not in reader.text and "called " not in reader.text:
        return  # the pattern's words, looked for once rather than after every mention
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
    if not orgs:
        return  # no organisation of several words: nothing below can open one
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


# "a VM (virtual microscope)": an acronym explained by lower-case words after it.
_TERM_EXPLAINED = re.compile(
    r"\b([A-Z]{2,6})s?[ \u00a0]*\(([a-z][\w-]*(?:[ \u00a0][a-z][\w-]*){1,5})\)"
)
# "225 DKK per hour", "two RBI against", "a SUT,": counted, or one of many, and the end of
# its phrase: a unit or a thing. A year is no count ("the 2014 FIFA World Cup"). The
# acronym is found first and the count looked for before it: a text has few acronyms.
_COUNTED_ACRONYM = re.compile(r"[ \u00a0]+([A-Z]{2,6})s?\b(?![ \u00a0]*[-–—&]|[ \u00a0]+[A-Z])")
# A cheap first look for the pattern above (a class first: the search skips to it).
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.,])(?!(?:1[5-9]|20)\d\d\b)\d[\d,.]*|\b(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|twenty|fifty|hundred|thousand|several|many|few)|\b[Aa]n?)$"
)


def _acronyms_of_things(text: str, terms: set[str]) -> None:
    """Acronyms the text itself shows are units or things, not organisations: explained
    by lower-case words after them, or counted at the end of a phrase ("to a SUT, we");
    "a NATO member", "an FBI agent", "28 EU members" name bodies."""
    explained = _TERM_EXPLAINED.finditer(text) if "(" in text else ()
    for found in explained:
        acronym, words = found.group(1), found.group(2).split()
        if words[0][0] == acronym[0].lower() and len(words) <= len(acronym) + 1:
            terms.add(acronym)
    counted = _COUNTED_ACRONYM.finditer(text) if _TWO_CAPITALS.search(text) else ()
    for found in counted:
        start = found.start()
        if _COUNT_BEFORE.search(text, max(0, start - 24), start) and _PHRASE_END.match(
            text, found.end()
        ):
            terms.add(found.group(1))


# After a counted acronym: the end of its phrase, not a noun it qualifies ("28 EU members").
_PHRASE_END = re.compile(
    r"[ \u00a0]*(?:[,.;:!?)/]|$|(?:per|each|against|is|was|which|that|of|to|in|on|at|for|"
    r"and|or|with|from)\b)"
)


_SPEAKER_LABEL = re.compile(r"(?m)^([A-Z]{2,4}):")


def _speaker_labels(reader: _Reader) -> None:
    """ "HL: We are mapping ...": an interview's speaker label, the initials of a person the
    text names in full ("Hanna Lindqvist"), at the start of two lines or more, is that
    person; a label no person's initials give is no organisation either."""
    if ":" not in reader.text or "\n" not in reader.text:
        return  # two labels at two line starts: one after a line break, each with a ":"
    labels: dict[str, int] = {}
    for found in _SPEAKER_LABEL.finditer(reader.text):
        labels[found.group(1)] = labels.get(found.group(1), 0) + 1
    labels = {label: n for label, n in labels.items() if n >= 2}
    if not labels:
        return
    people: dict[str, Mention] = {}
    for m in reader.out:
        words = m.name.split()
        if m.type == "PERSON" and not m.tentative and 1 < len(words) <= 4:
            initials = "".join(w[0] for w in words if w[0].isupper())
            people.setdefault(initials, m)
    kept: list[Mention] = []
    for m in reader.out:
        label = m.surface or m.name
        at_label = (
            label in labels
            and (m.offset == 0 or reader.text[m.offset - 1] == "\n")
            and reader.text.startswith(":", m.offset + len(label))
        )
        if not at_label:
            kept.append(m)
        elif (person := people.get(label)) is not None:
            kept.append(Mention(person.name, "PERSON", m.offset, False, label))
    reader.out[:] = kept

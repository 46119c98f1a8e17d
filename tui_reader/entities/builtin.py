"""The built-in extractor: capitalised spans read in their context, no model download.

A span is a run of capitalised words (with name particles, "of"/"for"/"and" after an
organisation head, "&", initials and abbreviations) inside one sentence piece. Each span is
then read: titles mark a PERSON and are cut off, organisation cues mark an ORG, the
gazetteer marks a PLACE, demonyms and sentence-initial common words are dropped, and what is
left defaults to a PERSON (two to five name-like words) or an ORG (one word or an acronym).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import EntityType
from . import lexicon as lx
from .gazetteer import Gazetteer, gazetteer
from .merge import Mention

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., U.K.
    r"|[^\W_][\w]*(?:[-‐'’][^\W_][\w]*)*"  # words, hyphenated and with apostrophes
    r"|&"
)
_SENTENCE_END = re.compile(r"[.!?…]")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER_NEXT = re.compile(r"[ \u00a0]?\d")
_GLUED = re.compile(r"[-'’]")
_DIGIT = re.compile(r"\d")
_OPENERS = re.compile(r"[:\"“‘(]")
_KEEP_STOP = frozenset({"inc", "corp", "co", "ltd", "jr", "sr"})


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
        if out:
            prev = out[-1]
            body = gap[1:] if prev.abbrev and gap.startswith(".") else gap
            prev.joinable = (body != "" and body.strip(" \u00a0") == "") or body.strip() == "&"
            # A quotation opens a sentence of its own: `said "In the end...`.
            sentence_start = (
                "\n" in gap or bool(_SENTENCE_END.search(body)) or bool(_OPENERS.search(gap))
            )
        possessive = word.endswith(_POSSESSIVE)
        if possessive:
            word = word[:-2]
            end -= 2
        lower = word.lower()
        abbrev = word.endswith(".")  # initialisms keep their dots
        if not possessive and text.startswith(".", end):
            abbrev = abbrev or lower in lx.ABBREVIATIONS or (len(word) == 1 and word.isupper())
        first = word[0]
        cap = first.isupper() or (first.isalpha() and _GLUED.search(word) is not None)
        if cap and (not _is_cap(word) or _DIGIT.search(word)):
            cap = False
        tok = _Token(word, start, end, lower, cap, possessive, abbrev, sentence_start)
        tok.index = len(out)
        out.append(tok)
        prev_end = match.end()
    return out


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written all in capitals or Title Case Like A Headline."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = _HEADLINE_WORD.findall(line)
        if 2 <= len(words) <= 20 and not line.rstrip().endswith((".", ",", ";")):
            upper = sum(1 for w in words if w.isupper() and len(w) > 1)
            titled = sum(1 for w in words if w[0].isupper())
            small = [w for w in words if w.lower() in lx.STOPWORDS]
            small_titled = all(w[0].isupper() for w in small)
            if upper >= 0.8 * len(words) or (small and small_titled and titled >= 0.9 * len(words)):
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@dataclass(slots=True)
class _Span:
    tokens: list[_Token]
    before: _Token | None  # the token right before, when only spaces separate them
    after: _Token | None


def _is_head(tok: _Token) -> bool:
    return tok.lower in lx.ORG_OF_HEADS or tok.lower in lx.TITLES


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
        while j + 1 < n and tokens[j].joinable and not tokens[j].possessive:
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
                    and (tokens[k].lower in lx.PARTICLES or tokens[k].lower in ("of", "for", "and"))
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
    return low in lx.TITLES or ("-" in low and low.split("-")[0] in lx.TITLES)


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

    # -- output ----------------------------------------------------------------------------
    def surface(self, tokens: list[_Token]) -> str:
        text = self.text[tokens[0].start : tokens[-1].end]
        last = tokens[-1]
        if last.abbrev and not text.endswith(".") and last.lower in _KEEP_STOP:
            text += "."  # "Toyota Motor Corp." keeps the stop that belongs to it
        return text

    def add(self, tokens: list[_Token], type_: EntityType, *, tentative: bool = False) -> None:
        self.out.append(Mention(self.surface(tokens), type_, tokens[0].start, tentative))

    def add_place(self, tokens: list[_Token], canonical: str) -> None:
        surface = self.surface(tokens)
        region = surface in self.gaz.regions or canonical in self.gaz.regions
        shown = "" if canonical == surface else surface
        self.out.append(Mention(canonical, "PLACE", tokens[0].start, False, shown, region))

    def place(self, tokens: list[_Token]) -> str | None:
        surface = self.surface(tokens)
        return self.gaz.places.get(surface) or self.gaz.places.get(surface.rstrip("."))

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
        keep_and = (
            last.lower in lx.ORG_CUES
            or (any(t.lower in ("of", "for") for t in span.tokens) and not last.possessive)
            or self.place(span.tokens) is not None
        )
        # A weekday or a month (other than inside a name: "Theresa May") splits the span.
        pieces: list[list[_Token]] = [[]]
        for tok in span.tokens:
            if tok.lower == "and" and not keep_and:
                pieces.append([])
                continue
            bare = tok.lower.rstrip(".")
            # "Theresa May", "Lady June": a full month name right after a name word.
            inside_name = bool(pieces[-1]) and not tok.abbrev and (len(bare) > 3 or bare == "may")
            if bare in lx.WEEKDAYS or (bare in lx.MONTHS and not inside_name):
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
                and (toks[0].sentence_start or toks[0].lower in ("the", "a", "an"))
            )
            or toks[0].lower in lx.NOT_NAMES
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

        # Organisations by their cue word: "Russian Defense Ministry", "Bank of England".
        if len(toks) > 1 and (last in lx.ORG_CUES or any(w in ("of", "for") for w in lowers)):
            if lowers[0] in lx.COMPASS and last in lx.PLACE_CUES:
                self.add(toks, "PLACE")
            elif _is_title(lowers[0]) and "of" in lowers and last not in lx.ORG_CUES:
                self.read_title_of(toks)
            else:
                self.add(toks, "ORG")
            return

        # Titles: "Turkish President Recep Tayyip Erdogan" -> PERSON "Recep Tayyip Erdogan".
        titles = [
            idx
            for idx, low in enumerate(lowers)
            if _is_title(low) or (idx == 0 and toks[0].sentence_start and low in lx.ROLE_WORDS)
        ]
        if titles:
            at = titles[-1]
            self.read_prefix(toks[: titles[0]])
            name = self.strip_demonyms(toks[at + 1 :])
            if name:
                self.add(name, "PERSON")
            return

        # Demonyms: "Syrian Kurdish YPG" -> "YPG"; "Saudi Aramco" stays whole.
        stripped = self.strip_demonyms(toks)
        if not stripped:
            return  # "South African", "Russians": nationalities are not listed
        if len(stripped) < len(toks):
            if len(stripped) == 1 and not _is_acronym(stripped[0].text):
                self.add(toks, "ORG")
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
            self.read_multi(toks, lowers)

    def read_prefix(self, prefix: list[_Token]) -> None:
        """What stands before a title: "NATO" or "Moscow" count; "Defense" does not."""
        if len(prefix) > 1 and prefix[-1].lower in lx.ORG_CUES:
            while prefix and prefix[0].lower in lx.STOPWORDS:
                prefix = prefix[1:]
            self.add(prefix, "ORG")  # "European Commission President ..."
            return
        prefix = self.strip_demonyms(prefix)
        while prefix and prefix[0].lower in lx.STOPWORDS:
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
            if low.replace(".", "") not in lx.NOT_ACRONYMS:
                self.add([tok], "ORG")
            return
        if low in lx.STOPWORDS or low in lx.NOT_NAMES or _is_title(low):
            return
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
            # Kept only when it joins a longer name or stands alone elsewhere too.
            tentative = self.standalone.get(low, 0) == 0
        following = after.lower if after is not None and not after.cap else ""
        if following in lx.EVENT_CUES:
            return  # "its Artemis mission"
        prev2 = self.word_before(tok, 2)
        if following in lx.PLACE_NOUNS or (
            before is not None
            and before.lower == "of"
            and prev2 is not None
            and (prev2.lower in lx.PLACE_NOUNS or prev2.lower in lx.PLACE_CUES)
        ):
            self.add([tok], "PLACE", tentative=tentative)
        elif before is not None and before.lower in lx.ROLE_WORDS and not before.cap:
            self.add([tok], "PERSON", tentative=tentative)
        elif low in lx.ORG_CUES:
            if low in lx.INSTITUTIONS:  # "the Company", "the Ministry": a reference, not a name
                self.add([tok], "ORG", tentative=tentative)
        elif (
            before is not None
            and before.lower in lx.PLACE_PREPOSITIONS
            and not tok.possessive
            and not tok.sentence_start
        ):
            if prev2 is not None and prev2.cap and prev2.lower in lx.EVENT_CUES:
                return  # "Nobel Prize in Literature"
            self.add([tok], "PLACE", tentative=tentative)
        else:
            self.add([tok], "ORG", tentative=tentative)

    def next_is_comma(self, tok: _Token) -> bool:
        return self.text.startswith(",", tok.end) and not tok.possessive

    def read_multi(self, toks: list[_Token], lowers: list[str]) -> None:
        last = lowers[-1]
        if last in lx.EVENT_CUES or (lowers[0] in lx.EVENT_CUES and len(toks) == 2):
            return
        if lowers[0] in lx.COMPASS and (
            last in lx.PLACE_CUES or last in lx.COMPASS or self.place(toks[1:]) is not None
        ):
            self.add(toks, "PLACE")
            return
        if last in lx.PLACE_CUES:
            # "Manchester City" is not the city of Manchester: a club named after it.
            club = last == "city" and self.place(toks[:-1]) is not None
            self.add(toks, "ORG" if club else "PLACE")
            return
        if any(_is_acronym(t.text) and len(t.text) > 1 for t in toks):
            if all(_is_acronym(t.text) for t in toks):
                for t in toks:
                    self.read_single(t, None, None)
            else:
                self.add(toks, "ORG")  # "SK Hynix", "AMC Theatres", "BBC News"
            return
        if any(not self.name_like(t) for t in toks) or len(toks) > 5:
            return
        # A place at the front ("Boston Celtics", "Los Angeles Dodgers") or at the end
        # ("Real Madrid") of a name that is not a person's is a club or a company.
        head = next((size for size in (3, 2, 1) if size < len(toks) and self.place(toks[:size])), 0)
        # A place at the end is more often a surname ("Anthony Lynn") than a club.
        surname_seen = self.standalone.get(last, 0) > 0
        if head and (_plural(last) or not surname_seen and len(toks) - head > 1):
            self.add(toks, "ORG")
            return
        self.add(toks, "PERSON")

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
    for m in reader.out:
        if not m.tentative:
            known.setdefault(m.name.casefold(), (m.name, m.type))
            if m.type == "PERSON" and " " in m.name:
                last = m.name.split()[-1]
                known.setdefault(last.casefold(), (last, "PERSON"))
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
            canonical = reader.gaz.places.get(titled) or reader.gaz.places.get(window[0].text)
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


def builtin_mentions(text: str) -> list[Mention]:
    """Every mention in reading order, before alias merging."""
    tokens = _tokens(text)
    headlines = _headline_lines(text)

    def in_headline(tok: _Token) -> bool:
        return any(a <= tok.start < b for a, b in headlines)

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
        reader.read(span)
    if headlines:
        _headline_mentions([t for t in tokens if in_headline(t)], reader)
    reader.out.sort(key=lambda m: m.offset)
    return reader.out

"""Tokens, sentence starts and headline lines: the text as the built-in extractor reads it,
and the shape of a word (an acronym, a title, a plural)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon as lx
from ..memo import remember
from ..organisations import known_organisations
from .patterns import _LIST_NAME

# Initialisms: U.S., U.K., and without the last stop ("the U.S government"); after the
# first letter.
_INITIALISM_REST = r"\.(?:(?:[^\W\d_]\.)+|[A-Z]\b(?!\.))"
_WORD_REST = r"[\w]*(?:[-‐'’][^\W_][\w]*)*"  # words, hyphenated and with apostrophes
_TOKEN = re.compile(
    rf"[^\W\d_]{_INITIALISM_REST}"
    # Capitals joined by "&" are one name: "AT&T", "P&G", "F&AM".
    r"|[A-Z][A-Z]?&[A-Z]{1,3}\b"
    rf"|[^\W_]{_WORD_REST}"
    r"|&"
)
# The same pattern split around its matches ([gap, token, gap, token, ..., gap]): one call
# that makes strings, no match object a token. On a text all in ASCII its classes read the
# same with re.ASCII, whose character tests are cheaper. In a text without "&" its two
# readings of "&" never match, and the other two open with one class the search skips to
# (the initialism's letter checked after it): ~0.8 the time of the four alternatives.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_TOKEN_SPLIT_ASCII = re.compile(f"({_TOKEN.pattern})", re.ASCII)
_WORDS = rf"([^\W_](?:(?<=[^\W\d_]){_INITIALISM_REST}|{_WORD_REST}))"
_WORDS_SPLIT = re.compile(_WORDS)
_WORDS_SPLIT_ASCII = re.compile(_WORDS, re.ASCII)
_SENTENCE_END = re.compile(r"[.!?…]")
_DATELINE_DASH = re.compile(r"\)?[ \u00a0]+[—–-]{1,2}[ \u00a0]+")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GLUED = re.compile(r"[-'’]")
_DIGIT = re.compile(r"\d")
_OPENERS = re.compile(r"[:\"“‘(]")
_PLURAL_POSSESSIVE = re.compile(r"['’][ \u00a0]")
# Three humps or more: an identifier in code ("YouTube", "JetBlue" have two).
_IDENTIFIER = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z\d]+){2,}")
_REFERENCE_END = re.compile(r"\][ \u00a0]*$")
_REFERENCE_OPEN = re.compile(r"\[$")
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


# What a word's shape and a gap's characters decide, worked out once per distinct word or
# gap of at most this many characters and kept (memo.py).
_CACHED_LENGTH = 32
# raw word -> (text, end trim, lower, possessive, group possessive, abbrev, abbrev before
# ".", cap, cap after "#" or "@", whether a "." after it matters, whether a "#" or "@"
# before it matters): the last two spare most tokens those two looks at the text.
_WordShape = tuple[str, int, str, bool, bool, bool, bool, bool, bool, bool, bool]
_word_shapes: dict[str, _WordShape] = {}
# (gap, previous token an abbreviation) -> (plural possessive possible, joinable, sentence
# start, joinable and sentence start after a plural possessive, dateline dash, ")" in gap,
# reference mark's "]")
_GapShape = tuple[bool, bool, bool, bool, bool, bool, bool, bool]
_gap_shapes: dict[tuple[str, bool], _GapShape] = {}


def _caps(word: str, lower: str) -> tuple[bool, bool]:
    """Whether `word` starts a name word, anywhere and right after "#" or "@" (both from
    one pass over the checks they share: a new word's shape is worked out often)."""
    first = word[0]
    cap = first.isupper() or (first.isalpha() and _GLUED.search(word) is not None)
    if cap and (
        not _is_cap(word)
        or _DIGIT.search(word)
        or ("&" in word and lower in lx.AMPERSAND_TERMS)
        or (word[1:2] in ("'", "’") and _CONTRACTION.fullmatch(word))
    ):
        cap = False
    if cap and _IDENTIFIER.fullmatch(word) and word not in known_organisations():
        cap = False  # "BooleanPolygonConstraint", "ChangeCoordSys": code, not a name
    # "easyJet", "eBay": a listed name written with a small letter first, the one name
    # after "#" or "@" too ("#IStandWithAhmed", "@POTUS": a hashtag or a handle, not a name).
    listed = first.islower() and not word.islower() and word in known_organisations()
    return cap or listed, listed


def _word_shape(raw: str) -> _WordShape:
    possessive = raw.endswith(_POSSESSIVE)
    word = raw[:-2] if possessive else raw
    trim = 2 if possessive else 0
    head, hyphen, tail = word.rpartition("-")
    if hyphen and len(head) > 1 and head[0].isupper() and tail in lx.HYPHENED_PARTICIPLES:
        # "Macron-led": the name is "Macron"; the participle stays in the gap after it.
        word, trim = head, len(raw) - len(head)
    lower = word.lower()
    abbrev = word.endswith(".")  # initialisms keep their dots
    abbrev_dot = abbrev or lower in lx.ABBREVIATIONS or (len(word) == 1 and word.isupper())
    cap, cap_mark = _caps(word, lower)
    shape = (
        word,
        trim,
        lower,
        possessive,
        possessive and lower in lx.IRREGULAR_PLURALS,
        abbrev,
        abbrev_dot,
        cap,
        cap_mark,
        not possessive and abbrev != abbrev_dot,
        cap != cap_mark,
    )
    return remember(_word_shapes, raw, shape, len(raw), _CACHED_LENGTH)


def _joins(body: str) -> bool:
    return (body != "" and body.strip(" \u00a0") == "") or body.strip() == "&"


def _gap_shape(gap: str, abbrev: bool) -> _GapShape:
    body = gap[1:] if abbrev and gap.startswith(".") else gap
    # A quotation opens a sentence of its own: `said "In the end...`.
    opens = "\n" in gap or bool(_OPENERS.search(gap))
    shape = (
        bool(_PLURAL_POSSESSIVE.match(body)) and not abbrev,
        _joins(body),
        opens or bool(_SENTENCE_END.search(body)),
        _joins(body[1:]),
        opens or bool(_SENTENCE_END.search(body[1:])),
        bool(_DATELINE_DASH.fullmatch(gap)),
        ")" in gap,
        "]" in gap and bool(_REFERENCE_END.match(gap)),
    )
    return remember(_gap_shapes, (gap, abbrev), shape, len(gap), _CACHED_LENGTH)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    append = out.append
    prev: _Token | None = None
    prev_end = 0  # where the gap before the next token starts
    cut = False  # the previous token ended before its match ("Macron-led"), see below
    stop = 0
    sentence_start = True
    word_shapes, gap_shapes = _word_shapes, _gap_shapes
    if "&" in text:
        pattern = _TOKEN_SPLIT_ASCII if text.isascii() else _TOKEN_SPLIT
    else:
        pattern = _WORDS_SPLIT_ASCII if text.isascii() else _WORDS_SPLIT
    parts = pattern.split(text)
    pairs = iter(parts)  # (gap, token) pairs; the text after the last token is left over
    # Every match makes a token, so its count is the token's index.
    for index, (between, raw) in enumerate(zip(pairs, pairs, strict=False)):
        start = stop + len(between)
        stop = start + len(raw)
        if prev is not None:
            gap = text[prev_end:start] if cut else between
            if gap == " ":
                prev.joinable = True  # the commonest gap, decided without the checks below
                sentence_start = False
            else:
                g = gap_shapes.get((gap, prev.abbrev)) or _gap_shape(gap, prev.abbrev)
                if g[0] and prev.lower.endswith("s"):
                    # "Tenants' Union": the apostrophe of a plural possessive, not a quote.
                    prev.possessive = prev.group_possessive = True
                    prev.joinable, sentence_start = g[3], g[4]
                else:
                    prev.joinable, sentence_start = g[1], g[2]
                # "LONDON — Shares ...", "(Reuters) - Shares ...": a dateline ends there.
                if not sentence_start and g[5] and (g[6] or prev.text.isupper()):
                    sentence_start = True
                if g[7] and prev.text.isdigit() and len(out) > 1:
                    # "... in 1805. [3] In Byron's ...": a reference mark keeps the sentence
                    # start.
                    mark_gap = text[out[-2].end : prev.start]
                    sentence_start = (
                        sentence_start
                        or bool(_REFERENCE_OPEN.search(mark_gap))
                        and (bool(_SENTENCE_END.search(mark_gap)) or "\n" in mark_gap)
                    )
        word, trim, lower, possessive, group, abbrev, abbrev_dot, cap, cap_mark, dot, mark = (
            word_shapes.get(raw) or _word_shape(raw)
        )
        end = stop - trim
        if dot and text.startswith(".", end):
            abbrev = abbrev_dot
        if mark and start and text[start - 1] in "#@":
            cap = cap_mark
        prev = _Token(
            word, start, end, lower, cap, possessive, abbrev, sentence_start, False, index, group
        )
        append(prev)
        # After "Macron-led" the gap starts at the hyphen: no name runs on past it.
        cut = bool(trim) and not possessive
        prev_end = end if cut else stop
    return out


_NAME_LIST = re.compile(
    rf"[ \t]*{_LIST_NAME}(?:(?:,[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+){_LIST_NAME})+[ \t]*"
)


_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?][ \u00a0]+[^\W\d_a-z]")
# "St. Jerome in His Study (1480), by Domenico Ghirlandaio": a caption's credit ends the
# line; its words are read as a sentence's, not looked up as a headline's.
_CREDIT_AT_END = re.compile(r",[ \u00a0]+by[ \u00a0]+[^\W\d_a-z][^,;:]*$")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written all in capitals or Title Case Like A Headline."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.rstrip().endswith((".", ",", ";")):  # most lines: no words to look at
            pos += len(line) + 1
            continue
        words = _HEADLINE_WORD.findall(line)
        # "President Sean Mills. Image: David Shankbone": a sentence ends inside, a caption.
        if (
            2 <= len(words) <= 20
            and not _SENTENCE_INSIDE.search(line)
            and not _CREDIT_AT_END.search(line)
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


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _is_title(low: str) -> bool:
    low = low.rstrip(".")
    if low in lx.TITLES:
        return True
    if "-" in low:
        # "Vice-President"; "Major-General", "Rear-Admiral": a rank, then the title.
        first, *_, last = low.split("-")
        if first in lx.TITLES or (first in lx.RANK_PREFIXES and last in lx.TITLES):
            return True
    # "Justices Clarence Thomas and Samuel Alito", "Senators ...": a title for several.
    return low.endswith("s") and len(low) > 5 and low[:-1] in lx.TITLES


def _bare(low: str) -> str:
    """ "al-assad" -> "assad": the part after a short particle prefix."""
    head, sep, tail = low.partition("-")
    return tail if sep and tail and len(head) <= 3 else low


def _plural(low: str) -> bool:
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))

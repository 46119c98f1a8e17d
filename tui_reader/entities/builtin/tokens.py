"""Tokens, sentence starts and headline lines: the text as the built-in extractor reads it,
and the shape of a word (an acronym, a title, a plural)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon as lx
from ..organisations import known_organisations
from .patterns import _LIST_NAME

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


def _plural(low: str) -> bool:
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))

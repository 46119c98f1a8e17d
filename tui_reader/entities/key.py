"""How an entity's name is keyed: the one rule the merge, the store and search all use.

Two names get one key when they differ only in case, width (NFKC), accents, spacing, a
leading "the", a trailing possessive or surrounding punctuation ("The  Zurbarán's" and
"zurbaran"), or when one is a short form news writes for a country ("UK", "U.K.",
"Britain" -> "united kingdom"), also at the start of a longer name ("U.S. Congress"), or
with and without a company's legal ending ("Microsoft Corp.", "Microsoft"). So
the same entity is one row of the index whichever form an article used, and its sidebar
jump lists every story.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .gazetteer import COUNTRY_SHORT_FORMS
from .memo import remember
from .names import fold

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_SPACED_INITIAL = re.compile(r"\b(\w)\. (?=\w\b)")
_TRIM = ".,;:!?'\"“”‘’«»()[]{}<>*"


def _normal(name: str) -> str:
    text = name if name.isascii() else unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    key = fold(" ".join(text.split()))
    if ". " in key:
        key = _SPACED_INITIAL.sub(r"\1.", key)  # "U. S." is "U.S."
    previous = None
    while key != previous:
        previous = key
        key = key.strip(_TRIM + " ")
        if key.startswith("the "):
            key = key[4:]
        if key.endswith("'s") and len(key) > 2:
            key = key[:-2]
    return key


@cache
def _short_forms() -> dict[str, str]:
    return {_normal(short): _normal(full) for short, full in COUNTRY_SHORT_FORMS.items()}


@cache
def _abbreviations() -> dict[str, str]:
    """The all-capital short forms ("US", "U.K."), which also open longer names."""
    return {
        _normal(short): _normal(full)
        for short, full in COUNTRY_SHORT_FORMS.items()
        if short.replace(".", "").isupper()
    }


# A company's legal ending ("Apple Inc.", "Microsoft Corp.", "Tesco plc"): the same firm
# as the name without it, which most stories use.
_LEGAL_ENDING = re.compile(
    r",? (?:inc|corp|co|ltd|llc|plc|ag|gmbh|s\.?a|n\.?v|s\.?p\.?a|pty ltd)\.?$"
)


# Keys worked out once per distinct name of at most this many characters and kept
# (memo.py): an article keys each mention's name several times (merge, introduced names,
# described places) and news repeats its names.
_KEY_CACHED_LENGTH = 64
_keys: dict[str, str] = {}


def entity_key(name: str) -> str:
    """The form entity names are matched by ("" when nothing is left)."""
    key = _keys.get(name)
    if key is None:
        key = remember(_keys, name, _entity_key(name), len(name), _KEY_CACHED_LENGTH)
    return key


def _entity_key(name: str) -> str:
    key = _normal(name)
    if " " in key:
        key = _LEGAL_ENDING.sub("", key)
    full = _short_forms().get(key)
    if full is not None:
        return full
    # "U.S. Congress" and "US Congress" are "United States Congress"; "America Online" stays.
    head, _, rest = key.partition(" ")
    if rest:
        full = _abbreviations().get(head.rstrip("."))
        if full is not None:
            return f"{full} {rest}"
    return key


def is_acronym_form(form: str) -> bool:
    """A short form made of a name's letters, specific enough to name one entity across
    stories: "NHS", "U.K.", "AT&T", "DoD", "ACPeds", "M5S"; not a lone word ("Holt"), nor a
    name with a capital inside ("McDonald", "DeSantis", "iPhone")."""
    letters = form.replace(".", "").replace("&", "")
    if len(letters) < 2 or not letters.isalnum() or letters.isdigit():
        return False
    if letters.isupper():
        return True
    # Mixed case: two capitals first ("ACPeds") or a capital at each end ("DoD").
    ends = letters[0].isupper() and letters[-1].isupper()
    return sum(c.isupper() for c in letters) >= 2 and (letters[:2].isupper() or ends)

"""Patterns and word sets that more than one reading of the built-in extractor uses."""

from __future__ import annotations

import re

from .. import lexicon as lx

_SAID_AFTER = re.compile(
    r",?[ \u00a0]+(?:said|says|told|tells|added|adds|wrote|writes|recalled|explained|argued|"
    r"insisted|admitted|warned|replied|recalls)\b"
)
# Author-year citations: "(Dye & Bavelier, 2010; Feng et al., 2007)", "Prensky (2005)".
_YEAR = r"(?:1[5-9]|20)\d{2}[a-z]?"
_AUTHOR = r"[^\W\d_][\w'’-]*"
_AUTHORS = (
    rf"{_AUTHOR}(?:(?:,[ \u00a0]*|[ \u00a0]+)(?:(?:&|and)[ \u00a0]+)?{_AUTHOR})*(?: et al\.?)?"
)
_CITED = (
    rf"(?:(?:e\.g\.|i\.e\.|see|cf\.|see also|also see|for example|see for example),?[ \u00a0]+)?"
    rf"{_AUTHORS},?[ \u00a0]+{_YEAR}(?:,[ \u00a0]*{_YEAR})*"
)
_NAME_ENDS = (lx.ORG_CUES - lx.SECTOR_WORDS) | lx.PLACE_CUES  # a complete name ends in one


# A byline or a list of authors, not a headline: "Riikka Mäkelä¹, Oskar Lindgren² and
# Mei-Ling Chao¹" (two to four capitalised words a name, two names or more).
_LIST_NAME = (
    r"[^\W\d_a-z][\w'’.-]*(?:[ \u00a0][^\W\d_a-z][\w'’.-]*){1,3}"
    r"[\d\u00b9\u00b2\u00b3\u2070-\u2079*]*"
)
_TITLE_WORD = r"[^\W\d_a-z][\w'’-]*"


_PARTY = r"[^\W\d_a-z][\w'’.&-]*"

# "a chapter by Cruse and Croft (2004)", "the study by Rayner (1998)": authors named by
# "by" before their work's year in brackets.
_AUTHOR_NAME = r"[^\W\d_a-z][\w'’-]+"
_BY_AUTHORS_BEFORE = re.compile(rf"\bby[ \u00a0]+(?:{_AUTHOR_NAME}[ \u00a0]+(?:and|&)[ \u00a0]+)?$")
_AUTHORS_YEAR_AFTER = re.compile(
    rf"(?:[ \u00a0]+(?:and|&)[ \u00a0]+{_AUTHOR_NAME})?[ \u00a0]+\((?:1[5-9]|20)\d\d[a-z]?\)"
)


# "Socotra is a perfect destination", "Kotor is a town on the bay": what the text says a
# name is, in lower-case words after "is a" (not "a port of Java's Jsoup").
_IS_A_PLACE = re.compile(
    r"[ \u00a0]+(?:is|was)[ \u00a0]+(?:a|an|the)[ \u00a0]+(?:[a-z][a-z-]*[ \u00a0]+){0,3}?"
    r"(?:town|city|village|hamlet|island|port(?![ \u00a0]+of\b)|capital|destination|place"
    r"|resort|region|province|district|suburb|neighbourhood|neighborhood|peninsula|archipelago"
    r"|municipality|county|country|nation)\b(?![ \u00a0]+to\b)"  # "the place to go"
)
# "Bryggen, the old wharf, is": a name and what it is, set between commas.
_APPOSED_PLACE = re.compile(
    r",[ \u00a0]+(?:a|an|the)[ \u00a0]+(?:[a-z][a-z-]*[ \u00a0]+){0,3}?"
    r"(?:town|city|village|hamlet|island|port|capital|resort|region|province|district|suburb"
    r"|neighbourhood|neighborhood|peninsula|wharf|harbour|harbor|quarter|square)[,;]"
)
# "Ryvolt is a Finnish startup", "Kestrel was a band from Leeds": a body by what it is.
_IS_A_BODY = re.compile(
    r"[ \u00a0]+(?:is|was)[ \u00a0]+(?:a|an)[ \u00a0]+(?:[A-Za-z][a-z-]*[ \u00a0]+){0,3}?"
    r"(?:company|firm|startup|start-up|manufacturer|retailer|brand|band|charity|newspaper"
    r"|magazine|broadcaster|publisher|airline|carrier|bank|nonprofit|non-profit|party"
    r"|organisation|organization|agency)\b"
)
# "Ofcom, the regulator,", "Rheinmetall, Germany's biggest arms maker,", "Equinor, the
# Norwegian state oil firm,": a name set beside what kind of body it is. The kind word closes
# the apposition ("a union official", "the party's leader" say what a person is).
_APPOSED_BODY = re.compile(
    r",[ \u00a0]+(?:(?:the|a|an)[ \u00a0]+|[^\W\d_a-z][\w.-]*(?:'s|’s)[ \u00a0]+)"
    # its words modify the kind word: not "the mouthpiece of the party", "an accountant
    # at the firm" (who is at the body)
    r"(?:(?!(?:of|at|in|for|with|from|to|by|on|and|or)\b)[\w-]+[ \u00a0]+){0,4}?"
    r"(?:company|companies|firm|group|conglomerate|[a-z]*maker|regulator|watchdog|lender"
    r"|insurer|bank|retailer|airline|carrier|broadcaster|publisher|operator|manufacturer"
    r"|supplier|union|party|startup|start-up|charity|agency|utility|giant|newspaper|tabloid"
    r"|club)"
    # what follows the apposition; not a verb ("With Visa, the company said ...": a clause)
    r"(?=[ \u00a0]*[,;:)]|[ \u00a0]*\.(?![\w-])"
    r"|[ \u00a0]+(?:which|that|based|headquartered|founded|owned)\b)"
)

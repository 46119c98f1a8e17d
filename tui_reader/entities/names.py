"""Given names and surnames that read as plurals, from the `names` package's data files.

`names` (MIT) ships the US Census Bureau's 1990 name-frequency tables: about 5,500 given
names and 88,800 surnames. Only two sets are kept: the lower-cased, accent-free given names
(evidence that two capitalised words are a person) and the surnames that end in "s" like a
plural ("Williams", "Rogers"), so "Lakeside Rovers" can be told from "Anne Rogers". When the
package is missing, both sets are empty and the other evidence (titles, reporting verbs,
surname-only mentions) still applies. Given names of other languages come from Faker's
locales (data/given_names.txt, made once by scripts/make_given_names.py; MIT, see
data/FAKER-LICENSE) and the short list below.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_GIVEN_FILES = ("dist.male.first", "dist.female.first")
_SURNAME_FILE = "dist.all.last"


# Letters that carry their mark inside the letter, so Unicode does not decompose them.
_UNMARKED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(word: str) -> str:
    """Lower-cased and without accents: "José" -> "jose", "Łukasz" -> "lukasz"."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNMARKED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _read(filename: str, ending: str = "") -> list[str]:
    """The names in one table (lower-cased), or only those ending in `ending`."""
    import re

    from .datafiles import package_dir

    try:
        folder = package_dir("names")
        if folder is None:
            return []
        text = (folder / filename).read_text(encoding="ascii")
    except (ImportError, OSError, ValueError):
        return []
    # Each line: NAME, frequency, cumulative frequency, rank.
    pattern = rf"^([A-Z'-]*{re.escape(ending.upper())})[ \t]"
    return [name.lower() for name in re.findall(pattern, text, re.MULTILINE)]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The census tables are American (1990): common given names of other languages that they
# lack, accent-free. No maintained, small, offline and MIT-compatible package of world given
# names is on PyPI (gender-guesser's table is GPL/GFDL, names-dataset is hundreds of MB).
GIVEN_NAMES_ELSEWHERE = _words(
    """
    aleksander aleksandra andrzej bartosz grzegorz jakub janusz jaroslaw jerzy kazimierz
    krzysztof lukasz maciej malgorzata marek mariusz michal piotr radoslaw slawomir tomasz
    wojciech zbigniew agnieszka katarzyna magdalena jiri jan petr pavel vaclav zdenek
    dorde djordje dragan goran miroslav milan nikola zoran slobodan vesna bojan dusan
    sergei sergey dmitry dmitri vladimir vladislav yevgeny evgeny mikhail nikolai alexei
    alexey andrei andrey boris oleg igor ivan yuri yury viktor volodymyr oleksandr oleksiy
    olena svetlana tatiana tatyana natalia yulia irina olga ludmila anatoly gennady
    klaus jurgen jorg horst uwe dieter wolfgang helmut gerhard manfred rainer gunter
    sven lars nils olaf ulf bjorn soren jens anders magnus mats henrik jorgen kjell leif
    ingrid sigrid astrid maren kari liv solveig ragnhild birgit annika jonas emil erik
    francois jean-pierre jean-luc jean-marc jean-claude jean-yves pierre jacques thierry
    herve yves gilles didier benoit olivier laurent stephane sebastien guillaume mathieu
    amelie aurelie brigitte camille celine chantal genevieve helene isabelle margaux
    valerie
    giorgio giuseppe giovanni luigi matteo paolo sergio silvio enrico fabio gianluca
    massimo mario marco francesco alessandro andrea lorenzo stefano carlo
    joao jose luiz luis jair fernando rodrigo sebastian joaquin alejandro
    gonzalo santiago javier ignacio pedro pablo jorge miguel raul guillermo
    mehmet ahmet mustafa kemal emre murat hakan burak cem ozgur
    mohammed mohammad muhammad mohamed ahmed ahmad ali hassan hussein hossein khalid omar
    abdullah abdul abdel mahmoud yousef youssef ibrahim ismail tariq walid nabil
    karim rashid saeed salman faisal bashar hamid jamal naveed imran nawaz
    aisha fatima leila layla noor nour zainab mariam maryam yasmin samira amina
    rahul sonia priya arvind amit anil sunil rajesh ramesh suresh vijay sanjay
    nirmala ravi deepak pooja anjali lakshmi rohit
    xi li wang zhang chen liu yang huang zhou wu qiang wei ming hui
    taro hiroshi takeshi kenji yuki akira haruki naomi
    yoon moon kim lee park suk jae jong kwon
    ngozi bola cyril jacob
    thabo nelson kofi kwame kieran ciaran niamh siobhan aoife
    sinead padraig seamus eamon declan cormac oisin
    """
)


@cache
def given_names() -> frozenset[str]:
    found: set[str] = set(GIVEN_NAMES_ELSEWHERE)
    for filename in _GIVEN_FILES:
        found.update(_read(filename))
    found.update(_world_given_names())
    return frozenset(found)


def _world_given_names() -> list[str]:
    """Given names of other languages, from Faker's locales (data/given_names.txt, made by
    scripts/make_given_names.py)."""
    from .datafiles import data_text

    text = data_text("given_names.txt")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


# The commonest surnames of the census table (its rows are ranked by frequency); the long
# tail is mostly rare spellings that read as words.
COMMON_SURNAMES = 30_000


@cache
def _surname_sets() -> tuple[frozenset[str], frozenset[str]]:
    """surnames() and plural_surnames(), from one read of the census table."""
    table = _read(_SURNAME_FILE)
    return frozenset(table[:COMMON_SURNAMES]), frozenset(n for n in table if n.endswith("s"))


def surnames() -> frozenset[str]:
    """The COMMON_SURNAMES commonest surnames, lower-cased."""
    return _surname_sets()[0]


def plural_surnames() -> frozenset[str]:
    """The surnames that end in "s" like a plural ("Williams", "Rogers")."""
    return _surname_sets()[1]

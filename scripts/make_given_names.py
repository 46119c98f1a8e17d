"""Generate the extractor's list of given names beyond the US census (run once).

    pip install faker; apt-get install wordnet-base
    python scripts/make_given_names.py [--wordnet /usr/share/wordnet] [--out DIR]

Faker (MIT) ships, for each of its ~80 locales, the given names its people are made of:
Polish, Finnish, Yoruba, Persian, Japanese (romanised) and so on. The census tables the
extractor reads (`names`) are American; news names people from everywhere. This writes
tui_reader/entities/data/given_names.txt: the given names of every locale written in Latin
letters, lower-cased and without accents, less those the census already has, those English
writes as common words (any word WordNet's synsets write in lower case: "rose", "red",
"rice", "heaven" stay out), countries,
cities and states (the gazetteer: "Paris", "Jordan"), the extractor's own cue words
("Park", "Hall", "Justice", "North", "Villa") and words of two letters or fewer.
Faker's licence notice is written beside it (FAKER-LICENSE).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO / "tui_reader" / "entities" / "data"
_LATIN = re.compile(r"[a-z][a-z'-]*[a-z]")


def lower_case_words(wordnet: Path) -> set[str]:
    """Every single word WordNet's data files write in lower case, in any part of speech."""
    words: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{part}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" ")
            for k in range(int(fields[3], 16)):
                word = fields[4 + 2 * k].split("(")[0]
                if word.islower() and "_" not in word:
                    words.add(word)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=DATA, help="where the list is written")
    args = parser.parse_args()
    if not (args.wordnet / "data.noun").exists():
        print(f"needs WordNet in {args.wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 2
    try:
        import faker
        import faker.providers.person as person
    except ImportError:
        print("needs faker: pip install faker", file=sys.stderr)
        return 2
    from tui_reader.entities import lexicon as lx
    from tui_reader.entities.gazetteer import gazetteer
    from tui_reader.entities.names import _GIVEN_FILES, _read, fold

    census = {name for filename in _GIVEN_FILES for name in _read(filename)}
    if not census:
        print("needs the names package (pip install names)", file=sys.stderr)
        return 2
    common = lower_case_words(args.wordnet)
    places = {fold(p) for p in gazetteer().places}
    # Words the extractor reads as cues of their own ("Park", "Hall", "Justice", "North").
    cues = set().union(
        lx.STOPWORDS,
        lx.ORG_CUES,
        lx.PLACE_CUES,
        lx.TITLES,
        lx.ROLE_WORDS,
        lx.MONTHS,
        lx.WEEKDAYS,
        lx.NOT_NAMES,
        lx.PARTICLES,
        lx.LEADING_PARTICLES,
        lx.COMPASS,
        lx.COMPASS_LOWER,
        lx.FOREIGN_PLACE_HEADS,
        lx.FOREIGN_ORG_HEADS,
        lx.SPORT_WORDS,
        lx.ABBREVIATIONS,
        lx.CORPORATE_TAILS,
    )
    found: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        names: set[str] = set()
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = provider.__dict__.get(attr, ())
            if isinstance(value, dict):
                names.update(value)
            elif isinstance(value, (list, tuple)):
                names.update(v for v in value if isinstance(v, str))
        for attr in ("first_romanized_names", "first_names_romanized"):
            value = provider.__dict__.get(attr, ())
            if isinstance(value, (list, tuple)):
                names.update(v for v in value if isinstance(v, str))
        for name in names:
            low = fold(name.strip())
            if (
                _LATIN.fullmatch(low)
                and len(low) > 2
                and low not in census
                and low not in common
                and low not in places
                and low not in cues
                and low.rstrip(".") not in cues
            ):
                found.setdefault(low, set()).add(module.name)
    out = args.out / "given_names.txt"
    header = (
        f"# Given names from Faker {faker.VERSION}'s person providers (MIT, see FAKER-LICENSE),\n"
        "# written by scripts/make_given_names.py: lower-cased, accent-free, not in the US\n"
        "# census tables, not common English words, not places.\n"
    )
    out.write_text(header + "".join(f"{n}\n" for n in sorted(found)), encoding="utf-8")
    licence = Path(faker.__file__).resolve().parent.parent
    notices = sorted(licence.glob("[Ff]aker-*.dist-info/licenses/LICENSE*")) + sorted(
        licence.glob("[Ff]aker-*.dist-info/LICENSE*")
    )
    if notices:
        (args.out / "FAKER-LICENSE").write_text(notices[0].read_text(encoding="utf-8"), "utf-8")
    print(f"{len(found)} given names -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

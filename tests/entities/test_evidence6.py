"""Version 6 rules: capitalised common things, acronyms of terms and units, titles of works.
Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(text)}


def test_capitalised_plurals_of_common_words_are_no_organisations() -> None:
    types = _types(
        "On the shore you find Rock Pools and Grey Herons, and the old town has many"
        " Baroque Chapels. On Saturday Tampa Bay Rays lost to Boston Red Sox."
    )
    assert not {"Rock Pools", "Grey Herons", "Baroque Chapels"} & set(types), types
    assert types["Tampa Bay Rays"] == types["Boston Red Sox"] == "ORG"  # a place first

"""Version 13 rules: places listed after a plural place noun ("the villages of ...");
sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(text)}


def test_every_name_listed_after_a_plural_place_noun_and_of_is_a_place() -> None:
    types = _types(
        "Strong winds pushed the flames towards the villages of Kalvori, Metsana and"
        " Dravos on Tuesday. The towns of Ostrel and Vinaka were evacuated overnight."
    )
    for name in ("Kalvori", "Metsana", "Dravos", "Ostrel", "Vinaka"):
        assert types.get(name) == "PLACE", types


def test_a_capitalised_plural_place_noun_is_no_list_cue() -> None:
    types = _types("The Council of States of Switzerland met in Bern on Monday.")
    assert types.get("Council of States of Switzerland") == "ORG", types


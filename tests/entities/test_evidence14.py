"""Version 14 rules: a participle hyphened to a name ("Macron-led") is no part of it.
Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _entities(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.type, e.aliases) for e in extract_entities(text)}


def test_a_name_before_a_hyphened_participle_is_the_name_alone() -> None:
    found = _entities(
        "Emmanuel Veraldi spoke in Lyon on Monday. The Veraldi-led coalition lost its"
        " majority, and the Veraldi-backed budget failed."
    )
    assert found.get("Emmanuel Veraldi") == ("PERSON", ("Veraldi",)), found
    assert not [name for name in found if "-" in name], found


def test_a_body_before_a_participle_ends_before_it() -> None:
    found = _entities(
        "Shares in the Zentrix-owned chain fell. Zentrix Holdings said on Friday that the"
        " Democratic Party-controlled House of Representatives had delayed the vote."
    )
    assert "Democratic Party" in found and "House of Representatives" in found, found
    assert not [name for name in found if "-" in name], found


def test_a_style_keeps_its_hyphen() -> None:
    found = _entities("Empire-style furniture is heavy. Buyers in Paris still want it.")
    assert "Empire" not in found, found

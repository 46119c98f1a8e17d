"""What every backend promises: types, canonical names, merged aliases, counts, offsets."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.models import Entity


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_ordered_by_first_mention_with_counts_and_offsets(backend: str) -> None:
    text = (
        "Prime Minister Keir Starmer visited Paris on Monday. In Paris, Starmer met "
        "President Emmanuel Macron at the Elysee. Macron later flew to Berlin."
    )
    entities = extract_entities(text, backend=backend)
    offsets = [e.first_offset for e in entities]
    assert offsets == sorted(offsets)
    names = _by_name(entities)
    starmer = names["Keir Starmer"]
    assert starmer.type == "PERSON"
    assert starmer.first_offset == text.index("Keir Starmer")
    assert starmer.count == 2 and starmer.aliases == ("Starmer",)
    assert names["Paris"].type == "PLACE" and names["Paris"].count == 2
    assert names["Emmanuel Macron"].aliases == ("Macron",)
    assert names["Emmanuel Macron"].count == 2
    assert names["Berlin"].type == "PLACE"


def test_surname_joins_the_full_name_even_with_a_particle(backend: str) -> None:
    text = (
        "Syrian President Bashar al-Assad met Russian Defense Minister Sergei Shoigu in "
        "Damascus. Assad thanked Shoigu for the support."
    )
    names = _by_name(extract_entities(text, backend=backend))
    assert names["Bashar al-Assad"].type == "PERSON"
    assert names["Bashar al-Assad"].aliases == ("Assad",)
    assert names["Sergei Shoigu"].aliases == ("Shoigu",)
    assert "Assad" not in names and "Shoigu" not in names


def test_leading_the_is_dropped_and_short_org_joins_the_earlier_full_one(backend: str) -> None:
    text = (
        "The statement came from the Russian Defense Ministry on Tuesday. Officials at "
        "the Defense Ministry in Moscow declined to comment further."
    )
    names = _by_name(extract_entities(text, backend=backend))
    ministry = names["Russian Defense Ministry"]
    assert ministry.type == "ORG" and ministry.count == 2
    assert ministry.aliases == ("Defense Ministry",)
    assert not any(name.lower().startswith("the ") for name in names)


def test_two_different_full_names_never_merge(backend: str) -> None:
    text = (
        "Senator John Smith and his sister Mary Smith opened a bakery in Chicago. "
        "John Smith said the bakery would employ ten people."
    )
    names = _by_name(extract_entities(text, backend=backend))
    assert names["John Smith"].count == 2
    assert "Mary Smith" in names
    assert "Mary Smith" not in names["John Smith"].aliases


def test_possessive_and_diacritics(backend: str) -> None:
    text = (
        "Turkish Defense Minister Hulusi Akar spoke to reporters in Ankara. Akar's remarks "
        "followed a call with Recep Tayyip Erdoğan, and Erdoğan's office confirmed it."
    )
    names = _by_name(extract_entities(text, backend=backend))
    assert names["Hulusi Akar"].count == 2
    assert names["Hulusi Akar"].aliases == ("Akar",)
    assert "Akar's" not in names
    assert names["Recep Tayyip Erdoğan"].type == "PERSON"
    assert names["Ankara"].type == "PLACE"

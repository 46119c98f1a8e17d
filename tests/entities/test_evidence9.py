"""Version 9 rules: lists that type their words along, ranks of two words, sentence
openers beside a name. Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.entities.merge import Mention, merge_mentions


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(text)}


def test_a_list_types_its_words_along_it() -> None:
    types = _types(
        "The bus runs to Oslo, Vexlor, Quibbet, Zandor and Trellig. Trains stop at Vexlor."
    )
    assert types.get("Quibbet") == types.get("Zandor") == types.get("Trellig") == "PLACE", types


def test_a_rank_of_two_words_is_one_title() -> None:
    types = _types(
        "He served with Major General Lafayette. The decree ordered Major-General Scott,"
        " the commander, to clear the halls. Major League Baseball said nothing. He was"
        " promoted by brevet to Major in the Corps of Engineers."
    )
    assert "Major" not in types, types
    assert types.get("Lafayette") == types.get("Scott") == "PERSON", types
    assert types.get("Major League Baseball") == "ORG", types


def test_a_sentence_opener_is_no_list_entry() -> None:
    types = _types("Vexcom's shares rose. Finally, Vexcom agreed to sell.")
    assert "Finally" not in types, types
    assert types.get("Vexcom") == "ORG", types


def test_a_caption_credit_is_read_as_a_sentence() -> None:
    types = _types(
        "St. Anthony in His Cell (1480), by Domenico Ghirlandaio\n\nThe hermit lived alone."
    )
    assert types.get("Domenico Ghirlandaio") == "PERSON", types
    assert "His Cell" not in types, types  # "His" capitalised in a title opens no name


def test_trails_drives_places_and_terraces_are_places() -> None:
    types = _types(
        "Officers searched a garage behind 2134 Caldwell Place and a house on Jolinda Drive."
        " The Osage Trail runs north to the lake."
    )
    assert types.get("Caldwell Place") == types.get("Jolinda Drive") == "PLACE", types
    assert types.get("Osage Trail") == "PLACE", types


def test_a_common_word_in_a_headline_is_no_town() -> None:
    types = _types(
        "ORAL ARGUMENT ON BEHALF OF THE PETITIONERS\n\nThe court heard the case in Helsinki."
        "\n\nTALKS IN HELSINKI\n\nThey met."
    )
    assert "Oral" not in types, types
    assert types.get("Helsinki") == "PLACE", types


def test_english_words_shouted_are_a_heading() -> None:
    types = _types(
        "4.1. LIMITATIONS AND FUTURE DIRECTIONS.\n\nThis study is small. DEAR CONCERNED"
        " SISTER, write to us. The UNITED NATIONS answered."
    )
    assert not {"FUTURE DIRECTIONS", "CONCERNED SISTER", "DEAR CONCERNED SISTER"} & set(types)
    assert types.get("UNITED NATIONS") == "ORG", types  # its last word an organisation's


def test_counties_first_and_two_compass_words_are_places() -> None:
    types = _types(
        "The collections of County Durham are large. He asked the governments of South"
        " East Asia to help. The County Council met."
    )
    assert types.get("County Durham") == types.get("South East Asia") == "PLACE", types
    assert types.get("County Council") == "ORG", types


def test_the_other_end_of_a_way_from_a_place_is_a_place() -> None:
    types = _types(
        "The decision to move the capital from Vexlor to Athens came late. Later the court"
        " moved from Oslo to Quibbet. The title passed from Smith to Jones on Monday."
    )
    assert types.get("Vexlor") == types.get("Quibbet") == "PLACE", types
    assert types.get("Smith") != "PLACE", types


def test_roles_only_a_person_has_mark_the_name_after_them() -> None:
    types = _types(
        "A film based on a novel by the Nobel laureate Zbigniew Quellmont came out."
        " File photo of interviewee R Vexaran. He met a Pachomian monk there."
    )
    assert types.get("Zbigniew Quellmont") == types.get("R Vexaran") == "PERSON", types
    assert "Pachomian" not in types, types


def test_a_title_ending_in_its_own_mark_before_its_year_is_a_work() -> None:
    types = _types("Hale starred in Quand Grozny! (1965) and in Meurtres? (1950).")
    assert "Quand Grozny" not in types, types


def test_an_abbreviation_ending_a_sentence_ends_the_name() -> None:
    types = _types(
        "It has flights to major cities in the U.S. It is a small airport. He moved to"
        " the U.S. The move was hard."
    )
    assert types == {"U.S.": "PLACE"}, types


def test_transit_lines_labs_sports_gaming_and_tours_end_a_body_name() -> None:
    types = _types(
        "He joined the Corps of Engineers. Lakeview Transit runs buses and Greyhound Bus"
        " Lines stops here. She wrote for Barstool Sports, then for Quill Gaming; Vagabond"
        " Tours sells trips, and the Cosmic Dust Lab scans them."
    )
    for name in (
        "Corps of Engineers",
        "Lakeview Transit",
        "Greyhound Bus Lines",
        "Barstool Sports",
        "Quill Gaming",
        "Vagabond Tours",
        "Cosmic Dust Lab",
    ):
        assert types.get(name) == "ORG", (name, types)


def test_air_and_a_name_is_an_airline() -> None:
    types = _types("Air Chathams flies five days a week; Air Vexlora flies from Terminal 2.")
    assert types.get("Air Chathams") == types.get("Air Vexlora") == "ORG", types


def test_a_newspaper_by_its_one_word_name() -> None:
    types = _types("The poem was a piece that the Times only quoted once. He told the Telegraph.")
    assert types.get("Times") == types.get("Telegraph") == "ORG", types


def test_a_given_name_alone_named_by_a_relation_is_a_person() -> None:
    types = _types(
        "Moreau was the daughter of Katherine, a dancer. She went home with her sister,"
        " Michelle. The letters carry the voice of the woman Eva."
    )
    for name in ("Katherine", "Michelle", "Eva"):
        assert types.get(name) == "PERSON", (name, types)


def test_authors_named_by_before_a_year_are_people() -> None:
    types = _types(
        "The first chapter of the handbook by Cruse and Croft (2004) opens with it. A"
        " film by Pixar (2019) followed."
    )
    assert types.get("Cruse") == types.get("Croft") == "PERSON", types
    assert types.get("Pixar") != "PERSON", types


def test_a_sentence_opening_word_written_lower_case_elsewhere_is_no_town() -> None:
    types = _types(
        "Damages ran as high as US$ 10 billion. Spring and late autumn are the best times;"
        " in spring it rains. Orange stitching is an option; the orange seats cost more."
        " Paris is lovely."
    )
    assert not {"US", "United States", "Spring", "Orange"} & set(types), types
    assert types.get("Paris") == "PLACE", types


def test_river_and_wat_open_a_place_and_a_voivodeship_ends_one() -> None:
    types = _types(
        "The Romans founded the city on the River Ouse. Prayer flags hang at Wat Arun. Lodz"
        " is the capital of the Lodzkie Voivodeship. The actor River Phoenix starred in it."
    )
    assert types.get("River Ouse") == types.get("Wat Arun") == "PLACE", types
    assert types.get("Lodzkie Voivodeship") == "PLACE", types
    assert types.get("River Phoenix") == "PERSON", types


def test_an_office_of_something_is_no_name() -> None:
    types = _types(
        "He served as the Director of Media and Communications of a tour event, then as"
        " the Team Manager of the Slovenian team. She is the CEO of New Media Investment"
        " Group."
    )
    assert not {"Director of Media", "Team Manager of the Slovenian"} & set(types), types
    assert types.get("New Media Investment Group") == "ORG", types


def test_the_city_of_a_place_is_a_form_of_it() -> None:
    found = {
        e.name: e for e in extract_entities("Cleveland grew. The City of Cleveland was ranked.")
    }
    assert set(found) == {"Cleveland"}, found
    assert found["Cleveland"].aliases == ("City of Cleveland",), found


def test_a_short_form_of_two_bodies_joins_the_one_named_more() -> None:
    entities = merge_mentions(
        [
            Mention("United States Congress", "ORG", 0),
            Mention("U.S. Congress", "ORG", 40),
            Mention("National Congress", "ORG", 80),
            Mention("Congress", "ORG", 120),
        ]
    )
    found = {e.name: e.aliases for e in entities}
    assert "Congress" in found["United States Congress"], found
    assert set(found) == {"United States Congress", "National Congress"}, found


def test_a_genus_before_its_latin_species_is_no_name() -> None:
    types = _types(
        "Some ants were infected with Beauveria bassiana, a fungus. Ants with Beauveria"
        " bassiana ate more. In the end Beauveria bassiana killed half of them."
    )
    assert "Beauveria" not in types, types

"""Version 11 rules: a titled person "of" a place or a body, a state's possessive inside
its name, stock indices. Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(text)}


def test_a_titled_person_of_a_place_or_a_body_is_the_person_and_the_other() -> None:
    types = _types(
        "It was said by Professor Marta Vell of Harvard University. On Monday, Senator"
        " John Quarle of Ohio agreed, and Dr. Jane Orrin of the University of Oxford"
        " did not."
    )
    assert types.get("Marta Vell") == types.get("John Quarle") == "PERSON", types
    assert types.get("Jane Orrin") == "PERSON", types
    assert types.get("Harvard University") == types.get("University of Oxford") == "ORG", types
    assert types.get("Ohio") == "PLACE", types


def test_an_office_of_a_place_before_its_holder_is_unchanged() -> None:
    types = _types("Mayor of London Sadiq Khan said so.")
    assert types.get("London") == "PLACE", types
    assert types.get("Sadiq Khan") == "PERSON", types


def test_a_state_possessive_stays_in_its_name() -> None:
    entities = extract_entities(
        "The Democratic People's Republic of Korea fired a missile. The DPRK said it was a test."
    )
    names = {e.name: e.aliases for e in entities}
    assert "Democratic People's Republic of Korea" in names, names
    assert "DPRK" in names["Democratic People's Republic of Korea"], names
    assert "People" not in names, names


def test_a_stock_index_is_no_name() -> None:
    assert _types("The Dow Jones Industrial Average fell 2% on Friday.") == {}


def test_a_korean_or_chinese_given_name_of_two_syllables_is_a_name_word() -> None:
    types = _types(
        "Kim Jong-un, the leader of North Korea, met Moon Jae-in. Steeply-raked Seats filled."
    )
    assert types.get("Kim Jong-un") == types.get("Moon Jae-in") == "PERSON", types
    assert "Steeply-raked Seats" not in types, types


def test_a_plural_title_after_a_place_is_a_club() -> None:
    types = _types("He joined the St. Louis Cardinals in 2005. The Los Angeles Kings won.")
    assert types.get("St. Louis Cardinals") == types.get("Los Angeles Kings") == "ORG", types
    assert "St. Louis" not in types, types


def test_a_body_for_the_thing_it_is_for_is_one_name() -> None:
    entities = extract_entities(
        "The Royal Society for the Protection of Birds (RSPB) said so. Its Research"
        " Director for the Middle East disagreed. The RSPB added more."
    )
    names = {e.name: (e.type, e.aliases) for e in entities}
    assert names.get("Royal Society for the Protection of Birds") == ("ORG", ("RSPB",)), names
    assert "Middle East" in names, names


def test_a_body_named_both_ways_is_one() -> None:
    entities = extract_entities(
        "The Department of Justice sued. The Justice Department said so. The University of"
        " Washington hired her; Washington University did not."
    )
    names = {e.name: e.aliases for e in entities}
    assert names.get("Department of Justice") == ("Justice Department",), names
    assert "Washington University" in names, names  # another school


def test_a_club_without_its_town_is_the_club() -> None:
    entities = extract_entities("The Boston Red Sox won. The Red Sox scored twice.")
    assert [(e.type, e.name, e.aliases) for e in entities] == [
        ("ORG", "Boston Red Sox", ("Red Sox",))
    ]


def test_a_company_named_first_without_its_ending_is_the_company() -> None:
    entities = extract_entities("A spokeswoman for Qantas said so. Qantas Airways agreed.")
    assert [(e.type, e.name, e.aliases) for e in entities] == [
        ("ORG", "Qantas Airways", ("Qantas",))
    ]


def test_a_body_of_a_state_is_no_building() -> None:
    types = _types(
        "The Statistical Office of the Slovak Republic counted. The University of Tartu"
        " Museum opened."
    )
    assert types.get("Statistical Office of the Slovak Republic") == "ORG", types
    assert types.get("University of Tartu Museum") == "PLACE", types


def test_a_title_word_after_a_given_name_is_part_of_the_name() -> None:
    types = _types(
        "The Rev. Martin Luther King Jr. spoke. CNN host Larry King asked. Turkish President"
        " Recep Tayyip Erdogan listened."
    )
    assert types.get("Martin Luther King Jr.") == types.get("Larry King") == "PERSON", types
    assert types.get("Recep Tayyip Erdogan") == "PERSON", types
    assert "Jr." not in types, types


def test_one_bracket_citing_two_works_is_a_citation() -> None:
    types = _types("Previous work (Brown & Green, 2001; White, 1999) has shown this.")
    assert types == {"Brown": "PERSON", "Green": "PERSON", "White": "PERSON"}, types


def test_a_word_for_a_kind_before_a_noun_is_no_town() -> None:
    assert (
        _types("The city dates back to before Roman times. It was a centre of Viking trade.") == {}
    )
    # the town of that name, with no noun after it
    assert _types("The bus runs to Roman and then to Iasi.") == {"Roman": "PLACE", "Iasi": "PLACE"}


def test_titles_around_capitals_and_a_place_are_still_titles() -> None:
    assert _types("48% of firms now have a Chief AI Officer, and more.") == {}
    assert _types("South Dakota Gov") == {"South Dakota": "PLACE"}


def test_abbreviations_of_common_nouns_are_no_bodies() -> None:
    assert _types("After WWII the ROV dove and the POV shot showed the wreck.") == {}


def test_a_foreign_body_word_inside_a_name_makes_a_body() -> None:
    types = _types(
        "She works at the Vrije Universiteit Amsterdam, he at the Freie Universität Berlin."
    )
    assert types.get("Vrije Universiteit Amsterdam") == "ORG", types
    assert types.get("Freie Universität Berlin") == "ORG", types

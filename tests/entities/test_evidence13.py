"""Version 13 rules: places listed after a plural place noun ("the villages of ..."); an
acronym the text names alone, then a name of its own. Sentences written for these tests."""

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


def test_an_acronym_named_alone_then_a_name_of_its_own_is_two_names() -> None:
    types = _types(
        "Engineers at the ESO tested the new mirror. The ESO Kestrel survey will map"
        " the southern sky, and ESO said the data would be public."
    )
    assert types.get("ESO") == "ORG", types
    assert "ESO Kestrel" not in types, types


def test_a_place_short_form_before_a_name_of_its_own_stays_the_place() -> None:
    types = _types(
        "Our UK Favourites range sold out in a day. Shipping to the UK is free, and"
        " buyers in the UK waited a week."
    )
    assert types.get("UK") == "PLACE", types
    assert "UK Favourites" not in types, types


def test_a_compass_word_and_a_demonym_open_a_body_not_a_place() -> None:
    types = _types("Officials of the South African Reserve Bank raised the repo rate.")
    assert types.get("South African Reserve Bank") == "ORG", types


def test_a_body_or_building_named_after_a_title_holder_is_one_name() -> None:
    types = _types(
        "She studied at Queen Mary University of London and later worked at the King"
        " Baudouin Foundation of Belgium. Professor Jane Smith of Harvard University"
        " spoke first."
    )
    assert types.get("Queen Mary University of London") == "ORG", types
    assert types.get("King Baudouin Foundation of Belgium") == "ORG", types
    assert types.get("Jane Smith") == "PERSON", types
    assert "Mary University" not in types and "Baudouin Foundation" not in types, types


def test_a_speaker_label_is_the_person_whose_initials_it_gives() -> None:
    entities = extract_entities(
        "Wikinews spoke with Hanna Lindqvist about her work.\n\nWikinews: How did you"
        " start?\n\nHL: I grew up on the coast.\n\nWikinews: And now?\n\nHL: We map reefs."
        "\n\nTIP: bring water.\n\nTIP: bring a hat."
    )
    types = {e.name: e.type for e in entities}
    assert "HL" not in types and "TIP" not in types, types
    person = next(e for e in entities if e.name == "Hanna Lindqvist")
    assert "HL" in person.aliases, entities


def test_a_name_guessed_a_body_by_repetition_is_the_place_the_text_says_it_is() -> None:
    types = _types(
        "Varnica\n\nVarnica is a small port on the Bay of Varnica. Varnica has two"
        " hotels and a market. Boats leave Varnica every hour for the islands, and the"
        " old town of Varnica is walled."
    )
    assert types.get("Varnica") == "PLACE", types


def test_software_named_after_prepositions_stays_as_it_was() -> None:
    types = _types(
        "Mullvad is fast. Mullvad keeps no logs, and Mullvad costs five euros. Users"
        " in Mullvad can pay in cash, and the sorry state of Mullvad apps is gone."
    )
    assert types.get("Mullvad") != "PLACE", types


def test_a_name_the_text_says_is_a_destination_is_a_place() -> None:
    types = _types(
        "Travel\n\nMerovia is a perfect destination for hikers. Merovia has few roads,"
        " and Merovia takes pride in its forests. Visitors love Merovia.\n\nNuvola is the"
        " place to go for shoes. Nuvola sells online, and Nuvola ships fast."
    )
    assert types.get("Merovia") == "PLACE", types
    assert types.get("Nuvola") != "PLACE", types


def test_a_given_name_that_is_also_a_demonym_opens_a_person() -> None:
    types = _types(
        "She studied in Oslo under Finn Mortensen for years. Passengers took Irish Rail"
        " trains, and the firm sold to Saudi Aramco."
    )
    assert types.get("Finn Mortensen") == "PERSON", types
    assert types.get("Irish Rail") == types.get("Saudi Aramco") == "ORG", types


def test_the_owner_of_a_theory_or_a_notion_is_a_person() -> None:
    types = _types(
        "Following Vantreuil's notion of habitus, and Ostrander's theory of fields, we"
        " read both against each other."
    )
    assert types.get("Vantreuil") == types.get("Ostrander") == "PERSON", types


def test_a_school_named_with_its_city_after_its_head_word_is_one_body() -> None:
    types = _types(
        "A team led by Angelos Tsiaras of University College London reported the find,"
        " and a student who joined Imperial College London in 2001 checked it."
    )
    assert types.get("University College London") == "ORG", types
    assert types.get("Imperial College London") == "ORG", types


def test_a_name_before_a_craft_noun_is_the_craft_not_a_person() -> None:
    types = _types(
        "The planet was found by NASA's Kepler spacecraft, and the Perseverance rover"
        " and the Ulysses probe sent data. Kepler said the orbit was elliptical."
    )
    assert "Perseverance" not in types and "Ulysses" not in types, types


def test_a_census_surname_after_an_unlisted_given_name_is_a_person() -> None:
    types = _types(
        "Then Herbie Hancock came by. The Doobie Brothers played later, and the"
        " Berkshire Hathaway meeting ended."
    )
    assert types.get("Herbie Hancock") == "PERSON", types
    assert types.get("Doobie Brothers") != "PERSON", types
    assert types.get("Berkshire Hathaway") != "PERSON", types


def test_a_name_with_an_age_in_apposition_is_a_person() -> None:
    types = _types("In Ibadan, Tolu Bankole, 42, lost her house to the flood.")
    assert types.get("Tolu Bankole") == "PERSON", types


def test_a_name_met_or_married_is_a_person() -> None:
    types = _types("He met Barack Obama in Paris, and she married Femi Kuti in 1990.")
    assert types.get("Barack Obama") == types.get("Femi Kuti") == "PERSON", types


def test_more_words_that_close_a_body_name() -> None:
    types = _types(
        "York was home to the Ninth Legion. The book came out with Melville House"
        " Publishing, and tickets are sold by the Alaska Railroad."
    )
    for name in ("Ninth Legion", "Melville House Publishing", "Alaska Railroad"):
        assert types.get(name) == "ORG", types


def test_natural_features_and_dams_close_a_place_name() -> None:
    types = _types(
        "The ferry left the Isle of Lewis at dawn. Hikers crossed Red Rock Canyon and"
        " the Rio Grande Gorge, and the Bratsk Dam was finished in 1967."
    )
    for name in ("Isle of Lewis", "Red Rock Canyon", "Rio Grande Gorge", "Bratsk Dam"):
        assert types.get(name) == "PLACE", types


def test_mail_closes_a_paper_or_a_postal_service() -> None:
    types = _types("The Globe and Mail reported it first, and Royal Mail raised its prices.")
    assert types.get("Globe and Mail") == types.get("Royal Mail") == "ORG", types


def test_a_name_said_to_be_a_town_is_a_place_at_a_sentence_start_too() -> None:
    types = _types(
        "Varnek is a town in Montenegro. Varnek has a wall. Home is a place where you"
        " rest. SoupKit is a port of a Java library."
    )
    assert types.get("Varnek") == "PLACE", types
    assert "Home" not in types and types.get("SoupKit") != "PLACE", types


def test_a_name_said_to_be_a_company_is_a_body_at_a_sentence_start_too() -> None:
    types = _types("Ryvolt is a Finnish startup. Ryvolt makes batteries for buses.")
    assert types.get("Ryvolt") == "ORG", types


def test_a_surname_by_its_ending_after_an_unlisted_given_name_is_a_person() -> None:
    types = _types("Then Yerlan Dzhaksybekov came by, and later Tamaz Gogoladze joined them.")
    assert types.get("Yerlan Dzhaksybekov") == types.get("Tamaz Gogoladze") == "PERSON", types


def test_two_name_words_of_a_country_are_a_person_from_there() -> None:
    types = _types(
        "Chebet beat Sifan Hassan of the Netherlands and Tamirat Tola of Ethiopia, and"
        " hikers crossed the Boundary Waters of Minnesota."
    )
    assert types.get("Sifan Hassan") == types.get("Tamirat Tola") == "PERSON", types
    assert types.get("Boundary Waters") != "PERSON", types


def test_inns_diners_and_taverns_are_places() -> None:
    types = _types(
        "We stayed at the Hilton Garden Inn and ate at the Blue Ox Diner and Gramercy Tavern."
    )
    for name in ("Hilton Garden Inn", "Blue Ox Diner", "Gramercy Tavern"):
        assert types.get(name) == "PLACE", types

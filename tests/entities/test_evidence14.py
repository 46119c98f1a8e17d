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


def test_a_head_word_that_is_also_a_surname_opens_a_place_before_a_particle() -> None:
    found = _entities(
        "Protesters gathered outside the Palacio del Gobierno on Tuesday, then marched"
        " to the Plaza de Mayo. Others filled the Place de la Concorde in Paris."
    )
    for name in ("Palacio del Gobierno", "Plaza de Mayo", "Place de la Concorde"):
        assert found.get(name, ("?",))[0] == "PLACE", found


def test_a_surname_head_without_a_particle_is_still_a_person() -> None:
    found = _entities("Defender Carlos Puerta de la Vega signed for Sevilla on Monday.")
    assert found.get("Carlos Puerta de la Vega", ("?",))[0] == "PERSON", found


def test_a_middle_word_of_a_long_name_alone_is_that_person() -> None:
    found = _entities(
        "Former president Luiz Inácio Lula da Silva won the runoff on Sunday. Supporters"
        " cheered when Lula arrived in Brasília."
    )
    assert found.get("Luiz Inácio Lula da Silva") == ("PERSON", ("Lula",)), found


def test_a_middle_word_that_is_a_place_or_an_english_word_stays_apart() -> None:
    found = _entities(
        "George Washington Carver taught at Tuskegee. Washington was far away."
        " The Blossom Comb Honey Globe Jar costs $12. Honey is sweet."
    )
    assert found.get("George Washington Carver") == ("PERSON", ()), found


def test_more_lines_of_business_end_a_company_name() -> None:
    found = _entities(
        "Shares of Tamsin Apparel rose. Corlew Healthcare fell, Varda Hospitality fell."
        " Analysts at Brisk Realty were surprised, and Orlan Microsystems said nothing."
    )
    for name in (
        "Tamsin Apparel",
        "Corlew Healthcare",
        "Varda Hospitality",
        "Brisk Realty",
        "Orlan Microsystems",
    ):
        assert found.get(name, ("?",))[0] == "ORG", found


def test_the_states_is_the_united_states_the_text_names() -> None:
    found = _entities(
        "Mira Tessaro moved to the United States in 1990. Life in the States was hard at"
        " first, she said."
    )
    assert found.get("United States") == ("PLACE", ("States",)), found
    assert "States" not in found, found


def test_the_states_of_a_body_and_a_text_without_the_country_are_left_alone() -> None:
    found = _entities("The States of Jersey met in St Helier. The Gulf States sent envoys.")
    assert "United States" not in found, found


def test_two_companies_named_by_their_lines_of_business_are_two() -> None:
    found = _entities(
        "Shares of Corlew Healthcare and Varda Hospitality fell on Monday. Analysts said the"
        " merger of Brisk Realty and Orlan Microsystems would wait."
    )
    for name in ("Corlew Healthcare", "Varda Hospitality", "Brisk Realty", "Orlan Microsystems"):
        assert found.get(name, ("?",))[0] == "ORG", found
    assert "Corlew Healthcare and Varda Hospitality" not in found, found


def test_a_name_whose_lines_of_business_are_joined_by_and_stays_whole() -> None:
    found = _entities(
        "Shares of Tamsin Software and Engineering rose. Regal Mining and Minerals said nothing."
    )
    assert "Tamsin Software and Engineering" in found, found
    assert "Regal Mining and Minerals" in found, found

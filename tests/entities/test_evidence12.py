"""Version 12 rules: a team read twice is the team throughout a match report; people and
bodies run together; titles kept with a ruler's number. Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(text)}


def test_a_country_read_twice_as_its_team_is_the_team_throughout_the_report() -> None:
    types = _types(
        "In the second game of the group, Norway defeated Chile 2 – 1 at the stadium."
        " Chile had more of the ball in the first half, and the coach praised the"
        " goalkeeper. Norway faced Chile again in the final, and Norway won on penalties"
        " after the match. The striker scored twice in Norway. Fans of Chile left early."
    )
    assert types.get("Norway") == "ORG", types


def test_a_body_closing_in_a_plural_word_then_a_person_is_two_names() -> None:
    types = _types(
        "The head of the Centre for Maritime Affairs Olga Brandt said the talks had failed."
    )
    assert types.get("Olga Brandt") == "PERSON", types
    assert "Centre for Maritime Affairs Olga Brandt" not in types, types


def test_a_company_before_its_officer_is_named_with_him() -> None:
    types = _types(
        "Volkswagen AG Chief Executive Martin Winterkorn resigned, and Google Chief"
        " Executive Sundar Pichai spoke."
    )
    assert types.get("Volkswagen AG") == types.get("Google") == "ORG", types
    assert types.get("Martin Winterkorn") == types.get("Sundar Pichai") == "PERSON", types


def test_a_bracket_that_cites_before_words_of_its_own_names_its_authors() -> None:
    types = _types(
        "Librarians were asked what the work entails (e.g. Marrow-Lind et al., 2015;"
        " Quarrie, 2016; also see the list kept by the group). Others agree (Vell, 2001;"
        " Orrin, 2003)."
    )
    assert types.get("Marrow-Lind") == types.get("Quarrie") == "PERSON", types


def test_an_initial_opening_a_sentence_stays_with_the_name() -> None:
    types = _types("For the bank: R. Julian Hosking, and Mary Ellis. T. Peter Vantone said so.")
    assert types.get("R. Julian Hosking") == types.get("T. Peter Vantone") == "PERSON", types


def test_a_demonym_and_a_quarter_is_a_region() -> None:
    types = _types("Tucson lies in the American Southwest, a long way from the Canadian North.")
    assert types.get("American Southwest") == types.get("Canadian North") == "PLACE", types


def test_a_tournament_group_is_named_in_a_match_report() -> None:
    types = _types(
        "Peru beat Norway 2 – 1 in Group C. The coach said the match was hard, and the"
        " striker scored a late goal to win the league fixture."
    )
    assert types.get("Group C") == "ORG", types
    assert "Group A" not in _types("Group A strep is a bacterium; the doctor saw it.")


def test_a_one_word_name_that_testified_or_took_office_is_a_person() -> None:
    types = _types(
        "Vantrell said the yard was closed. Vantrell testified that the keys were gone."
        " Vantrell's claim failed. Marrowby took office in May; Marrowby said so."
    )
    assert types.get("Vantrell") == types.get("Marrowby") == "PERSON", types


def test_one_word_after_its_authors_possessive_is_a_work() -> None:
    names = _types(
        "She saw Jean Anouilh's Antigone twice, then Mira Vellacott's Tamberlane, and"
        " Edwin Quarle's Likud party rally."
    )
    assert "Antigone" not in names and "Tamberlane" not in names, names
    assert names.get("Jean Anouilh") == names.get("Mira Vellacott") == "PERSON", names
    assert names.get("Likud") == "ORG", names


def test_a_metropolitan_area_is_one_place() -> None:
    types = _types("Mesa and Gilbert lie in the Greater Tucson Metropolitan Area with Marana.")
    assert types.get("Greater Tucson Metropolitan Area") == "PLACE", types

"""Version 15 rules: companies read as people or places by a name word they share.
Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _entities(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.type, e.aliases) for e in extract_entities(text)}


def test_a_given_name_after_the_is_no_person() -> None:
    found = _entities(
        "Markets fell after the Fed raised rates on Wednesday. The Fed will meet again in"
        " June, and the Fed's chair spoke to reporters."
    )
    assert found.get("Fed", ("?",))[0] == "ORG", found


def test_a_surname_alone_still_acts_as_a_person() -> None:
    found = _entities("Talks stalled in Geneva. Later Warner said the deal was dead.")
    assert found.get("Warner", ("PERSON",))[0] == "PERSON", found


def test_a_given_name_before_an_english_plural_is_a_firm() -> None:
    found = _entities(
        "Shares of Meta Platforms rose on Tuesday. Analysts expect Gaia Herbs to follow."
    )
    assert found.get("Meta Platforms", ("?",))[0] == "ORG", found
    assert found.get("Gaia Herbs", ("?",))[0] != "PERSON", found


def test_a_given_name_before_a_plural_surname_or_in_a_list_of_people_stays_a_person() -> None:
    found = _entities("Grace Fields said no. Thanks to Ann Lowe, Simon Cozens and Teo Brandt.")
    assert found.get("Grace Fields", ("?",))[0] == "PERSON", found
    assert found.get("Simon Cozens", ("?",))[0] == "PERSON", found


def test_a_name_that_owns_something_is_not_where_it_is() -> None:
    found = _entities(
        "The price was matched at Kroger-owned stores in the region, and the deal left"
        " Warner-owned channels off the service."
    )
    assert found.get("Kroger", ("ORG",))[0] == "ORG", found
    assert found.get("Warner", ("ORG",))[0] == "ORG", found


def test_a_firm_of_brothers_is_a_company() -> None:
    found = _entities("Netflix agreed to buy Warner Bros. for $80 billion on Friday.")
    assert found.get("Warner Bros.", ("?",))[0] == "ORG", found


def test_a_name_beside_the_kind_of_body_it_is_is_an_organisation() -> None:
    found = _entities(
        "The deal was approved by Ofcom, the media regulator. Rheinmetall, Germany's biggest"
        " arms maker, won a contract, and so did Leonardo, the Italian defence group."
        " Valmont Brunner, the packaging group, cut jobs."
    )
    for name in ("Ofcom", "Rheinmetall", "Leonardo", "Valmont Brunner"):
        assert found.get(name, ("?",))[0] == "ORG", (name, found)


def test_a_person_beside_a_body_word_stays_a_person() -> None:
    found = _entities(
        "Anna Berg, a union official, spoke. Finally, the firm said it had a deal with"
        " Visa, the company said. The People's Daily, the mouthpiece of the Communist"
        " party, warned."
    )
    assert found.get("Anna Berg", ("?",))[0] == "PERSON", found
    assert "Finally" not in found and "Daily" not in found, found


def test_a_guess_that_opens_a_firm_named_before_joins_it() -> None:
    found = _entities(
        "Goldman Sachs cut 3,000 jobs. Goldman said the cuts would save $1 billion."
        " Reckitt Benckiser, the consumer goods group, agreed to sell a unit. Reckitt"
        " said the sale would close in June."
    )
    assert found.get("Goldman Sachs") == ("ORG", ("Goldman",)), found
    assert found.get("Reckitt Benckiser") == ("ORG", ("Reckitt",)), found


def test_a_body_by_its_first_word_clipped_joins_it() -> None:
    found = _entities(
        "The Federal Reserve left rates unchanged. The Fed said inflation was easing."
    )
    assert found.get("Federal Reserve") == ("ORG", ("Fed",)), found


def test_a_given_name_or_a_compound_is_no_short_form_of_a_firm() -> None:
    found = _entities(
        "Timber Press published the guide. Tim said it sold well, and Timber Press agreed."
        " Problem-Solving Skills matter. Problem-solving is taught."
    )
    assert "Tim" not in found.get("Timber Press", ("?", ()))[1], found
    assert "Problem-solving" not in found.get("Problem-Solving Skills", ("?", ()))[1], found


def test_a_firm_named_after_its_partners_is_one_organisation() -> None:
    found = _entities(
        "Ernst & Young will split its audit arm. Simon & Schuster published the memoir."
    )
    assert found.get("Ernst & Young", ("?",))[0] == "ORG", found
    assert found.get("Simon & Schuster", ("?",))[0] == "ORG", found


def test_words_or_places_joined_by_an_ampersand_are_no_firm() -> None:
    found = _entities(
        "Turn left at Priest & Washington for the station. Stress & Anxiety is a chapter."
    )
    assert "Priest & Washington" not in found and "Stress & Anxiety" not in found, found


def test_people_joined_for_a_cause_and_a_body_by_its_staff() -> None:
    found = _entities(
        "Doctors Without Borders said its staff had left. Kaiser Permanente nurses went"
        " on strike in Oakland."
    )
    assert found.get("Doctors Without Borders", ("?",))[0] == "ORG", found
    assert found.get("Kaiser Permanente", ("?",))[0] == "ORG", found


def test_supporters_after_a_name_still_follow_a_person() -> None:
    found = _entities("Cheering Joe Biden supporters filled the hall in Delaware on Friday.")
    assert found.get("Joe Biden", ("?",))[0] == "PERSON", found


def test_a_department_by_its_other_forms_after_the_place_it_serves() -> None:
    found = _entities(
        "The U.S. Department of Justice sued the company. The Justice Department said it"
        " had a monopoly, and DOJ lawyers filed the case in Virginia."
    )
    assert found.get("U.S. Department of Justice") == (
        "ORG",
        ("Justice Department", "DOJ"),
    ), found


def test_an_acronym_in_capitals_may_spell_the_small_word() -> None:
    found = _entities("The Bank of Japan raised rates. The BOJ said it would keep buying bonds.")
    assert found.get("Bank of Japan") == ("ORG", ("BOJ",)), found


def test_a_place_after_the_ends_before_and() -> None:
    found = _entities("The Democratic Republic of the Congo and Rwanda signed a deal.")
    assert found.get("Rwanda", ("?",))[0] == "PLACE", found
    assert found.get("Democratic Republic of the Congo", ("?",))[0] == "PLACE", found


def test_a_holding_ends_a_company() -> None:
    found = _entities("Alibaba Group Holding said revenue rose. Alibaba's cloud unit grew.")
    assert found.get("Alibaba Group Holding") == ("ORG", ("Alibaba",)), found


def test_a_name_of_several_words_before_the_kind_of_body_it_names() -> None:
    found = _entities(
        "Fernández, who leads the Frente de Todos coalition, met officials. Kauri is a"
        " member of the Manu Taupunga group. Manager Scooter Braun said critics attacked"
        " Scooter Braun's company."
    )
    assert found.get("Frente de Todos", ("?",))[0] == "ORG", found
    assert found.get("Manu Taupunga", ("?",))[0] == "ORG", found
    assert found.get("Scooter Braun", ("?",))[0] == "PERSON", found


def test_a_dateline_with_its_country_names_the_city() -> None:
    found = _entities("KYIV, Ukraine (AP) — Russian drones struck Kyiv overnight.")
    assert found.get("Kyiv", ("?",))[0] == "PLACE", found
    assert "KYIV" not in found, found


def test_a_party_of_a_title_holder_ends_before_the_title() -> None:
    found = _entities("The Socialist Party of Prime Minister António Costa lost its majority.")
    assert found.get("Socialist Party", ("?",))[0] == "ORG", found
    assert found.get("António Costa", ("?",))[0] == "PERSON", found

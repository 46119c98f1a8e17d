"""'The river', 'the lake' counted for the one place of that kind named before."""

from __future__ import annotations

from tui_reader.entities import extract_entities


def _counts(text: str) -> dict[str, tuple[int, tuple[str, ...]]]:
    return {e.name: (e.count, e.aliases) for e in extract_entities(text)}


def test_the_kind_after_one_place_of_that_kind_is_counted_for_it_not_shown() -> None:
    text = (
        "Floods hit the Waikato River on Monday. The river rose two metres overnight, "
        "and officials said the river may rise again."
    )
    assert _counts(text) == {"Waikato River": (3, ())}


def test_two_places_of_the_kind_or_none_before_leave_it_alone() -> None:
    two = "The Tigris River and the Euphrates River meet. The river then flows south."
    assert _counts(two) == {"Tigris River": (1, ()), "Euphrates River": (1, ())}
    before = "The lake froze early. Tourists still came to Lake Taupo in May."
    assert _counts(before)["Lake Taupo"] == (1, ())


def test_the_kind_of_something_or_before_a_name_is_no_reference() -> None:
    text = "We sailed on the Waikato River. The river of Hamilton is the river Waikato."
    assert _counts(text)["Waikato River"][0] == 1

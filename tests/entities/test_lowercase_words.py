"""The built-in extractor keeps the words it sees in lower case without lower-casing them."""

from __future__ import annotations

import sys


def test_a_word_in_lower_case_is_its_own_lower_case_form() -> None:
    """pipeline.builtin_mentions collects `w` for every word with w.islower(), not
    w.lower(): the same set only while no character that lower() changes can stand in a
    string that islower() accepts. Checked for every character of this Python's Unicode."""
    changed = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c)]
    assert changed  # (the check below looks at something)
    assert not [c for c in changed if ("a" + c).islower() or c.islower()]

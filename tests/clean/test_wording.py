"""The cruft pass's patterns: compiled on first use, each of them valid."""

from __future__ import annotations

import re

from tui_reader.clean import wording


def _all_patterns() -> list[wording._Pattern]:
    found: list[wording._Pattern] = []
    for value in vars(wording).values():
        if isinstance(value, wording._Pattern):
            found.append(value)
        elif isinstance(value, wording._Patterns):
            found.extend(value.patterns())
    return found


def test_every_pattern_compiles() -> None:
    patterns = _all_patterns()
    assert len(patterns) > 50
    for pattern in patterns:
        pattern.compile()  # raises re.error for a bad one


def test_a_pattern_is_compiled_only_when_it_first_runs() -> None:
    pattern = wording._Pattern(r"we have a small favou?r to ask")
    assert pattern._compiled is None
    assert pattern.search("Hello there") is None  # its cues are absent: no regex needed
    assert pattern._compiled is None
    found = pattern.search("Before you go: We have a small favor to ask.")
    assert found is not None and found.group() == "we have a small favor to ask"
    assert isinstance(pattern._compiled, re.Pattern)

"""The extractor's memo tables keep short strings' results and empty themselves when full."""

from __future__ import annotations

from tui_reader.entities import memo


def test_a_result_is_kept_only_for_a_short_enough_string() -> None:
    table: dict[str, int] = {}
    assert memo.remember(table, "abc", 1, 3, 3) == 1
    assert memo.remember(table, "abcd", 2, 4, 3) == 2  # returned, not kept
    assert table == {"abc": 1}


def test_a_full_table_is_emptied_before_the_next_result() -> None:
    table = {str(n): n for n in range(memo.TABLE_SIZE)}
    memo.remember(table, "new", -1, 3, 32)
    assert table == {"new": -1}

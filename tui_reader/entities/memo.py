"""The extractor's memo tables: a result worked out once per distinct short string and kept.

News repeats its words and names, and a refresh's workers read thousands of items, so the
tokenizer's word and gap shapes and the entity keys are each worked out once. Only short
strings are kept (a blob of base64 is no word to see again), and a full table is cleared
rather than evicted one by one: a few MB at most, and no bookkeeping on the hot path.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")

TABLE_SIZE = 20_000


def remember(table: dict[_K, _V], key: _K, value: _V, length: int, longest: int) -> _V:
    """Keep value under key when the string it was worked out from (length characters) is
    at most longest long; a full table is emptied first. Returns value."""
    if length <= longest:
        if len(table) >= TABLE_SIZE:
            table.clear()
        table[key] = value
    return value

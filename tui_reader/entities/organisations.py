"""Well-known organisations named without a cue word ("Twitter said", "shares of Boeing"),
from `data/organisations.txt` (written for this project; read on first use)."""

from __future__ import annotations

from functools import cache

from .datafiles import data_text


@cache
def known_organisations() -> frozenset[str]:
    text = data_text("organisations.txt")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )

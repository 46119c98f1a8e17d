"""Argument types with bounds: every number on the command line is checked before use."""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_LIMIT = 1_000_000  # rows a listing prints: more than any cache holds in one view


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` for an integer in [low, high]; a bad value is a usage error."""

    def parse(text: str) -> int:
        stripped = text.strip()
        # int() takes '1_000' and Unicode digits; a bounded length keeps it cheap.
        if len(stripped) > 20 or not stripped.lstrip("+-").isascii():
            raise argparse.ArgumentTypeError(f"{_shown(text)} is not a number from {low} to {high}")
        try:
            value = int(stripped)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a number from {low} to {high}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range: {low} to {high}")
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse


def _shown(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:29] + "…")


limit = bounded_int(1, MAX_LIMIT)

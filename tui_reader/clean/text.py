"""Small text helpers shared by the cleaner's modules: whitespace and tokens."""

from __future__ import annotations

import re

from ..sanitize import without_controls

# Every Unicode space (NBSP, thin, ideographic...) and zero-width clutter become one space.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# Soft hyphens only mark where a word may break: kept, they split the word for search and
# comparison (and the terminal never shows them: sanitize.terminal_text drops them).
_SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"\w+")


def normalize_space(text: str) -> str:
    """Collapse all whitespace, NBSP included, to single spaces, drop controls and escape
    sequences (they never belong in article text), drop soft hyphens, and trim."""
    text = without_controls(text)
    if _SOFT_HYPHEN in text:
        text = text.replace(_SOFT_HYPHEN, "")
    return _SPACES.sub(" ", text).strip()


def normalize_lines(text: str) -> str:
    """Like normalize_space, but keep single line breaks (a <br> inside a paragraph)."""
    lines = (normalize_space(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long vocabularies compact)."""
    return frozenset(text.split())

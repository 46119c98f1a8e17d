"""Entities: people, places and organisations named in an article.

`extract_entities(text)` runs the built-in extractor (or spaCy with backend="spacy") and
merges aliases inside the article; entities come back ordered by first mention.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..models import Entity

if TYPE_CHECKING:
    from .merge import Mention

# Bump when the built-in extractor's output changes so the store re-extracts.
EXTRACTOR_VERSION = "builtin-15"

BACKENDS = ("builtin", "spacy")
# The extractors take time and memory in proportion to the text (the built-in one ~3 us and
# ~80 bytes a character): a 9 MB item took 31 s and 700 MB. An article's entities are named
# well before this (long reads run to ~100,000 characters); spaCy refuses text past 1,000,000.
MAX_TEXT_CHARS = 200_000

__all__ = ["BACKENDS", "EXTRACTOR_VERSION", "extract_entities", "extractor_version"]


def extractor_version(backend: str = "builtin") -> str:
    """The version string stored with an article's entities for this backend."""
    if backend == "spacy":
        from .spacy_backend import spacy_version

        return spacy_version()
    return EXTRACTOR_VERSION


def extract_entities(text: str, *, backend: str = "builtin") -> list[Entity]:
    """People, organisations and places in plain text, ordered by first mention (read as
    far as MAX_TEXT_CHARS, cut at a space so no word is cut in two)."""
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind(" ", 0, MAX_TEXT_CHARS)
        text = text[: cut if cut > 0 else MAX_TEXT_CHARS]
    if backend == "builtin":
        mentions = _builtin()(text)
    elif backend == "spacy":
        from .spacy_backend import spacy_mentions

        mentions = spacy_mentions(text)
    else:
        raise UsageError(f"unknown entities backend {backend!r} (use one of: builtin, spacy)")
    return _merge()(text, mentions)


# Here, imported on first use: importing the package stays cheap (a refresh with nothing
# new never merges). Kept, not imported again per call: five imports in a function took
# ~17 us a call, 6% of a feed summary's extraction.
@cache
def _builtin() -> Callable[[str], list[Mention]]:
    from .builtin import builtin_mentions

    return builtin_mentions


@cache
def _merge() -> Callable[[str, list[Mention]], list[Entity]]:
    from .capitals import full_names_in_capitals
    from .described import described_places
    from .introduced import introduced_names
    from .merge import merge_mentions

    def merged(text: str, mentions: list[Mention]) -> list[Entity]:
        mentions = described_places(text, full_names_in_capitals(text, mentions))
        return merge_mentions(introduced_names(text, mentions))

    return merged

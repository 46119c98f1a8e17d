"""The seed story as the project ships it: the Moscow Times page bundled with the demo.

Tests that only need the story (the app, the terminal) read it from here, so a clone with no
../shared beside it still runs them. Tests that judge the cleaner or the extractor against
../shared/data/seed's expected files mark themselves with `needs_shared(SHARED_SEED)`.
"""

from __future__ import annotations

import functools

from tests.conftest import REPO, SHARED
from tui_reader.demo import DEMO_PAGES, SEED_LINK

SHARED_SEED = SHARED / "data" / "seed"
PAGE = REPO / "tui_reader" / "data" / "demo" / "pages" / DEMO_PAGES[SEED_LINK]
TITLE = "Turkey, Syria, Russia Defense Ministers Meet for First Talks Since 2011"

# Who the story is about: each canonical name with the shorter mentions merged into it.
ENTITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "PERSON": {
        "Sergei Shoigu": (),
        "Hulusi Akar": ("Akar",),
        "Ali Mahmoud Abbas": (),
        "Recep Tayyip Erdogan": ("Erdogan",),
        "Bashar al-Assad": ("Assad",),
    },
    "PLACE": {name: () for name in ("Russia", "Turkey", "Syria", "Moscow", "Ankara", "Damascus")},
    "ORG": {
        "Russian Defense Ministry": ("Defense Ministry",),
        "Turkish Defense Ministry": (),
        "YPG": (),
    },
}


@functools.cache
def body() -> str:
    """The story's body as the cleaner gives it: its paragraphs separated by blank lines."""
    from tui_reader.clean import clean_html

    return clean_html(PAGE.read_bytes(), SEED_LINK).text

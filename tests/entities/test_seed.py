"""The seed article: its cleaned body gives exactly the expected entities, aliases merged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED, needs_shared
from tui_reader.entities import extract_entities
from tui_reader.models import Entity

SEED = SHARED / "data" / "seed"
pytestmark = needs_shared(SEED)


def _expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEED / "expected-entities.json").read_text("utf-8"))
    return data


def _count(text: str, name: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))


def _check(text: str, entities: list[Entity]) -> None:
    expected = _expected()
    want = {
        (type_, name)
        for type_, names in expected.items()
        if not type_.startswith("_")
        for name in names
    }
    got = {(e.type, e.name) for e in entities}
    assert got == want
    by_name = {e.name: e for e in entities}
    for type_, names in expected.items():
        if type_.startswith("_"):
            continue
        for name, aliases in names.items():
            entity = by_name[name]
            # Every listed short form that the body uses is merged in, and nothing else is.
            used = {a for a in aliases if a in text.replace(name, "")}
            assert used <= set(entity.aliases), (name, entity.aliases)
            assert set(entity.aliases) <= set(aliases), (name, entity.aliases)
            assert entity.count >= max(1, _count(text, name)) + len(used), name
            assert entity.first_offset == text.index(name if name in text else aliases[0])
    banned = {n.casefold() for n in expected["_not_entities_of_the_body"]}
    for entity in entities:
        assert entity.name.casefold() not in banned
        assert not banned & {a.casefold() for a in entity.aliases}


def test_seed_body_gives_exactly_the_expected_entities() -> None:
    text = (SEED / "expected-body.txt").read_text("utf-8")
    entities = extract_entities(text)
    _check(text, entities)
    offsets = [e.first_offset for e in entities]
    assert offsets == sorted(offsets)
    akar = next(e for e in entities if e.name == "Hulusi Akar")
    assert (akar.type, akar.aliases, akar.count) == ("PERSON", ("Akar",), 2)
    ministry = next(e for e in entities if e.name == "Russian Defense Ministry")
    assert ministry.aliases == ("Defense Ministry",) and ministry.count == 3
    counts = {e.name: e.count for e in entities}
    assert counts["Syria"] == 8 and counts["Recep Tayyip Erdogan"] == 2
    # "... The Turkish Defense Ministry struck a similar note ... the ministry said": counted
    # for the nearest ministry named before it, and not listed as a form.
    assert counts["Bashar al-Assad"] == 2 and counts["Turkish Defense Ministry"] == 2


def test_seed_page_through_the_cleaner() -> None:
    try:
        from tui_reader.clean import clean_html

        article = clean_html((SEED / "page.html").read_bytes(), None)
    except (ImportError, NotImplementedError) as exc:  # the cleaner is built elsewhere
        pytest.skip(f"cleaner not available yet: {exc!r}")
    _check(article.text, extract_entities(article.text))


def test_seed_whole_page_text_would_list_the_cruft() -> None:
    """The guard above means something: the raw page text does name the appeal's outlet."""
    raw = Path(SEED / "page-text.txt").read_text("utf-8")
    names = {e.name for e in extract_entities(raw)}
    assert "Moscow Times" in names or "The Moscow Times" in names

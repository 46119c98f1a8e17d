"""The optional spaCy backend: clear one-line errors when it cannot run, and the adapter
(label mapping, tidying, shared merging) exercised on a real spaCy pipeline without a model."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tui_reader.entities import extract_entities, spacy_backend
from tui_reader.entities.merge import merge_mentions
from tui_reader.errors import BackendUnavailableError, TuiReaderError


@pytest.fixture
def fresh_model_cache() -> Iterator[None]:
    spacy_backend.load_model.cache_clear()
    yield
    spacy_backend.load_model.cache_clear()


def test_missing_spacy_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, fresh_model_cache: None
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy -> ImportError
    with pytest.raises(BackendUnavailableError) as info:
        extract_entities("Angela Merkel visited Paris.", backend="spacy")
    message = str(info.value)
    assert isinstance(info.value, TuiReaderError)
    assert "\n" not in message and "pip install 'tui-reader[nlp]'" in message


def test_missing_model_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, fresh_model_cache: None
) -> None:
    spacy = pytest.importorskip("spacy")
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(BackendUnavailableError) as info:
        extract_entities("Angela Merkel visited Paris.", backend="spacy")
    message = str(info.value)
    assert "\n" not in message and "spacy download en_core_web_sm" in message


def _ruler_pipeline() -> Any:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "President Recep Tayyip Erdogan"},
            {"label": "PERSON", "pattern": [{"LOWER": "erdogan"}, {"ORTH": "'s"}]},
            {"label": "PERSON", "pattern": "Erdogan"},
            {"label": "ORG", "pattern": "the Russian Defense Ministry"},
            {"label": "ORG", "pattern": "Defense Ministry"},
            {"label": "GPE", "pattern": "U.S."},
            {"label": "GPE", "pattern": "Ankara"},
            {"label": "NORP", "pattern": "Turkish"},
            {"label": "DATE", "pattern": "Monday"},
        ]
    )
    return nlp


def test_adapter_tidies_and_merges_like_the_builtin() -> None:
    nlp = _ruler_pipeline()
    text = (
        "Turkish President Recep Tayyip Erdogan spoke on Monday in Ankara, the Russian "
        "Defense Ministry said. Erdogan's office and the U.S. agreed; the Defense Ministry "
        "did not comment."
    )
    entities = merge_mentions(spacy_backend.spacy_mentions(text, nlp))
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {
        "Recep Tayyip Erdogan",
        "Ankara",
        "Russian Defense Ministry",
        "U.S.",
    }
    assert by_name["Recep Tayyip Erdogan"].aliases == ("Erdogan",)
    assert by_name["Recep Tayyip Erdogan"].first_offset == text.index("Recep")
    assert by_name["Russian Defense Ministry"].aliases == ("Defense Ministry",)
    assert by_name["U.S."].type == "PLACE" and by_name["U.S."].aliases == ()
    assert by_name["Ankara"].type == "PLACE"

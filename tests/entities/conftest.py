"""The `backend` fixture: every contract test runs on the built-in extractor and on spaCy
(skipped, with the reason, when spaCy or an English model is not installed)."""

from __future__ import annotations

import pytest

from tui_reader.errors import BackendUnavailableError


@pytest.fixture(params=["builtin", "spacy"])
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "spacy":
        from tui_reader.entities.spacy_backend import load_model

        try:
            load_model()
        except BackendUnavailableError as exc:
            pytest.skip(str(exc))
    return name

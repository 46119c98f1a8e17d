"""Fixtures shared by every test: an isolated home and a loopback HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tui_reader.locations import HOME_ENV, Locations, locations

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Locations:
    """TUI_READER_HOME in a temporary folder: config, data and cache all live there."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    return locations()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = LoopbackServer().start()
    try:
        yield srv
    finally:
        srv.stop()

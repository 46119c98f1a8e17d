"""Fixtures shared by every test: an isolated home and a loopback HTTP server."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from tests.loopback import LoopbackServer
from tui_reader.__main__ import main
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


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Outcome]


@pytest.fixture
def cli(home: Locations) -> CliRunner:
    """The real command line, in-process, in the isolated home, capturing what it prints."""

    def run(*argv: str) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with mock.patch("sys.stdout", out), mock.patch("sys.stderr", err):
            code = main(list(argv))
        return Outcome(code, out.getvalue(), err.getvalue())

    return run

"""Fixtures shared by every test: an isolated home and a loopback HTTP server."""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from tests.loopback import LoopbackServer
from tui_reader.__main__ import main
from tui_reader.cli.loop import loop_factory
from tui_reader.locations import HOME_ENV, Locations, locations

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# .ci/run sets this: there ../shared is present, and a test that would skip for want of it fails.
REQUIRE_SHARED_ENV = "TUI_READER_REQUIRE_SHARED"


def shared_missing(path: Path) -> bool:
    """True when `path` (under ../shared) is absent and its tests should skip. In CI, where
    ../shared must be present, an absent path is an error, not a reason to skip."""
    if path.exists():
        return False
    if os.environ.get(REQUIRE_SHARED_ENV):
        raise RuntimeError(f"{path} is missing, and {REQUIRE_SHARED_ENV} says it must be there")
    return True


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip, with a one-line reason, when a fresh clone has no ../shared beside it."""
    try:
        relative = path.relative_to(SHARED.parent)
    except ValueError:
        relative = path
    reason = f"needs ../{relative} beside the checkout"
    return pytest.mark.skipif(shared_missing(path), reason=reason)


def _fetch_test(item: pytest.Item) -> bool:
    path = Path(str(item.path))
    return path.parent.name == "fetch" or path.name.startswith("test_fetch_")


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """The async fetch tests (tests/fetch, reliability/test_fetch_*) run on asyncio's own
    loop and on the one the CLI runs (cli/loop.py: uvloop where it is installed): the
    deadline, Retry-After, redirects and the size cap must hold on both. The other tests
    run on asyncio's, as the app does."""
    factories: dict[str, Callable[[], asyncio.AbstractEventLoop]] = {
        "asyncio": asyncio.new_event_loop
    }
    cli = loop_factory()
    if cli is not None and _fetch_test(item):
        factories["uvloop"] = cli
    return factories


@pytest.fixture(autouse=True, scope="session")
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A test that sets no home of its own still never writes to the user's folders."""
    if os.environ.get(HOME_ENV):
        yield
        return
    os.environ[HOME_ENV] = str(tmp_path_factory.mktemp("session-home"))
    try:
        yield
    finally:
        os.environ.pop(HOME_ENV, None)


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

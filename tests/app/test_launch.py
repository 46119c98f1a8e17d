"""launch(): the lock, the cache, the demo home, and where the styles come from."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.conftest import build_cache
from tui_reader.app import launch as launch_module
from tui_reader.app.app import ReaderApp
from tui_reader.app.styles import STYLE_FILES, styles_dir
from tui_reader.config import Config
from tui_reader.errors import AlreadyRunningError
from tui_reader.locations import Locations
from tui_reader.store.lock import writer_lock

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[ReaderApp]:
    """ReaderApp.run records the app instead of taking over the terminal."""
    started: list[ReaderApp] = []

    def fake_run(self: ReaderApp, *args: object, **kwargs: object) -> None:
        started.append(self)
        assert len(self.store.article_ids()) == 6  # the store is open while the app runs

    monkeypatch.setattr(ReaderApp, "run", fake_run)
    monkeypatch.setattr(launch_module, "_isatty", lambda stream: True)  # as in a terminal
    return started


def test_launch_opens_the_cache(home: Locations, runs: list[ReaderApp]) -> None:
    build_cache(home).store.close()
    assert launch_module.launch(home, Config(), offline=True, demo=False) == 0
    assert len(runs) == 1
    assert runs[0].offline is True


def test_second_instance_is_refused(home: Locations, runs: list[ReaderApp]) -> None:
    home.ensure()
    with writer_lock(home.lock_file), pytest.raises(AlreadyRunningError):
        launch_module.launch(home, Config(), offline=False, demo=False)
    assert runs == []


def test_demo_runs_offline_in_a_throwaway_home(
    home: Locations, runs: list[ReaderApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, int, bool]] = []
    original = launch_module._run

    def spy(locations: Locations, config: Config, *, offline: bool) -> int:
        code = original(locations, config, offline=offline)
        seen.append((locations.data_dir, len(runs), offline))
        return code

    monkeypatch.setattr(launch_module, "_run", spy)
    monkeypatch.setattr(ReaderApp, "run", _count_articles(runs))
    assert launch_module.launch(home, Config(), offline=False, demo=True) == 0
    ((data_dir, count, offline),) = seen
    assert offline is True and count == 1
    assert not data_dir.exists()  # the throwaway home is gone
    assert not home.database.exists()  # and the user's home was never touched


def _count_articles(runs: list[ReaderApp]) -> Callable[..., None]:
    def fake_run(self: ReaderApp, *args: object, **kwargs: object) -> None:
        assert len(self.store.article_ids()) >= 5  # the demo stories are in the cache
        runs.append(self)

    return fake_run


def test_styles_load_from_the_checkout() -> None:
    assert styles_dir() == REPO / "styles"
    for name in STYLE_FILES:
        assert (REPO / "styles" / name).is_file()


def test_styles_load_from_inside_the_package(tmp_path: Path) -> None:
    """A wheel force-includes styles/ as tui_reader/styles: that copy is found first."""
    import shutil

    package = tmp_path / "site" / "tui_reader"
    shutil.copytree(REPO / "tui_reader", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "styles", package / "styles")
    code = "from tui_reader.app.styles import styles_dir; print(styles_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert Path(out.stdout.strip()) == package / "styles"


_STUCK_INPUT_THREAD = """
import sys, threading, time
from tui_reader.app.launch import _end_if_input_thread_stuck
# Textual's key reader as a vanished terminal leaves it: not a daemon, never told to stop.
threading.Thread(target=lambda: time.sleep(600), name="textual-input").start()
_end_if_input_thread_stuck(int(sys.argv[1]), grace=0.2)
print("not reached")
"""


def test_a_key_reader_that_never_stops_does_not_keep_the_process_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _STUCK_INPUT_THREAD, "129"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=REPO,
    )
    assert done.returncode == 129, done.stderr
    assert "not reached" not in done.stdout


def test_a_key_reader_that_stops_is_waited_for_and_the_process_goes_on() -> None:
    script = _STUCK_INPUT_THREAD.replace("time.sleep(600)", "time.sleep(0.05)")
    done = subprocess.run(
        [sys.executable, "-c", script, "0"], capture_output=True, text=True, timeout=30, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    assert "not reached" in done.stdout

"""Reliability 17: a second instance gets a clear "already running" and writes nothing."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tui_reader.locations import HOME_ENV, Locations, locations
from tui_reader.store import open_store

TIMEOUT = 30.0


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, HOME_ENV: str(home)}
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.fixture
def cache(tmp_path: Path) -> tuple[Path, Locations]:
    home = tmp_path / "home"
    loc = locations({HOME_ENV: str(home)})
    loc.ensure()
    with open_store(loc.database) as store:
        store.add_feed("https://a.example/feed", title="Alpha")
    return home, loc


@pytest.fixture
def holder(cache: tuple[Path, Locations]) -> Iterator[subprocess.Popen[str]]:
    """A first instance holding the writer lock (as the app does while it runs)."""
    _, loc = cache
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.child", "hold", str(loc.lock_file)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
    assert ready and proc.stdout.readline().strip() == "locked"
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def test_second_writer_is_refused_with_the_pid_and_writes_nothing(
    cache: tuple[Path, Locations], holder: subprocess.Popen[str]
) -> None:
    home, loc = cache
    before = loc.database.read_bytes()
    mtime = loc.database.stat().st_mtime_ns
    result = _cli(home, "remove", "Alpha")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and "Traceback" not in result.stderr
    assert f"already running (pid {holder.pid})" in lines[0]
    assert loc.database.read_bytes() == before and loc.database.stat().st_mtime_ns == mtime
    with open_store(loc.database, readonly=True) as store:
        assert [f.title for f in store.feeds()] == ["Alpha"]


def test_readers_work_while_the_writer_runs(
    cache: tuple[Path, Locations], holder: subprocess.Popen[str]
) -> None:
    home, _ = cache
    result = _cli(home, "feeds")
    assert result.returncode == 0, result.stderr
    assert "Alpha" in result.stdout


def test_a_killed_holder_leaves_no_stale_lock(
    cache: tuple[Path, Locations], holder: subprocess.Popen[str]
) -> None:
    home, loc = cache
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    result = _cli(home, "remove", "Alpha")
    assert result.returncode == 0, result.stderr
    with open_store(loc.database, readonly=True) as store:
        assert store.feeds() == []

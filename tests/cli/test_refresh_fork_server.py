"""A cold `tui-reader refresh` asks for the workers' fork server before it imports its HTTP
client, so the server's imports run on the other core meanwhile (workers.start_fork_server);
a refresh whose feeds were all fetched before starts none up front."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.refresh import FIRST_FETCH_ITEMS

# Runs the CLI in a fresh interpreter (aiohttp not yet imported), recording each call.
_RUN = """
import runpy, sys
import tui_reader.workers as workers
def record():
    print("fork server asked; aiohttp loaded:", "aiohttp" in sys.modules, flush=True)
workers.start_fork_server = record
sys.argv = ["tui-reader", *sys.argv[1:]]
runpy.run_module("tui_reader", run_name="__main__")
"""


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def never_fetched(tmp_path: Path) -> Path:
    """A home with enough feeds never fetched to fill the pool, on a port nothing serves
    (each fails at once: connection refused)."""
    from tui_reader.processing import POOL_THRESHOLD

    feeds = -(-POOL_THRESHOLD // FIRST_FETCH_ITEMS)
    outlines = "".join(
        f'<outline type="rss" text="f{i}" xmlUrl="http://127.0.0.1:9/{i}.xml"/>'
        for i in range(feeds)
    )
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
    home = tmp_path / "home"
    done = _cli(home, "import", str(opml))
    assert done.returncode == 0, done.stderr
    return home


def test_a_cold_refresh_asks_for_the_fork_server_before_the_http_client(
    never_fetched: Path,
) -> None:
    done = _cli(never_fetched, "refresh", "--no-prefetch")
    assert "fork server asked; aiohttp loaded: False" in done.stdout, done.stdout + done.stderr
    assert done.stdout.count("fork server asked") == 1
    assert done.returncode == 1  # every feed failed, each named: the refresh itself ran
    assert "127.0.0.1:9" in done.stderr


def test_a_refresh_of_feeds_fetched_before_asks_for_none_up_front(never_fetched: Path) -> None:
    import sqlite3

    from tui_reader.locations import locations

    path = locations({"TUI_READER_HOME": str(never_fetched)}).database
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE feeds SET last_ok_at = 1")
    done = _cli(never_fetched, "refresh", "--no-prefetch")
    assert "fork server asked" not in done.stdout
    assert done.returncode == 1 and "127.0.0.1:9" in done.stderr

"""An output that cannot be written (a full disk, a closed stdout): one line or nothing,
never `internal error` (the installed program, its own process and file descriptors)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.loopback import LoopbackServer, Reply
from tests.reliability.program import program, run
from tests.samples import rss
from tui_reader.locations import HOME_ENV

FULL = Path("/dev/full")
COMMANDS = [
    ("feeds",),
    ("export",),
    ("search", "Story"),
    ("--help",),
    ("--version",),
    ("add", "--help"),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One cache for every case (each runs a process or two; the add is the slow part)."""
    env = {**os.environ, HOME_ENV: str(tmp_path_factory.mktemp("output") / "home")}
    server = LoopbackServer().start()
    try:
        items = [(f"g{n}", f"Story {n}", server.url(f"/s{n}")) for n in range(40)]
        url = server.add("/feed.xml", Reply(200, rss("Output", items)))
        assert run("add", url, env=env).returncode == 0
        yield env
    finally:
        server.stop()


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", COMMANDS)
def test_a_full_output_is_one_line_and_exit_1(env: dict[str, str], argv: tuple[str, ...]) -> None:
    # Before: `internal error: OSError: [Errno 28] No space left on device`, exit 70.
    with FULL.open("w") as full:
        result = run(*argv, env=env, stdout=full)
    assert result.returncode == 1, result.stderr
    assert result.stderr == "tui-reader: cannot write the output: No space left on device\n"
    # Nothing stored is lost: the cache still answers.
    assert "Story 3" in run("search", "Story", env=env).stdout


@pytest.mark.parametrize("argv", COMMANDS)
def test_a_closed_stdout_is_no_reader(env: dict[str, str], argv: tuple[str, ...]) -> None:
    # Before: `internal error: AttributeError: 'NoneType' object has no attribute 'write'`.
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *program(), *argv],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

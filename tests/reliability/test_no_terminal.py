"""Round two: `tui-reader` with no terminal (cron, a script, a pipe) refuses at once."""

from __future__ import annotations

import os
import pty
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.program import run
from tui_reader.locations import HOME_ENV, locations
from tui_reader.store.lock import writer_lock


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, HOME_ENV: str(tmp_path / "home")}


@pytest.fixture
def terminal() -> Iterator[int]:
    """One end of a pseudo-terminal, for the stream that is a terminal in a mixed case."""
    main, side = pty.openpty()
    try:
        yield side
    finally:
        os.close(side)
        os.close(main)


def _refused(result: subprocess.CompletedProcess[str], elapsed: float, stream: str) -> None:
    assert result.returncode == 2, result
    (line,) = result.stderr.splitlines()
    assert "needs a terminal" in line and stream in line and "tui-reader refresh" in line
    assert result.stdout == ""
    assert elapsed < 15  # the process start; before, it never exited


@pytest.mark.parametrize("argv", [(), ("--offline",), ("--demo",)])
def test_cron_like_no_stdin_no_stdout_terminal(env: dict[str, str], argv: tuple[str, ...]) -> None:
    start = time.monotonic()
    result = run(*argv, env=env, timeout=30)
    _refused(result, time.monotonic() - start, "input and output")
    # Nothing was taken or created: the next writer is not told "already running".
    loc = locations({HOME_ENV: env[HOME_ENV]})
    assert not loc.database.exists()
    with writer_lock(loc.lock_file):
        pass


def test_output_piped_from_a_terminal(env: dict[str, str], terminal: int) -> None:
    start = time.monotonic()
    result = run(env=env, timeout=30, stdin=terminal)
    _refused(result, time.monotonic() - start, "output")


def test_input_piped_into_a_terminal(env: dict[str, str], terminal: int) -> None:
    start = time.monotonic()
    result = run(env=env, timeout=30, stdout=terminal)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "needs a terminal" in line and "its input is not one" in line
    assert time.monotonic() - start < 15


def test_headless_commands_still_run_without_a_terminal(env: dict[str, str]) -> None:
    result = run("--offline", "add", "a.example", env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert run("feeds", env=env, timeout=30).returncode == 0


def test_an_output_that_cannot_hold_the_text_gets_replacements(env: dict[str, str]) -> None:
    url = "https://b\u00fccher.example/feed/\u00fc\u2026"
    ascii_env = {**env, "PYTHONIOENCODING": "ascii"}
    added = run("--offline", "add", url, env=ascii_env, timeout=30)
    assert added.returncode == 0, added.stderr  # before: internal error (UnicodeEncodeError)
    assert "xn--bcher-kva.example" in added.stdout and "?" in added.stdout
    listed = run("feeds", env=ascii_env, timeout=30)
    assert listed.returncode == 0 and listed.stdout.isascii()

"""SIGTERM and SIGHUP to the running reader: the terminal is given back, marks are kept and
the writer lock is released, as when the user quits (the installed program on a real pty)."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sqlite3
import subprocess
import time

import pytest

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.reliability.program import program
from tests.samples import rss
from tui_reader.locations import HOME_ENV, Locations
from tui_reader.store.lock import writer_lock

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


def _read_until(fd: int, seen: bytearray, wanted: bytes, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return False
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the program ended and closed its side
            return wanted in seen
        if not chunk:
            return wanted in seen
        seen += chunk
    return True


def _wait_reading(
    process: subprocess.Popen[bytes], fd: int, seen: bytearray, seconds: float
) -> int:
    """Wait for the program to end while reading what it writes: a pty whose reader stops
    fills up, and then the program blocks on its next write and never gets to exit."""
    deadline = time.monotonic() + seconds
    while (code := process.poll()) is None and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):  # OSError: it ended and closed its side
                seen += os.read(fd, 65536)
    if code is None:
        raise subprocess.TimeoutExpired(process.args, seconds)
    _read_until(fd, seen, MOUSE_OFF, 2)  # what was still in the pty when it ended
    return code


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_as_quit_does(
    cli: CliRunner, home: Locations, server: LoopbackServer, signum: int
) -> None:
    items = [(f"g{n}", f"Story {n}", server.url(f"/s{n}")) for n in range(3)]
    url = server.add("/feed.xml", Reply(200, rss("Signals", items)))
    assert cli("add", url).code == 0
    main, side = pty.openpty()
    env = {**os.environ, HOME_ENV: str(home.data_dir.parent), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [*program(), "--offline"], stdin=side, stdout=side, stderr=side, env=env, cwd=home.data_dir
    )
    os.close(side)
    seen = bytearray()
    try:
        assert _read_until(main, seen, b"3 unread", 30), bytes(seen[-400:])
        os.write(main, b"m")  # mark the article under the cursor read
        assert _read_until(main, seen, b"2 unread", 10), bytes(seen[-400:])
        mark = len(seen)
        process.send_signal(signum)
        code = _wait_reading(process, main, seen, 15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        os.close(main)
    # The default action killed it with the terminal left in the alternate screen, mouse
    # reporting on, and any mark not yet written lost.
    assert code == 128 + signum
    after = bytes(seen[mark:])
    assert LEAVE_ALTERNATE_SCREEN in after and MOUSE_OFF in after
    with sqlite3.connect(home.database) as db:
        assert db.execute("SELECT count(*) FROM items WHERE read = 1").fetchone() == (1,)
    with writer_lock(home.lock_file):  # free again
        pass
    with sqlite3.connect(home.database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)

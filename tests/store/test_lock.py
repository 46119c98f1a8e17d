"""The writer lock: one holder at a time, its pid in the message, released on exit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.errors import AlreadyRunningError
from tui_reader.store.lock import writer_lock


def test_second_holder_is_told_who_runs(tmp_path: Path) -> None:
    lock = tmp_path / "data" / "tui-reader.lock"
    with writer_lock(lock):
        assert lock.read_text().strip() == str(os.getpid())
        with pytest.raises(AlreadyRunningError) as err, writer_lock(lock):
            pass
        message = str(err.value)
        assert message.startswith(f"tui-reader is already running (pid {os.getpid()});")
        assert "\n" not in message
    # Released: the next holder gets it, and the file no longer names a process.
    assert lock.read_text() == ""
    with writer_lock(lock):
        pass


def test_lock_is_released_when_the_block_raises(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    with pytest.raises(ZeroDivisionError), writer_lock(lock):
        1 / 0  # noqa: B018
    with writer_lock(lock):
        pass


def test_a_stale_pid_file_does_not_block(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    lock.write_text("999999\n")  # left by a crash: no process holds the flock
    with writer_lock(lock):
        assert lock.read_text().strip() == str(os.getpid())

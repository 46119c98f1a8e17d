"""Reading a local file the user named, with a size and a time bound: a path can name
/dev/zero, a pipe no one writes to, a terminal or a multi-gigabyte file, and none of them
may fill memory or read forever."""

from __future__ import annotations

import errno
import os
import select
import stat
import time
from pathlib import Path

READ_SECONDS = 20.0  # a pipe or device that has not ended by then is given up on
_CHUNK = 1 << 16


class TooLargeError(OSError):
    """The file holds more than the bound (the message says both)."""


class TooSlowError(OSError):
    """A pipe or device did not end within the time bound (the message says it)."""


def read_bounded(path: Path, limit: int, *, seconds: float = READ_SECONDS) -> bytes:
    """The file's bytes, or TooLargeError past `limit` (checked while reading, so a device
    or a file that grows is stopped at the bound too), or TooSlowError when a pipe, socket
    or terminal has not ended within `seconds`. Other OSErrors pass unchanged."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode) or stat.S_ISBLK(mode) or stat.S_ISDIR(mode):
            os.set_blocking(fd, True)  # never waits for a writer; read as usual
            with os.fdopen(fd, "rb", closefd=False) as file:
                data = file.read(limit + 1)
        else:
            data = _read_waiting(fd, limit, seconds)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLargeError(f"more than {limit:,} bytes (the limit)")
    return data


def _read_waiting(fd: int, limit: int, seconds: float) -> bytes:
    """Read a pipe, socket or character device to its end, giving up after `seconds`."""
    deadline = time.monotonic() + seconds
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        left = deadline - time.monotonic()
        # Linux does not report a FIFO that never had a writer as ready: poll waits.
        if left <= 0 or not poller.poll(left * 1000):
            raise TooSlowError(errno.ETIMEDOUT, f"nothing more to read after {seconds:g} s")
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)

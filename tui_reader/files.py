"""Reading a local file the user named, with a size bound: a path can name /dev/zero,
a pipe or a multi-gigabyte file, and none of them may fill memory or read forever."""

from __future__ import annotations

from pathlib import Path


class TooLargeError(OSError):
    """The file holds more than the bound (the message says both)."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, or TooLargeError past `limit` (checked while reading, so a device
    or a file that grows is stopped at the bound too). Other OSErrors pass unchanged."""
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"more than {limit:,} bytes (the limit)")
    return data

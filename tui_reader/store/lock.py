"""One writer at a time: an flock on a lock file that holds the writer's pid.

flock is released by the kernel when the holder exits in any way (kill -9 included), so a
stale lock file never blocks the next start. Readers (search, feeds, export) never need it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import AlreadyRunningError, StoreError


def _holder_pid(fd: int) -> str:
    try:
        data = os.pread(fd, 32, 0)
    except OSError:
        return "unknown"
    pid = data.decode("ascii", "replace").strip()
    return pid if pid.isdigit() else "unknown"


@contextlib.contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    """Hold the writer lock at `path` for the duration of the block.

    Raises AlreadyRunningError when another process (or another holder in this one) has it,
    and StoreError when the lock file cannot be created.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the lock file {path}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunningError(
                f"tui-reader is already running (pid {_holder_pid(fd)}); quit it first "
                "(read-only commands such as search and feeds still work)"
            ) from None
        except OSError as exc:
            raise StoreError(f"cannot lock {path}: {exc.strerror}") from exc
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError as exc:
            # The pid is only for the message a second instance shows; the lock itself holds.
            if exc.errno not in (errno.ENOSPC, errno.EROFS):
                raise StoreError(f"cannot write the lock file {path}: {exc.strerror}") from exc
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

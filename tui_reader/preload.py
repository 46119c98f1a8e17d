"""Imported by the workers' fork server only (workers.PRELOAD): importing it loads, once,
what a refresh's feed-only tasks read, so every worker forked after starts with it.

Each worker used to load it itself with its first task or its warm-up: the entity tables
(gazetteer, given names, known words), the modules imported on first use, and feedparser
(fastfeed.py's date parser and helpers): ~0.1-0.2 s of CPU a worker. The tables are the
package's own data files, so the server reads what any worker would.

Nothing here may start a thread (the server forks) or stop the server: a failure leaves
each worker to load what it needs, as before. In the server, its exit skips the teardown
(_end_at_once).
"""

from __future__ import annotations

import contextlib
import os
import sys
from types import FrameType


def _in_fork_server() -> bool:
    """Whether this import runs inside multiprocessing's fork server (its main() imports
    the preload modules), not in a process that imported this module for another reason."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "main" and (
            frame.f_globals.get("__name__") == "multiprocessing.forkserver"
        ):
            return True
        frame = frame.f_back
    return False


def _end_at_once() -> None:
    """The fork server's exit, less the interpreter's teardown: the refresh waits for it
    at its own exit (workers.py: so its CPU counts in the refresh's children), and freeing
    the cleaner's and the entity tables' objects one by one took ~60 ms of that wait. The
    server holds nothing to write; its workers have gone (they end with os._exit too)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(0)


def _load() -> None:
    from .fetch.fastfeed import load
    from .processing import warm_up

    load()
    # The default backend's tables; another backend loads its own in each worker.
    warm_up("builtin", pages=False)


with contextlib.suppress(Exception):
    _load()


if _in_fork_server():
    import atexit

    from .workers import output_to_devnull

    # The server's output goes nowhere, as its workers' does: a worker forked just as its
    # pool stops (a refresh ending at once: a full disk) fails before its own redirection,
    # and its traceback was printed under the refresh's one-line error.
    with contextlib.suppress(OSError):
        output_to_devnull()
    atexit.register(_end_at_once)  # the last registered: it runs first

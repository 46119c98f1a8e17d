"""`tui-reader` with no command: take the writer lock, open the cache, run the app."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TextIO

from ..config import Config, load_config
from ..errors import UsageError
from ..locations import Locations


def demo_locations(base: Path) -> Locations:
    return Locations(base / "config", base / "data", base / "cache")


def _need_terminal(out: TextIO) -> None:
    """The reader reads keys from stdin and draws on stdout: without a terminal on both
    (cron, a script, a pipe) Textual would never exit, spin a core and hold the writer lock."""
    missing = [
        name
        for name, stream in (("input", sys.stdin), ("output", out))
        if stream is None or not _isatty(stream)
    ]
    if missing:
        raise UsageError(
            f"the reader needs a terminal, and its {' and '.join(missing)} is not one; "
            "in scripts and cron use `tui-reader refresh` (see tui-reader --help)"
        )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed or replaced streams
        return False


def _note(line: str) -> None:
    """A line before the app takes the screen (an upgrade of a large cache takes seconds)."""
    from ..sanitize import terminal_stream

    print(f"tui-reader: {line}", file=terminal_stream(sys.stderr), flush=True)


def launch(
    locations: Locations, config: Config, *, offline: bool, demo: bool, out: TextIO | None = None
) -> int:
    """Run the app; the cache opens at once and any refresh happens in the background."""
    _need_terminal(sys.stdout if out is None else out)
    code = _launch(locations, config, offline=offline, demo=demo)
    _end_if_input_thread_stuck(code)
    return code


def _launch(locations: Locations, config: Config, *, offline: bool, demo: bool) -> int:
    if not demo:
        return _run(locations, config, offline=offline)
    # A throwaway home so the demo never mixes with (or writes to) the user's cache.
    base = Path(tempfile.mkdtemp(prefix="tui-reader-demo-"))
    try:
        demo_home = demo_locations(base)
        demo_home.ensure()
        from ..demo import prepare_demo

        prepare_demo(demo_home)
        return _run(demo_home, load_config(demo_home.config_file), offline=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


# Textual's key reader is not a daemon thread and loops on an end-of-file stdin without
# stopping; it is told to stop when the app leaves application mode, which a terminal that
# vanished mid-exit (a killed tmux session) can prevent. The interpreter would then wait for it
# at exit forever while it spins a core (seen: orphans at 30% CPU for 40 minutes).
_INPUT_THREAD = "textual-input"
_INPUT_THREAD_GRACE = 3.0  # seconds; it stops within 0.1 s when told to


def _end_if_input_thread_stuck(code: int, grace: float = _INPUT_THREAD_GRACE) -> None:
    """Called when everything of ours is written and closed: the process ends with `code`
    even when Textual's key reader never stops."""
    deadline = time.monotonic() + grace
    for thread in threading.enumerate():
        if thread.name != _INPUT_THREAD or thread is threading.current_thread():
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(OSError, ValueError, AttributeError):  # gone
                    stream.flush()
            os._exit(code)


def _run(locations: Locations, config: Config, *, offline: bool) -> int:
    from ..store import open_store
    from ..store.lock import writer_lock

    locations.ensure()
    # The lock first: a second instance must fail before it opens (or writes) anything.
    with writer_lock(locations.lock_file):
        store = open_store(locations.database, notice=_note)
        try:
            from .app import ReaderApp

            app = ReaderApp(store, config, offline=offline, config_path=locations.config_file)
            app.run()
        finally:
            store.close()
    return app.return_code or 0

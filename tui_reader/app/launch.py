"""`tui-reader` with no command: take the writer lock, open the cache, run the app."""

from __future__ import annotations

import shutil
import sys
import tempfile
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

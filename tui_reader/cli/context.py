"""What every command needs: paths, config and the global flags, resolved once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from ..config import Config, load_config
from ..locations import Locations, locations
from ..sanitize import terminal_stream

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Context:
    locations: Locations
    offline: bool = False
    # Every command prints through these: the terminal gate is on the stream itself, so no
    # print path can forget it (feed titles in OPML, file names in warnings, JSON strings).
    out: TextIO = field(default_factory=lambda: terminal_stream(sys.stdout))
    err: TextIO = field(default_factory=lambda: terminal_stream(sys.stderr))

    def __post_init__(self) -> None:
        self.out, self.err = terminal_stream(self.out), terminal_stream(self.err)

    @cached_property
    def config(self) -> Config:
        return load_config(self.locations.config_file)

    def open_store(self, *, readonly: bool = False) -> Store:
        from ..store import open_store

        if not readonly:
            self.locations.ensure()
        return open_store(
            self.locations.database, readonly=readonly, notice=lambda line: self.note(line)
        )

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store, with the writer lock held: a second writer gets "already running"."""
        from ..store.lock import writer_lock

        self.locations.ensure()
        with writer_lock(self.locations.lock_file):
            store = self.open_store()
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The store for queries; read-only, so it works while the app holds the lock."""
        from ..errors import NeedsUpgradeError

        if not self.locations.database.exists():
            # First run: create the empty database (needs the lock like any write).
            with self.writing():
                pass
        try:
            store = self.open_store(readonly=True)
        except NeedsUpgradeError:
            # The first command after an upgrade of tui-reader may be a query: it migrates
            # (under the writer lock, so not while another instance writes) and goes on.
            with self.writing():
                pass
            store = self.open_store(readonly=True)
        try:
            yield store
        finally:
            store.close()

    def note(self, message: str) -> None:
        print(f"tui-reader: {message}", file=self.err, flush=True)

    def warn(self, message: str) -> None:
        print(f"tui-reader: warning: {message}", file=self.err)

    @classmethod
    def from_environment(cls, *, offline: bool = False) -> Context:
        return cls(locations=locations(), offline=offline)

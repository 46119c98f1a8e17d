"""What the sync engine asks of a server, whichever protocol it speaks.

Ids are the server's, as strings; item ids are unique across the server's feeds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Container, Sequence
from typing import Protocol

from ..models import RemoteFeed, RemoteItem

__all__ = ["PageFn", "RemoteFeed", "RemoteItem", "Service", "UNREACHABLE", "unreachable"]

# How every "the server did not answer" message starts (the header tells it apart by this).
UNREACHABLE = "cannot reach"


def unreachable(label: str, reason: object) -> str:
    return f"{UNREACHABLE} {label}: {reason}"


PageFn = Callable[[Sequence[RemoteItem]], Awaitable[None]]


class Service(Protocol):
    """One account on one server. Every method raises SyncError with one line on failure."""

    @property
    def label(self) -> str:
        """The server as messages name it, e.g. "TT-RSS at http://host/" (no credentials)."""
        ...

    async def login(self) -> None: ...

    async def feeds(self) -> list[RemoteFeed]: ...

    async def new_items(self, cursor: str | None, known: Container[str], on_page: PageFn) -> str:
        """Hand every item the server has that is newer than `cursor` (and not in `known`) to
        `on_page`, a page at a time; returns the cursor for the next sync. The cursor only
        moves on once every page was handed over, so a sync cut short starts again there."""
        ...

    async def feed_items(self, feed_id: str, known: Container[str], on_page: PageFn) -> None:
        """Every item of one feed not in `known` (a feed newly followed after the first
        sync: its items may be older than the cursor)."""
        ...

    async def unread_ids(self) -> set[str]: ...

    async def starred_ids(self) -> set[str]: ...

    async def set_read(self, ids: Sequence[str], read: bool) -> None: ...

    async def set_starred(self, ids: Sequence[str], starred: bool) -> None: ...

    async def subscribe(self, url: str, category: str | None = None) -> str:
        """Subscribe to `url`; returns the new (or existing) feed's id."""
        ...

    async def unsubscribe(self, feed_id: str) -> None: ...

    async def mark_feed_read(self, feed_id: str) -> None: ...

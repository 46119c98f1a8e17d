"""Refresh with [sync] set: the sync, then the one pipeline for what it brought.

Items from the server go through the same steps as any other (tui_reader/refresh.py): their
pages are fetched, cleaned and entity-indexed by `refresh_feeds`, which also fetches the
feeds the server does not carry, directly, as it always does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import SyncError
from ..models import Feed
from .engine import MessageFn, SyncReport, sync_once

if TYPE_CHECKING:
    from ..refresh import ProgressFn, RefreshReport
    from ..store import Store


@dataclass(frozen=True, slots=True)
class SyncedRefresh:
    sync: SyncReport | None
    error: str | None  # the sync's one-line failure (the local feeds were still refreshed)
    refresh: RefreshReport | None  # None when the sync failed and `stop_on_error` was set


async def refresh_with_sync(
    store: Store,
    config: Config,
    feeds: Sequence[Feed] | None = None,
    *,
    prefetch: bool = True,
    stop_on_error: bool = False,
    on_message: MessageFn | None = None,
    on_progress: ProgressFn | None = None,
    worker_niceness: int = 0,
    prune: bool = False,
) -> SyncedRefresh:
    """Sync, then run the pipeline over `feeds` among those the server does not carry (all
    of them when None; pass [] to only fetch, clean and index what the sync brought). Feeds
    passed are the user's to name: fetched even when gone or asked to wait (refresh_feeds).
    worker_niceness and prune are refresh_feeds' own."""
    from ..fetch.http import HttpClient
    from ..refresh import refresh_feeds

    async with HttpClient(config.fetch) as http:
        report: SyncReport | None = None
        error: str | None = None
        try:
            report = await sync_once(store, config, http, on_message=on_message)
        except SyncError as exc:
            if stop_on_error:
                return SyncedRefresh(None, str(exc), None)
            error = str(exc)
        unsynced = set(await asyncio.to_thread(store.unsynced_feed_ids))
        if feeds is None:
            local = [f for f in await asyncio.to_thread(store.feeds) if f.id in unsynced]
        else:
            local = [f for f in feeds if f.id in unsynced]
        refreshed = await refresh_feeds(
            store,
            config,
            local,
            prefetch=prefetch,
            on_progress=on_progress,
            client=http,
            named=feeds is not None,
            worker_niceness=worker_niceness,
            prune=prune,
        )
    return SyncedRefresh(report, error, refreshed)

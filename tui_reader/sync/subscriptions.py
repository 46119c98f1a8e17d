"""Subscribing and unsubscribing with [sync] set: the server is told, so every home follows.

`add` subscribes here as always (its items are read at once) and then on the server, in the
feed's first tag as category; the next sync maps the server's feed to this one by URL. When
the server cannot be told, the feed stays subscribed here only and the caller says so.
`remove` of a feed the server carries unsubscribes there first: removed only here, the next
sync would bring it back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..config import Config
from .credentials import password
from .engine import sync_config
from .service import make_service

if TYPE_CHECKING:
    from ..store import Store


async def subscribe_on_server(config: Config, url: str, tags: Sequence[str] = ()) -> str:
    """Subscribe the server to `url`; its feed id. SyncError when it cannot be told."""
    from ..fetch.http import HttpClient

    sync = sync_config(config)
    secret = await asyncio.to_thread(password, sync)
    async with HttpClient(config.fetch) as http:
        service = make_service(sync, http, secret)
        return await service.subscribe(url, tags[0] if tags else None)


async def unsubscribe_on_server(store: Store, config: Config, feed_id: int) -> int:
    """Unsubscribe the server from a local feed it carries; how many server feeds that was
    (0: the server does not carry it). SyncError when the server cannot be told."""
    from ..fetch.http import HttpClient

    server_ids = await asyncio.to_thread(store.server_feed_ids, feed_id)
    if not server_ids:
        return 0
    sync = sync_config(config)
    secret = await asyncio.to_thread(password, sync)
    async with HttpClient(config.fetch) as http:
        service = make_service(sync, http, secret)
        for server_id in server_ids:
            await service.unsubscribe(server_id)
    return len(server_ids)

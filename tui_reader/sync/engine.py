"""The sync engine: one two-way sync of the cache with the server in [sync].

Offline first: the cache stays the truth the app reads. A sync pulls the server's
subscriptions (categories and folders become tags), its new items (stored a page at a time,
so a sync cut short keeps what arrived and no item is stored twice) and the read/starred
state of every item both sides know; then it pushes the local marks and applies the
server's changes.

For each item and field the server's state at the last sync is kept. Against it, a change on
either side shows. A local change is a queued mark (or a state that differs from that
baseline, made while no [sync] was set); it is pushed unless the server already agrees. A
server change is applied here when this side did not change the field. When both changed
the field since the last sync, the later change wins: neither protocol says when a change
was made on the server, only that it happened since the last sync, while the local mark was
made since that sync too and is the one this side has not yet told the server; it is taken
as the later and pushed. Marks stay queued until the server has taken them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Config, SyncConfig
from ..errors import SyncError, UsageError
from ..models import RemoteItem, SyncStatus
from ..store.sync import FIELDS, Field, Pushed, QueuedMark, SyncedItem
from .credentials import password
from .protocol import UNREACHABLE, Service
from .service import make_service

if TYPE_CHECKING:
    from ..fetch.http import HttpClient
    from ..store import Store

MessageFn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Plan:
    """What a sync does once both sides' states are known."""

    pushes: tuple[Pushed, ...]  # local changes the server must take
    settled: tuple[Pushed, ...]  # local changes the server already agrees with
    changes: tuple[tuple[str, Field, bool], ...]  # server changes to apply here


@dataclass(frozen=True, slots=True)
class SyncReport:
    server: str
    feeds: int
    new_items: int
    pushed: int  # local marks the server took
    pulled: int  # changes from the server applied here
    seconds: float

    def summary(self) -> str:
        return (
            f"synced with {self.server} in {self.seconds:.1f} s: {self.feeds} feeds, "
            f"{self.new_items} new items, {self.pushed} marks pushed, "
            f"{self.pulled} changes from the server"
        )


def plan(
    items: Sequence[SyncedItem],
    marks: Sequence[QueuedMark],
    unread: set[str],
    starred: set[str],
) -> Plan:
    """Decide each field of each item the server knows (see the module's docstring)."""
    latest = {(m.item_id, m.field): m for m in marks}
    pushes: list[Pushed] = []
    settled: list[Pushed] = []
    changes: list[tuple[str, Field, bool]] = []
    for item in items:
        server = {"read": item.server_id not in unread, "starred": item.server_id in starred}
        base = {"read": item.server_read, "starred": item.server_starred}
        local = {"read": item.read, "starred": item.starred}
        for field in FIELDS:
            mark = latest.get((item.item_id, field))
            intent: bool | None
            if mark is not None:
                intent = mark.value
            elif local[field] != base[field]:
                intent = local[field]
            else:
                intent = None
            if intent is not None:
                target = pushes if intent != server[field] else settled
                target.append(Pushed(item.server_id, field, intent, mark.id if mark else None))
            elif server[field] != base[field]:
                changes.append((item.server_id, field, server[field]))
    return Plan(tuple(pushes), tuple(settled), tuple(changes))


def sync_config(config: Config) -> SyncConfig:
    if config.sync is None:
        raise UsageError('no [sync] section in config.toml: see README, "Sync"')
    return config.sync


def problem(status: SyncStatus) -> str | None:
    """The header's few words on the last failed sync (None after a good one)."""
    if status.last_error is None:
        return None
    if status.last_error.startswith(UNREACHABLE):
        return "sync server unreachable"
    return "sync server refused"


def _kept(pending: int) -> str:
    if not pending:
        return ""
    return f"; {pending} local mark{'s' if pending != 1 else ''} kept for the next sync"


async def sync_once(
    store: Store,
    config: Config,
    http: HttpClient,
    *,
    on_message: MessageFn | None = None,
) -> SyncReport:
    """One two-way sync; SyncError (one line, saying how many marks stay queued) when the
    server cannot be reached, refuses, or stops answering half-way."""
    sync = sync_config(config)
    started = time.monotonic()
    say = on_message or (lambda _: None)
    cursor = await asyncio.to_thread(store.sync_account, sync.service, sync.url, sync.username)
    try:
        secret = await asyncio.to_thread(password, sync)
        service = make_service(sync, http, secret)
        say(f"logging in to {service.label}")
        feeds, new_items, pushed, pulled = await _sync(store, service, cursor, say)
    except SyncError as exc:
        await asyncio.to_thread(store.sync_failed, str(exc), now=time.time())
        status = await asyncio.to_thread(store.sync_status)
        raise SyncError(f"{exc}{_kept(status.pending)}") from None
    seconds = time.monotonic() - started
    return SyncReport(service.label, feeds, new_items, pushed, pulled, seconds)


async def _sync(
    store: Store, service: Service, cursor: str | None, say: MessageFn
) -> tuple[int, int, int, int]:
    await service.login()
    say("reading subscriptions")
    remote = await service.feeds()
    feed_ids = await asyncio.to_thread(store.sync_subscriptions, remote)
    known = await asyncio.to_thread(store.sync_known_ids)
    # Items mapped before this sync need the server's state lists; new ones come with theirs
    # (a first sync of tens of thousands of items then skips as many requests again).
    had_items = bool(await asyncio.to_thread(store.synced_item_count))
    new_ids: list[int] = []

    async def store_page(items: Sequence[RemoteItem]) -> None:
        new_ids.extend(
            await asyncio.to_thread(store.store_synced_items, items, feed_ids, now=time.time())
        )
        say(f"new items: {len(new_ids)}")

    next_cursor = await service.new_items(cursor, known, store_page)
    if cursor is None:
        # A first sync asked for every item there is.
        await asyncio.to_thread(store.sync_filled, None)
    else:
        # Feeds followed since the last sync (added on the server, deleted here and followed
        # again, or cut short): their items can be older than the cursor.
        unfilled = await asyncio.to_thread(store.unfilled_feed_ids)
        for feed in [f for f in remote if f.id in unfilled]:
            say(f"items of {feed.title or feed.url}")
            known = await asyncio.to_thread(store.sync_known_ids)
            await service.feed_items(feed.id, known, store_page)
            await asyncio.to_thread(store.sync_filled, [feed.id])
    if had_items:
        say("reading read and starred states")
        unread = await service.unread_ids()
        starred = await service.starred_ids()
    # Read after the server's states, so marks made meanwhile are in the plan.
    items = await asyncio.to_thread(store.synced_items)
    if not had_items:
        # Every item arrived in this sync, with the server's state as its baseline.
        unread = {i.server_id for i in items if not i.server_read}
        starred = {i.server_id for i in items if i.server_starred}
    marks = await asyncio.to_thread(store.queued_marks)
    todo = plan(items, marks, unread, starred)
    if todo.settled:
        await asyncio.to_thread(store.sync_pushed, todo.settled)
    if todo.pushes:
        say(f"pushing {len(todo.pushes)} marks")
    for group in _groups(todo.pushes):
        ids = [p.server_id for p in group]
        first = group[0]
        if first.field == "read":
            await service.set_read(ids, first.value)
        else:
            await service.set_starred(ids, first.value)
        await asyncio.to_thread(store.sync_pushed, group)
    pulled = await asyncio.to_thread(store.sync_apply, todo.changes)
    await asyncio.to_thread(store.sync_finished, next_cursor, now=time.time())
    return len(remote), len(new_ids), len(todo.pushes), pulled


def _groups(pushes: Sequence[Pushed]) -> list[list[Pushed]]:
    """Pushes by (field, value): one call marks many items."""
    groups: dict[tuple[Field, bool], list[Pushed]] = {}
    for p in pushes:
        groups.setdefault((p.field, p.value), []).append(p)
    return list(groups.values())

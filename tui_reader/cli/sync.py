"""Sync commands: sync, mark; and `refresh` when [sync] is set."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..models import Feed
from . import loop
from .context import Context
from .output import ProgressBar, safe

if TYPE_CHECKING:
    from ..store import Store

MARKS = {
    "read": {"read": True},
    "unread": {"read": False},
    "star": {"starred": True},
    "unstar": {"starred": False},
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="two-way sync with the server in [sync] (exit 1 if it cannot be reached)",
        description=(
            "Pull subscriptions (categories and folders become tags), new items and every "
            "item's read/starred state from the server in config.toml's [sync]; push the "
            "marks made here since the last sync; fetch and clean the new items' pages. "
            "When the server cannot be reached, marks stay queued for the next sync."
        ),
    )
    p.add_argument(
        "--no-prefetch", action="store_true", help="do not fetch new items' article pages"
    )
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser(
        "mark",
        help="mark articles read, unread, starred or unstarred",
        description=(
            "Set articles' state here; with [sync] set it is queued for the server and "
            "pushed by the next sync. IDs are the numbers `search --format jsonl` prints."
        ),
    )
    p.add_argument("state", choices=list(MARKS), help="the new state")
    p.add_argument("ids", nargs="+", metavar="ID", help="article ids")
    p.set_defaults(handler=cmd_mark)


def _ids(values: list[str]) -> list[int]:
    ids = []
    for value in values:
        if not (value.strip().isascii() and value.strip().isdigit()):  # not '١٢' or '²'
            raise UsageError(f"not an article id: {value!r} (ids are numbers)")
        ids.append(int(value))
    return ids


def cmd_mark(args: argparse.Namespace, ctx: Context) -> int:
    ids = _ids(args.ids)
    queue = ctx.config.sync is not None
    with ctx.writing() as store:
        store.mark(ids, **MARKS[args.state], queue=queue, now=time.time())
    noun = "article" if len(ids) == 1 else "articles"
    starred = {"star": "starred", "unstar": "unstarred"}
    where = " (queued for the server)" if queue else ""
    print(f"marked {len(ids)} {noun} {starred.get(args.state, args.state)}{where}", file=ctx.out)
    return 0


def tell_server_added(ctx: Context, url: str, tags: list[str]) -> None:
    """After `add` with [sync] set: subscribe the server too, or warn that it is not."""
    from ..errors import SyncError
    from ..sync.subscriptions import subscribe_on_server

    try:
        loop.run(subscribe_on_server(ctx.config, url, tags))
    except SyncError as exc:
        ctx.warn(f"subscribed here only, the sync server was not told: {safe(str(exc), 300)}")
        return
    print("the sync server follows it too", file=ctx.out)


def tell_server_removed(ctx: Context, store: Store, feed: Feed) -> None:
    """Before `remove` with [sync] set: unsubscribe the server from a feed it carries
    (SyncError stops the removal: removed only here, the next sync would restore it)."""
    from ..sync.subscriptions import unsubscribe_on_server

    if ctx.offline and store.server_feed_ids(feed.id):
        raise UsageError(
            f"{safe(feed.name, 80)} is on the sync server; removing it needs the network, "
            "and --offline was given"
        )
    if loop.run(unsubscribe_on_server(store, ctx.config, feed.id)):
        print(f"unsubscribed the sync server from {safe(feed.name, 80)}", file=ctx.out)


def _progress(ctx: Context) -> tuple[ProgressBar, Any, Any]:
    from ..refresh import Progress

    bar = ProgressBar(ctx.err)

    def message(text: str) -> None:
        # Steps show on a terminal only: piped, a failed sync is one line and nothing else.
        bar.note(text)

    def progress(p: Progress) -> None:
        label = p.message if p.feed is None else f"{p.feed.name}: {p.message}"
        if bar.tty:
            bar.update(p.done, p.total, label)
        elif p.feed is not None:
            bar.line(f"{p.done}/{p.total} {safe(label, 160)}")

    return bar, message, progress


def cmd_sync(args: argparse.Namespace, ctx: Context) -> int:
    from ..sync.engine import sync_config
    from ..sync.refresh import refresh_with_sync

    sync_config(ctx.config)
    if ctx.offline:
        raise UsageError("sync needs the network, and --offline was given")
    bar, message, progress = _progress(ctx)
    with ctx.writing() as store:
        outcome = loop.run(
            refresh_with_sync(
                store,
                ctx.config,
                [],
                prefetch=ctx.config.fetch.prefetch and not args.no_prefetch,
                stop_on_error=True,
                on_message=message,
                on_progress=progress,
            )
        )
    bar.finish()
    if outcome.sync is None:
        print(f"sync failed: {safe(outcome.error, 400)}", file=ctx.err)
        return 1
    summary = outcome.sync.summary()
    if outcome.refresh is not None and (outcome.refresh.pages_ok or outcome.refresh.pages_failed):
        summary += (
            f"; pages: {outcome.refresh.pages_ok} fetched, {outcome.refresh.pages_failed} failed"
        )
    print(safe(summary), file=ctx.out)
    return 0


def refresh_synced(args: argparse.Namespace, ctx: Context) -> int:
    """`refresh` with [sync] set: sync, then fetch the feeds the server does not carry."""
    from ..sync.refresh import refresh_with_sync
    from .feeds import _need_network, _resolve, print_failures

    _need_network(ctx, "refresh")
    bar, message, progress = _progress(ctx)
    with ctx.writing() as store:
        feeds = _resolve(store, args.feed) if args.feed else None
        outcome = loop.run(
            refresh_with_sync(
                store,
                ctx.config,
                feeds,
                prefetch=ctx.config.fetch.prefetch and not args.no_prefetch,
                on_message=message,
                on_progress=progress,
                prune=True,
            )
        )
    bar.finish()
    failed = False
    if outcome.error is not None:
        print(f"sync failed: {safe(outcome.error, 400)}", file=ctx.err)
        failed = True
    if outcome.sync is not None:
        print(safe(outcome.sync.summary()), file=ctx.out)
    if outcome.refresh is not None:
        failed = print_failures(ctx, outcome.refresh) or failed
        if outcome.refresh.results:
            print(outcome.refresh.summary(), file=ctx.out)
    return 1 if failed else 0

"""Feed commands: add, remove, feeds, import, export, refresh, search."""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError, UsageError
from ..files import TooLargeError, read_bounded
from ..models import ArticleFilter, ArticleRow, Feed
from . import loop
from .args import limit
from .context import Context
from .output import ProgressBar, ago, day, safe

MAX_OPML_BYTES = 64 * 1024 * 1024  # 10,000 subscriptions are about 1.5 MB
MAX_WARNINGS_SHOWN = 50

if TYPE_CHECKING:
    from ..refresh import Progress, RefreshReport


def register(sub: Any) -> None:
    p = sub.add_parser("add", help="subscribe to a feed, or a site whose feed is discovered")
    p.add_argument("url", help="feed URL or web-site URL")
    p.add_argument("--tag", "-t", action="append", default=[], help="tag (repeatable)")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("remove", help="unsubscribe (starred articles are kept)")
    p.add_argument("feed", nargs="+", help="feed id, URL or title (see `feeds`)")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("feeds", help="list feeds with their status and errors")
    p.set_defaults(handler=cmd_feeds)

    p = sub.add_parser("import", help="import feeds from an OPML file")
    p.add_argument("file", type=Path, help="OPML 1.0/2.0 file; nested outlines become tags")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="print all feeds as OPML 2.0")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("refresh", help="refresh feeds headlessly (exit 1 if any failed)")
    p.add_argument("feed", nargs="*", help="feed ids, URLs or titles (default: all)")
    p.add_argument(
        "--no-prefetch", action="store_true", help="do not fetch new items' article pages"
    )
    p.set_defaults(handler=cmd_refresh)

    p = sub.add_parser("search", help="full-text search of the cache")
    p.add_argument("query", nargs="?", default="", help="words to look for")
    p.add_argument("--entity", help="list cached articles that mention this person/place/org")
    p.add_argument("--limit", type=limit, default=50, help="at most this many results (50)")
    p.add_argument(
        "--format",
        choices=("text", "jsonl"),
        default="text",
        help="text (default) or jsonl: one JSON object per article with its id (for `mark`), "
        "feed, title, link, published (ISO 8601, UTC), read and starred",
    )
    p.set_defaults(handler=cmd_search)


def _resolve(store: Any, keys: list[str]) -> list[Feed]:
    feeds = []
    for key in keys:
        feed = store.find_feed(key)
        if feed is None:
            raise NotFoundError(f"no feed {key!r} (see `tui-reader feeds` for ids)")
        feeds.append(feed)
    return feeds


def _need_network(ctx: Context, what: str) -> None:
    if ctx.offline:
        raise UsageError(f"{what} needs the network, and --offline was given")


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from ..refresh import normalise_url, subscribe

    if ctx.offline:
        # Subscribe without checking; the next online refresh fetches it.
        with ctx.writing() as store:
            feed = store.add_feed(normalise_url(args.url), tags=args.tag)
        print(f"added {safe(feed.url)} (offline: not checked yet)", file=ctx.out)
        return 0
    bar, progress = _progress(ctx)
    with ctx.writing() as store:
        try:
            sub = loop.run(subscribe(store, ctx.config, args.url, args.tag, on_progress=progress))
        finally:
            bar.finish()
    if sub.revived:  # subscribed already: the server knows it, nothing more to tell
        print(
            f"[{sub.feed.id}] {safe(sub.feed.name, 80)} <{safe(sub.feed.url)}> was marked gone "
            f"and answers again: refreshed with the others from now on, {sub.new_items} new items",
            file=ctx.out,
        )
        return 0
    found = f" (discovered on {safe(sub.discovered_from)})" if sub.discovered_from else ""
    print(
        f"added [{sub.feed.id}] {safe(sub.feed.name, 80)} <{safe(sub.feed.url)}>{found}, "
        f"{sub.new_items} items",
        file=ctx.out,
    )
    if ctx.config.sync is not None:
        from .sync import tell_server_added

        tell_server_added(ctx, sub.feed.url, args.tag)
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.writing() as store:
        for feed in _resolve(store, args.feed):
            if ctx.config.sync is not None:
                from .sync import tell_server_removed

                tell_server_removed(ctx, store, feed)
            store.remove_feed(feed.id)
            print(f"removed [{feed.id}] {safe(feed.name, 80)}", file=ctx.out)
    return 0


def _status(feed: Feed, now: float) -> str:
    from ..refresh import retry_wait

    if feed.gone_at is not None:
        return (
            f"GONE (HTTP 410 {ago(feed.gone_at, now)}, last ok {ago(feed.last_ok_at, now)}): "
            f"not refreshed with the others; `refresh {feed.id}` (or `add` of its URL) asks it "
            f"again, `remove {feed.id}` unsubscribes"
        )
    if feed.error_count:
        since = f"{feed.error_count} failure{'s' if feed.error_count > 1 else ''}"
        status = (
            f"ERROR ({since}, last ok {ago(feed.last_ok_at, now)}): {safe(feed.last_error, 90)}"
        )
        wait = retry_wait(feed, now)
        if wait:
            status += f"; the server asked to wait {_duration(wait)} more"
        return status
    if feed.last_ok_at is None:
        return "not refreshed yet"
    return f"ok {ago(feed.last_ok_at, now)}"


def _duration(seconds: float) -> str:
    """3599 -> '59m', 82799 -> '22h59m'."""
    hours, minutes = divmod(int(seconds) // 60, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m" if minutes else f"{int(seconds)} s"


def cmd_feeds(args: argparse.Namespace, ctx: Context) -> int:
    now = time.time()
    with ctx.reading() as store:
        feeds = store.feeds()
    if not feeds:
        print("no feeds yet: add one with `tui-reader add URL`", file=ctx.out)
        return 0
    for feed in feeds:
        tags = f" #{' #'.join(safe(t) for t in feed.tags)}" if feed.tags else ""
        print(
            f"[{feed.id}] {safe(feed.name, 60)}{tags}  {feed.unread}/{feed.total} unread\n"
            f"     {safe(feed.url)}\n     {_status(feed, now)}",
            file=ctx.out,
        )
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from ..errors import DuplicateFeedError
    from ..fetch.opml import parse_opml

    try:
        # A pipe given as the file gets the same deadline as a request.
        data = read_bounded(Path(args.file), MAX_OPML_BYTES, seconds=ctx.config.fetch.timeout)
    except TooLargeError as exc:
        raise UsageError(f"{safe(str(args.file))} is too large for an OPML file ({exc})") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {safe(str(args.file))}: {exc.strerror}") from exc
    result = parse_opml(data)
    for warning in result.warnings[:MAX_WARNINGS_SHOWN]:
        ctx.warn(warning)
    if len(result.warnings) > MAX_WARNINGS_SHOWN:  # a hostile file can hold millions
        ctx.warn(f"... and {len(result.warnings) - MAX_WARNINGS_SHOWN} more like these")
    added = duplicates = 0
    with ctx.writing() as store:
        for entry in result.entries:
            try:
                store.add_feed(
                    entry.url, title=entry.title, tags=entry.tags, site_url=entry.site_url
                )
                added += 1
            except DuplicateFeedError:
                duplicates += 1
    print(
        f"imported {added} feeds from {safe(str(args.file))} ({duplicates} already subscribed, "
        f"{len(result.warnings)} skipped)",
        file=ctx.out,
    )
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from ..fetch.opml import export_opml

    with ctx.reading() as store:
        feeds = store.feeds()
    ctx.out.write(export_opml(feeds))
    return 0


def _progress(ctx: Context) -> tuple[ProgressBar, Callable[[Progress], None]]:
    """The bar on a terminal (feeds, pages and cleaning counts); piped, a line per feed and
    one when each later stage begins."""
    bar = ProgressBar(ctx.err)
    said: set[str] = set()

    def progress(p: Progress) -> None:
        if bar.tty:
            label = f"{p.feed.name}: {p.message}" if p.feed is not None else p.message
            bar.update(p.done, p.total, f"{p.counts()}  {label}")
        elif p.feed is not None:
            bar.line(f"{p.done}/{p.total} {safe(f'{p.feed.name}: {p.message}', 160)}")
        elif p.message not in said and p.message not in ("refreshing", "done"):
            said.add(p.message)
            bar.line(safe(p.message, 160))

    return bar, progress


def cmd_refresh(args: argparse.Namespace, ctx: Context) -> int:
    if ctx.config.sync is not None:
        from .sync import refresh_synced

        return refresh_synced(args, ctx)
    _need_network(ctx, "refresh")
    bar, shown = _progress(ctx)
    # A refresh starts with imports (asyncio, aiohttp, the store) and its first round of
    # requests: objects that live as long as the process, which the collector went over
    # ~100 times and found nothing to free (~20 ms of the ~0.3 s CPU of a warm refresh).
    # So it is off until the first feed is answered, and those objects are frozen then.
    # Whatever way the refresh ends (no feeds, an error, interrupted), the collector is on
    # again afterwards: main() may run in a longer-lived process (the tests do).
    gc.disable()
    try:
        return _refresh(args, ctx, bar, shown)
    finally:
        gc.enable()


def _refresh(
    args: argparse.Namespace, ctx: Context, bar: ProgressBar, shown: Callable[[Progress], None]
) -> int:
    from ..refresh import refresh_feeds

    def progress(p: Progress) -> None:
        if p.feed is not None and not gc.isenabled():
            gc.freeze()
            gc.enable()
        shown(p)

    with ctx.writing() as store:
        named = bool(args.feed)
        # Read once: the refresh takes this list rather than reading every feed again.
        feeds = _resolve(store, args.feed) if named else store.feeds(counts=False)
        if not feeds:
            print("no feeds yet: add one with `tui-reader add URL`", file=ctx.out)
            return 0
        try:
            report = loop.run(
                refresh_feeds(
                    store,
                    ctx.config,
                    feeds,
                    prefetch=ctx.config.fetch.prefetch and not args.no_prefetch,
                    on_progress=progress,
                    prune=True,
                    named=named,
                )
            )
        finally:
            bar.finish()
    failed = print_failures(ctx, report)
    print(report.summary(), file=ctx.out)
    return 1 if failed else 0


def print_failures(ctx: Context, report: RefreshReport) -> bool:
    """One line on stderr for each feed and each item that failed; whether any did."""
    from ..refresh import feed_error_summary

    for result in report.failed:
        print(f"failed: {feed_error_summary(result)}", file=ctx.err)
    for line in report.item_failures:
        print(f"failed: {safe(line, 400)}", file=ctx.err)
    return bool(report.failed or report.item_failures)


def _print_rows(ctx: Context, rows: list[ArticleRow]) -> None:
    for row in rows:
        mark = "*" if row.starred else ("N" if not row.read else " ")
        print(
            f"{mark} {day(row.published)}  {safe(row.feed_title, 24):<24}  {safe(row.title, 100)}"
            f"\n    {safe(row.link or '')}",
            file=ctx.out,
        )


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    if not args.query.strip() and not args.entity:
        raise UsageError("search needs QUERY or --entity NAME")
    with ctx.reading() as store:
        if args.entity:
            matches = store.find_entity(args.entity)
            if not matches:
                raise NotFoundError(f"no cached article mentions {args.entity!r}")
            ids: list[int] = []
            for entity in matches:
                ids.extend(store.article_ids(ArticleFilter(entity_id=entity.id)))
            if args.query.strip():
                hits = {r.id for r in store.search(args.query, limit=100_000)}
                ids = [i for i in ids if i in hits]
            rows = store.article_rows(list(dict.fromkeys(ids))[: args.limit])
        else:
            rows = store.search(args.query, limit=args.limit)
    if args.format == "jsonl":
        _print_jsonl(ctx, rows)
        return 0
    if not rows:
        print("no matches", file=ctx.out)
        return 0
    _print_rows(ctx, rows)
    return 0


def _print_jsonl(ctx: Context, rows: list[ArticleRow]) -> None:
    """One object a line, for scripts. ASCII only: feed text with control or bidi characters
    is escaped, never sent raw to a terminal, and every value survives exactly."""
    import json
    from datetime import UTC, datetime

    for row in rows:
        published = (
            datetime.fromtimestamp(row.published, UTC).isoformat().replace("+00:00", "Z")
            if row.published is not None
            else None
        )
        record = {
            "id": row.id,
            "feed": row.feed_title,
            "title": row.title,
            "link": row.link,
            "published": published,
            "read": row.read,
            "starred": row.starred,
        }
        print(json.dumps(record, ensure_ascii=True), file=ctx.out)

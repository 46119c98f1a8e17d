"""One pipeline for the CLI and the app: fetch -> parse -> store -> prefetch -> clean -> entities.

Network work is async (one shared HttpClient bounds concurrency per host and overall); every
blocking step (feedparser, SQLite writes, the cleaner) runs in a thread so the event loop that
drives the app never waits on them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

from .config import Config
from .errors import FeedParseError, FetchError
from .models import Feed, ParsedFeed
from .processing import process_pending
from .sanitize import terminal_text
from .urls import normalise_url

if TYPE_CHECKING:
    from .fetch.http import HttpClient, Response
    from .store import Store

Status = Literal["ok", "not-modified", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after each feed (and once per prefetch phase) to the CLI bar or the app header."""

    done: int
    total: int
    feed: Feed | None
    message: str


@dataclass(frozen=True, slots=True)
class FeedResult:
    feed: Feed
    status: Status
    new_items: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    results: tuple[FeedResult, ...]
    pages_ok: int = 0
    pages_failed: int = 0
    cleaned: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.status == "error"]

    @property
    def new_items(self) -> int:
        return sum(r.new_items for r in self.results)

    def summary(self) -> str:
        counts = {s: sum(1 for r in self.results if r.status == s) for s in ("ok", "not-modified")}
        parts = [
            f"{len(self.results)} feeds in {self.seconds:.1f} s",
            f"{counts['ok']} updated ({self.new_items} new items)",
            f"{counts['not-modified']} not modified",
            f"{len(self.failed)} failed",
        ]
        skipped = sum(1 for r in self.results if r.status == "skipped")
        if skipped:
            parts.append(f"{skipped} waiting (Retry-After)")
        if self.pages_ok or self.pages_failed:
            parts.append(f"pages: {self.pages_ok} fetched, {self.pages_failed} failed")
        return "refreshed " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Subscription:
    feed: Feed
    discovered_from: str | None = None  # the page whose feed was found, when given a site
    new_items: int = 0


ProgressFn = Callable[[Progress], None]


async def _parse(response: Response) -> ParsedFeed:
    from .fetch.feeds import parse_feed

    return await asyncio.to_thread(parse_feed, response.body, response.headers, response.url)


async def _refresh_one(store: Store, client: HttpClient, feed: Feed, now: float) -> FeedResult:
    from .fetch.http import FEED_ACCEPT

    if feed.retry_after and feed.retry_after > now:
        wait = int(feed.retry_after - now)
        return FeedResult(feed, "skipped", error=f"server asked to wait {wait} s more")
    try:
        response = await client.get(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
        )
        if response.status == 304:
            # Recorded by the caller in one transaction with the others (see refresh_feeds).
            return FeedResult(feed, "not-modified")
        parsed = await _parse(response)
    except (FetchError, FeedParseError) as exc:
        retry = getattr(exc, "retry_after", None)
        await asyncio.to_thread(
            store.record_feed_error,
            feed.id,
            str(exc),
            now=now,
            retry_after=retry,  # seconds; the store keeps the epoch time to wait for
        )
        return FeedResult(feed, "error", error=str(exc))
    new_ids = await _store_parsed(store, feed.id, response, parsed, now)
    return FeedResult(feed, "ok", new_items=len(new_ids))


async def _store_parsed(
    store: Store, feed_id: int, response: Response, parsed: ParsedFeed, now: float
) -> list[int]:
    """One transaction: the feed's items, title and the validators for the next GET."""
    return await asyncio.to_thread(
        store.record_feed_ok,
        feed_id,
        parsed,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        now=now,
        final_url=response.permanent_url,  # a 302/307 keeps the subscription's URL
    )


async def _prefetch_pages(store: Store, client: HttpClient) -> tuple[int, int]:
    """Fetch and store the page of every item never tried (new ones, and those added by `add`
    or a --no-prefetch refresh); each item is tried once, a failure is recorded, not raised."""
    from .fetch.http import PAGE_ACCEPT

    todo = await asyncio.to_thread(store.items_without_page, None)

    async def one(item_id: int, link: str) -> bool:
        try:
            response = await client.get(link, accept=PAGE_ACCEPT)
        except FetchError as exc:
            await asyncio.to_thread(
                store.store_page, item_id, status=str(exc), html=None, url=link, now=time.time()
            )
            return False
        await asyncio.to_thread(
            store.store_page,
            item_id,
            status="ok",
            html=response.body,
            url=response.url,
            now=time.time(),
        )
        return True

    outcomes = await asyncio.gather(*(one(i, link) for i, link in todo))
    ok = sum(outcomes)
    return ok, len(outcomes) - ok


async def refresh_feeds(
    store: Store,
    config: Config,
    feeds: Sequence[Feed] | None = None,
    *,
    prefetch: bool = True,
    on_progress: ProgressFn | None = None,
    client: HttpClient | None = None,
    process: bool = True,
) -> RefreshReport:
    """Refresh `feeds` (all when None) concurrently; one failing feed never stops the others."""
    started = time.monotonic()
    if feeds is None:
        feeds = await asyncio.to_thread(store.feeds)
    total = len(feeds)
    now = time.time()
    results: list[FeedResult] = []

    def report(message: str, feed: Feed | None) -> None:
        if on_progress is not None:
            on_progress(Progress(len(results), total, feed, message))

    async with _ClientScope(client, config) as http:
        if on_progress is not None:
            on_progress(Progress(0, total, None, "refreshing"))
        pending = [asyncio.ensure_future(_refresh_one(store, http, f, now)) for f in feeds]
        for done in asyncio.as_completed(pending):
            result = await done
            results.append(result)
            report(result.error or result.status, result.feed)
        # A warm refresh is mostly 304s: one commit for all of them, not one per feed.
        unchanged = [r.feed.id for r in results if r.status == "not-modified"]
        if unchanged:
            await asyncio.to_thread(store.record_feeds_not_modified, unchanged, now=now)
        pages_ok = pages_failed = 0
        if prefetch:
            report("fetching article pages", None)
            pages_ok, pages_failed = await _prefetch_pages(store, http)
    cleaned = 0
    if process:
        # Also picks up items cleaned by an older cleaner version: cheap when nothing is due.
        report("cleaning articles", None)
        cleaned = await asyncio.to_thread(process_pending, store, config)
    order = {f.id: i for i, f in enumerate(feeds)}
    results.sort(key=lambda r: order.get(r.feed.id, 0))
    return RefreshReport(
        tuple(results), pages_ok, pages_failed, cleaned, time.monotonic() - started
    )


class _ClientScope:
    """Use the caller's client, or own one for the duration of the refresh."""

    def __init__(self, client: HttpClient | None, config: Config) -> None:
        self._given = client
        self._config = config
        self._owned: HttpClient | None = None

    async def __aenter__(self) -> HttpClient:
        if self._given is not None:
            return self._given
        from .fetch.http import HttpClient

        self._owned = HttpClient(self._config.fetch)
        return await self._owned.__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        if self._owned is not None:
            await self._owned.__aexit__(None, None, None)


async def subscribe(
    store: Store,
    config: Config,
    url: str,
    tags: Sequence[str] = (),
    *,
    client: HttpClient | None = None,
) -> Subscription:
    """Add a feed by its URL or by a site URL whose feed is discovered; stores its items."""
    from .fetch.discover import CANDIDATE_PATHS, feed_links, looks_like_feed
    from .fetch.http import FEED_ACCEPT

    url = normalise_url(url)
    async with _ClientScope(client, config) as http:
        response = await http.get(url, accept=FEED_ACCEPT)
        discovered_from: str | None = None
        if looks_like_feed(response.body, response.headers):
            parsed = await _parse(response)
        else:
            page = response
            candidates = feed_links(page.body, page.url)
            candidates += [urljoin(page.url, p) for p in CANDIDATE_PATHS]
            found = await _first_feed(http, dict.fromkeys(candidates))
            if found is None:
                raise FeedParseError(
                    f"no feed found at {url}: it is a web page with no feed link, and none of "
                    f"{', '.join(CANDIDATE_PATHS)} is a feed"
                )
            response, parsed = found
            discovered_from = page.url
    feed = await asyncio.to_thread(
        store.add_feed,
        response.permanent_url,
        title=parsed.title,
        tags=tags,
        site_url=parsed.site_url,
    )
    new_ids = await _store_parsed(store, feed.id, response, parsed, time.time())
    feed = await asyncio.to_thread(store.feed, feed.id)
    return Subscription(feed, discovered_from, len(new_ids))


async def _first_feed(
    http: HttpClient, candidates: dict[str, None]
) -> tuple[Response, ParsedFeed] | None:
    """Try candidate feed URLs in order of preference; the first that parses wins."""
    from .fetch.discover import looks_like_feed
    from .fetch.http import FEED_ACCEPT

    for candidate in candidates:
        try:  # the client refuses anything but http(s) with a FetchError
            response = await http.get(candidate, accept=FEED_ACCEPT)
            if response.status != 200 or not looks_like_feed(response.body, response.headers):
                continue
            return response, await _parse(response)
        except (FetchError, FeedParseError):
            continue
    return None


def feed_error_summary(result: FeedResult, *, name_chars: int = 80, error_chars: int = 400) -> str:
    """One line for a failed feed, naming it, safe to print: the name and the error (which
    can quote the server) are cut separately, so a long feed name never hides the reason."""
    name = terminal_text(result.feed.name, single_line=True, max_chars=name_chars)
    error = terminal_text(result.error or "failed", single_line=True, max_chars=error_chars)
    return f"{name}: {error}"


__all__ = [
    "Progress",
    "FeedResult",
    "RefreshReport",
    "Subscription",
    "refresh_feeds",
    "subscribe",
    "process_pending",
    "normalise_url",
]

"""One pipeline for the CLI, the app and the demo: fetch -> parse -> store -> pages -> clean
-> entities -> prune, with the stages overlapping.

Feeds are fetched concurrently (one shared HttpClient bounds requests in flight overall and
per host). Each feed is parsed as soon as it arrives (in a worker process when the refresh is
big enough to have them, else a thread) and stored at once, so its items are listed while the
others are still on the way; its items' pages are fetched next and cleaned as they arrive, a
chunk at a time in the worker processes, while the network is still busy. Every store write
goes through one writer thread that commits whatever queued up together. Memory stays
bounded: at most PAGE_WINDOW_BYTES of fetched pages wait for the cleaner at once.

A failure in one feed, item or page is recorded against it and the rest goes on; only a
failure of the cache itself (a full disk) or of a whole stage stops the refresh, as a
StageError that names the stage, after every task has been awaited or cancelled.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from .config import Config
from .errors import FeedParseError, FetchError, StageError, StoreError
from .models import Feed, ParsedFeed
from .processing import (
    POOL_THRESHOLD,
    TASK_SECONDS,
    Cleaned,
    Cleaner,
    CleanJob,
    clean_pending,
    index_stale_entities,
    jobs_for,
    parse_and_clean,
    process_pending,
    store_cleaned,
    warm_up,
)
from .sanitize import terminal_text
from .urls import normalise_url
from .workers import PoolUnavailable, WorkerError, WorkerPool, start_fork_server

if TYPE_CHECKING:
    from .fetch.http import HttpClient, Response
    from .store import Store

# skipped: the server's Retry-After has not passed; gone: it answered 410 Gone before.
Status = Literal["ok", "not-modified", "error", "skipped", "gone"]
Stage = Literal["feeds", "pages", "cleaning", "entities", "pruning"]

PARSE_SECONDS = 30.0  # wall-clock bound of one feed's parse in a worker
PAGE_WINDOW_BYTES = 48 * 1024 * 1024  # fetched pages waiting for the cleaner, at most
PAGE_WINDOW_PAGES = 32  # pages between their request and their clean, at most
# Cleaning a fetched page costs ~30x an item with only its feed text (~20 ms against ~0.7).
PAGE_WEIGHT = 30
PROGRESS_SECONDS = 0.1  # page and cleaning counts are reported at most this often
# 304s recorded per write while other feeds are still on the way: a warm refresh's one
# commit of all 500 came after the last reply (~1 ms of UPDATEs, and the fsync that starts
# a new WAL: 0.5-4 ms here) and held up its end; now only the last few remain for then.
NOT_MODIFIED_BATCH = 64
GONE_NOTE = "the feed is gone for good; refreshes of all feeds no longer ask it"


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after each feed, and as pages and cleaning advance, to the CLI bar or the
    app header. `listed` is set when new items were just stored (the list can show them);
    `cleaned_ids` are the items whose clean article was just stored."""

    done: int
    total: int
    feed: Feed | None
    message: str
    pages_done: int = 0
    pages_total: int = 0
    cleaned: int = 0
    to_clean: int = 0
    listed: bool = False
    cleaned_ids: tuple[int, ...] = ()

    def counts(self) -> str:
        """ "feeds 120/500 · pages 3,400/10,000 · cleaning 200/10,000", the stages begun."""
        parts = [f"feeds {self.done:,}/{self.total:,}"]
        if self.pages_total:
            parts.append(f"pages {self.pages_done:,}/{self.pages_total:,}")
        if self.to_clean:
            parts.append(f"cleaning {self.cleaned:,}/{self.to_clean:,}")
        return " · ".join(parts)


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
    item_failures: tuple[str, ...] = ()  # one line each, naming the feed and the item
    pruned: int = 0

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
            parts.append(f"{skipped} left waiting (the server's Retry-After)")
        gone = sum(1 for r in self.results if r.status == "gone")
        if gone:
            parts.append(f"{gone} gone (HTTP 410; not asked)")
        if self.pages_ok or self.pages_failed:
            parts.append(f"pages: {self.pages_ok} fetched, {self.pages_failed} failed")
        if self.item_failures:
            parts.append(f"{len(self.item_failures)} items failed")
        return "refreshed " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Subscription:
    feed: Feed
    discovered_from: str | None = None  # the page whose feed was found, when given a site
    new_items: int = 0
    revived: bool = False  # it was subscribed already, marked gone, and answers again


ProgressFn = Callable[[Progress], None]


async def _parse_here(response: Response) -> ParsedFeed:
    from .fetch.feeds import parse_feed

    return await asyncio.to_thread(parse_feed, response.body, response.headers, response.url)


def retry_wait(feed: Feed, now: float) -> float:
    """Seconds the server asked us to wait before asking `feed` again (0: none). A stored
    time is capped too, from the error that set it: a cache written before
    parse_retry_after's cap may hold years."""
    from .fetch.http import MAX_RETRY_AFTER

    until = feed.retry_after
    if until is None:
        return 0.0
    if feed.last_error_at is not None:
        until = min(until, feed.last_error_at + MAX_RETRY_AFTER)
    return max(0.0, until - now)


def _internal(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"


class _PageWindow:
    """Bytes of fetched pages not yet cleaned: a page waits while the window is full (one
    page always fits, however big, so nothing waits forever)."""

    def __init__(self, max_bytes: int, max_pages: int) -> None:
        self._max_bytes = max_bytes
        self._max_pages = max_pages
        self._bytes = 0
        self._pages = 0
        self._changed = asyncio.Condition()

    async def take(self, size: int) -> None:
        async with self._changed:
            await self._changed.wait_for(
                lambda: (
                    self._pages == 0
                    or (self._bytes + size <= self._max_bytes and self._pages < self._max_pages)
                )
            )
            self._bytes += size
            self._pages += 1

    async def give(self, size: int) -> None:
        async with self._changed:
            self._bytes -= size
            self._pages -= 1
            self._changed.notify_all()


class _Refresh:
    """One run of the pipeline: its tasks, counts and progress."""

    def __init__(
        self,
        store: Store,
        config: Config,
        http: HttpClient,
        *,
        total: int,
        prefetch: bool,
        process: bool,
        on_progress: ProgressFn | None,
        workers: int | None,
        niceness: int = 0,
        prune: bool = False,
        named: bool = False,
    ) -> None:
        from .writer import BatchWriter

        self.store = store
        self.config = config
        self.http = http
        self.prefetch = prefetch
        self.process = process
        self.on_progress = on_progress
        self.workers = workers
        self.niceness = niceness
        self.prune = prune
        self.named = named
        self.now = time.time()
        self.total = total
        self.results: list[FeedResult] = []
        self.not_modified: list[int] = []
        self.pages_total = self.pages_ok = self.pages_failed = 0
        self.item_failures: list[str] = []
        self.stage: Stage = "feeds"
        self.write = BatchWriter(store)
        self.pool: WorkerPool | None = None
        self._pool_task: asyncio.Task[None] | None = None
        self._forking: asyncio.Future[None] | None = None
        self._forked: WorkerPool | None = None  # the pool of _forking (self.pool once up)
        self._lane = asyncio.Lock()  # this process's one feed at a time while workers start
        self.cleaner = Cleaner(store, config, write=self.write, pool=None, on_cleaned=self._cleaned)
        self._window = _PageWindow(PAGE_WINDOW_BYTES, PAGE_WINDOW_PAGES)
        # Pages still to fetch, by host, and the tasks fetching them (at most
        # PAGE_WINDOW_PAGES): a task per page, made as its feed arrived, held ~1.6 KB each
        # while it waited its turn (16 MB of the refresh process for 10,000 pages). The
        # hosts take turns: a feed's pages are on one host, and taken in the order queued,
        # most fetchers waited on its per-host limit while the cleaner ran dry.
        self._pages: dict[str, deque[CleanJob]] = {}
        self._turns: deque[str] = deque()
        self._waiting = 0
        self._fetchers = 0
        # The parsers are imported once, in one thread, before any feed is parsed: the
        # first feeds arriving together imported them from several threads at once, and
        # one saw a half-initialised module (ImportError). Only when a feed has changed: a
        # warm refresh (all 304) never needs them.
        self._parsers: asyncio.Future[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._failure: BaseException | None = None  # the first task's failure, kept
        self._last_report = 0.0
        self._cleaned_ids: list[int] = []

    # -- progress ----------------------------------------------------------------------
    def report(
        self,
        message: str,
        feed: Feed | None = None,
        *,
        listed: bool = False,
        cleaned_ids: Sequence[int] = (),
        force: bool = False,
    ) -> None:
        if self.on_progress is None:
            return
        now = time.monotonic()
        if not (force or feed is not None or listed) and (
            now - self._last_report < PROGRESS_SECONDS
        ):
            return
        self._last_report = now
        cleaned_ids = [*cleaned_ids, *self._cleaned_ids]
        self._cleaned_ids = []
        counts = self.cleaner.counts
        self.on_progress(
            Progress(
                len(self.results),
                self.total,
                feed,
                message,
                self.pages_ok + self.pages_failed,
                self.pages_total,
                counts.done,
                counts.queued,
                listed,
                tuple(cleaned_ids),
            )
        )

    def _cleaned(self, ids: Sequence[int]) -> None:
        # Reported with the next progress (at most every PROGRESS_SECONDS), not one message
        # per chunk: each one costs the app a header repaint.
        self._cleaned_ids.extend(ids)
        self.report("cleaning articles")

    # -- the worker pool -----------------------------------------------------------------
    def _work(self) -> int:
        """Cleaning work queued so far, in feed-only items (a page costs PAGE_WEIGHT)."""
        return self.cleaner.counts.queued + self.pages_total * PAGE_WEIGHT

    def want_pool(self, items: int) -> None:
        """Start the pool (in the background) once the work is big enough to pay for it:
        `items` queued so far, scaled by the feeds still to come."""
        if self._pool_task is not None or self.workers == 0 or not items:
            return
        expected = items * self.total / max(1, len(self.results) + 1)
        if expected < POOL_THRESHOLD and self.workers is None:
            return
        pool = WorkerPool(self.workers, niceness=self.niceness)
        self.cleaner.expect_pool()

        # The thread forking the workers outlives a cancelled start(): close() waits for
        # it and stops what it started (a refresh failing early left the workers running
        # and the process never exited).
        self._forking = asyncio.ensure_future(
            asyncio.to_thread(pool.start, warm_up, self.config.entities.backend, self.prefetch)
        )
        self._forked = pool

        async def start() -> None:
            assert self._forking is not None
            try:
                await asyncio.shield(self._forking)
            except PoolUnavailable:
                self.cleaner.use_pool(None)  # no processes here: cleaned in threads
                return
            except BaseException:
                # A bug: the stage stops, named; the chunks held for the pool must not
                # keep the cleaner waiting for it (the refresh never ended).
                self.cleaner.use_pool(None)
                raise
            self.pool = pool
            self.cleaner.use_pool(pool)

        self._pool_task = self.spawn(start(), self.stage)

    async def parse(
        self, feed: Feed, response: Response
    ) -> tuple[ParsedFeed, dict[str, Cleaned] | None]:
        """In a worker, bounded, when there are workers (plain RSS by lxml there too: ~2.5
        ms a feed of 20 items held the GIL from the loop and the writer); else in a
        thread. In a worker its new entries are cleaned from their feed text in the same
        task (processing.parse_and_clean; None: not cleaned yet)."""
        from .fetch.feeds import parse_feed

        if self._parsers is None:
            self._parsers = asyncio.ensure_future(asyncio.to_thread(_import_parsers))
        await asyncio.shield(self._parsers)
        args = (response.body, response.headers, response.url)
        extra: tuple[str, frozenset[str], bool] | None = None
        if self.process:
            # A feed never fetched has nothing stored: no read of its guids.
            known = frozenset[str]()
            if feed.last_ok_at is not None:
                known = await asyncio.to_thread(self.store.feed_guids, feed.id)
            extra = (self.cleaner.backend, known, self.prefetch)
        if self.pool is None and self._pool_task is not None:
            here = await self._while_pool_starts(args, extra)
            if here is not None:
                return here
        if self.pool is None:
            return await _parse_here(response), None
        if extra is not None:
            try:
                return await self.pool.run(
                    parse_and_clean, *args, *extra, timeout=PARSE_SECONDS + TASK_SECONDS
                )
            except WorkerError:
                pass  # an entry that hangs the cleaner: parsed alone, cleaned item by item
        return await self.pool.run(parse_feed, *args, timeout=PARSE_SECONDS), None

    async def _while_pool_starts(
        self,
        args: tuple[bytes, Mapping[str, str], str],
        extra: tuple[str, frozenset[str], bool] | None,
    ) -> tuple[ParsedFeed, dict[str, Cleaned]] | None:
        """While the workers are being forked (a new fork server imports for ~1 s of one
        core), the feeds wait for them, but one at a time this process parses and cleans
        one itself, in a thread: a cold refresh has its answers in by then and the other
        core sat idle. Not when this process keeps its core for itself (the app, whose
        workers are niced) or there is no cleaning. None: the pool's turn (ready or gone)."""
        assert self._pool_task is not None
        pool_ready = self._pool_task
        if self.niceness or extra is None:
            await asyncio.wait({pool_ready})
            return None
        turn = asyncio.ensure_future(self._lane.acquire())
        await asyncio.wait({turn, pool_ready}, return_when=asyncio.FIRST_COMPLETED)
        if not turn.done():
            turn.cancel()
            return None
        try:
            if pool_ready.done():
                return None
            return await asyncio.to_thread(parse_and_clean, *args, *extra)
        finally:
            self._lane.release()

    # -- tasks ---------------------------------------------------------------------------
    def spawn(self, coro: Any, stage: Stage) -> asyncio.Task[Any]:
        """A task of `stage`; a failure that escapes it stops the refresh, named."""

        async def guarded() -> Any:
            try:
                return await coro
            except (asyncio.CancelledError, StageError):
                raise
            except Exception as exc:
                raise StageError(stage, exc) from exc

        task = asyncio.ensure_future(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        # Kept here: a task that failed before settle() looked (the pool's start, at the
        # beginning) had left the set, and its failure was never raised.
        self._tasks.discard(task)
        if not task.cancelled() and self._failure is None:
            self._failure = task.exception()

    async def settle(self) -> None:
        """Every task awaited: the first failure (a stage stopping) is raised."""
        while self._failure is None and self._tasks:
            await asyncio.wait(self._tasks, return_when=asyncio.FIRST_EXCEPTION)
        if self._failure is not None:
            raise self._failure

    async def close(self) -> None:
        """Cancel what still runs and wait for it; stop the workers and the writer."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.cleaner.cancel()
        if self._parsers is not None:
            await asyncio.gather(self._parsers, return_exceptions=True)
        if self._pool_task is not None:
            await asyncio.gather(self._pool_task, return_exceptions=True)
        if self._forking is not None:
            await asyncio.gather(self._forking, return_exceptions=True)
        if self._forked is not None and self._forked.started:
            await asyncio.to_thread(self._forked.close)
        await self.write.close()

    # -- feeds ---------------------------------------------------------------------------
    async def feed(self, feed: Feed) -> None:
        try:
            result = await self._feed(feed)
        except StoreError:
            raise  # the cache itself failed: the stage stops
        except FetchError as exc:
            error = f"{exc}: {GONE_NOTE}" if exc.gone else str(exc)
            result = await self._feed_failed(feed, error, exc.retry_after, gone=exc.gone)
        except (FeedParseError, WorkerError) as exc:
            result = await self._feed_failed(feed, str(exc), None)
        except Exception as exc:  # noqa: BLE001 - a bug met on this feed's data: it alone fails
            result = await self._feed_failed(feed, _internal(exc), None)
        self.results.append(result)
        self.report(result.error or result.status, feed, listed=result.new_items > 0)

    async def _feed_failed(
        self, feed: Feed, error: str, retry: float | None, *, gone: bool = False
    ) -> FeedResult:
        await self.write(_record_error, self.store, feed.id, error, self.now, retry, gone)
        return FeedResult(feed, "error", error=error)

    async def _feed(self, feed: Feed) -> FeedResult:
        from .fetch.http import FEED_ACCEPT

        if not self.named:  # a feed the user names is fetched now, whatever it said before
            if feed.gone_at is not None:
                return FeedResult(feed, "gone", error="gone (HTTP 410): not asked")
            wait = retry_wait(feed, self.now)
            if wait:
                return FeedResult(feed, "skipped", error=f"server asked to wait {wait:.0f} s more")
        response = await self.http.get(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
        )
        if response.status == 304:
            self.not_modified.append(feed.id)
            if len(self.not_modified) >= NOT_MODIFIED_BATCH:
                batch, self.not_modified = self.not_modified, []
                await self.write(_record_not_modified, self.store, batch, self.now)
            return FeedResult(feed, "not-modified")
        parsed, cleaned = await self.parse(feed, response)
        if cleaned is None:
            new_ids = await self.write(_record_ok, self.store, feed.id, parsed, response, self.now)
            await self.queue_items(new_ids)
            return FeedResult(feed, "ok", new_items=len(new_ids))
        version = self.cleaner.version
        args = (self.store, feed.id, parsed, response, self.now, cleaned, version)
        new_ids, done, articles = await self.write(_record_ok_cleaned, *args)
        self.cleaner.stored(done, articles)
        # New items cleaned here after all: a page to fetch, or stored under a guid the
        # worker was told was known (it churned) or saw twice.
        finished = set(done)
        await self.queue_items([i for i in new_ids if i not in finished])
        return FeedResult(feed, "ok", new_items=len(new_ids))

    # -- pages and cleaning ----------------------------------------------------------------
    async def queue_pages(self, item_ids: Sequence[int]) -> None:
        for start in range(0, len(item_ids), 256):
            chunk = item_ids[start : start + 256]
            jobs = await asyncio.to_thread(jobs_for, self.store, chunk)
            self.pages_total += len(jobs)
            self.want_pool(self._work())
            self._queue_pages(jobs)

    async def queue_items(self, new_ids: Sequence[int]) -> None:
        """New items: their pages are fetched (prefetch), the others cleaned from the feed."""
        if not new_ids or not self.process:
            return
        jobs = await asyncio.to_thread(jobs_for, self.store, new_ids)
        self.want_pool(self._work() + len(jobs) * (PAGE_WEIGHT if self.prefetch else 1))
        with_page = []
        if self.prefetch:
            linked = {i for i, _ in await asyncio.to_thread(self.store.items_without_page, new_ids)}
            with_page = [job for job in jobs if job.item_id in linked]
        with_page_ids = {job.item_id for job in with_page}
        self.cleaner.add([job for job in jobs if job.item_id not in with_page_ids])
        self.pages_total += len(with_page)
        self._queue_pages(with_page)

    def _queue_pages(self, jobs: Sequence[CleanJob]) -> None:
        """Fetched by up to PAGE_WINDOW_PAGES tasks at once: each host's in the order
        queued, the hosts in turn."""
        for job in jobs:
            host = urlsplit(job.link or "").netloc.lower()
            waiting = self._pages.get(host)
            if waiting is None:
                waiting = self._pages[host] = deque()
                self._turns.append(host)
            waiting.append(job)
        self._waiting += len(jobs)
        while self._fetchers < min(PAGE_WINDOW_PAGES, self._waiting):
            self._fetchers += 1
            self.spawn(self._fetch_pages(), "pages")

    def _next_page(self) -> CleanJob:
        host = self._turns.popleft()
        waiting = self._pages[host]
        job = waiting.popleft()
        if waiting:
            self._turns.append(host)
        else:
            del self._pages[host]
        self._waiting -= 1
        return job

    async def _fetch_pages(self) -> None:
        try:
            while self._waiting:
                await self.page(self._next_page())
        finally:
            self._fetchers -= 1

    async def page(self, job: CleanJob) -> None:
        """Fetch, store and clean one item's page; a failure is recorded, never raised.

        A page is between its request and its clean in one of at most PAGE_WINDOW_PAGES
        tasks (a response body is held from the moment it arrives), and at most
        PAGE_WINDOW_BYTES of them once fetched: fetching runs ahead of cleaning, bounded.
        """
        response = await self._fetch_page(job)
        body, status, url, content_type = response
        size = len(body or b"")
        await self._window.take(size)
        try:
            # The page goes to the cleaner without waiting for its own commit. Its write still
            # goes first: this task runs before any chunk's is started (the loop's order),
            # and the writer keeps the order of its writes.
            recorded = asyncio.ensure_future(
                self.write(_record_page, self.store, job.item_id, status, body, url, content_type)
            )
            cleaned = self.cleaner.add([replace(job, page=body, content_type=content_type)])
            await recorded
            if status == "ok":
                self.pages_ok += 1
            else:
                self.pages_failed += 1
            self.report("fetching article pages")
            await cleaned
        finally:
            await self._window.give(size)

    async def _fetch_page(self, job: CleanJob) -> tuple[bytes | None, str, str | None, str | None]:
        """(body when it may be cleaned, "ok" or why not, final URL, Content-Type)."""
        from .fetch.http import PAGE_ACCEPT
        from .fetch.pagetype import not_html_reason

        assert job.link is not None
        try:
            response = await self.http.get(job.link, accept=PAGE_ACCEPT)
        except FetchError as exc:
            return None, str(exc), job.link, None
        content_type = response.headers.get("content-type")
        reason = not_html_reason(response.body, content_type)
        if reason is not None:
            return None, reason, response.url, content_type
        return response.body, "ok", response.url, content_type

    async def finish(self) -> int:
        """After the feeds: pages, cleaning, older items still due, entities, pruning."""
        self.stage = "pages"
        await self.settle()
        # Only now is every feed answered: the 304s short of a batch (written before the
        # feeds were awaited, none was ever recorded: a feed that failed once kept its
        # error through every later 304). Committed while the cleaning stage looks for
        # work in its own thread: one hand-off less after the last reply.
        recorded = None
        if self.not_modified:
            write = self.write(_record_not_modified, self.store, self.not_modified, self.now)
            recorded = self.spawn(write, "pages")
        self.stage = "cleaning"
        if self.process:
            await clean_pending(self.store, self.config, self.cleaner)
            await self.cleaner.wait()
            self.stage = "entities"
            await asyncio.to_thread(index_stale_entities, self.store, self.config)
        failed = dict(self.cleaner.counts.failed)
        if failed:
            rows = await asyncio.to_thread(self.store.article_rows, list(failed))
            named = {row.id: f"{row.feed_title}: {row.title!r}" for row in rows}
            for item_id, reason in failed.items():
                self.item_failures.append(f"{named.get(item_id, f'item {item_id}')}: {reason}")
        if recorded is not None:
            await recorded
        self.stage = "pruning"
        retention = self.config.store.retention_days
        if retention and self.prune:
            return await self.write(_prune, self.store, retention, time.time())
        return 0


def _import_parsers() -> None:
    import feedparser  # noqa: F401 - imported for its side effect, once
    import lxml.etree  # noqa: F401

    from .fetch import feeds  # noqa: F401
    from .fetch.fastfeed import load

    load()


# Store calls with positional arguments (the writer passes *args).
def _record_ok(
    store: Store, feed_id: int, parsed: ParsedFeed, response: Response, now: float
) -> list[int]:
    """One transaction: the feed's items, title and the validators for the next GET."""
    return store.record_feed_ok(
        feed_id,
        parsed,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        now=now,
        final_url=response.permanent_url,  # a 302/307 keeps the subscription's URL
    )


def _record_ok_cleaned(
    store: Store,
    feed_id: int,
    parsed: ParsedFeed,
    response: Response,
    now: float,
    cleaned: dict[str, Cleaned],
    version: str,
) -> tuple[list[int], list[int], list[int]]:
    """_record_ok, and the articles of its new items cleaned with the parse, in one
    transaction (an item is listed with its article): (new item ids, those whose clean
    came along, those of them with an article stored). What the worker cleaned of an entry
    stored before is dropped."""
    with store.batch():
        new_ids = _record_ok(store, feed_id, parsed, response, now)
        guids = store.item_guids(new_ids) if cleaned else {}
        # Cleaned made anew, not dataclasses.replace (~4x the cost, 10,000 times a refresh).
        results = [
            Cleaned(item_id, done.article, done.source, done.entities)
            for item_id in new_ids
            if (done := cleaned.get(guids.get(item_id, ""))) is not None
        ]
        store_cleaned(store, results, version)
    articles = [done.item_id for done in results if done.article is not None]
    return new_ids, [done.item_id for done in results], articles


def _record_error(
    store: Store, feed_id: int, error: str, now: float, retry: float | None, gone: bool
) -> None:
    # retry: seconds; the store keeps the epoch time to wait for
    store.record_feed_error(feed_id, error, now=now, retry_after=retry, gone=gone)


def _record_page(
    store: Store,
    item_id: int,
    status: str,
    body: bytes | None,
    url: str | None,
    content_type: str | None,
) -> None:
    store.store_page(
        item_id, status=status, html=body, url=url, now=time.time(), content_type=content_type
    )


def _subscribe(
    store: Store, response: Response, parsed: ParsedFeed, tags: Sequence[str], now: float
) -> tuple[int, list[int]]:
    return store.subscribe(
        response.permanent_url,
        parsed,
        tags=tags,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        now=now,
    )


def _record_not_modified(store: Store, feed_ids: Sequence[int], now: float) -> None:
    store.record_feeds_not_modified(feed_ids, now=now)


def _prune(store: Store, retention_days: int, now: float) -> int:
    return store.prune(older_than_days=retention_days, now=now)


async def refresh_feeds(
    store: Store,
    config: Config,
    feeds: Sequence[Feed] | None = None,
    *,
    prefetch: bool = True,
    on_progress: ProgressFn | None = None,
    client: HttpClient | None = None,
    process: bool = True,
    workers: int | None = None,
    worker_niceness: int = 0,
    prune: bool = False,
    named: bool = False,
) -> RefreshReport:
    """Refresh `feeds` (all when None): every feed, page and item on its own, so one failing
    never stops the others. Raises StageError when the cache or a whole stage fails.

    named: the user named these feeds (`refresh FEED`, the app's r): each is fetched now,
    even when its server asked to wait (Retry-After) or said 410 Gone. Otherwise (all feeds,
    a background refresh) those are left alone, counted in the report.

    workers: worker processes (0 = none; None = start them when the work pays for it).
    worker_niceness: added to the workers' nice value (the app: so that it keeps a core).
    prune: end with pruning read items past [store] retention_days (every refresh by the
    CLI and the app does, with [sync] set too; `tui-reader sync` alone does not).
    """
    started = time.monotonic()
    if feeds is None:
        feeds = await asyncio.to_thread(store.feeds, counts=False)
    if process and workers != 0 and first_fetches_fill_pool(feeds):
        # Before the HTTP client's imports (~50 ms): the fork server imports what the
        # workers need on the other core meanwhile (the CLI's refresh and the app's alike).
        start_fork_server()
    async with _ClientScope(client, config) as http:
        run = _Refresh(
            store,
            config,
            http,
            total=len(feeds),
            prefetch=prefetch,
            process=process,
            on_progress=on_progress,
            workers=workers,
            niceness=worker_niceness,
            prune=prune,
            named=named,
        )
        pruned = await _run(run, feeds)
    order = {f.id: i for i, f in enumerate(feeds)}
    results = sorted(run.results, key=lambda r: order.get(r.feed.id, 0))
    return RefreshReport(
        tuple(results),
        run.pages_ok,
        run.pages_failed,
        run.cleaner.counts.cleaned,
        time.monotonic() - started,
        tuple(run.item_failures),
        pruned,
    )


# Items a feed carries at least, as a rule (most carry 10-50): what a first fetch brings.
FIRST_FETCH_ITEMS = 10


def first_fetches_fill_pool(feeds: Sequence[Feed]) -> bool:
    """Enough feeds never fetched that their items alone will pay for the worker pool: it
    is then started before the first reply, not after the first feed is stored (the
    workers were up ~1 s into a cold refresh, and feeds that arrived before were parsed
    in this process, on its critical path)."""
    never = sum(feed.last_ok_at is None for feed in feeds)
    return never * FIRST_FETCH_ITEMS >= POOL_THRESHOLD


async def _run(run: _Refresh, feeds: Sequence[Feed], *, new_items: Sequence[int] = ()) -> int:
    """Refresh `feeds`, and process `new_items` already stored (a new subscription's)."""
    try:
        run.report("refreshing", force=True)
        if run.prefetch and run.process:
            # Items stored earlier whose page was never tried (`add` offline, a refresh
            # with --no-prefetch): each is tried once, here.
            leftover = await asyncio.to_thread(run.store.items_without_page, None)
            mine = set(new_items)
            older = [i for i, _ in leftover if i not in mine]
            if older:
                run.spawn(run.queue_pages(older), "pages")
        if new_items:
            await run.queue_items(new_items)
        if run.process and first_fetches_fill_pool(feeds):
            run.want_pool(POOL_THRESHOLD)
        for feed in feeds:
            run.spawn(run.feed(feed), "feeds")
        pruned = await run.finish()
        run.report("done", force=True)
        return pruned
    except (asyncio.CancelledError, StageError):
        raise
    except Exception as exc:  # a bug stopped a stage: named, after everything is stopped
        raise StageError(run.stage, exc) from exc
    finally:
        await run.close()


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
    on_progress: ProgressFn | None = None,
    workers: int | None = None,
    worker_niceness: int = 0,
) -> Subscription:
    """Add a feed by its URL or by a site URL whose feed is discovered. Its items then go
    the way of any refresh (pages, cleaning, entities) from the one read of the feed."""
    from .fetch.discover import looks_like_feed
    from .fetch.findfeed import find_feed
    from .fetch.http import FEED_ACCEPT

    url = normalise_url(url)
    known = await asyncio.to_thread(store.find_feed, url) if "://" in url else None
    if known is not None and known.gone_at is not None:
        return await _revive(store, config, known, client, on_progress, workers, worker_niceness)
    async with _ClientScope(client, config) as http:
        response = await http.get(url, accept=FEED_ACCEPT)
        discovered_from: str | None = None
        if looks_like_feed(response.body, response.headers):
            parsed = await _parse_here(response)
        else:  # a site's page: its feed is found among the links and usual paths
            found = await find_feed(http, response, url)
            discovered_from = response.url
            response, parsed = found.response, found.parsed
        run = _Refresh(
            store,
            config,
            http,
            total=1,
            prefetch=config.fetch.prefetch,
            process=True,
            on_progress=on_progress,
            workers=workers,
            niceness=worker_niceness,
        )
        # One transaction: the feed (its own title, not passed as the user's) and its items.
        feed_id, new_ids = await run.write(
            _subscribe, store, response, parsed, tuple(tags), run.now
        )
        feed = await asyncio.to_thread(store.feed, feed_id)
        run.results.append(FeedResult(feed, "ok", new_items=len(new_ids)))
        await _run(run, [], new_items=new_ids)
    feed = await asyncio.to_thread(store.feed, feed_id)
    return Subscription(feed, discovered_from, len(new_ids))


async def _revive(
    store: Store,
    config: Config,
    feed: Feed,
    client: HttpClient | None,
    on_progress: ProgressFn | None,
    workers: int | None,
    worker_niceness: int,
) -> Subscription:
    """Adding a feed already subscribed and marked gone is the user asking it again: a
    refresh of it by name (whose answer clears the mark). FetchError when it still fails."""
    report = await refresh_feeds(
        store,
        config,
        [feed],
        client=client,
        on_progress=on_progress,
        workers=workers,
        worker_niceness=worker_niceness,
        named=True,
    )
    [result] = report.results
    if result.error is not None:
        raise FetchError(
            f"already subscribed to {feed.url} (feed {feed.id}), marked gone; asked again: "
            f"{result.error}"
        )
    return Subscription(await asyncio.to_thread(store.feed, feed.id), None, result.new_items, True)


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
    "StageError",
    "normalise_url",
]

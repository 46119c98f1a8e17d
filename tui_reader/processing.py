"""Clean and entity-index stored items: the CPU-heavy half of a refresh.

`Cleaner` is the one path every caller takes (refresh in the CLI and the app, `add`, the
demo): jobs go out in chunks, to worker processes when there is enough work to pay for them
(workers.py), else to a thread; each chunk's results are stored in one commit. A chunk whose
worker hung or died is retried one item at a time, so only the bad item fails: it keeps its
feed text and is named in the report.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from .config import Config
from .errors import TuiReaderError
from .models import Article, Entity, ParsedFeed, pickled_as_call
from .workers import PoolUnavailable, WorkerError, WorkerPool

if TYPE_CHECKING:
    from .store import Store

_IMPORTS = threading.Lock()
CHUNK = 25  # items per worker task and per commit
PAGE_CHUNK = 4  # ...or this many with a fetched page
POOL_THRESHOLD = 300  # below this many items, starting worker processes costs more than it saves
TASK_SECONDS = 60.0  # wall-clock bound of one chunk in a worker (~25 ms an item is typical)
ITEM_SECONDS = 20.0  # of one item, when a chunk is retried item by item
FLUSH_SECONDS = 0.05  # a partial chunk waits this long for more jobs


@pickled_as_call  # sent to and from the workers
@dataclass(frozen=True, slots=True)
class CleanJob:
    item_id: int
    title: str
    content: str
    summary: str
    link: str | None
    page: bytes | None
    content_type: str | None = None  # the page's, as the server sent it


@pickled_as_call  # sent to and from the workers
@dataclass(frozen=True, slots=True)
class Cleaned:
    item_id: int
    article: Article | None  # None: the cleaner gave up; the item keeps its feed summary
    source: str
    entities: tuple[Entity, ...] | None  # None: left to the entity pass, which reports why


def clean_jobs(jobs: Sequence[CleanJob], backend: str) -> list[Cleaned]:
    """Clean each item and extract its entities (in a worker process or a thread)."""
    # One thread imports them first: threads importing the same modules at once can see
    # one half-initialised (ImportError).
    with _IMPORTS:
        from .clean import clean_item
        from .entities import extract_entities

    done = []
    for job in jobs:
        try:
            article, source = clean_item(
                title=job.title,
                content_html=job.content,
                summary_html=job.summary,
                page_html=job.page,
                url=job.link,
                content_type=job.content_type,
            )
        except TuiReaderError:
            done.append(Cleaned(job.item_id, None, "", None))
            continue
        try:
            entities: tuple[Entity, ...] | None = tuple(
                extract_entities(article.text, backend=backend)
            )
        except TuiReaderError:
            entities = None
        done.append(Cleaned(job.item_id, article, source, entities))
    return done


def parse_and_clean(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    backend: str,
    known: frozenset[str],
    with_pages: bool,
) -> tuple[ParsedFeed, dict[str, Cleaned]]:
    """A feed parsed, and its entries cleaned from their feed text, in one worker task: by
    guid, those not in `known` (the feed's stored guids) and, `with_pages`, without a page
    to fetch. The refresh stores the cleaned ones that its store calls new (their item_id is
    0 until then) and cleans any other new item as before: what is cleaned here is what
    jobs_for would read back once the items are stored (store.text.storable_item), so a
    feed costs one task, not a parse and then a clean of its items read back from the store.
    """
    from .fetch.feeds import parse_feed
    from .store.pages import has_page_link
    from .store.text import storable_item

    parsed = parse_feed(body, headers, url)
    jobs: dict[str, CleanJob] = {}
    for entry in parsed.items:
        item = storable_item(entry)
        if item.guid in known or (with_pages and has_page_link(item.link)):
            continue
        # A guid twice: the store keeps the last entry's text (_upsert updates the row).
        jobs[item.guid] = CleanJob(0, item.title, item.content, item.summary, item.link, None)
    try:
        cleaned = clean_jobs(list(jobs.values()), backend)
    except Exception:  # noqa: BLE001 - a bug: the feed is still stored, its items cleaned
        return parsed, {}  # by the Cleaner, where the bug stops the cleaning stage as before
    return parsed, dict(zip(jobs, cleaned, strict=True))


# What this process has warmed, as (backend, pages): a worker forked from the fork server
# inherits the server's (preload.py), and its own warm-up then has nothing left to do.
_warmed: set[tuple[str, bool]] = set()


def warm_up(backend: str, pages: bool = True) -> bool:
    """Load what cleaning and extraction need (lxml, the name and place tables; with
    `pages`, readability, trafilatura and feedparser too) by doing it once, on a made-up
    item. A refresh without pages warms only the feed-only path: the rest is ~0.5 s of CPU
    per worker, loaded on first use if a stored page or an odd feed turns up after all.
    Whether there was anything to load: False when this process (or the fork server it was
    forked from) has warmed the same path or a wider one."""
    if (backend, pages) in _warmed or (backend, True) in _warmed:
        return False
    if pages:
        from .fetch.feeds import parse_feed

        parse_feed(b"<rss version='2.0'><channel><title>t</title></channel></rss>", {}, "http://x/")
    clean_jobs(
        [
            CleanJob(
                0,
                "Warm-up",
                "",
                "<p>Mayor Ingrid Solberg opened the library in Lisbon on Monday.</p>",
                None,
                b"<html><body><article><p>Text of the page.</p></article></body></html>"
                if pages
                else None,
            )
        ],
        backend,
    )
    _warmed.add((backend, pages))
    return True


def store_cleaned(store: Store, results: Sequence[Cleaned], version: str) -> int:
    """One transaction for a chunk's results; returns how many articles were stored."""
    rows = [
        (done.item_id, done.article, done.source, done.entities)
        for done in results
        if done.article is not None
    ]
    store.store_cleaned_many(rows, extractor_version=version)
    return len(rows)


def jobs_for(store: Store, ids: Sequence[int]) -> list[CleanJob]:
    """Read what the cleaner needs for stored items (the raw page included), in one query."""
    return [CleanJob(*row) for row in store.clean_sources(ids)]


@dataclass
class CleanCounts:
    queued: int = 0
    cleaned: int = 0  # articles stored
    done: int = 0  # items finished, cleaned or not
    failed: list[tuple[int, str]] = field(default_factory=list)  # (item id, reason)


Write = Callable[..., Awaitable[object]]


class Cleaner:
    """Cleans jobs as they are handed in, while the rest of the refresh goes on.

    `write(fn, *args)` runs a store write (the refresh's batched writer, or a thread);
    `on_cleaned(ids)` hears of each stored chunk. `pool` is shared with the parser.
    """

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        write: Write,
        pool: WorkerPool | None,
        on_cleaned: Callable[[Sequence[int]], None] | None = None,
        workers: int | None = None,
    ) -> None:
        from .entities import extractor_version

        self.store = store
        self.backend = config.entities.backend
        # Versioned per backend, so switching backend in config.toml re-extracts the cache.
        self.version = extractor_version(self.backend)
        self.counts = CleanCounts()
        self._write = write
        self._pool = pool
        self._on_cleaned = on_cleaned
        # At most this many chunks in flight: every worker busy, memory flat (pages are big).
        self._slots = asyncio.Semaphore(2 * (pool.workers if pool else 1) + 1)
        self._tasks: set[asyncio.Task[None]] = set()
        self._seen: set[int] = set()  # items queued in this run (each is cleaned once)
        self._buffer: list[tuple[CleanJob, _Waiter]] = []
        self._flush_timer: asyncio.TimerHandle | None = None
        self._holding = False
        self._held: list[list[tuple[CleanJob, _Waiter]]] = []

    def expect_pool(self) -> None:
        """Worker processes are starting: hold chunks until they are there. Cleaning in a
        thread meanwhile would take the GIL from the event loop, which then fetches and
        stores slower (and keys in the app lag)."""
        self._holding = True

    def use_pool(self, pool: WorkerPool | None) -> None:
        """Chunks go to these worker processes from now on (None: they could not start; the
        chunks held meanwhile are cleaned here)."""
        self._holding = False
        self._pool = pool
        if pool is not None:
            self._slots = asyncio.Semaphore(2 * pool.workers + 1)
        self._release_held()

    def add(self, jobs: Sequence[CleanJob]) -> asyncio.Future[None]:
        """Queue jobs; the future is done when all of them are (cleaned and stored, or
        failed). Full chunks start at once, a partial one after FLUSH_SECONDS."""
        loop = asyncio.get_running_loop()
        jobs = [job for job in jobs if job.item_id not in self._seen]
        if not jobs:
            return _done(loop)
        self._seen.update(job.item_id for job in jobs)
        waiter = _Waiter(loop.create_future(), len(jobs))
        self._buffer.extend((job, waiter) for job in jobs)
        self.counts.queued += len(jobs)
        while (size := _full_chunk(self._buffer)) is not None:
            chunk, self._buffer = self._buffer[:size], self._buffer[size:]
            self._start(chunk)
        if self._buffer and self._flush_timer is None:
            self._flush_timer = loop.call_later(FLUSH_SECONDS, self.flush)
        return waiter.future

    def stored(self, item_ids: Sequence[int], cleaned_ids: Sequence[int]) -> None:
        """Items cleaned elsewhere (with their feed's parse) and stored: counted as if
        queued here, and never queued again in this run. `cleaned_ids`: those whose
        article was stored (the others keep their feed text, as a failed clean here)."""
        self._seen.update(item_ids)
        self.counts.queued += len(item_ids)
        self.counts.done += len(item_ids)
        self.counts.cleaned += len(cleaned_ids)
        if self._on_cleaned is not None:
            self._on_cleaned(cleaned_ids)

    def queued(self, item_id: int) -> bool:
        return item_id in self._seen

    def flush(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        if self._buffer:
            chunk, self._buffer = self._buffer, []
            self._start(chunk)

    async def wait(self) -> None:
        """Until every queued job is cleaned and stored; a store failure is raised here."""
        self.flush()
        while self._tasks or self._held:
            if not self._tasks:
                await asyncio.sleep(FLUSH_SECONDS)  # the pool is still starting
                continue
            await asyncio.gather(*list(self._tasks))
            self.flush()

    async def cancel(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        for _, waiter in self._buffer + [pair for chunk in self._held for pair in chunk]:
            waiter.future.cancel()
        self._buffer = []
        self._held = []
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _release_held(self) -> None:
        held, self._held = self._held, []
        for chunk in held:
            self._start(chunk)

    def _start(self, chunk: list[tuple[CleanJob, _Waiter]]) -> None:
        if self._holding:
            self._held.append(chunk)
            return
        task = asyncio.ensure_future(self._run([job for job, _ in chunk]))
        self._tasks.add(task)

        def finished(task: asyncio.Task[None]) -> None:
            self._tasks.discard(task)
            for _, waiter in chunk:
                waiter.left -= 1
                if not waiter.left and not waiter.future.done():
                    waiter.future.set_result(None)

        task.add_done_callback(finished)

    async def _run(self, chunk: list[CleanJob]) -> None:
        async with self._slots:
            try:
                results = await self._clean(chunk, TASK_SECONDS)
            except WorkerError:
                # One of them hangs or kills its worker: find it, the others go on.
                results = []
                for job in chunk:
                    try:
                        results += await self._clean([job], ITEM_SECONDS)
                    except WorkerError as exc:
                        self.counts.failed.append((job.item_id, f"cleaning: {exc}"))
            stored = await self._write(store_cleaned, self.store, results, self.version)
        self.counts.cleaned += cast(int, stored)
        self.counts.done += len(chunk)
        if self._on_cleaned is not None:
            self._on_cleaned([r.item_id for r in results if r.article is not None])

    async def _clean(self, chunk: list[CleanJob], timeout: float) -> list[Cleaned]:
        if self._pool is not None and self._pool.started:
            return await self._pool.run(clean_jobs, chunk, self.backend, timeout=timeout)
        return await asyncio.to_thread(clean_jobs, chunk, self.backend)


async def clean_pending(
    store: Store,
    config: Config,
    cleaner: Cleaner,
    *,
    limit: int = 10_000,
) -> None:
    """Queue stored items that need cleaning (never cleaned, an older cleaner, a page that
    came after a feed-only clean), newest first, reading their sources a chunk at a time."""
    from .clean import CLEANER_VERSION

    ids = await asyncio.to_thread(store.items_needing_clean, CLEANER_VERSION, limit)
    ids = [i for i in ids if not cleaner.queued(i)]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        cleaner.add(await asyncio.to_thread(jobs_for, store, chunk))
        await asyncio.sleep(0)


def index_stale_entities(store: Store, config: Config, *, limit: int = 10_000) -> None:
    """Entities of cleaned items whose entities are missing or stale (another extractor
    version or backend). A missing spaCy model raises here with its one-line message."""
    from .entities import extract_entities, extractor_version

    backend = config.entities.backend
    version = extractor_version(backend)
    stale = store.items_needing_entities(version, limit=limit)
    for start in range(0, len(stale), CHUNK):
        chunk = stale[start : start + CHUNK]
        found = [(i, extract_entities(store.article_text(i), backend=backend)) for i in chunk]
        with store.batch():
            for item_id, entities in found:
                store.store_entities(item_id, entities, extractor_version=version)


def _full_chunk(buffer: Sequence[tuple[CleanJob, object]]) -> int | None:
    """How many buffered jobs make a chunk: CHUNK items, or fewer when they carry pages
    (a page costs ~30 feed-only items: a chunk stays ~PAGE_CHUNK pages, ~0.1-0.3 s)."""
    pages = 0
    for count, (job, _) in enumerate(buffer, 1):
        pages += job.page is not None
        if count >= CHUNK or pages >= PAGE_CHUNK:
            return count
    return None


@dataclass(slots=True)
class _Waiter:
    """The jobs of one Cleaner.add: its future is done when the last of them is. One
    future an add, not one a job gathered: a cold refresh queues 10,000 feed-only items,
    and their futures, callbacks and gathers were ~10 % of the event loop's CPU."""

    future: asyncio.Future[None]
    left: int  # jobs not finished yet


def _done(loop: asyncio.AbstractEventLoop) -> asyncio.Future[None]:
    future: asyncio.Future[None] = loop.create_future()
    future.set_result(None)
    return future


def pool_for(items: int, requested: int | None) -> WorkerPool | None:
    """A started pool when the work pays for it (or `requested` > 0), else None."""
    count = requested
    if count is None:
        count = 0 if items < POOL_THRESHOLD else None
    if count == 0:
        return None
    pool = WorkerPool(count)
    try:
        pool.start()
    except PoolUnavailable:
        return None  # the work is done in this process instead
    return pool


def process_pending(
    store: Store, config: Config, *, limit: int = 10_000, workers: int | None = None
) -> int:
    """Clean what needs it and index stale entities, here and now (sync: the demo, tests
    and tools call it; a refresh does the same inside its own pipeline). Returns how many
    articles were stored. workers: 0 = this process only; None = decide by the work."""
    from .clean import CLEANER_VERSION

    pending = len(store.items_needing_clean(CLEANER_VERSION, limit))
    pool = pool_for(pending, workers)

    async def run() -> int:
        async def write(fn: Callable[..., object], *args: object) -> object:
            return fn(*args)

        cleaner = Cleaner(store, config, write=write, pool=pool)
        try:
            await clean_pending(store, config, cleaner, limit=limit)
            await cleaner.wait()
        finally:
            await cleaner.cancel()
        return cleaner.counts.cleaned

    try:
        cleaned = asyncio.run(run())
    finally:
        if pool is not None:
            pool.close()
    index_stale_entities(store, config, limit=limit)
    return cleaned

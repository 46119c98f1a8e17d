"""Clean and entity-index stored items: the CPU-heavy half of a refresh.

Few items are done in this process. Many (a first refresh, an OPML import, a new cleaner
version) go to worker processes: cleaning is pure Python and lxml under the GIL, so threads
cannot use a second core, and in the app a thread doing it would also starve the UI. Workers
get an item's sources and return its article and entities; only this process touches SQLite.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import Config
from .errors import TuiReaderError
from .models import Article, Entity

if TYPE_CHECKING:
    from .store import Store

CHUNK = 100  # items per task and per commit
POOL_THRESHOLD = 300  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True, slots=True)
class _Job:
    item_id: int
    title: str
    content: str
    summary: str
    link: str | None
    page: bytes | None


@dataclass(frozen=True, slots=True)
class _Done:
    item_id: int
    article: Article | None  # None: the cleaner gave up; the item keeps its feed summary
    source: str
    entities: tuple[Entity, ...] | None  # None: left to the entity pass, which reports why


def _work(jobs: Sequence[_Job], backend: str) -> list[_Done]:
    """Clean each item and extract its entities (runs in a worker process or inline)."""
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
            )
        except TuiReaderError:
            done.append(_Done(job.item_id, None, "", None))
            continue
        try:
            entities: tuple[Entity, ...] | None = tuple(
                extract_entities(article.text, backend=backend)
            )
        except TuiReaderError:
            entities = None
        done.append(_Done(job.item_id, article, source, entities))
    return done


def _quiet_worker() -> None:
    """Worker processes share the terminal: a stray warning would scribble over the app."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _jobs(store: Store, ids: Sequence[int]) -> list[_Job]:
    titles = {row.id: row.title for row in store.article_rows(ids)}
    jobs = []
    for item_id in ids:
        content, summary, link, page = store.item_sources(item_id)
        jobs.append(_Job(item_id, titles.get(item_id, ""), content, summary, link, page))
    return jobs


def _store(store: Store, results: Sequence[_Done], version: str) -> int:
    """One commit for a chunk's results; returns how many articles were stored."""
    stored = 0
    with store.batch():
        for done in results:
            if done.article is None:
                continue
            store.store_article(done.item_id, done.article, source=done.source)
            stored += 1
            if done.entities is not None:
                store.store_entities(done.item_id, done.entities, extractor_version=version)
    return stored


def _workers(items: int, requested: int | None) -> int:
    if requested is not None:
        return requested
    if items < POOL_THRESHOLD:
        return 0
    return max(1, min(os.cpu_count() or 1, 4))


def process_pending(
    store: Store, config: Config, *, limit: int = 10_000, workers: int | None = None
) -> int:
    """Clean stored items that need it (new, or cleaned by an older cleaner) and extract their
    entities, then extract entities of items whose entities are missing or stale (another
    extractor version or backend). Sync: run it in a thread. Returns how many were cleaned.

    workers: worker processes (0 = all in this process; None = decide by the amount of work).
    A page the cleaner rejects leaves its item reading from the feed summary; the rest go on.
    """
    from .clean import CLEANER_VERSION
    from .entities import extract_entities, extractor_version

    backend = config.entities.backend
    # Versioned per backend, so switching backend in config.toml re-extracts the cache.
    version = extractor_version(backend)
    ids = store.items_needing_clean(CLEANER_VERSION, limit=limit)
    chunks = [list(ids[i : i + CHUNK]) for i in range(0, len(ids), CHUNK)]
    cleaned = 0
    stored_chunks = 0
    count = _workers(len(ids), workers)
    if count:
        try:
            # spawn, not fork: the app has threads, and a forked copy of their locks can hang.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=count, mp_context=context, initializer=_quiet_worker
            ) as pool:
                # A bounded window of chunks in flight keeps memory flat (pages can be large)
                # while every worker stays busy and this process stores finished chunks.
                window: deque[Future[list[_Done]]] = deque()
                for chunk in chunks:
                    window.append(pool.submit(_work, _jobs(store, chunk), backend))
                    if len(window) > count:
                        cleaned += _store(store, window.popleft().result(), version)
                        stored_chunks += 1
                while window:
                    cleaned += _store(store, window.popleft().result(), version)
                    stored_chunks += 1
        except (BrokenProcessPool, OSError, RuntimeError):
            # Workers could not start or died (no /dev/shm, a killed worker, an embedding
            # script without a main guard): what is left is done here instead.
            pass
    for chunk in chunks[stored_chunks:]:
        cleaned += _store(store, _work(_jobs(store, chunk), backend), version)
    # Items cleaned earlier whose entities are missing or stale. A missing spaCy model
    # raises here with its one-line message, after the cleaned articles are stored.
    stale = store.items_needing_entities(version, limit=limit)
    for start in range(0, len(stale), CHUNK):
        chunk = stale[start : start + CHUNK]
        found = [(i, extract_entities(store.article_text(i), backend=backend)) for i in chunk]
        with store.batch():
            for item_id, entities in found:
                store.store_entities(item_id, entities, extractor_version=version)
    return cleaned

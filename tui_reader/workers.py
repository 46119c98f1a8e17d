"""Worker processes for the CPU-bound steps of a refresh (parsing, cleaning, entities).

Cleaning is pure Python and lxml under the GIL, so threads cannot use a second core, and in
the app a thread doing it would also starve the UI. One pool lives for a whole refresh; each
task has a wall-clock bound: a worker that hangs past it, or dies, is replaced (pebble kills
and restarts it) and only that task fails, with a one-line reason.

Workers are never forked from the calling process: the app has threads, and a forked copy of
their locks can hang. They are forked from multiprocessing's fork server instead, a process
spawned once (single-threaded) that has imported what a task needs (PRELOAD): a spawned worker
spent ~0.7 s of CPU importing lxml, the cleaner and the entity extractor before its first
task, and every worker of every pool did it again. Only the calling process touches SQLite;
workers get plain data and return plain data.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import TuiReaderError

if TYPE_CHECKING:
    from pebble import ProcessPool

_T = TypeVar("_T")

MAX_WORKERS = 4
_STDERR_LOCK = threading.Lock()
# What the fork server imports once for every worker it forks: the feed parser, the cleaner's
# feed-only path and the entity extractor; preload.py then loads their tables (as
# processing.warm_up does). Pages' readability and trafilatura stay lazy: a refresh without
# pages never needs them.
PRELOAD = (
    "lxml.etree",
    "lxml.html",
    "tui_reader.processing",
    "tui_reader.fetch.feeds",
    "tui_reader.clean.article_blocks",
    "tui_reader.clean.blocks",
    "tui_reader.clean.cruft",
    "tui_reader.clean.sanitize_html",
    "tui_reader.entities.builtin.pipeline",
    "tui_reader.entities.merge",
    "tui_reader.store.text",  # parse_and_clean's storable_item and has_page_link:
    "tui_reader.store.pages",  # two modules of the store, not all of it (store/__init__.py)
    "pebble",  # what a worker runs: imported once here, not after each fork (~8 ms each)
    "tui_reader.preload",  # last: it uses the modules above
)


class WorkerError(TuiReaderError):
    """A task's worker hung past its bound or died; the task is lost, the pool goes on."""


class PoolUnavailable(TuiReaderError):
    """Worker processes could not start here (no /dev/shm, no fork/exec allowed...)."""


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


class _NoFileno(io.TextIOBase):
    """A stand-in stderr that writes where the real one does but has no file descriptor."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(text)
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file descriptor")


@contextlib.contextmanager
def _stderr_fit_for_spawn() -> Iterator[None]:
    """Textual replaces sys.stderr with a capture whose fileno() is -1, and multiprocessing's
    resource tracker passes sys.stderr.fileno() to the process it spawns: -1 fails with
    "bad value(s) in fds_to_keep". The tracker skips a stderr with no descriptor at all, so
    while it starts, stderr is one (writes still go to the capture)."""
    with _STDERR_LOCK:
        current = sys.stderr
        try:
            bad = current is not None and current.fileno() < 0
        except (AttributeError, OSError, ValueError):
            bad = False  # no descriptor: the tracker already leaves it out
        if not bad:
            yield
            return
        sys.stderr = _NoFileno(current)
        try:
            yield
        finally:
            sys.stderr = current


def output_to_devnull() -> None:
    """This process's stdout and stderr (the descriptors, so its children's too) go to
    /dev/null: a worker's, and the fork server's (preload.py)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    finally:
        os.close(devnull)


def _quiet_worker(niceness: int, environ: dict[str, str]) -> None:
    """Workers share the terminal: a stray warning would scribble over the app. In the app
    they also yield the CPU to it (niceness > 0): on two cores, two busy workers made its
    keys wait for a core (p95 86 ms during a refresh, 60 ms niced; 24-28 ms after it).

    `environ` is the caller's environment now: a forked worker has the fork server's, as it
    was when the server started (TUI_READER_HOME, where the entity tables are cached, may
    have changed since)."""
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)
    _return_big_blocks()
    output_to_devnull()
    if niceness:
        with contextlib.suppress(OSError):
            os.nice(niceness)


# glibc's M_MMAP_THRESHOLD (malloc.h): blocks at least this big get their own mapping.
_M_MMAP_THRESHOLD = -3
_MMAP_BYTES = 128 * 1024  # glibc's default, kept: only its growth is turned off


def _return_big_blocks() -> None:
    """Blocks of 128 KB or more (a page's bytes, its decoded text, lxml's buffers) are
    mapped on their own and unmapped when freed. glibc raises that threshold to the
    biggest block freed so far, so pages then came from the heap, whose free gaps it
    keeps: 9 MB less RSS a worker after 362 pages (99 MB against 108, measured with
    MALLOC_MMAP_THRESHOLD_), no more CPU. No-op where mallopt is absent (not glibc)."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)


_STOPPING = threading.Event()


def _stop_fork_server_at_exit() -> None:
    """The fork server lives as long as this process (the app's next refresh forks from it
    at once). At exit it is stopped and waited for, rather than left to notice on its own:
    its CPU and its workers' then count in this process's children, as spawned workers'
    did (a benchmark's process-tree CPU would miss them otherwise)."""
    if _STOPPING.is_set():
        return
    _STOPPING.set()
    import atexit
    from multiprocessing import forkserver

    # _stop is multiprocessing's own (its tests stop the server with it); absent, the
    # server still ends by itself when this process does.
    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        atexit.register(stop)


# pebble's manager threads poll every CONSTS.sleep_unit (0.1 s): joining them, as a pool's
# end does, waited up to that long (~45 ms of each refresh's end). A shorter poll costs a
# cheap status check 50 times a second while a pool runs.
_POLL_SECONDS = 0.02


def _poll_sooner() -> None:
    import pebble

    consts = getattr(pebble, "CONSTS", None)  # exported (pebble.__all__); absent: left alone
    if consts is not None and getattr(consts, "sleep_unit", 0) > _POLL_SECONDS:
        consts.sleep_unit = _POLL_SECONDS


def _stop(pool: ProcessPool) -> None:
    pool.stop()  # type: ignore[no-untyped-call]
    pool.join(timeout=10)


def _nothing() -> None:
    pass


def _warm_up(fn: Callable[..., object], args: tuple[Any, ...]) -> None:
    import time

    if fn(*args) is False:
        return  # nothing to load (the fork server's preload did it): no need to hold it
    time.sleep(0.05)  # hold this worker a moment, so the next warm-up lands on another


def start_fork_server() -> None:
    """Start the fork server now, when a pool is sure to follow (a cold refresh): it
    imports PRELOAD and loads the tables (~0.4 s of CPU) on the other core while this
    process is still importing and sending its first requests, not from the moment the
    refresh wants its pool. Quiet: a server that cannot start is met again, and reported,
    by WorkerPool.start."""
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        _fork_server()


def _fork_server() -> Any:
    """The forkserver context, its server running (started, with multiprocessing's resource
    tracker, unless it is already)."""
    import multiprocessing
    from multiprocessing import forkserver, resource_tracker

    context = multiprocessing.get_context("forkserver")
    # Only read when the server starts (the first pool of this process).
    context.set_forkserver_preload(list(PRELOAD))
    with _stderr_fit_for_spawn():
        resource_tracker.ensure_running()
        forkserver.ensure_running()  # imports PRELOAD meanwhile, in its own process
        _stop_fork_server_at_exit()
    return context


class WorkerPool:
    """A fixed number of worker processes; `run()` awaits one task's result."""

    def __init__(self, workers: int | None = None, *, niceness: int = 0) -> None:
        self.workers = workers or default_workers()
        self.niceness = niceness
        self._pool: ProcessPool | None = None

    def start(self, warm: Callable[..., object] | None = None, *args: Any) -> None:
        """Start the processes; each runs warm(*args) first, when given (fire and forget:
        the imports and tables a task needs load while the network is still answering).
        Blocks until the workers are forked, which waits for a new fork server to import
        PRELOAD (~0.6 s): call it off the event loop. pebble forks its workers at the first
        schedule, so that is done here: done on the loop, the wait held back every request
        of a cold refresh (the loop idle 0.6 s of 4 s) and would freeze the app as long.
        Raises PoolUnavailable: the caller then does the work in this process."""
        from pebble import ProcessPool

        _poll_sooner()
        pool: ProcessPool | None = None
        try:
            context = _fork_server()
            with _stderr_fit_for_spawn():
                pool = ProcessPool(
                    max_workers=self.workers,
                    initializer=_quiet_worker,
                    initargs=(self.niceness, dict(os.environ)),
                    context=context,
                )
                for _ in range(self.workers):
                    pool.schedule(_warm_up, (warm or _nothing, args), timeout=60)
        except (OSError, RuntimeError, ValueError) as exc:
            if pool is not None:
                _stop(pool)
            raise PoolUnavailable(f"worker processes cannot start: {exc}") from exc
        self._pool = pool

    @property
    def started(self) -> bool:
        return self._pool is not None

    async def run(self, fn: Callable[..., _T], *args: Any, timeout: float) -> _T:
        """Run fn(*args) in a worker, at most `timeout` seconds of wall-clock time.

        Raises WorkerError when the worker hung (it is killed and replaced) or died; any
        exception fn raised is raised here as it was.
        """
        from pebble import ProcessExpired

        if self._pool is None:
            raise PoolUnavailable("the worker pool is not started")
        future = self._pool.schedule(fn, args, timeout=timeout)
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError as exc:
            raise WorkerError(f"took longer than {timeout:.0f} s (worker stopped)") from exc
        except ProcessExpired as exc:
            raise WorkerError(f"the worker process died (exit code {exc.exitcode})") from exc
        except (asyncio.CancelledError, CancelledError):
            future.cancel()  # type: ignore[no-untyped-call]  # pebble stops its worker
            raise

    def close(self) -> None:
        """Stop the workers (tasks still running are abandoned) and wait for them."""
        pool, self._pool = self._pool, None
        if pool is not None:
            _stop(pool)

"""The worker pool: a task that hangs or kills its worker fails alone; the pool goes on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED
from tui_reader.workers import PRELOAD, WorkerError, WorkerPool, _stderr_fit_for_spawn


def square(x: int) -> int:
    return x * x


def hang(seconds: float) -> None:
    time.sleep(seconds)


def die(code: int) -> None:
    os._exit(code)


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    pool = WorkerPool(2)
    pool.start()
    yield pool
    pool.close()


async def test_a_hung_task_is_stopped_at_its_bound_and_the_pool_goes_on(pool: WorkerPool) -> None:
    started = time.monotonic()
    with pytest.raises(WorkerError, match="longer than"):
        await pool.run(hang, 60, timeout=0.5)
    assert time.monotonic() - started < 30
    assert await pool.run(square, 7, timeout=30) == 49


async def test_a_worker_that_dies_fails_its_task_only(pool: WorkerPool) -> None:
    with pytest.raises(WorkerError, match="died"):
        await pool.run(die, 3, timeout=30)
    assert [await pool.run(square, n, timeout=30) for n in range(4)] == [0, 1, 4, 9]


async def test_exceptions_of_the_task_come_through_as_they_are(pool: WorkerPool) -> None:
    with pytest.raises(TypeError):
        await pool.run(square, "x", timeout=30)


def environment(name: str) -> str | None:
    return os.environ.get(name)


def preloaded() -> list[str]:
    return [name for name in PRELOAD if name in sys.modules]


async def test_workers_see_the_environment_of_their_pool_not_the_fork_servers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Workers fork from a server started with the first pool; a later pool's workers still
    see the environment as it is when that pool starts (TUI_READER_HOME moves the caches)."""
    first = WorkerPool(1)
    first.start()
    try:
        assert await first.run(environment, "TUI_READER_TEST_VALUE", timeout=30) is None
    finally:
        first.close()
    monkeypatch.setenv("TUI_READER_TEST_VALUE", "second pool")
    second = WorkerPool(1)
    second.start()
    try:
        value = await second.run(environment, "TUI_READER_TEST_VALUE", timeout=30)
        # What a worker needs is imported before its first task (by the fork server, once).
        loaded = await second.run(preloaded, timeout=30)
    finally:
        second.close()
    assert value == "second pool"
    assert loaded == list(PRELOAD)


def test_a_stderr_without_a_descriptor_is_what_spawn_sees(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's stderr capture says fileno() == -1; the resource tracker passed that on."""

    class Capture:
        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return -1

    capture = Capture()
    monkeypatch.setattr(sys, "stderr", capture)
    with _stderr_fit_for_spawn():
        with pytest.raises(OSError):
            sys.stderr.fileno()
        print("still captured", file=sys.stderr)
    assert sys.stderr is capture


CASES = SHARED / "data" / "feedparser-cases"


async def test_a_feed_parsed_in_a_worker_is_the_feed_parsed_here(pool: WorkerPool) -> None:
    """A refresh with workers parses every feed there (plain RSS too): the items, dates and
    links come back as the refresh process would have read them, and a feed that is not one
    fails with the same error."""
    from tui_reader.errors import FeedParseError
    from tui_reader.fetch.feeds import parse_feed

    if not CASES.is_dir():
        pytest.skip("../shared/data/feedparser-cases is missing")
    paths = sorted(p for p in CASES.rglob("*") if p.suffix in (".xml", ".json"))
    assert len(paths) > 100
    for path in paths:
        args = (path.read_bytes(), {"content-type": "application/xml"}, "http://example.com/f")
        try:
            here = parse_feed(*args)
        except FeedParseError as exc:
            with pytest.raises(FeedParseError, match=re.escape(str(exc))):
                await pool.run(parse_feed, *args, timeout=30)
            continue
        assert await pool.run(parse_feed, *args, timeout=30) == here, path


SLOW_PRELOAD_SCRIPT = """
import asyncio, sys, time
import tui_reader.workers as workers

workers.PRELOAD = (*workers.PRELOAD, "slow_preload_module")

async def main():
    gaps = []
    async def ticker():
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.02)
            now = time.monotonic()
            gaps.append(now - last)
            last = now
    tick = asyncio.ensure_future(ticker())
    pool = workers.WorkerPool(1)
    await asyncio.to_thread(pool.start, time.sleep, 0.01)
    assert await pool.run(abs, -3, timeout=30) == 3
    pool.close()
    tick.cancel()
    print(f"{max(gaps):.3f}")

asyncio.run(main())
"""


def test_the_workers_are_forked_off_the_event_loop(tmp_path: Path) -> None:
    """pebble forks its workers at the first task scheduled, and a fork waits for a new
    fork server to import PRELOAD (~0.6 s): start() does it, in the caller's thread, so the
    loop that schedules tasks afterwards (a refresh, the app's keys) never waits for it."""
    (tmp_path / "slow_preload_module.py").write_text("import time\ntime.sleep(1.5)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", SLOW_PRELOAD_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert float(done.stdout.split()[-1]) < 0.5  # the loop's longest pause, in seconds


_SERVER_EXIT_SCRIPT = """
import asyncio, os
from multiprocessing import forkserver
from tui_reader import workers

async def main():
    pool = workers.WorkerPool(1)
    await asyncio.to_thread(pool.start)
    assert await pool.run(abs, -3, timeout=30) == 3
    pool.close()

asyncio.run(main())
server = forkserver._forkserver
pid = server._forkserver_pid
os.close(server._forkserver_alive_fd)  # what ForkServer._stop does at exit: EOF to the server
_, status = os.waitpid(pid, 0)
server._forkserver_pid = None  # waited for here: the exit handler has nothing left to wait on
print("server exit status", os.waitstatus_to_exitcode(status))
"""


def test_the_fork_server_ends_cleanly_when_its_process_does() -> None:
    """preload.py makes the server's exit skip the interpreter's teardown (os._exit(0)): the
    refresh waits for it at its own exit. It must still end, and end with status 0."""
    done = subprocess.run(
        [sys.executable, "-c", _SERVER_EXIT_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("server exit status 0")


def test_the_fast_exit_is_only_the_fork_servers() -> None:
    """Imported anywhere else (here: by the tests), preload.py registers no exit of its own."""
    from tui_reader import preload

    assert not preload._in_fork_server()
    scope: dict[str, Any] = {"__name__": "multiprocessing.forkserver"}
    scope["check"] = preload._in_fork_server
    exec("def main():\n    return check()\n", scope)  # a main() of that module, calling it
    assert scope["main"]()

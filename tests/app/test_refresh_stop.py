"""The app's refresh runs on its own event loop in a worker thread; quitting stops it
(screens/main.py _Stoppable): before it starts, while it runs, and not at all once done."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tui_reader.app.screens.main import _Stoppable


async def _answer() -> int:
    await asyncio.sleep(0)
    return 42


def test_a_refresh_left_alone_gives_its_result() -> None:
    assert _Stoppable().run(_answer()) == 42


def test_a_stop_before_the_refresh_starts_stops_it_as_it_starts() -> None:
    refreshing = _Stoppable()
    refreshing.stop()
    coro = _answer()
    with pytest.raises(asyncio.CancelledError):
        refreshing.run(coro)


def test_a_stop_from_another_thread_cancels_a_running_refresh_which_cleans_up() -> None:
    refreshing = _Stoppable()
    started, cleaned = threading.Event(), threading.Event()

    async def long_refresh() -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.sleep(0)  # its own close still runs (refresh.py: run.close())
            cleaned.set()

    outcome: list[BaseException] = []

    def thread() -> None:
        try:
            refreshing.run(long_refresh())
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion below
            outcome.append(exc)

    worker = threading.Thread(target=thread)
    worker.start()
    assert started.wait(10)
    refreshing.stop()
    worker.join(10)
    assert not worker.is_alive()
    assert cleaned.is_set() and isinstance(outcome[0], asyncio.CancelledError)
    refreshing.stop()  # after it ended: nothing to cancel, no error

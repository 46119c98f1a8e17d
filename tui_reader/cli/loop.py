"""How a command runs its coroutine."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")


def run(coro: Coroutine[Any, Any, _T]) -> _T:
    """asyncio.run(coro), its result handed back outside the loop's main task.

    asyncio.Runner reads the SIGINT handler back at the end with signal.getsignal(), which
    builds a ValueError message quoting that handler: a repr of the finished main task, its
    result included. For a refresh that result is the report of every feed, ~15-30 ms of
    CPU for 500 feeds spent on a message nobody sees."""
    import asyncio  # here: the commands that run no coroutine never load it

    result: list[_T] = []

    async def main() -> None:
        result.append(await coro)

    asyncio.run(main())
    return result[0]


def import_in_background(name: str) -> None:
    """Start importing module `name` in a thread while the command does its other start-up
    work (the store, the pipeline's modules); the command's own import of it then finds it
    loaded, or waits for it to finish (Python's import lock).

    aiohttp's import builds two TLS contexts from the system's CA file (~80 ms at a quiet
    time), in C without the GIL: in a thread that runs on the other core. Only for a module
    whose imports the command's thread does not share (no cycle of imports across threads)."""
    import importlib
    import threading

    def load() -> None:
        try:
            importlib.import_module(name)
        except ImportError:
            return  # the command's own import raises it again, where it is reported

    threading.Thread(target=load, name=f"import {name}", daemon=True).start()

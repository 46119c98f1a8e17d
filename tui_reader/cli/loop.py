"""How a command runs its coroutine."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

_T = TypeVar("_T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (a dependency on Linux and macOS), else
    None: asyncio's own. A cold refresh of 500 feeds spent ~16 % less CPU in the event
    loop on uvloop (its callbacks, sockets and thread wake-ups are C)."""
    try:
        import uvloop
    except ImportError:  # another platform, or an install without it: asyncio's loop
        return None
    return uvloop.new_event_loop


def run(coro: Coroutine[Any, Any, _T]) -> _T:
    """asyncio.run(coro) on loop_factory()'s loop, its result handed back outside the
    loop's main task.

    asyncio.Runner reads the SIGINT handler back at the end with signal.getsignal(), which
    builds a ValueError message quoting that handler: a repr of the finished main task, its
    result included. For a refresh that result is the report of every feed, ~15-30 ms of
    CPU for 500 feeds spent on a message nobody sees."""
    import asyncio  # here: the commands that run no coroutine never load it

    result: list[_T] = []

    async def main() -> None:
        result.append(await coro)

    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(main())
    return result[0]

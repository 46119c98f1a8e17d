"""The CLI's event loop: uvloop's where it is installed, asyncio's otherwise."""

from __future__ import annotations

import asyncio
import sys

import pytest

from tui_reader.cli import loop


async def _loop_module() -> str:
    await asyncio.sleep(0)
    return type(asyncio.get_running_loop()).__module__


def test_commands_run_on_uvloop_where_it_is_installed() -> None:
    pytest.importorskip("uvloop")
    assert loop.run(_loop_module()).startswith("uvloop")


def test_without_uvloop_commands_run_on_asyncio_s_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # what an import then raises: ImportError
    assert loop.loop_factory() is None
    assert loop.run(_loop_module()).startswith("asyncio")

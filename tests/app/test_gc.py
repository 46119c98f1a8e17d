"""`tui-reader` starts with the cyclic collector off (it only re-scanned start-up objects);
every command, and the app after its first frame, runs with it on again."""

from __future__ import annotations

import gc

from tests.app.conftest import SampleCache, make_app
from tests.conftest import CliRunner


def test_commands_and_errors_leave_the_collector_on(cli: CliRunner) -> None:
    assert cli("feeds").code == 0
    assert gc.isenabled()
    assert cli("no-such-command").code != 0
    assert gc.isenabled()


async def test_the_app_turns_it_back_on_after_its_first_frame(cache: SampleCache) -> None:
    gc.disable()  # as __main__.main leaves it for the app
    try:
        app = make_app(cache)
        async with app.run_test() as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert gc.isenabled()
    finally:
        gc.enable()

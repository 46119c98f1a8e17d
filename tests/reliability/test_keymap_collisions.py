"""A [keys] map that gives one key to two bindings that answer at once: the app says so."""

from __future__ import annotations

import pytest

from tests.app.conftest import SampleCache, cache, make_app, notes  # noqa: F401 (fixtures)
from tui_reader.app.screens.main import MainScreen
from tui_reader.config import Config

SIZE = (120, 40)


@pytest.mark.parametrize(
    ("keys", "shared", "names"),
    [
        ({"quit": "j"}, "'j'", ("quit", "next")),  # footer said "j Quit"; j moved, q did nothing
        ({"search": "a"}, "'a'", ("search", "add_feed")),
        ({"dialog_yes": "n"}, "'n'", ("dialog_yes", "dialog_no")),
        ({"next": "m,down"}, "'m'", ("next", "toggle_read")),
    ],
)
async def test_a_key_given_to_two_bindings_is_named_at_start(
    cache: SampleCache,  # noqa: F811
    notes: list[str],  # noqa: F811
    keys: dict[str, str],
    shared: str,
    names: tuple[str, ...],
) -> None:
    app = make_app(cache, config=Config(keys=keys))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    warned = [note for note in notes if f"share {shared}" in note]
    assert len(warned) == 1, notes
    assert all(name in warned[0] for name in names)
    assert warned[0].startswith("config.toml [keys] ")


async def test_the_defaults_and_clean_remaps_warn_of_nothing(
    cache: SampleCache,  # noqa: F811
    notes: list[str],  # noqa: F811
) -> None:
    for keys in ({}, {"quit": "q,x"}, {"next": "j,down,x", "previous": "k,up,z"}):
        app = make_app(cache, config=Config(keys=keys))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
    assert not [note for note in notes if "[keys]" in note], notes


async def test_a_binding_name_with_control_characters_is_shown_inert(
    cache: SampleCache,  # noqa: F811
    notes: list[str],  # noqa: F811
) -> None:
    app = make_app(cache, config=Config(keys={"\x1b]0;pwned\x07": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    warned = [note for note in notes if "no such binding" in note]
    assert warned and "\x1b" not in warned[0] and "\\x1b" in warned[0]

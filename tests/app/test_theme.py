"""The theme chosen in the app is saved in config.toml and used at the next start."""

from __future__ import annotations

from tests.app.conftest import SampleCache
from tui_reader.app.app import ReaderApp
from tui_reader.config import Config, load_config
from tui_reader.config_file import set_setting


async def test_a_chosen_theme_is_saved_and_comes_back(cache: SampleCache) -> None:
    path = cache.locations.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# my settings\n[store]\nretention_days = 30\n", encoding="utf-8")
    config = load_config(path)
    app = ReaderApp(cache.store, config, refresh_on_start=False, config_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
    saved = load_config(path)
    assert saved.app.theme == "nord" and saved.store.retention_days == 30
    assert "# my settings" in path.read_text(encoding="utf-8")

    again = ReaderApp(cache.store, saved, refresh_on_start=False, config_path=path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_an_unknown_saved_theme_is_a_warning(cache: SampleCache, notes: list[str]) -> None:
    path = cache.locations.config_file
    config = set_setting(path, "app", "theme", "no-such-theme")
    app = ReaderApp(cache.store, config, refresh_on_start=False, config_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
    assert any("no theme 'no-such-theme'" in note for note in notes)


async def test_without_a_config_path_nothing_is_written(cache: SampleCache) -> None:
    app = ReaderApp(cache.store, Config(), refresh_on_start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert not cache.locations.config_file.exists()

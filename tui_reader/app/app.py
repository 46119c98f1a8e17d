"""The App: thin. It loads the styles, applies the keymap and pushes the main screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from ..config import Config
from ..store import Store
from .keys import bindings, keymap_problems
from .screens.main import MainScreen
from .styles import css_paths

if TYPE_CHECKING:
    from textual.command import Provider  # the palette is imported when it first opens


def reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start)."""
    from .commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[None]):
    TITLE = "tui-reader"
    CSS_PATH = css_paths()
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {reader_commands}

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        offline: bool = False,
        refresh_on_start: bool | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.offline = offline
        self.refresh_on_start = (
            self.config.app.refresh_on_start if refresh_on_start is None else refresh_on_start
        )
        self.keymap: dict[str, str] = dict(self.config.keys)

    def on_mount(self) -> None:
        for problem in keymap_problems(self.keymap):
            self.notify(f"config.toml {problem}", severity="warning", markup=False)
        self.set_keymap(self.keymap)
        screen = MainScreen(self.store, self.config, offline=self.offline, keymap=self.keymap)
        self.push_screen(screen)
        if self.refresh_on_start and not self.offline:
            screen.call_after_refresh(screen.start_refresh, None)

"""The App: thin. It loads the styles, applies the keymap and pushes the main screen."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.theme import Theme

from ..config import Config
from ..errors import TuiReaderError
from ..sanitize import terminal_text
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


_EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class ReaderApp(App[None]):
    TITLE = "tui-reader"
    CSS_PATH = css_paths()
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {reader_commands}
    main_screen: MainScreen  # pushed in on_mount

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        offline: bool = False,
        refresh_on_start: bool | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.offline = offline
        self.refresh_on_start = (
            self.config.app.refresh_on_start if refresh_on_start is None else refresh_on_start
        )
        self.keymap: dict[str, str] = dict(self.config.keys)
        self.config_path = config_path  # where a chosen theme is saved; None: not saved

    def on_mount(self) -> None:
        self._exit_on_signals()
        for problem in keymap_problems(self.keymap):
            self.notify(f"config.toml {problem}", severity="warning", markup=False)
        self.set_keymap(self.keymap)
        self._apply_saved_theme()
        self.main_screen = MainScreen(
            self.store, self.config, offline=self.offline, keymap=self.keymap
        )
        self.push_screen(self.main_screen)

    def on_ready(self) -> None:
        """Textual sends Ready before the first frame is written (a refresh during the app's
        mount is drawn and then dropped): what waits for the first paint is scheduled after
        the next refresh, the one that writes it."""
        self.call_after_refresh(self._first_frame_shown)

    def _first_frame_shown(self) -> None:
        self.main_screen.after_first_frame()
        if self.refresh_on_start and not self.offline:
            self.main_screen.start_refresh(None)

    def _exit_on_signals(self) -> None:
        """SIGTERM (kill, a shutdown, `timeout`) and SIGHUP (the terminal went away) end the
        app as `q` does: the terminal is given back (the default action left it in the
        alternate screen with mouse reporting on), marks are written, the lock released.
        The exit code stays the shell's 128 + signal."""
        loop = asyncio.get_running_loop()
        for signum in _EXIT_SIGNALS:
            # Not on Windows, and only in the main thread (a test may run the app elsewhere).
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)

    def on_unmount(self) -> None:
        # The loop may outlive the app (tests run several apps on one loop).
        loop = asyncio.get_running_loop()
        for signum in _EXIT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)

    def _apply_saved_theme(self) -> None:
        saved = self.config.app.theme
        if saved and saved in self.available_themes:
            self.theme = saved
        elif saved:
            self.notify(
                terminal_text(
                    f"config.toml [app] theme: no theme {saved!r}; using {self.theme}",
                    single_line=True,
                    max_chars=200,
                ),
                severity="warning",
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if self.config_path is not None and theme.name != self.config.app.theme:
            self.save_theme(theme.name)

    @work(thread=True, exclusive=True, group="save-theme", exit_on_error=False)
    def save_theme(self, name: str) -> None:
        """Write the chosen theme to config.toml (comments kept), off the event loop."""
        from ..config_file import set_setting

        assert self.config_path is not None
        try:
            set_setting(self.config_path, "app", "theme", name)
        except TuiReaderError as exc:
            message = terminal_text(f"Theme not saved: {exc}", single_line=True, max_chars=300)
            self.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        self.config = replace(self.config, app=replace(self.config.app, theme=name))

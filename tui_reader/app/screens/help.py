"""The help screen: every action with the keys it has now (config.toml remaps included)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KEY_TABLE, KeySpec, bindings


def key_text(keymap: dict[str, str], spec: KeySpec, display: Callable[[Binding], str]) -> str:
    """The keys bound to `spec` now (the keymap wins), as the footer shows them."""
    keys = keymap.get(spec.id, spec.keys)
    return ", ".join(display(Binding(key.strip(), "")) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        rows = [
            (key_text(self._keymap, spec, self.app.get_key_display), spec.description, spec.id)
            for spec in KEY_TABLE
        ]
        rows.append(("1 … 9", "Open link N (any N: palette)", "link_1 … link_9"))
        keys_width = max(len(keys) for keys, _, _ in rows) + 2
        text_width = max(len(text) for _, text, _ in rows) + 2
        lines = [
            Content.assemble(
                (keys.ljust(keys_width), "bold"), text.ljust(text_width), (ident, "dim")
            )
            for keys, text, ident in rows
        ]
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("Keys", "bold underline"), id="help-title")
            yield Static(Content("\n").join(lines), id="help-keys")
            yield Static(
                Content(
                    "The last column is the binding id: remap a key in config.toml with\n"
                    '[keys] next = "j,down"'
                ),
                id="help-remap",
            )
            yield Static(Content("Esc to close"), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)

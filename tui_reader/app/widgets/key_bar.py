"""The footer: the main keys as they are bound now (config.toml remaps included).

Textual's Footer recomposes itself on every focus change (its bindings follow the focus),
which cost ~50 ms per Tab or Enter on a 2-core machine; our footer keys belong to the
screen and never change while it runs, so one line of Content rendered once is enough.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from ..keys import KEY_TABLE


class KeyBar(Widget):
    def __init__(self, keymap: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keymap = keymap

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for spec in KEY_TABLE:
            if not spec.show:
                continue
            first = self._keymap.get(spec.id, spec.keys).split(",")[0].strip()
            key = self.app.get_key_display(Binding(first, ""))
            parts += [
                (f" {key} ", "bold $footer-key-foreground"),
                f"{spec.short or spec.description} ",
            ]
        palette = self._keymap.get("command_palette", "ctrl+p").split(",")[0]
        parts += [(f" {self.app.get_key_display(Binding(palette, ''))} ", "bold"), "palette"]
        return Content.assemble(*parts)

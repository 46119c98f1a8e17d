"""The header line: what the list shows, unread count, online/offline, refresh progress."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class StatusHeader(Widget):
    """Bound to the main screen's vars with data_bind; renders Content, never markup."""

    unread: reactive[int] = reactive(0)
    online: reactive[bool] = reactive(True)
    progress: reactive[str] = reactive("")
    filter_label: reactive[str] = reactive("All articles")

    def render(self) -> Content:
        state = ("online", "green") if self.online else ("offline", "bold yellow")
        parts: list[str | tuple[str, str] | Content] = [
            ("tui-reader", "bold"),
            "  ",
            self.filter_label,
            "  ·  ",
            (f"{self.unread} unread", "bold"),
            "  ·  ",
            state,
        ]
        if self.progress:
            parts += ["  ·  ", self.progress]
        return Content.assemble(*parts)

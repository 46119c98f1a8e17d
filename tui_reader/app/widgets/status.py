"""The header line: what the list shows, unread count, online/offline, the sync server's
trouble and the marks waiting for it, refresh progress."""

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
    sync_problem: reactive[str] = reactive("")
    marks_waiting: reactive[int] = reactive(0)

    def render(self) -> Content:
        state = ("online", "green") if self.online else ("offline", "bold yellow")
        parts: list[str | tuple[str, str] | Content] = [
            ("tui-reader", "bold"),
            "  ",
            self.filter_label,
            "  ·  ",
            (f"{self.unread:,} unread", "bold"),  # "10,000": as the progress counts
            "  ·  ",
            state,
        ]
        if self.sync_problem:
            parts += ["  ·  ", (self.sync_problem, "bold yellow")]
        if self.marks_waiting:
            noun = "mark" if self.marks_waiting == 1 else "marks"
            parts += ["  ·  ", f"{self.marks_waiting:,} {noun} waiting for the server"]
        if self.progress:
            parts += ["  ·  ", self.progress]
        return Content.assemble(*parts)

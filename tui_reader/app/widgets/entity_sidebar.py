"""The entity sidebar: people, organisations and places, grouped by type, with counts.

A Line-API widget like the article list: it is refilled on every article opened, and an
OptionList rebuilt each time cost ~30 ms of the 50 ms budget for opening an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...models import EntityCount
from ...sanitize import terminal_text
from ..keys import bindings

TYPE_LABELS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "PLACE": "Places",
    "NORP": "Groups",
    "MISC": "Other",
}


@dataclass(frozen=True, slots=True)
class SidebarLine:
    text: str
    entity_id: int | None = None  # None: a heading or a blank line, never selectable
    count: int = 0


class EntitySidebar(ScrollView, can_focus=True):
    """Enter on an entity asks the screen to list every cached article that mentions it."""

    BINDINGS = bindings("sidebar")
    COMPONENT_CLASSES = {
        "entity-sidebar--heading",
        "entity-sidebar--count",
        "entity-sidebar--cursor",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Chosen(Message):
        def __init__(self, entity_id: int, name: str) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.name = name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[SidebarLine] = []
        self._count_width = 1
        # Drawn lines by index; a new list, a restyle or a cursor move drops them.
        self._strips: dict[int, Strip] = {}

    def show(self, entities: Sequence[EntityCount], *, title: str) -> None:
        self.border_title = title
        lines: list[SidebarLine] = []
        for kind, label in TYPE_LABELS.items():
            group = [e for e in entities if e.type == kind]
            if not group:
                continue
            if lines:
                lines.append(SidebarLine(""))
            lines.append(SidebarLine(f"{label} ({len(group)})"))
            lines += [
                SidebarLine(
                    terminal_text(e.name, single_line=True, max_chars=120), e.id, e.articles
                )
                for e in group
            ]
        if not lines:
            lines.append(SidebarLine("No entities."))
        self._lines = lines
        self._count_width = max(
            (len(str(line.count)) for line in lines if line.entity_id), default=1
        )
        self._strips.clear()
        self.virtual_size = Size(0, len(lines))
        self.scroll_to(0, 0, animate=False)
        self.cursor = self._selectable(0, 1)
        self.refresh()

    # -- what the screen and tests read ---------------------------------------------------
    @property
    def names(self) -> list[str]:
        return [line.text for line in self._lines if line.entity_id is not None]

    @property
    def current(self) -> SidebarLine | None:
        if 0 <= self.cursor < len(self._lines) and self._lines[self.cursor].entity_id is not None:
            return self._lines[self.cursor]
        return None

    # -- keys ------------------------------------------------------------------------------
    def _selectable(self, start: int, step: int) -> int:
        position = start
        while 0 <= position < len(self._lines):
            if self._lines[position].entity_id is not None:
                return position
            position += step
        return start

    def action_move(self, step: int) -> None:
        position = self.cursor + step
        while 0 <= position < len(self._lines):
            if self._lines[position].entity_id is not None:
                self.cursor = position
                return
            position += step

    def action_first(self) -> None:
        self.cursor = self._selectable(0, 1)

    def action_last(self) -> None:
        self.cursor = self._selectable(len(self._lines) - 1, -1)

    def action_choose(self) -> None:
        line = self.current
        if line is not None and line.entity_id is not None:
            self.post_message(self.Chosen(line.entity_id, line.text))

    def watch_cursor(self, old: int, new: int) -> None:
        self._redraw(old)
        self._redraw(new)
        self.scroll_to_region(Region(0, new, max(1, self.size.width), 1), animate=False)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = int(self.scroll_offset.y) + offset.y
        if 0 <= position < len(self._lines) and self._lines[position].entity_id is not None:
            self.cursor = position
            if event.chain >= 2:
                self.action_choose()

    # -- painting --------------------------------------------------------------------------
    def _redraw(self, index: int) -> None:
        self._strips.pop(index, None)
        self.refresh_line(index)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = {}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._strips[index] = self._render_entry(index, width)
        return strip

    def _render_entry(self, index: int, width: int) -> Strip:
        base = self.get_visual_style().rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        if line.entity_id is None:
            style = base + self.get_component_rich_style("entity-sidebar--heading")
            return Strip([Segment(set_cell_size(line.text, width), style)], width)
        style = base
        if index == self.cursor and self.has_focus:
            style += self.get_component_rich_style("entity-sidebar--cursor")
        count_style = self.get_component_rich_style("entity-sidebar--count")
        count = f"{line.count:>{self._count_width}} "
        return Strip(
            [
                Segment(count, style + Style(color=count_style.color)),
                Segment(set_cell_size(line.text, max(0, width - len(count))), style),
            ],
            width,
        )

    def on_focus(self) -> None:
        self._redraw(self.cursor)

    def on_blur(self) -> None:
        self._redraw(self.cursor)

"""The article list: a Line-API widget that renders only the rows on screen.

The screen hands it the ids matching the current filter (one indexed query) and a function
that fetches rows for a slice of ids; rows are fetched a page at a time when they scroll
into view and kept in a small LRU cache, so 50,000 articles cost 50,000 ints, not widgets.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import overload

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...models import ArticleRow
from ...sanitize import terminal_text
from ..keys import bindings

RowFetcher = Callable[[Sequence[int]], list[ArticleRow]]

PAGE_SIZE = 64
MAX_PAGES = 64  # ~4,000 rows kept; more are fetched again when scrolled back to
TITLE_CHARS = 400  # a 1 MB title is cut long before it reaches the cell arithmetic
FEED_CHARS = 80


class PartIds(Sequence[int]):
    """A list's ids of which only the first were read (all 50,000 take ~20 ms, the first
    screenfuls ~0.1): the rest are read the first time anything past those is asked for,
    or by ArticleList.read_all_ids() once the first frame is on screen."""

    def __init__(self, head: list[int], total: int, read_all: Callable[[], list[int]]) -> None:
        self._ids = head
        self._total = total
        self._read_all: Callable[[], list[int]] | None = read_all

    def load(self) -> bool:
        """Read them all; False when they no longer begin with the ones read first (the
        cache changed in between)."""
        if self._read_all is None:
            return True
        head, read_all = self._ids, self._read_all
        self._ids, self._read_all = read_all(), None
        return len(self._ids) == self._total and self._ids[: len(head)] == head

    def __len__(self) -> int:
        return self._total if self._read_all is not None else len(self._ids)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if self._read_all is not None:
            read = len(self._ids)
            if isinstance(index, slice):
                start, stop, step = index.indices(self._total)
                within = step > 0 and stop <= read or step < 0 and start < read
            else:
                within = 0 <= index < read
            if not within:
                self.load()
        return self._ids[index]

    def __iter__(self) -> Iterator[int]:
        self.load()
        return iter(self._ids)


@dataclass(frozen=True, slots=True)
class ListRow:
    """A row made ready to paint: outside text already passed through terminal_text()."""

    row: ArticleRow
    title: str
    feed: str
    date: str


def prepare(row: ArticleRow) -> ListRow:
    title = terminal_text(row.title, single_line=True, max_chars=TITLE_CHARS) or "(untitled)"
    feed = terminal_text(row.feed_title, single_line=True, max_chars=FEED_CHARS)
    date = time.strftime("%Y-%m-%d", time.localtime(row.published)) if row.published else ""
    return ListRow(row=row, title=title, feed=feed, date=date)


def foreground(style: Style) -> Style:
    return Style(color=style.color, bold=style.bold, italic=style.italic)


class ArticleList(ScrollView, can_focus=True):
    """One line per article: marks, date, feed, title."""

    BINDINGS = bindings("list")
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--starred",
        "article-list--feed",
        "article-list--date",
        "article-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to another article (None: the list is empty)."""

        def __init__(self, article_id: int | None) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Message):
        """The user asked to open an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ids: Sequence[int] = []
        self._index: dict[int, int] | None = None
        self._fetch: RowFetcher = lambda ids: []
        self._pages: OrderedDict[int, list[ListRow | None]] = OrderedDict()
        self.empty_text = "No articles."

    # -- data --------------------------------------------------------------------------
    @property
    def ids(self) -> Sequence[int]:
        return self._ids

    @property
    def article_id(self) -> int | None:
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def show(self, ids: Sequence[int], fetch: RowFetcher, *, keep: int | None = None) -> None:
        """Replace the list; the cursor goes to article `keep` when it is still listed, and
        stays on the line of the screen it was on (new items above it push the rest down
        unseen, as a refresh stores them)."""
        line = self.cursor - int(self.scroll_offset.y)
        self._ids = ids
        self._index = None
        self._fetch = fetch
        self._pages.clear()
        self.virtual_size = Size(0, len(ids))
        position = self.index_of(keep) if keep is not None else None
        if position is not None:
            self.scroll_to(y=max(0, position - line), animate=False, immediate=True)
        self.cursor = position if position is not None else 0
        self.refresh()

    def read_all_ids(self) -> None:
        """Read the ids that were left unread for the first frame (see PartIds)."""
        ids = self._ids
        if isinstance(ids, PartIds):
            keep = self.article_id  # as shown until now
            if not ids.load():
                self.show(list(ids), self._fetch, keep=keep)

    def index_of(self, article_id: int) -> int | None:
        if self._index is None:
            self._index = {item: position for position, item in enumerate(self._ids)}
        return self._index.get(article_id)

    def row_at(self, index: int) -> ListRow | None:
        if not 0 <= index < len(self._ids):
            return None
        number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _load_page(self, number: int) -> list[ListRow | None]:
        wanted = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        found = {row.id: prepare(row) for row in self._fetch(wanted)}
        page: list[ListRow | None] = [found.get(item) for item in wanted]
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def update_row(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Change the marks of a cached row (the screen writes the store in a worker)."""
        index = self.index_of(article_id)
        if index is None:
            return
        number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None or page[offset] is None:
            return  # not cached: the next fetch reads it (through Marks.rows)
        current = page[offset]
        assert current is not None
        row = current.row
        row = replace(
            row,
            read=row.read if read is None else read,
            starred=row.starred if starred is None else starred,
        )
        page[offset] = replace(current, row=row)
        self.refresh_line(index)

    # -- cursor ------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        if self._ids:
            self.scroll_to_region(
                Region(0, new, max(1, self.size.width), 1), animate=False, force=True
            )
        self.post_message(self.Highlighted(self.article_id))

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_select(self) -> None:
        if self.article_id is not None:
            self.post_message(self.Selected(self.article_id))

    def go_top(self) -> None:
        self.cursor = 0

    def go_bottom(self) -> None:
        self.cursor = len(self._ids) - 1

    def page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.cursor = int(self.scroll_offset.y) + offset.y
        if event.chain >= 2:
            self.action_select()

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # -- painting ----------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self._ids))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.get_visual_style().rich_style  # cached; `rich_style` walks the DOM per call
        if not self._ids:
            if y == 0:
                style = self.get_component_rich_style("article-list--empty")
                return Strip([Segment(set_cell_size(f" {self.empty_text}", width), style)])
            return Strip.blank(width, base)
        item = self.row_at(index)
        if item is None:
            return Strip.blank(width, base)
        row = item.row
        style = self.get_component_rich_style(
            "article-list--read" if row.read else "article-list--unread"
        )
        if index == self.cursor:
            style += self.get_component_rich_style("article-list--cursor")
        # Column styles add only their foreground, so the cursor's background stays.
        star = foreground(self.get_component_rich_style("article-list--starred"))
        dim = foreground(self.get_component_rich_style("article-list--date"))
        feed_style = foreground(self.get_component_rich_style("article-list--feed"))
        if index == self.cursor and self.has_focus:
            dim = feed_style = Style()  # the cursor's own colours stay readable
        feed_width = max(6, min(18, width // 5))
        date_width = 10 if width >= 60 else 0
        segments = [
            Segment(" ", style),
            Segment("★" if row.starred else " ", style + star),
            Segment("●" if not row.read else " ", style),
            Segment(" ", style),
        ]
        if date_width:
            segments.append(Segment(set_cell_size(item.date, date_width) + " ", style + dim))
        segments.append(Segment(set_cell_size(item.feed, feed_width) + " ", style + feed_style))
        used = 4 + (date_width + 1 if date_width else 0) + feed_width + 1
        segments.append(Segment(set_cell_size(item.title, max(0, width - used)), style))
        return Strip(segments, width)

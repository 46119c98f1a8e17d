"""The reader pane: title, byline, a "partial article" notice, the body, its links.

One Line-API widget: the whole article is a list of wrapped lines and only the lines on
screen become segments. Opening an article changes its lines and its virtual size, nothing
is mounted, so no layout of the other panes is redone (a pane of Statics around a body
widget cost a layout pass and a repaint of every container on each open).
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.segment import Segment
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ...models import ArticleView
from ...sanitize import terminal_text
from ..keys import bindings
from .article_body import INLINE_STYLES, Line, Unit, body_units, document, layout, opening

LINK_CHARS = 300
PLACEHOLDER = "Select an article and press Enter."
PARTIAL_NOTICE = (
    "Partial article: the page holds only part of the story. Press o to read it in the browser."
)


def partial_notice(article: ArticleView) -> str:
    """The reader's line on a truncated article: its own reason when the cleaner gave one."""
    if not article.truncated:
        return ""
    if not article.note:
        return PARTIAL_NOTICE
    note = terminal_text(article.note, single_line=True, max_chars=300)
    return f"Partial article: {note}. Press o to read it in the browser."


class ReaderPane(ScrollView, can_focus=True):
    """Shows one article. Text from the feed goes in as Content, never as markup."""

    BINDINGS = bindings("reader")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader-pane--title",
        "reader-pane--meta",
        "reader-pane--partial",
        "reader-pane--links-heading",
        "reader-pane--links",
        "reader-pane--h2",
        "reader-pane--h3",
        "reader-pane--quote",
        "reader-pane--quote-bar",
        "reader-pane--code",
        "reader-pane--link",
        "reader-pane--link-number",
        "reader-pane--bullet",
    }
    # Roles whose style covers the whole line (the prefix keeps the pane's own).
    BLOCK_ROLES: ClassVar[frozenset[str]] = frozenset(
        {"title", "meta", "partial", "links-heading", "links", "h2", "h3", "quote", "code"}
    )

    class Painted(Message):
        """The frame that shows a newly opened article's first lines is being drawn."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    class LinkRequested(Message):
        """The user asked to open link number `number` (or a link clicked in the body)."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: ArticleView | None = None
        self.headline = PLACEHOLDER
        self._units: list[Unit] = document(PLACEHOLDER, "", [])
        self._lines: list[Line] = []
        self._width = -1
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._announce: int | None = None  # an opened article not yet drawn

    @property
    def links(self) -> tuple[str, ...]:
        return self.article.links if self.article else ()

    @property
    def partial(self) -> bool:
        """The cleaner found only part of the story on the page."""
        return self.article is not None and self.article.truncated

    def show(self, article: ArticleView) -> None:
        self.article = article
        self._announce = article.row.id
        title = article.row.title
        self.headline = terminal_text(title, single_line=True, max_chars=1000) or "(untitled)"
        head = opening(article.blocks)
        blocks = article.blocks[:head] if head is not None else article.blocks
        self._set_units(self._document(body_units(blocks, article.text), more=head is not None))
        if head is not None:
            # A long body: its opening is on screen now, the whole comes from a worker
            # without moving what is shown. The worker starts after the frame that shows the
            # opening, so that the two do not share the GIL.
            self.call_after_refresh(self._lay_out_body, article)

    def update_article(self, article: ArticleView) -> None:
        """The open article, re-read (its clean text arrived): shown where it was scrolled."""
        if self.article is None or self.article.row.id != article.row.id:
            return
        y = self.scroll_offset.y
        self.show(article)
        self.scroll_to(y=y, animate=False, immediate=True)

    def _document(self, body: list[Unit], *, more: bool = False) -> list[Unit]:
        """The open article's lines around `body`: title, byline, notice, links."""
        article = self.article
        if article is None:
            return document(self.headline, "", [])
        row = article.row
        meta = [terminal_text(row.feed_title, single_line=True, max_chars=200)]
        if article.author:
            meta.append(terminal_text(article.author, single_line=True, max_chars=200))
        if row.published:
            meta.append(time.strftime("%Y-%m-%d %H:%M", time.localtime(row.published)))
        return document(
            self.headline,
            " · ".join(m for m in meta if m),
            body,
            partial=partial_notice(article),
            links=tuple(
                terminal_text(url, single_line=True, max_chars=LINK_CHARS) for url in article.links
            ),
            more=more,
        )

    @work(thread=True, exclusive=True, group="reader-body", exit_on_error=False)
    def _lay_out_body(self, article: ArticleView) -> None:
        units = body_units(article.blocks, article.text)
        self.app.call_from_thread(self._body_laid_out, article, units)

    def _body_laid_out(self, article: ArticleView, units: list[Unit]) -> None:
        if article is not self.article:
            return  # another article was opened meanwhile
        # The scroll position stays: the opening already on screen is unchanged.
        self._set_units(self._document(units), keep_scroll=True)

    def clear(self) -> None:
        self.article = None
        self.headline = "No article."
        self._set_units(self._document([]))

    def _set_units(self, units: list[Unit], *, keep_scroll: bool = False) -> None:
        self._units = units
        self._width = -1
        self._strips.clear()
        self._update_virtual_size()
        if not keep_scroll:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    # -- what tests and the palette read ----------------------------------------------------
    @property
    def lines(self) -> list[str]:
        """The wrapped lines at the current width, as plain text."""
        width = self.scrollable_content_region.width
        return [line.prefix.plain + line.text.plain for line in self._wrapped(width)]

    # -- links --------------------------------------------------------------------------------
    def action_open_link(self, number: int) -> None:
        if 1 <= number <= len(self.links):
            self.post_message(self.LinkRequested(self.links[number - 1]))
        else:
            self.notify(f"No link {number} in this article.", severity="warning")

    # -- layout and painting ------------------------------------------------------------------
    def _wrapped(self, width: int) -> list[Line]:
        if width != self._width:
            self._lines = layout(self._units, max(1, width))
            self._width = width
            self._strips.clear()
        return self._lines

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        if width > 0:
            self.virtual_size = Size(width, len(self._wrapped(width)))

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._strips = {}

    def _style(self, role: str | Style) -> Style:
        if isinstance(role, Style):
            return role
        style = self._styles.get(role)
        if style is None:
            if role in INLINE_STYLES:
                style = INLINE_STYLES[role]
            else:
                name = f"reader-pane--{role}"
                # The full visual style: translucent colours ($text-muted...) come blended
                # with the pane's background, as a Static would show them.
                style = self.get_visual_style(name) if name in self.COMPONENT_CLASSES else Style()
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        if self._announce is not None:
            # Handled after this frame: what waits for the article (the entity sidebar)
            # does not hold up the frame that shows it.
            self.post_message(self.Painted(self._announce))
            self._announce = None
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        strip = self._strips.get(index)
        if strip is not None and strip.cell_length == width:
            return strip
        base = self.get_visual_style()
        lines = self._wrapped(width)
        if not 0 <= index < len(lines):
            return Strip.blank(width, base.rich_style)
        line = lines[index]
        block = base + self._style(line.role) if line.role in self.BLOCK_ROLES else base
        segments: list[Segment] = []
        for part, style in (line.prefix, base), (line.text, block):
            segments.extend(
                Segment(text, piece.rich_style)
                for text, piece in part.render(style, end="", parse_style=self._style)
                if text
            )
        strip = Strip(segments).extend_cell_length(width, block.rich_style).crop(0, width)
        self._strips[index] = strip
        return strip

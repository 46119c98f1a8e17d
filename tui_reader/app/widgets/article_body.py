"""The article body as ONE Line-API widget: Markdown parsed once, wrapped per width, drawn per line.

Textual's Markdown widget mounts and styles a widget per block (and restyles them all when the
reader takes focus): 50-100 ms for an ordinary article. Here an article is a list of `Line`s
(a prefix such as a quote bar or a list marker, and a wrapped piece of text) computed once per
width; only the lines on screen are turned into segments.

Feed text only ever becomes `Content` (never markup); a link's click action is built here from
its number, never from the feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

QUOTE_BAR = "▌ "
BULLET = "• "
RULE = "─"
# Inline roles with a fixed look; block and link roles come from the component classes.
INLINE_STYLES = {
    "strong": Style(bold=True),
    "em": Style(italic=True),
    "strike": Style(strike=True),
}
_parser: MarkdownIt | None = None


def markdown_parser() -> MarkdownIt:
    """markdown-it (CommonMark, tables, strikethrough), imported on first use or by warm-up."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return _parser


@dataclass(frozen=True, slots=True)
class Unit:
    """A block to wrap: its text, the prefixes of its first and following lines, its role."""

    text: Content
    first: Content
    rest: Content
    role: str  # "text", "h1".."h3", "quote", "code", "rule", "blank"


@dataclass(frozen=True, slots=True)
class Line:
    prefix: Content
    text: Content
    role: str


class _Container:
    """A blockquote or list item on the way down: what it puts before each line."""

    def __init__(self, first: Content, rest: Content, *, quote: bool = False) -> None:
        self.first = first
        self.rest = rest
        self.quote = quote
        self.used = False


def _inline(token: Token, links: dict[str, int]) -> Content:
    """An inline token's children -> Content with role spans. Links gain their number."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    opened: list[tuple[str, int, str | None]] = []  # (role, start, href)

    def add(text: str, role: str | None = None) -> None:
        nonlocal length
        if not text:
            return
        parts.append(text)
        if role is not None:
            spans.append(Span(length, length + len(text), role))
        length += len(text)

    for child in token.children or ():
        kind = child.type
        if kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            add(child.content, "code-inline")
        elif kind == "image":
            add(f"[image: {child.content}]" if child.content else "[image]", "muted")
        elif kind.endswith("_open"):
            href = child.attrGet("href") if kind == "link_open" else None
            opened.append((kind[:-5], length, str(href) if href is not None else None))
        elif kind.endswith("_close"):
            if not opened:
                continue
            role, start, href = opened.pop()
            if role == "link":
                number = links.get(href or "")
                if length > start:
                    spans.append(Span(start, length, "link"))
                if number is not None:
                    if length > start:  # clicking the label opens it, as the number key does
                        click = Style.from_meta({"@click": f"open_link({number})"})
                        spans.append(Span(start, length, click))
                    add(f"[{number}]", "link-number")
            elif role in INLINE_STYLES or role == "s":
                spans.append(Span(start, length, "strike" if role == "s" else role))
        else:  # text, html_inline and anything else: its text, literally
            add(child.content)
    return Content("".join(parts), spans)


def parse(markdown: str, links: tuple[str, ...] = ()) -> list[Unit]:
    """Markdown -> the units to wrap. Every block markdown-it knows becomes something readable."""
    parser = markdown_parser()
    numbers: dict[str, int] = {}
    for n, url in enumerate(links, 1):  # a link's href is normalized (percent-encoded)
        numbers.setdefault(url, n)
        numbers.setdefault(parser.normalizeLink(url), n)
    units: list[Unit] = []
    stack: list[_Container] = []
    lists: list[list[int]] = []  # per open list: [ordered (0/1), next number]
    gap = False  # a blank line is due before the next unit
    role = "text"
    cells: list[Content] = []
    in_cell = in_head = False

    def blank() -> None:
        """The blank line due before the next unit (inside the quotes it is in)."""
        nonlocal gap
        if gap and units:
            prefix = Content("").join(c.rest for c in stack).rstrip()
            units.append(Unit(Content(""), prefix, prefix, "blank"))
        gap = False

    def emit(text: Content, role: str) -> None:
        blank()
        first = Content("").join(c.rest if c.used else c.first for c in stack)
        rest = Content("").join(c.rest for c in stack)
        for container in stack:
            container.used = True
        units.append(Unit(text, first, rest, role))

    for token in parser.parse(markdown):
        kind = token.type
        if kind == "inline":
            if in_cell:
                cells.append(_inline(token, numbers))
            else:
                emit(_inline(token, numbers), role)
        elif kind == "paragraph_open":
            role = "quote" if any(c.quote for c in stack) else "text"
        elif kind == "paragraph_close":
            gap = gap or not token.hidden  # tight list items stay together
        elif kind == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 2
            role = f"h{min(max(level, 1), 3)}"
            gap = True
        elif kind in ("heading_close", "table_close", "blockquote_close"):
            gap = True
            if kind == "blockquote_close":
                stack.pop()
        elif kind in ("fence", "code_block", "html_block", "hr"):
            gap = True
            if kind == "hr":
                emit(Content(""), "rule")
            elif kind == "html_block":
                emit(Content(token.content.rstrip("\n")), "text")
            else:
                for line in token.content.rstrip("\n").split("\n"):
                    emit(Content(line.expandtabs(4)), "code")
            gap = True
        elif kind == "blockquote_open":
            gap = True
            blank()  # before the bar starts
            bar = Content.styled(QUOTE_BAR, "quote-bar")
            stack.append(_Container(bar, bar, quote=True))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([kind == "ordered_list_open", int(start) if start is not None else 1])
            gap = gap or len(lists) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            gap = gap or not lists
        elif kind == "list_item_open":
            ordered, number = lists[-1] if lists else (False, 1)
            marker = f"{number}. " if ordered else BULLET
            if lists:
                lists[-1][1] = number + 1
            stack.append(_Container(Content.styled(marker, "bullet"), Content(" " * len(marker))))
        elif kind == "list_item_close":
            stack.pop()
        elif kind == "table_open":
            gap = True
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open":
            cells = []
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("_open")
        elif kind == "tr_close":
            row = Content(" │ ").join(cells)
            emit(row.stylize("strong") if in_head else row, "text")
    return units


def layout(units: list[Unit], width: int) -> list[Line]:
    """Wrap every unit to `width` cells: its first line after `first`, the others after `rest`."""
    lines: list[Line] = []
    for unit in units:
        if unit.role in ("blank", "rule"):
            lines.append(Line(unit.first, unit.text, unit.role))
            continue
        room = max(8, width - unit.rest.cell_length)
        if unit.role == "code":  # code keeps its lines: long ones fold, never re-flow
            pieces = unit.text.fold(room) if unit.text.cell_length > room else [unit.text]
        else:
            pieces = unit.text.wrap(room)
        for index, piece in enumerate(pieces):
            lines.append(Line(unit.rest if index else unit.first, piece, unit.role))
    return lines


class ArticleBody(Widget):
    """The body of one article; its height is its wrapped line count (the pane scrolls it)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-body--h1",
        "article-body--h2",
        "article-body--h3",
        "article-body--quote",
        "article-body--quote-bar",
        "article-body--code",
        "article-body--code-inline",
        "article-body--link",
        "article-body--link-number",
        "article-body--bullet",
        "article-body--rule",
        "article-body--muted",
    }
    # Line roles whose style covers the whole line (the prefix keeps the pane's own).
    BLOCK_ROLES: ClassVar[frozenset[str]] = frozenset({"h1", "h2", "h3", "quote", "code"})
    DEFAULT_CSS = """
    ArticleBody {
        height: auto;
    }
    """

    class LinkClicked(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self._units: list[Unit] = []
        self._lines: list[Line] = []
        self._width = -1
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    def update(self, markdown: str, links: tuple[str, ...] = ()) -> None:
        """Show `markdown` (already passed through terminal_text); `links` number its links."""
        self.source = markdown
        self._units = parse(markdown, links) if markdown.strip() else []
        self._width = -1
        self._strips.clear()
        self.refresh(layout=True)

    def _wrapped(self, width: int) -> list[Line]:
        if width != self._width:
            self._lines = layout(self._units, width)
            self._width = width
            self._strips.clear()
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))

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
                name = f"article-body--{role}"
                # The rich partial style: a partial visual style drops an opaque background.
                style = (
                    Style.from_rich_style(self.get_component_rich_style(name, partial=True))
                    if name in self.COMPONENT_CLASSES
                    else Style()
                )
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        strip = self._strips.get(y)
        if strip is not None and strip.cell_length == width:
            return strip
        base = self.get_visual_style()
        lines = self._wrapped(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, base.rich_style)
        line = lines[y]
        block = base + self._style(line.role) if line.role in self.BLOCK_ROLES else base
        segments: list[Segment] = []
        if line.role == "rule":
            segments.append(Segment(RULE * width, (base + self._style("rule")).rich_style))
        else:
            for part, style in (line.prefix, base), (line.text, block):
                segments.extend(
                    Segment(text, piece.rich_style)
                    for text, piece in part.render(style, end="", parse_style=self._style)
                    if text
                )
        strip = Strip(segments).extend_cell_length(width, block.rich_style).crop(0, width)
        self._strips[y] = strip
        return strip

    def action_open_link(self, number: int) -> None:
        self.post_message(self.LinkClicked(number))

"""An article as lines: Markdown parsed once into units, wrapped per width (no widgets here).

Textual's Markdown widget mounts and styles a widget per block (and restyles them all when the
reader takes focus): 50-100 ms for an ordinary article. Here an article is a list of `Line`s
(a prefix such as a quote bar or a list marker, and a wrapped piece of text) computed once per
width; the reader pane turns only the lines on screen into segments.

Feed text only ever becomes `Content` (never markup); a link's click action is built here from
its number, never from the feed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content, Span
from textual.style import Style

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
_parsers = threading.local()
# A longer body is shown from its opening first, and whole once a worker has parsed it.
OPENING_CHARS = 2500  # a screenful of text is ~2,000
_REFERENCE = re.compile(r"^\[\d+\]: <[^>\n]*>$", re.MULTILINE)


def markdown_parser() -> MarkdownIt:
    """markdown-it (CommonMark, tables, strikethrough), imported on first use or by warm-up.
    One per thread (0.6 ms to build): a long article's body is parsed in a worker while the
    event loop parses the opening of the next one."""
    parser: MarkdownIt | None = getattr(_parsers, "parser", None)
    if parser is None:
        from markdown_it import MarkdownIt

        parser = _parsers.parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser


def opening(markdown: str, chars: int = OPENING_CHARS) -> str | None:
    """The first `chars` or so of a long Markdown body as whole blocks, plus its link
    references (the cleaner puts them at the end), so that it parses as the full text would
    up to there. None when the body is short enough to parse at once."""
    if len(markdown) <= 2 * chars:
        return None
    cut = markdown.find("\n\n", chars)
    if cut < 0:
        return None
    head = markdown[:cut]
    if head.count("```") % 2 or head.count("~~~") % 2:
        return None  # a fenced block would be cut open: parse the whole
    references = _REFERENCE.findall(markdown, cut)
    return head + "\n\n" + "\n".join(references) if references else head


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


def _click(number: int) -> Style:
    """The click action of link `number`: built from the number, never from feed text."""
    return Style.from_meta({"@click": f"open_link({number})"})


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
                        spans.append(Span(start, length, _click(number)))
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


def _unit(text: Content, role: str, prefix: Content | None = None) -> Unit:
    pad = prefix if prefix is not None else Content("")
    return Unit(text, pad, pad, role)


BLANK = Unit(Content(""), Content(""), Content(""), "blank")


def document(
    title: str,
    meta: str,
    body: list[Unit],
    *,
    partial: str = "",
    links: tuple[str, ...] = (),
    more: bool = False,
) -> list[Unit]:
    """The whole pane as units: title, meta line, partial notice, body, numbered links.
    `more`: the body is only its opening so far (the rest is being parsed).

    Every string here has already been through terminal_text(); it becomes plain Content.
    """
    units = [BLANK, _unit(Content(title), "title")]
    if meta:
        units.append(_unit(Content(meta), "meta"))
    if partial:
        pad = Content.styled(" ", "partial")
        units += [BLANK, _unit(Content(partial), "partial", pad)]
    if body:
        units += [BLANK, *body]
    if more:
        return [*units, BLANK, _unit(Content("…"), "meta")]
    if links:
        units += [BLANK, _unit(Content("Links"), "links-heading")]
        for number, url in enumerate(links, 1):
            line = Content(f"[{number}] {url}")
            units.append(_unit(line.stylize(_click(number)), "links"))
    return units

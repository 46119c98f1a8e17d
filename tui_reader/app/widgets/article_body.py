"""An article as lines: the cleaner's blocks as units, wrapped per width (no widgets here).

Textual's Markdown widget mounts and styles a widget per block (and restyles them all when the
reader takes focus): 50-100 ms for an ordinary article. Here an article is a list of `Line`s
(a prefix such as a quote bar or a list marker, and a wrapped piece of text) computed once per
width from the blocks the store keeps; the reader pane turns only the lines on screen into
segments. Links are the cleaner's own spans and numbers: nothing is parsed.

Feed text only ever becomes `Content` (never markup), after the terminal gate; a link's click
action is built here from its number, never from the feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content, Span
from textual.style import Style

from ...models import Block, LinkSpan
from ...sanitize import terminal_text

QUOTE_BAR = "▌ "
BULLET = "• "
# Inline roles with a fixed look; block and link roles come from the component classes.
INLINE_STYLES = {
    "em": Style(italic=True),
}
# A longer body is shown from its opening first, and whole once a worker has laid it out.
OPENING_CHARS = 2500  # a screenful of text is ~2,000


def opening(blocks: Sequence[Block], chars: int = OPENING_CHARS) -> int | None:
    """How many blocks make the first `chars` or so of a long body; None when the body is
    short enough to lay out at once."""
    total = sum(len(b.text) for b in blocks)
    if total <= 2 * chars:
        return None
    seen = 0
    for count, block in enumerate(blocks, 1):
        seen += len(block.text)
        if seen >= chars:
            return count if count < len(blocks) else None
    return None


@dataclass(frozen=True, slots=True)
class Unit:
    """A block to wrap: its text, the prefixes of its first and following lines, its role."""

    text: Content
    first: Content
    rest: Content
    role: str  # "text", "h2", "h3", "quote", "code", "blank", and the pane's own roles


@dataclass(frozen=True, slots=True)
class Line:
    prefix: Content
    text: Content
    role: str


def _click(number: int) -> Style:
    """The click action of link `number`: built from the number, never from feed text."""
    return Style.from_meta({"@click": f"open_link({number})"})


def _content(text: str, links: Sequence[LinkSpan]) -> Content:
    """Block text through the terminal gate, piece by piece so that the link spans stay on
    their words; each link's label opens it and is followed by its number."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0

    def add(piece: str, *roles: str | Style) -> None:
        nonlocal length
        piece = terminal_text(piece)
        if piece:
            parts.append(piece)
            spans.extend(Span(length, length + len(piece), role) for role in roles)
            length += len(piece)

    position = 0
    for start, end, number in links:
        add(text[position:start])
        add(text[start:end], "link", _click(number))
        add(f"[{number}]", "link-number")
        position = end
    add(text[position:])
    return Content("".join(parts), spans)


def body_units(blocks: Sequence[Block], text: str = "") -> list[Unit]:
    """The article's blocks as the units to wrap, a blank line between blocks. An article
    not cleaned yet has no blocks: its text shows as paragraphs."""
    if not blocks:
        blocks = [Block("paragraph", p) for p in text.split("\n\n") if p.strip()]
    units: list[Unit] = []
    for block in blocks:
        if units:
            units.append(BLANK)
        kind = block.kind
        if kind == "list":
            for number, (item, links) in enumerate(block.list_items(), 1):
                marker = f"{number}. " if block.level == 1 else BULLET
                first = Content.styled(marker, "bullet")
                units.append(Unit(_content(item, links), first, Content(" " * len(marker)), "text"))
        elif kind == "code":
            for line in terminal_text(block.text).split("\n"):
                units.append(_unit(Content(line), "code"))
        elif kind == "quote":
            bar = Content.styled(QUOTE_BAR, "quote-bar")
            units.append(Unit(_content(block.text, block.links), bar, bar, "quote"))
        elif kind == "heading":
            # The article's title is the pane's own; headings inside it start at h2.
            role = f"h{min(max(block.level, 2), 3)}"
            units.append(_unit(_content(block.text.replace("\n", " "), block.links), role))
        elif kind == "caption":
            units.append(_unit(_content(block.text, block.links).stylize("em"), "text"))
        else:
            units.append(_unit(_content(block.text, block.links), "text"))
    return units


def layout(units: list[Unit], width: int) -> list[Line]:
    """Wrap every unit to `width` cells: its first line after `first`, the others after `rest`."""
    lines: list[Line] = []
    for unit in units:
        if unit.role == "blank":
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
    `more`: the body is only its opening so far (the rest is being laid out).

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

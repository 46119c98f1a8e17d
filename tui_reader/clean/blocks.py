"""An article element -> a flat list of RawBlocks in reading order.

A RawBlock is one unit the cruft pass judges: a heading, a paragraph, one list item, a quote
paragraph, a code block, or a caption. It keeps its inline links (they become the article's
link spans) and the facts the cruft pass needs (link share, whether it sat in a figure, which
list it belongs to).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from lxml.html import HtmlElement

from ..models import BlockKind
from .text import normalize_lines, normalize_space, wordset

Run = tuple[str, str | None]  # (text, href or None)


BLOCK_TAGS = wordset(
    "p div section article main header footer aside nav ul ol li dl dt dd blockquote pre "
    "figure figcaption table thead tbody tfoot tr td th hr form address details summary "
    "center caption h1 h2 h3 h4 h5 h6 body html fieldset"
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# Never reader text: code, media, controls. Buttons say "Accept", "Remind me later", "Share".
# Ruby annotations (rt, rp: the reading of each kanji) are shown above the text, not in it;
# a formula's annotation is its source (TeX), while MathML's tokens are read as text.
SKIP_TAGS = wordset(
    "script style noscript template svg object embed iframe frame frameset applet canvas "
    "audio video source track button input select option textarea head title meta link "
    "picture map area dialog rt rp annotation annotation-xml"
)


@dataclass(slots=True)
class RawBlock:
    kind: BlockKind
    text: str
    runs: tuple[Run, ...] = ()
    level: int = 0  # heading level; for list items 1 = ordered
    link_chars: int = 0
    in_figure: bool = False
    list_id: int = -1  # list items of one list share an id
    tag: str = "p"
    position: int = 0
    flags: set[str] = field(default_factory=set)
    # The element that holds the block's source among its children (-1: unknown). The same
    # text twice side by side in one element is the page's own; in two, it is layout.
    owner: int = -1

    @property
    def link_density(self) -> float:
        """Share of the visible (non-space) characters that sit inside links."""
        if not self.link_chars:
            return 0.0  # most blocks: the text need not be counted (read ~5 times a block)
        return self.link_chars / max(1, _visible(self.text))


def grouped(blocks: Sequence[RawBlock]) -> Iterator[Sequence[RawBlock]]:
    """The blocks in order, the items of one list together and every other block alone."""
    i = 0
    while i < len(blocks):
        j = i + 1
        if blocks[i].kind == "list":
            while (
                j < len(blocks)
                and blocks[j].kind == "list"
                and blocks[j].list_id == blocks[i].list_id
            ):
                j += 1
        yield blocks[i:j]
        i = j


@dataclass(slots=True)
class _Context:
    quote: bool = False
    figure: bool = False
    # In a table's rows: a table in a figure (block themes put every table in one) is body
    # text; its caption and the text beside a picture are captions.
    data: bool = False


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self._lists = 0
        self._elements = 0  # serial numbers for RawBlock.owner

    def emit(
        self,
        kind: BlockKind,
        runs: list[Run],
        tag: str,
        ctx: _Context,
        *,
        level: int = 0,
        list_id: int = -1,
        owner: int = -1,
    ) -> None:
        text = normalize_lines(_join_runs(runs))
        if not text:
            return
        if ctx.figure and kind != "heading" and not ctx.data:
            kind = "caption"
        elif ctx.quote and kind == "paragraph":
            kind = "quote"
        link_chars = sum(_visible(t) for t, href in runs if href is not None)
        self.blocks.append(
            RawBlock(
                kind=kind,
                text=text,
                runs=tuple(runs),
                link_chars=link_chars,
                in_figure=ctx.figure,
                tag=tag,
                position=len(self.blocks),
                level=level,
                list_id=list_id,
                owner=owner,
            )
        )

    def walk(self, elem: HtmlElement, ctx: _Context, parent: int = -1) -> None:
        """A block container: loose text and inline children become paragraphs. `parent` is
        the serial number of the element holding it (its paragraphs' owner)."""
        buf: list[Run] = []
        tag = elem.tag if isinstance(elem.tag, str) else ""
        self._elements += 1
        me = self._elements

        def flush() -> None:
            if buf:
                self.emit("paragraph", buf[:], tag or "p", ctx, owner=parent)
                buf.clear()

        if elem.text:
            buf.append((_src(elem.text), None))
        children = list(elem)
        for i, child in enumerate(children):
            ctag = child.tag if isinstance(child.tag, str) else ""
            if not ctag or ctag in SKIP_TAGS:
                pass
            elif ctag in HEADINGS:
                flush()
                runs: list[Run] = []
                _inline(child, runs, None)
                self.emit("heading", runs, ctag, ctx, level=int(ctag[1]), owner=me)
            elif ctag in ("ul", "ol", "dl"):
                flush()
                self._list(child, ctx)
            elif ctag == "pre":
                flush()
                self._code(child)
            elif ctag == "blockquote":
                flush()
                self.walk(child, _Context(quote=True, figure=ctx.figure), me)
            elif ctag in ("figure", "figcaption", "caption"):
                flush()
                self.walk(child, _Context(quote=ctx.quote, figure=True), me)
            elif ctag == "table":
                flush()
                self._table(child, ctx)
            elif ctag == "br":
                nxt = children[i + 1] if i + 1 < len(children) else None
                if nxt is not None and nxt.tag == "br" and not (child.tail or "").strip():
                    flush()  # <br><br> is a paragraph break in hand-made HTML
                else:
                    buf.append(("\n", None))
            elif ctag in BLOCK_TAGS or _has_block(child):
                flush()
                self.walk(child, ctx, me)
            else:
                _inline(child, buf, None)
            if child.tail:
                buf.append((_src(child.tail), None))
        flush()

    def _list(self, elem: HtmlElement, ctx: _Context) -> None:
        self._lists += 1
        list_id = self._lists
        ordered = 1 if elem.tag == "ol" else 0
        for item in elem:
            itag = item.tag if isinstance(item.tag, str) else ""
            if itag not in ("li", "dt", "dd"):
                if itag and itag not in SKIP_TAGS:
                    self.walk(item, ctx)
                continue
            runs: list[Run] = []
            nested: list[HtmlElement] = []
            if item.text:
                runs.append((_src(item.text), None))
            for child in item:
                ctag = child.tag if isinstance(child.tag, str) else ""
                if ctag in ("ul", "ol"):
                    nested.append(child)
                elif ctag and ctag not in SKIP_TAGS:
                    if ctag in BLOCK_TAGS:
                        runs.append((" ", None))
                    _inline(child, runs, None)
                    if ctag in BLOCK_TAGS:
                        runs.append((" ", None))
                if child.tail:
                    runs.append((_src(child.tail), None))
            flat = [(t.replace("\n", " "), h) for t, h in runs]
            self.emit("list", flat, "li", ctx, level=ordered, list_id=list_id)
            for sub in nested:
                self._list(sub, ctx)

    def _code(self, elem: HtmlElement) -> None:
        text = "".join(_texts(elem)).strip("\n")
        if text.strip():
            self.blocks.append(
                RawBlock(kind="code", text=text, tag="pre", position=len(self.blocks))
            )

    def _table(self, elem: HtmlElement, ctx: _Context) -> None:
        for row in elem.iter("tr"):
            if not _own_part(row, elem):
                continue  # a table inside a cell: read with that cell, not again here
            cells: list[Run] = []
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                if _has_block(cell) and any(c.tag in ("p", "ul", "ol", "div") for c in cell):
                    self.walk(cell, ctx)  # layout tables hold paragraphs, not data
                    continue
                if cells:
                    cells.append((" | ", None))
                _inline(cell, cells, None)
            if cells:
                self.emit("paragraph", cells, "tr", replace(ctx, data=True))
        for cap in elem.iter("caption"):
            if _own_part(cap, elem):
                self.walk(cap, _Context(quote=ctx.quote, figure=True))


def _own_part(part: HtmlElement, table: HtmlElement) -> bool:
    """A row or caption of this table, not of a table nested in one of its cells."""
    return next(part.iterancestors("table"), None) is table


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def _join_runs(runs: list[Run]) -> str:
    """Join inline pieces; where a link starts or ends between a CJK character and a Latin
    letter or digit, put a space ("ソフト KeePass の", as a reader spaces mixed scripts).
    Other boundaries (ruby, emphasis, a link of CJK words in CJK text) are inside the text:
    those scripts are written without spaces."""
    parts: list[str] = []
    prev = ""
    prev_href: str | None = None
    for text, href in runs:
        if not text:
            continue
        if prev and href != prev_href and not prev[-1].isspace() and not text[0].isspace():
            a, b = prev[-1], text[0]
            if _is_cjk(a) != _is_cjk(b) and a.isalnum() and b.isalnum():
                parts.append(" ")
        parts.append(text)
        prev, prev_href = text, href
    return "".join(parts)


def _src(text: str) -> str:
    """Source text: its line breaks are layout, not breaks (only <br> makes one)."""
    return text.replace("\r", " ").replace("\n", " ")


def _visible(text: str) -> int:
    return len("".join(text.split()))


def _inline(elem: HtmlElement, runs: list[Run], href: str | None) -> None:
    """Append an inline element's text (without its tail) to runs."""
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if not tag or tag in SKIP_TAGS or _is_hover_card(elem):
        return
    if tag == "br":
        runs.append(("\n", None))
        return
    if tag == "a" and href is None:
        href = (elem.get("href") or "").strip()
    if elem.text:
        runs.append((_src(elem.text), href))
    for child in elem:
        _inline(child, runs, href)
        if child.tail:
            runs.append((_src(child.tail), href))


def _is_hover_card(elem: HtmlElement) -> bool:
    """A pop-up card after a linked name: the name again, a photo, links to other stories."""
    prev = elem.getprevious()
    if prev is None or prev.tag != "a" or elem.tag == "a" or prev.tail and prev.tail.strip():
        return False
    name = normalize_space(prev.text_content())
    if not name:
        return False
    links = sum(1 for _ in elem.iter("a"))
    has_img = next(elem.iter("img"), None) is not None
    return (has_img or links >= 2) and name in normalize_space(elem.text_content())


def _texts(elem: HtmlElement) -> Iterator[str]:
    if elem.text:
        yield elem.text
    for child in elem:
        if isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
            if child.tag == "br":
                yield "\n"
            yield from _texts(child)
        if child.tail:
            yield child.tail


def _has_block(elem: HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in elem.iterdescendants())


def html_blocks(article: HtmlElement) -> list[RawBlock]:
    builder = _Builder()
    builder.walk(article, _Context())
    return builder.blocks


# Text that lxml's HTML parser hands over as it is: no markup, no entity, no carriage return
# (it turns "\r\n" into "\n"), no other control character, surrogate or non-character.
_AS_PARSED = r"[^<&\r\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
_PLAIN_TEXT = re.compile(f"{_AS_PARSED}*")
# Paragraphs of such text: "<p>...</p>", separated by spaces, tabs and newlines only.
_PLAIN_PARAGRAPHS = re.compile(f"[ \t\n]*(?:<p>{_AS_PARSED}*</p>[ \t\n]*)+")
_PARAGRAPH_TEXT = re.compile(f"<p>({_AS_PARSED}*)</p>")
_PLAIN_CHARS = 100_000  # longer: parsed, whatever its shape (no regex runs on megabytes)


def plain_blocks(fragment: str) -> list[RawBlock] | None:
    """The blocks html_blocks gives for `fragment` in a <div> (clean_fragment's tree), when
    it is plain text or plain <p> paragraphs (most feed summaries), without parsing it;
    None for anything else. tests/clean/test_plain_blocks.py holds the two to the same."""
    if len(fragment) > _PLAIN_CHARS:
        return None
    if "<" not in fragment:
        if not _PLAIN_TEXT.fullmatch(fragment):
            return None
        # Loose text is the <div>'s own: a paragraph of the div, held by no element.
        texts, tag, owner = [fragment], "div", -1
    elif _PLAIN_PARAGRAPHS.fullmatch(fragment):
        # Each <p> is walked as the div's child (the div is element 1): its owner.
        texts, tag, owner = _PARAGRAPH_TEXT.findall(fragment), "p", 1
    else:
        return None
    blocks: list[RawBlock] = []
    for raw in texts:
        source = _src(raw)
        text = normalize_lines(source)
        if text:
            blocks.append(
                RawBlock(
                    kind="paragraph",
                    text=text,
                    runs=((source, None),),
                    tag=tag,
                    position=len(blocks),
                    owner=owner,
                )
            )
    return blocks


def text_blocks(text: str) -> list[RawBlock]:
    """Plain text -> paragraphs: blank lines separate; a hard-wrapped line joins the next."""
    blocks: list[RawBlock] = []
    for chunk in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        lines = [normalize_space(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        current = ""
        for line in lines:
            if current and _continues(current, line):
                current = f"{current} {line}"
                continue
            if current:
                blocks.append(_text_block(current, len(blocks)))
            current = line
        if current:
            blocks.append(_text_block(current, len(blocks)))
    return blocks


def _continues(previous: str, line: str) -> bool:
    # A wrapped line: the previous one stops mid-sentence and this one goes on in lower case.
    return previous[-1] not in ".!?:;\"'”’)" and (line[0].islower() or line[0] in ",;)")


def _text_block(text: str, position: int) -> RawBlock:
    return RawBlock(kind="paragraph", text=text, runs=((text, None),), position=position)

"""The blocks the cruft pass kept -> the Article's Blocks, their links numbered in reading order.

This is the one form an article keeps from here on: the store saves it, the reader draws it,
and Markdown (`extract --format markdown`) is rendered from it. A link is a span of the
block's text and a number into Article.links; only http(s) links get one, so nothing the
reader can open is other than a web page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Block, LinkSpan
from ..sanitize import is_web_url
from .blocks import RawBlock, Run, grouped
from .text import normalize_space

_URL_UNSAFE = re.compile(r"[\x00-\x20<>\x7f]")


class _Links:
    """Numbers each distinct URL once, in the order it is first met."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self._index: dict[str, int] = {}

    def number(self, url: str) -> int:
        url = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", url.strip())
        if url not in self._index:
            self.urls.append(url)
            self._index[url] = len(self.urls)
        return self._index[url]


def _spans(runs: Sequence[Run], text: str, links: _Links) -> list[LinkSpan]:
    """Where each link's runs sit in `text` (the block's normalised text), numbered.

    Each run shows as normalize_space(run) somewhere after the previous one (`text` is the
    runs joined and normalised line by line, and a run never holds a line break), so the
    runs are found in order. A run that cannot be found (an escape sequence split across two
    runs) leaves its link without a span; the link keeps its number in the list.
    """
    # Neighbouring runs of one link are one span (<a><b>the</b> report</a>).
    groups: list[tuple[list[str], str | None]] = []
    for piece, href in runs:
        target = href if is_web_url(href) else None
        if groups and target is not None and groups[-1][1] == target:
            groups[-1][0].append(piece)
        else:
            groups.append(([piece], target))
    if all(target is None for _, target in groups):
        return []  # no link to place (most blocks): the runs need not be found
    spans: list[LinkSpan] = []
    cursor = 0
    for pieces, target in groups:
        start = end = -1
        for piece in pieces:
            label = normalize_space(piece)
            if not label:
                continue
            at = text.find(label, cursor)
            if at < 0:
                continue
            if start < 0:
                start = at
            end = cursor = at + len(label)
        if target is None or not any(normalize_space(p) for p in pieces):
            continue
        number = links.number(target)
        if start >= 0 and (not spans or start >= spans[-1][1]):
            spans.append((start, end, number))
    return spans


def numbered_blocks(kept: Sequence[RawBlock]) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """The article's blocks (a list's items together) and the URLs their links number."""
    links = _Links()
    out: list[Block] = []
    for group in grouped(kept):
        b = group[0]
        if b.kind == "list":
            items: list[str] = []
            spans: list[LinkSpan] = []
            offset = 0
            for item in group:
                # A line break inside an item is a space in the list (one char for one).
                items.append(item.text.replace("\n", " "))
                spans += [
                    (s + offset, e + offset, n) for s, e, n in _spans(item.runs, item.text, links)
                ]
                offset += len(item.text) + 1
            out.append(
                Block(
                    "list", "\n".join(items), level=b.level, items=tuple(items), links=tuple(spans)
                )
            )
        else:
            level = b.level if b.kind == "heading" else 0
            spans = _spans(b.runs, b.text, links) if b.kind != "code" else []
            out.append(Block(b.kind, b.text, level=level, links=tuple(spans)))
    return tuple(out), tuple(links.urls)

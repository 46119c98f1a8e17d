"""Kept blocks -> Markdown for the reader, with links numbered `[text][1]` in reading order.

Only http(s) links become links; anything else (javascript:, data:, file:, mailto:, "#")
is left as plain text, so nothing the reader can open is other than a web page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..sanitize import is_web_url
from .blocks import RawBlock, Run, grouped
from .text import normalize_space

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_URL_UNSAFE = re.compile(r"[\x00-\x20<>\x7f]")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Make text literal in Markdown (no emphasis, links, HTML or headings by accident)."""
    text = _ESCAPE.sub(r"\\\1", text)
    return "\n".join(_LINE_START.sub(_escape_marker, line) for line in text.split("\n"))


def _escape_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker[0].isdigit():
        return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"
    return f"{m.group(1)}\\{marker}"


class _Links:
    def __init__(self) -> None:
        self.urls: list[str] = []
        self._index: dict[str, int] = {}

    def number(self, url: str) -> int:
        url = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", url.strip())
        if url not in self._index:
            self.urls.append(url)
            self._index[url] = len(self.urls)
        return self._index[url]


def _inline(runs: Sequence[Run], links: _Links, *, single_line: bool) -> str:
    # Merge neighbouring runs of the same link, then render each piece.
    merged: list[tuple[str, str | None]] = []
    for text, href in runs:
        target = href if is_web_url(href) else None
        if merged and merged[-1][1] == target:
            merged[-1] = (merged[-1][0] + text, target)
        else:
            merged.append((text, target))
    out: list[str] = []
    for text, target in merged:
        if single_line:
            text = text.replace("\n", " ")
        if target is None:
            out.append(escape(text))
            continue
        label = normalize_space(text)
        if not label:
            continue
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        out.append(f"{lead}[{escape(label)}][{links.number(target)}]{trail}")
    joined = "".join(out)
    lines = (" ".join(line.split()) for line in joined.split("\n"))
    return ("  \n" if not single_line else " ").join(line for line in lines if line)


def render(blocks: Sequence[RawBlock]) -> tuple[str, tuple[str, ...]]:
    """Markdown and the numbered http(s) links it refers to."""
    links = _Links()
    parts: list[str] = []
    for group in grouped(blocks):
        b = group[0]
        if b.kind == "list":
            items = [
                f"{f'{number}.' if item.level == 1 else '-'} "
                + _inline(item.runs, links, single_line=True)
                for number, item in enumerate(group, 1)
            ]
            parts.append("\n".join(items))
        elif b.kind == "heading":
            level = min(6, max(2, b.level))  # the article title is the only level-1 heading
            parts.append(f"{'#' * level} {_inline(b.runs, links, single_line=True)}")
        elif b.kind == "code":
            fence = "````" if "```" in b.text else "```"
            parts.append(f"{fence}\n{b.text}\n{fence}")
        elif b.kind == "quote":
            body = _inline(b.runs, links, single_line=False)
            parts.append("\n".join(f"> {line}" for line in body.split("\n")))
        elif b.kind == "caption":
            parts.append(f"*{_inline(b.runs, links, single_line=True)}*")
        else:
            parts.append(_inline(b.runs, links, single_line=False))
    body = "\n\n".join(p for p in parts if p.strip())
    if links.urls:
        refs = "\n".join(f"[{n}]: <{url}>" for n, url in enumerate(links.urls, 1))
        body = f"{body}\n\n{refs}"
    return body, tuple(links.urls)

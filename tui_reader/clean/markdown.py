"""An Article as Markdown, for `extract --format markdown`: a view rendered from its blocks.

Links are written `[text][1]` with the article's own numbers and listed at the end. Nothing
here is ever parsed back: the store and the reader keep and draw the blocks themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article, Block, LinkSpan

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Make text literal in Markdown (no emphasis, links, HTML or headings by accident)."""
    return _line_starts(_inline_escape(text))


def _inline_escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _line_starts(text: str) -> str:
    return "\n".join(_LINE_START.sub(_escape_marker, line) for line in text.split("\n"))


def _escape_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker[0].isdigit():
        return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"
    return f"{m.group(1)}\\{marker}"


def _inline(text: str, spans: Sequence[LinkSpan], *, single_line: bool) -> str:
    out: list[str] = []
    position = 0
    for start, end, number in spans:
        out.append(_inline_escape(text[position:start]))
        out.append(f"[{_inline_escape(text[start:end])}][{number}]")
        position = end
    out.append(_inline_escape(text[position:]))
    joined = "".join(out)
    if single_line:
        return _line_starts(" ".join(joined.split()))
    lines = (" ".join(line.split()) for line in joined.split("\n"))
    return _line_starts("  \n".join(line for line in lines if line))


def render_blocks(blocks: Sequence[Block], links: Sequence[str]) -> str:
    """Markdown for the blocks, with the numbered link references at the end."""
    parts: list[str] = []
    for b in blocks:
        if b.kind == "list":
            parts.append(
                "\n".join(
                    f"{f'{number}.' if b.level == 1 else '-'} "
                    + _inline(item, spans, single_line=True)
                    for number, (item, spans) in enumerate(b.list_items(), 1)
                )
            )
        elif b.kind == "heading":
            level = min(6, max(2, b.level))  # the article title is the only level-1 heading
            parts.append(f"{'#' * level} {_inline(b.text, b.links, single_line=True)}")
        elif b.kind == "code":
            fence = "````" if "```" in b.text else "```"
            parts.append(f"{fence}\n{b.text}\n{fence}")
        elif b.kind == "quote":
            body = _inline(b.text, b.links, single_line=False)
            parts.append("\n".join(f"> {line}" for line in body.split("\n")))
        elif b.kind == "caption":
            parts.append(f"*{_inline(b.text, b.links, single_line=True)}*")
        else:
            parts.append(_inline(b.text, b.links, single_line=False))
    body = "\n\n".join(p for p in parts if p.strip())
    if links:
        refs = "\n".join(f"[{n}]: <{url}>" for n, url in enumerate(links, 1))
        body = f"{body}\n\n{refs}"
    return body


def render(article: Article) -> str:
    """The article's body as Markdown (its title is the caller's to add)."""
    return render_blocks(article.blocks, article.links)

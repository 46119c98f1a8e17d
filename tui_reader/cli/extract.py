"""`tui-reader extract PATH|URL...`: reader mode for pages and text files.

Each source is read (a `.txt` file as plain text, anything else as HTML; URLs fetched, all
at once), cleaned and printed in the order given. A source that fails prints one line on
stderr and the others still print; the exit code is 1 when any failed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ExtractError, FetchError, TuiReaderError
from ..files import TooLargeError, read_bounded
from ..sanitize import escape_invisible, is_web_url, terminal_text
from . import loop
from .context import Context

if TYPE_CHECKING:
    from ..models import Article

FORMATS = ("text", "markdown", "json", "jsonl")
_TEXT_SUFFIXES = (".txt", ".text")


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A source read into memory: HTML bytes/str or plain text, with its URL if any."""

    body: bytes | str
    url: str | None
    plain: bool
    content_type: str | None = None  # the HTTP header: its charset decodes the page


def register(sub: Any) -> None:
    """Add the `extract` subcommand to the parser's subparsers."""
    p = sub.add_parser(
        "extract",
        help="reader mode: the clean text of pages, HTML files or text files",
        description="Print the article in each PATH or URL without menus, ads, appeals or "
        "sign-up boxes. A .txt file is read as plain text. With several sources, each is "
        "printed in the order given; one that fails is reported and the rest still print.",
    )
    p.add_argument("sources", nargs="+", metavar="PATH|URL", help="HTML/text files or http(s) URLs")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text (default), markdown, json (one object per source) or jsonl (one line each, "
        "with its path)",
    )
    p.set_defaults(handler=cmd_extract)


def cmd_extract(args: argparse.Namespace, ctx: Context) -> int:
    sources: list[str] = args.sources
    fetched = _fetch_all([s for s in sources if is_web_url(s)], ctx)
    failed = 0
    for index, source in enumerate(sources):
        try:
            loaded = fetched[source] if is_web_url(source) else _read_file(source, ctx)
            if isinstance(loaded, TuiReaderError):
                raise loaded
            article = _clean(loaded)
            if not article.text.strip():
                # A JavaScript app's empty shell, or markup with no words in it: saying
                # nothing but the title would look like success.
                raise ExtractError(
                    "no article found: the page has no readable text "
                    "(it may be built by JavaScript, or be only markup)"
                )
        except TuiReaderError as exc:
            failed += 1
            print(f"tui-reader: {terminal_text(source, single_line=True)}: {exc}", file=ctx.err)
            continue
        _print(article, source, args.format, ctx, first=index == 0, many=len(sources) > 1)
    return 1 if failed else 0


def _read_file(source: str, ctx: Context) -> _Loaded:
    path = Path(source)
    if "://" in source:
        raise ExtractError("only http(s) URLs and local files can be read")
    limit = ctx.config.fetch.max_bytes
    try:
        if path.is_dir():
            raise ExtractError("is a directory, not a file")
        # A pipe or device given as the file gets the same deadline as a page would.
        data = read_bounded(path, limit, seconds=ctx.config.fetch.timeout)
    except TooLargeError as exc:
        raise ExtractError(f"file too large ({exc})") from None
    except FileNotFoundError:
        raise ExtractError("no such file") from None
    except PermissionError:
        raise ExtractError("permission denied") from None
    except OSError as exc:
        raise ExtractError(f"cannot read the file ({exc.strerror or exc})") from None
    from ..fetch.pagetype import page_type

    kind = page_type(data, None, path.name)
    if kind.kind == "other":
        raise ExtractError(f"not a web page or text: the file is {kind.what}")
    if kind.kind == "text" or path.suffix.lower() in _TEXT_SUFFIXES:
        return _Loaded(body=_decode_text(data), url=None, plain=True)
    return _Loaded(body=data, url=None, plain=False)


def _decode_text(data: bytes, content_type: str | None = None) -> str:
    from ..clean.decode import decode_html

    return decode_html(data, content_type, markup=False).text


def _fetch_all(urls: Sequence[str], ctx: Context) -> dict[str, _Loaded | TuiReaderError]:
    """Fetch every URL concurrently (one client, the configured caps); errors are kept."""
    if not urls:
        return {}
    if ctx.offline:
        err = FetchError("cannot fetch a URL with --offline (save the page and give its path)")
        return {u: err for u in urls}
    import asyncio

    from ..fetch.http import PAGE_ACCEPT, HttpClient

    async def run() -> dict[str, _Loaded | TuiReaderError]:
        async with HttpClient(ctx.config.fetch) as client:

            async def one(url: str) -> _Loaded | TuiReaderError:
                try:
                    response = await client.get(url, accept=PAGE_ACCEPT)
                except TuiReaderError as exc:
                    return exc
                return _loaded_response(response.url, response.headers, response.body)

            results = await asyncio.gather(*(one(u) for u in dict.fromkeys(urls)))
        return dict(zip(dict.fromkeys(urls), results, strict=True))

    return loop.run(run())


def _loaded_response(url: str, headers: Mapping[str, str], body: bytes) -> _Loaded | ExtractError:
    ctype = headers.get("content-type", "")
    from ..fetch.pagetype import page_type

    kind = page_type(body, ctype.lower(), urlsplit(url).path.rsplit("/", 1)[-1])
    if kind.kind == "other":
        return ExtractError(f"not a web page: the server sent {kind.what}")
    if kind.kind == "text":
        return _Loaded(body=_decode_text(body, ctype), url=url, plain=True)
    # The header's charset decodes the page (clean.decode), ahead of the page's own <meta>.
    return _Loaded(body=body, url=url, plain=False, content_type=ctype or None)


def _clean(loaded: _Loaded) -> Article:
    from ..clean import clean_html, clean_text

    if loaded.plain:
        assert isinstance(loaded.body, str)
        return clean_text(loaded.body)
    return clean_html(loaded.body, loaded.url, loaded.content_type)


def _entities(text: str, backend: str) -> list[dict[str, Any]]:
    from ..entities import extract_entities

    return [
        {"type": e.type, "name": e.name, "aliases": list(e.aliases), "count": e.count}
        for e in extract_entities(text, backend=backend)
    ]


def _record(article: Article, source: str, backend: str = "builtin") -> dict[str, Any]:
    return {
        "path": source,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "site": article.site,
        "text": article.text,
        "markdown": _markdown(article),
        "truncated": article.truncated,
        "entities": _entities(article.text, backend),
    }


def _markdown(article: Article) -> str:
    """Markdown is a view of the article's blocks, rendered here only (never stored)."""
    from ..clean.markdown import render

    return render(article)


def _print(
    article: Article, source: str, fmt: str, ctx: Context, *, first: bool, many: bool
) -> None:
    out = ctx.out
    if fmt in ("json", "jsonl"):
        record = _record(article, source, ctx.config.entities.backend)
        if fmt == "json" and not many:
            del record["path"]
        # Piped or not (`| less -R` shows what a file holds): json.dumps escapes C0 controls
        # itself, and escape_invisible the C1, bidi and invisible ones, so the data stays
        # whole for a program and inert on a terminal.
        text = json.dumps(record, ensure_ascii=False, indent=None if fmt == "jsonl" else 2)
        out.write(escape_invisible(text, "\\u%04x") + "\n")
        out.flush()
        return
    body = _markdown(article) if fmt == "markdown" else article.text
    title = article.title
    if fmt == "markdown" and title:
        from ..clean.markdown import escape

        head = f"# {escape(title)}"
    else:
        head = title
    head, body = terminal_text(head, single_line=True), terminal_text(body)
    if many:
        out.write(("" if first else "\n") + f"==> {terminal_text(source, single_line=True)} <==\n")
    parts = [p for p in (head, body) if p]
    out.write("\n\n".join(parts) + "\n")
    out.flush()
    if article.truncated:
        name = terminal_text(source, single_line=True)
        why = article.note or "the page holds only part of the article"
        print(f"tui-reader: note: {name}: {why}", file=ctx.err)

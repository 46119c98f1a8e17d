"""Reliability row 8: feedparser's own test documents (shared/data/feedparser-cases) ingest.

Every file goes through parse_feed as bytes with its `Header:` lines as response headers:
no crash, and items come through wherever the file has any. feedparser's suite expects
some files to be "bozo" (not well-formed, or a charset conflict); ours reads them anyway.
Where an `Expect:` line pins a title, description or link in the charset (`encoding/`),
entity (`entities/`) and ill-formed (`illformed/`) folders, our value must match it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import SHARED, needs_shared
from tests.loopback import LoopbackServer, Reply
from tui_reader.config import FetchConfig
from tui_reader.errors import FeedParseError
from tui_reader.fetch.feeds import parse_feed
from tui_reader.fetch.http import HttpClient
from tui_reader.models import ParsedFeed

CASES = SHARED / "data" / "feedparser-cases"
FILES = (
    sorted(p for p in CASES.rglob("*") if p.suffix in (".xml", ".json")) if CASES.is_dir() else []
)
# Documents with nothing in them: reported as "not a feed", which is right.
NOT_FEEDS = {"illformed/rss_empty_document.xml"}
CHECKED_FOLDERS = ("encoding/", "entities/", "illformed/")
_HEADER = re.compile(r"^\s*Header:\s+([^:]+):(.*)$", re.MULTILINE)
_EXPECT = re.compile(r"Expect:\s*(.*?)\s*-->", re.DOTALL)
_ITEM = re.compile(r"<(?:\w+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_PINNED = re.compile(
    r"""^(?:not\ bozo\ and\ )?
    (?P<field>feed\['title'\]|feed\.link|entries\[0\](?:\['(?:title|description)'\]|\.link))
    \s*==\s*(?P<value>.+)$""",
    re.VERBOSE,
)


def _text(data: bytes) -> str:
    """The file as text, good enough to read its comment header (UTF-16/32 included)."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    return data.replace(b"\x00", b"").decode("latin-1")


def _case(path: Path) -> tuple[bytes, dict[str, str], str, str]:
    data = path.read_bytes()
    text = _text(data)
    headers = {m.group(1).strip().lower(): m.group(2).strip() for m in _HEADER.finditer(text)}
    expect = _EXPECT.search(text)
    body = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    return data, headers, expect.group(1).strip() if expect else "", body


def _name(path: Path) -> str:
    return path.relative_to(CASES).as_posix()


@needs_shared(CASES)
def test_case_files_are_there() -> None:
    assert len(FILES) >= 300


@needs_shared(CASES)
@pytest.mark.parametrize("path", FILES, ids=_name)
def test_case_ingests(path: Path) -> None:
    data, headers, expect, body = _case(path)
    url = f"http://127.0.0.1:8097/tests/{_name(path)}"
    if _name(path) in NOT_FEEDS:
        with pytest.raises(FeedParseError, match="^not a feed"):
            parse_feed(data, headers, url)
        return
    feed = parse_feed(data, headers, url)
    assert isinstance(feed, ParsedFeed)
    if path.suffix == ".json":
        assert feed.title == "My Example Feed" and len(feed.items) == 2
        # Item HTML stays raw until the cleaner, which must strip the case's scripts.
        from tui_reader.clean import clean_fragment
        from tui_reader.clean.markdown import render

        for json_item in feed.items:
            content, link = json_item.content, json_item.link
            cleaned = render(clean_fragment(content, link)) if content else ""
            assert "<script" not in cleaned and "alert(" not in cleaned
    elif _ITEM.search(body):
        assert feed.items, "the file has items but none came through"
    for entry in feed.items:
        assert entry.guid
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
    if _name(path).startswith("illformed/") and expect == "bozo":
        assert feed.warning and feed.warning.startswith("not well-formed XML")
    if _name(path).startswith(CHECKED_FOLDERS) and (pinned := _PINNED.match(expect)):
        want = ast.literal_eval(pinned.group("value"))
        field = pinned.group("field")
        item = feed.items[0] if feed.items else None
        got = {
            "feed['title']": feed.title,
            "feed.link": feed.site_url,
            "entries[0]['title']": item and item.title,
            "entries[0]['description']": item and (item.summary or item.content),
            "entries[0].link": item and item.link,
        }[field]
        assert got == want


@needs_shared(CASES)
async def test_http_cases_through_the_real_client(server: LoopbackServer) -> None:
    """The cases upstream serves over HTTP, served the same way (their `Header:` lines) and
    fetched with HttpClient: what the refresh pipeline does with a real feed."""
    served = [p for p in FILES if "http" in _name(p)]
    assert served
    for path in served:
        data, headers, _, body = _case(path)
        reply_headers = {"Content-Type": "text/xml", **{k.title(): v for k, v in headers.items()}}
        server.add(f"/tests/{_name(path)}", Reply(body=data, headers=reply_headers))
    async with HttpClient(FetchConfig()) as client:
        for path in served:
            response = await client.get(server.url(f"/tests/{_name(path)}"))
            feed = parse_feed(response.body, response.headers, response.url)
            if _ITEM.search(_case(path)[3]):
                assert feed.items, _name(path)
            for item in feed.items:
                assert item.link is None or item.link.startswith(("http://", "https://"))

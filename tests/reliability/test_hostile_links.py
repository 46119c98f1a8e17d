"""Links with control characters, spaces or megabytes: never stored as links, never handed
to the browser raw (the real CLI, then the app with Pilot)."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import SampleCache, cache, make_app, notes, opened_urls  # noqa: F401
from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tui_reader.sanitize import MAX_URL_CHARS

SIZE = (120, 40)
HOSTILE = {
    "osc8": "http://127.0.0.1/\x1b]8;;http://evil.example/\x07x",
    "nul": "http://127.0.0.1/a\x00b",
    "bell": "http://127.0.0.1/\x07",
    "huge": "http://127.0.0.1/" + "a" * 3_000_000,
}


def test_hostile_links_are_not_stored_as_links(
    cli: CliRunner, server: LoopbackServer, home: object
) -> None:
    # Before: stored as they came; `o` handed ESC ] 8 ... BEL to the browser's command line,
    # "no browser is available" for the 3 MB one (the kernel refuses such an argument).
    items = [{"id": name, "title": f"{name} story", "url": url} for name, url in HOSTILE.items()]
    items.append({"id": "fine", "title": "fine story", "url": "http://127.0.0.1/a b"})
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Links", "items": items}
    url = server.add("/links.json", Reply(200, json.dumps(feed).encode()))
    outcome = cli("add", url)
    assert outcome.code == 0, outcome.err
    found = cli("search", "story")
    assert found.out.count("story") == len(HOSTILE) + 1
    assert "http://127.0.0.1/a b" in found.out
    assert "evil.example" not in found.out and "aaaaaaaaaa" not in found.out


async def _press_open_with_link(sample: SampleCache, link: str) -> None:
    """`o` in the app on the first sample article, its stored link replaced by `link`."""
    sample.store._conn.execute(
        "UPDATE items SET link = ? WHERE link = ?", (link, "https://news.example/guid-0")
    )
    sample.store._conn.commit()
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await app.workers.wait_for_complete()


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_the_app_never_opens_a_stored_hostile_link(
    cache: SampleCache,  # noqa: F811
    notes: list[str],  # noqa: F811
    opened_urls: list[str],  # noqa: F811
    name: str,
) -> None:
    # A link stored by an earlier version, before the rule.
    await _press_open_with_link(cache, HOSTILE[name])
    assert opened_urls == []
    assert any("not opening" in note for note in notes), notes
    assert len(HOSTILE["huge"]) > MAX_URL_CHARS


async def test_blanks_in_a_link_are_mended_for_the_browser(
    cache: SampleCache,  # noqa: F811
    opened_urls: list[str],  # noqa: F811
) -> None:
    await _press_open_with_link(cache, " https://news.example/a b\n/c\t")
    assert opened_urls == ["https://news.example/a%20b/c"]

"""A feed that gives every entry a new guid on each fetch, through the real CLI.

Before, five refreshes of ten stories stored fifty items. The stories are matched by link
(store/items.py) and keep the reader's marks; entries that merely share a link stay apart.
"""

from __future__ import annotations

import itertools

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply, Request
from tests.samples import rss
from tui_reader.locations import Locations
from tui_reader.models import ArticleFilter
from tui_reader.store import open_store

STORIES = 10
REFRESHES = 5


def _churning_feed(server: LoopbackServer, path: str, *, shared_link: bool = False) -> str:
    fetches = itertools.count()

    def feed(request: Request) -> Reply:
        n = next(fetches)
        items = [
            (
                f"urn:uuid:{n}-{i}",  # a new guid on every fetch
                f"Story {i}",
                server.url("/home" if shared_link else f"{path}/story/{i}"),
            )
            for i in range(STORIES)
        ]
        body = rss("Churn News", items, site=server.url("/"))
        return Reply(200, body, {"Content-Type": "application/rss+xml"})

    return server.add(path, feed)


def _items(home: Locations) -> list[tuple[str, bool, bool]]:
    with open_store(home.database, readonly=True) as store:
        rows = store.article_rows(store.article_ids())
    return sorted((row.title, row.read, row.starred) for row in rows)


def test_churning_guids_do_not_grow_the_cache(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    # The stories are from 2023: keep the read one from pruning, to see its mark kept.
    home.config_file.parent.mkdir(parents=True, exist_ok=True)
    home.config_file.write_text("[store]\nretention_days = 0\n")
    url = _churning_feed(server, "/churn")
    added = cli("add", url)
    assert added.code == 0, added.err
    assert len(_items(home)) == STORIES
    with open_store(home.database) as store:
        ids = store.article_ids(ArticleFilter())
        rows = {row.title: row.id for row in store.article_rows(ids)}
        store.set_read(rows["Story 3"])
        store.set_starred(rows["Story 4"], True)
    for _ in range(REFRESHES):
        result = cli("refresh", "--no-prefetch")
        assert result.code == 0, result.err
    items = _items(home)
    assert len(items) == STORIES, f"{len(items)} items for {STORIES} stories"
    assert ("Story 3", True, False) in items and ("Story 4", False, True) in items
    assert len(server.requests_to("/churn")) == REFRESHES + 1


def test_a_pruned_story_does_not_come_back_under_a_new_guid(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    url = _churning_feed(server, "/churn")
    assert cli("add", url).code == 0
    with open_store(home.database) as store:
        for row in store.article_rows(store.article_ids()):
            if row.title == "Story 3":
                store.set_read(row.id)
    for _ in range(2):  # the first prunes it (read, and older than 90 days)
        assert cli("refresh", "--no-prefetch").code == 0
    titles = [title for title, _, _ in _items(home)]
    assert "Story 3" not in titles and len(titles) == STORIES - 1


def test_entries_that_share_one_link_are_not_merged(
    cli: CliRunner, server: LoopbackServer, home: Locations
) -> None:
    """Every entry links to the home page: new guids are new entries (the feed says so)."""
    url = _churning_feed(server, "/shared", shared_link=True)
    assert cli("add", url).code == 0
    assert cli("refresh", "--no-prefetch").code == 0
    assert len(_items(home)) == 2 * STORIES

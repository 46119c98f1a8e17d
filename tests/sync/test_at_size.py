"""A sync past every page and batch size of the TT-RSS client, through the command line."""

from __future__ import annotations

from pathlib import Path

from tests.loopback import LoopbackServer
from tests.sync import ttrss
from tests.sync.feeds import Newsroom
from tests.sync.homes import Home
from tui_reader.sync.ttrss import CONTENT_PAGE, HEADLINES_LIMIT, MARK_BATCH


def test_a_thousand_items_their_marks_and_the_server_changes(
    tmp_path: Path, ttrss_server: ttrss.TtrssServer, server: LoopbackServer
) -> None:
    newsroom = Newsroom(server)
    per_feed = MARK_BATCH // 2 + 60
    feeds = 4
    total = per_feed * feeds  # > MARK_BATCH, > HEADLINES_LIMIT, many CONTENT_PAGEs
    assert total > 2 * MARK_BATCH > HEADLINES_LIMIT > CONTENT_PAGE
    for n in range(feeds):
        newsroom.publish(f"desk{n}", 1)
        feed_id = ttrss_server.subscribe(newsroom.feed_url(f"desk{n}"), category=f"Cat {n % 2}")
        ttrss_server.bulk_articles(feed_id, per_feed - 1, f"https://news.example/{n}/")
    ttrss_server.update_feeds()  # each desk's one real story, and titles for the feeds
    home = Home(tmp_path / "home")
    home.configure(
        "ttrss", ttrss_server.url, ttrss.USERNAME, ttrss.PASSWORD, "[fetch]\nprefetch = false"
    )
    outcome = home.run("sync")
    assert outcome.code == 0, outcome.err
    assert f"{feeds} feeds, {total} new items" in outcome.out
    rows = home.by_link()
    assert len(rows) == total

    # More marks than one updateArticle call takes, in one `mark` command.
    ids = sorted(r["id"] for r in rows.values())
    to_read = ids[: MARK_BATCH + 100]
    assert home.run("mark", "read", *map(str, to_read)).code == 0
    outcome = home.run("sync")
    assert outcome.code == 0 and f"{len(to_read)} marks pushed" in outcome.out, outcome.out
    server_side = ttrss_server.articles()
    assert sum(not unread for unread, _ in server_side.values()) == len(to_read)

    # The server stars more than a page of headlines; all of them arrive.
    ttrss_server.sql("UPDATE ttrss_user_entries SET marked = true WHERE int_id % 4 = 0")
    starred = {link for link, (_, marked) in ttrss_server.articles().items() if marked}
    assert len(starred) > HEADLINES_LIMIT
    outcome = home.run("sync")
    assert outcome.code == 0 and f"{len(starred)} changes from the server" in outcome.out
    rows = home.by_link()
    assert {link for link, r in rows.items() if r["starred"]} == starred
    assert sum(r["read"] for r in rows.values()) == len(to_read)
    assert len(rows) == total

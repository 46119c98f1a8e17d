"""Sync benchmark: one home against a real Tiny Tiny RSS with tens of thousands of articles.

Starts the test suite's TT-RSS (tests/sync/ttrss.py: Debian's tt-rss, php -S, a throwaway
PostgreSQL; needs `apt-get install tt-rss php-cli php-pgsql postgresql`), puts --items
articles into --feeds feeds straight into its database, then times, in this process:

- the first sync (every article new), without the pipeline's page fetch and cleaning;
- a warm sync (nothing new, nothing to push);
- a sync pushing --marks local stars and pulling as many reads made on the server;
- the pipeline run that cleans and indexes what the first sync stored (refresh_feeds over no
  feeds), for scale: it is the pipeline's cost, not the sync's.

Prints each wall time, the requests the server answered, and peak RSS. Run it with nice on a
shared machine; PHP's built-in server answers one request at a time, so the server side is a
large part of every figure.

    python bench/sync_bench.py --items 20000 --feeds 200
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.sync import ttrss  # noqa: E402
from tui_reader.config import Config, FetchConfig, SyncConfig  # noqa: E402
from tui_reader.fetch.http import HttpClient  # noqa: E402
from tui_reader.refresh import refresh_feeds  # noqa: E402
from tui_reader.store import Store, open_store  # noqa: E402
from tui_reader.sync.engine import SyncReport, sync_once  # noqa: E402


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _requests(server: ttrss.TtrssServer) -> int:
    return server.log.read_text(errors="replace").count("POST /api/")


async def _sync(store: Store, config: Config) -> tuple[SyncReport, float]:
    started = time.monotonic()
    async with HttpClient(config.fetch) as http:
        report = await sync_once(store, config, http)
    return report, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--marks", type=int, default=2_000)
    parser.add_argument(
        "--read-share",
        type=float,
        default=0.9,
        help="share of the articles already read on the server (most are, in a real one)",
    )
    parser.add_argument("--skip-clean", action="store_true", help="do not time the pipeline")
    args = parser.parse_args()
    reason = ttrss.missing()
    if reason is not None:
        print(f"sync_bench: {reason} (apt-get install tt-rss php-cli php-pgsql postgresql)")
        return 1
    with ttrss.postgres_cluster() as cluster, tempfile.TemporaryDirectory() as home:
        server = ttrss.TtrssServer(cluster).start()
        try:
            per_feed = max(1, args.items // args.feeds)
            category = server.category("Bench")
            for n in range(args.feeds):
                server.sql(
                    "INSERT INTO ttrss_feeds (owner_uid, title, feed_url, cat_id) "
                    f"SELECT id, 'Feed {n}', 'http://127.0.0.1:9/feed/{n}.xml', {category} "
                    f"FROM ttrss_users WHERE login = '{ttrss.USERNAME}'"
                )
            ids = [int(r[0]) for r in server.sql("SELECT id FROM ttrss_feeds ORDER BY id")]
            for feed_id in ids:
                server.bulk_articles(feed_id, per_feed, f"http://127.0.0.1:9/a/{feed_id}/")
            total = per_feed * len(ids)
            server.sql(
                "UPDATE ttrss_user_entries SET unread = false WHERE int_id <= "
                f"(SELECT min(int_id) FROM ttrss_user_entries) + {int(total * args.read_share)}"
            )
            sync = SyncConfig("ttrss", server.url, ttrss.USERNAME, ttrss.PASSWORD, None)
            config = Config(fetch=FetchConfig(prefetch=False), sync=sync)
            store = open_store(Path(home) / "tui-reader.sqlite3")
            unread = server.sql("SELECT count(*) FROM ttrss_user_entries WHERE unread")[0][0]
            print(
                f"server: {len(ids)} feeds, {total} articles, {unread} unread "
                "(TT-RSS API level 15, php -S)"
            )

            before = _requests(server)
            report, seconds = asyncio.run(_sync(store, config))
            print(
                f"first sync: {seconds:.1f} s, {report.new_items} new items, "
                f"{_requests(server) - before} requests, peak RSS {_rss_mib():.0f} MiB"
            )
            before = _requests(server)
            report, seconds = asyncio.run(_sync(store, config))
            print(
                f"warm sync: {seconds:.2f} s, {report.new_items} new, {report.pushed} pushed, "
                f"{_requests(server) - before} requests"
            )
            item_ids = store.article_ids()[: args.marks]
            store.mark(item_ids, starred=True, queue=True, now=time.time())
            server.sql(
                "UPDATE ttrss_user_entries SET unread = false WHERE int_id IN "
                f"(SELECT int_id FROM ttrss_user_entries ORDER BY int_id DESC LIMIT {args.marks})"
            )
            before = _requests(server)
            report, seconds = asyncio.run(_sync(store, config))
            print(
                f"sync with {len(item_ids)} marks and {args.marks} server changes: "
                f"{seconds:.2f} s, {report.pushed} pushed, {report.pulled} pulled, "
                f"{_requests(server) - before} requests"
            )
            if not args.skip_clean:
                started = time.monotonic()
                refreshed = asyncio.run(refresh_feeds(store, config, [], prefetch=False))
                print(
                    f"pipeline over what the sync stored: {time.monotonic() - started:.1f} s, "
                    f"{refreshed.cleaned} cleaned, peak RSS {_rss_mib():.0f} MiB"
                )
            store.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

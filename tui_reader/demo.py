"""The demo home: bundled sample feeds and saved article pages, run through the real pipeline.

`tui-reader --demo` calls `prepare_demo()` on a throwaway home. Nothing is faked: the feed XML
goes through `parse_feed`, the saved pages are stored as if prefetched, and
`refresh.process_pending` cleans them and extracts their entities, so the demo shows exactly
what the cleaner and the extractor make of real-looking pages (cookie banners, share bars,
newsletter boxes, a paywall, donation appeals and all).

The data lives in `tui_reader/data/demo/` (shipped in the wheel): `feeds/` holds one RSS 2.0
feed with the seed story (a real Moscow Times article wrapped in a fundraising appeal), one
RSS 2.0 and one Atom feed of sample stories written for the demo (their papers, people and
stories are fictional); `pages/` holds each item's raw HTML page.

List order is fixed by the items' publication dates (the list shows newest first):

    1. Old Mill Bridge Reopens ...           Harbour City Chronicle  2022-12-30  local
    2. Mariners Edge Lakeside Rovers ...     Harbour City Chronicle  2022-12-29  sport
    3. Turkey, Syria, Russia Defense ...     The Moscow Times        2022-12-28  SEED
    4. Cold-Water Coral Reef Found ...       Meridian Review         2022-12-27  science
    5. Chipmaker Veltrix Plans ...           Meridian Review         2022-12-26  business, paywall
    6. Regional Assembly Passes ...          Harbour City Chronicle  2022-12-23  politics
    7. Weekly Walking Groups Cut Falls ...   Meridian Review         2022-12-22  health

The seed must stay THIRD: the end-to-end test presses j, j, Enter and expects it. Dates are
fixed (and so is DEMO_NOW) so snapshots of the demo never change from one day to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from .errors import TuiReaderError

if TYPE_CHECKING:
    from .locations import Locations

# "Now" as the demo home sees it: the day after the newest sample story.
DEMO_NOW = datetime(2022, 12, 31, 12, 0, tzinfo=UTC).timestamp()

# Written only when the demo home has no config yet: the demo never touches the network and
# keeps its 2022 stories (the default retention would prune them once read).
DEMO_CONFIG_TEXT = """\
# tui-reader demo home: offline sample articles.
[fetch]
prefetch = false

[store]
retention_days = 0

[app]
refresh_on_start = false
"""


@dataclass(frozen=True, slots=True)
class DemoFeed:
    url: str
    file: str  # under data/demo/feeds/
    content_type: str
    tags: tuple[str, ...]


DEMO_FEEDS: tuple[DemoFeed, ...] = (
    DemoFeed(
        "https://harbourcity-chronicle.example/rss",
        "harbour-city-chronicle.rss",
        "application/rss+xml; charset=utf-8",
        ("local",),
    ),
    DemoFeed(
        "https://www.themoscowtimes.com/rss/news",
        "moscow-times.rss",
        "application/rss+xml; charset=utf-8",
        ("world",),
    ),
    DemoFeed(
        "https://meridian-review.example/feed.atom",
        "meridian-review.atom",
        "application/atom+xml; charset=utf-8",
        ("science", "business"),
    ),
)

SEED_LINK = (
    "https://www.themoscowtimes.com/2022/12/28/"
    "turkey-syria-russia-defense-ministers-meet-for-first-talks-since-2011-a79823"
)

# Item link -> saved page under data/demo/pages/.
DEMO_PAGES: dict[str, str] = {
    SEED_LINK: "moscow-times-defense-ministers.html",
    "https://harbourcity-chronicle.example/local/2022/12/30/old-mill-bridge-reopens": (
        "chronicle-old-mill-bridge.html"
    ),
    "https://harbourcity-chronicle.example/sport/2022/12/29/mariners-rovers-coastal-cup": (
        "chronicle-mariners-cup.html"
    ),
    "https://harbourcity-chronicle.example/politics/2022/12/23/empty-homes-bill-passes": (
        "chronicle-empty-homes-bill.html"
    ),
    "https://meridian-review.example/science/2022/12/lofoten-coral-reef": (
        "meridian-lofoten-coral-reef.html"
    ),
    "https://meridian-review.example/business/2022/12/veltrix-ohio-plant": (
        "meridian-veltrix-ohio-plant.html"
    ),
    "https://meridian-review.example/health/2022/12/walking-groups-falls": (
        "meridian-walking-groups-falls.html"
    ),
}


def demo_data() -> Traversable:
    """The bundled demo folder (works from a checkout and from an installed wheel)."""
    return files("tui_reader").joinpath("data", "demo")


def prepare_demo(locations: Locations) -> None:
    """Fill an empty home with the sample feeds and their cleaned articles; no network.

    A home that already has feeds is left as it is, so calling this twice is harmless. The
    caller owns the home (and its writer lock, when it takes one).
    """
    from .config import load_config
    from .fetch.feeds import parse_feed
    from .refresh import process_pending
    from .store import open_store

    locations.ensure()
    if not locations.config_file.exists():
        locations.config_file.write_text(DEMO_CONFIG_TEXT, encoding="utf-8")
    config = load_config(locations.config_file)
    data = demo_data()
    store = open_store(locations.database)
    try:
        if store.feeds():
            return
        for demo_feed in DEMO_FEEDS:
            body = data.joinpath("feeds", demo_feed.file).read_bytes()
            parsed = parse_feed(body, {"content-type": demo_feed.content_type}, demo_feed.url)
            feed = store.add_feed(demo_feed.url, tags=demo_feed.tags, site_url=parsed.site_url)
            new_ids = store.record_feed_ok(
                feed.id, parsed, etag=None, last_modified=None, now=DEMO_NOW
            )
            for item_id, link in store.items_without_page(new_ids):
                page = DEMO_PAGES.get(link)
                if page is None:
                    raise TuiReaderError(f"demo data is incomplete: no saved page for {link}")
                html = data.joinpath("pages", page).read_bytes()
                store.store_page(item_id, status="ok", html=html, url=link, now=DEMO_NOW)
        process_pending(store, config)
    finally:
        store.close()

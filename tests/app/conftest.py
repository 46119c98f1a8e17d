"""A cache built through the real Store methods, and helpers to drive the app under Pilot."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests import seed
from tui_reader.app.app import ReaderApp
from tui_reader.config import Config
from tui_reader.locations import Locations
from tui_reader.models import Article, Block, Entity, EntityType, FeedItem, ParsedFeed
from tui_reader.store import Store, open_store

BASE_TIME = 1_700_000_000.0  # 2023-11-14 22:13 UTC; every date in the sample cache is fixed

# Hostile titles (reliability rows 9, 10, 13, 14): shown literally, cut to the cell, no crash.
HOSTILE_TITLES = [
    "[bold]x",
    "[/",
    "[link=file:///etc/passwd]x",
    "[@click=app.quit]x",
    "esc \x1b[31mred\x1b[0m osc \x1b]0;pwned\x07 c1 \x9b2J end",
    "rtl \u202egnp.exe zero\u200bwidth soft\u00adhyphen family \U0001f468\u200d\U0001f469 tab\tend",
    "T" * 1_000_000,
]


@dataclass
class SampleCache:
    store: Store
    locations: Locations
    ids: dict[str, int] = field(default_factory=dict)  # article title -> id
    feeds: dict[str, int] = field(default_factory=dict)  # feed url -> id
    seed_title: str = ""


def _article(
    title: str, body: str, *, truncated: bool = False, links: tuple[str, ...] = ()
) -> Article:
    paragraphs = tuple(Block("paragraph", p) for p in body.split("\n\n") if p.strip())
    if links:
        # A last paragraph "link 1 link 2 ...", each label linking to its link.
        labels = [f"link {n}" for n in range(1, len(links) + 1)]
        spans, at = [], 0
        for n, label in enumerate(labels, 1):
            spans.append((at, at + len(label), n))
            at += len(label) + 1
        paragraphs += (Block("paragraph", " ".join(labels), links=tuple(spans)),)
    return Article(
        title=title,
        byline=None,
        published=None,
        site=None,
        blocks=paragraphs,
        text=body,
        truncated=truncated,
        cleaner_version=1,
        links=links,
    )


def _seed_entities() -> list[Entity]:
    entities: list[Entity] = []
    offset = 0
    kinds: tuple[EntityType, ...] = ("PERSON", "PLACE", "ORG")
    for kind in kinds:
        entity_type: EntityType = kind
        for name, aliases in seed.ENTITIES[kind].items():
            entities.append(Entity(entity_type, name, aliases, 1, offset))
            offset += 10
    return entities


def _river_body(n: int) -> str:
    return "\n\n".join(
        f"Paragraph {p} of story {n}: the river council met again to talk about the bridge, "
        "the budget and the long winter ahead of everyone in the valley."
        for p in range(1, 13)
    )


def build_cache(locations: Locations, *, hostile: bool = False) -> SampleCache:
    """Two feeds, the seed story third from the top, and (optionally) hostile titles."""
    locations.ensure()
    store = open_store(locations.database)
    cache = SampleCache(store, locations)
    seed_title = seed.TITLE
    seed_body = seed.body()
    cache.seed_title = seed_title

    world = store.add_feed("http://127.0.0.1:9/world.xml", title="World Desk", tags=["world"])
    local = store.add_feed("http://127.0.0.1:9/local.xml", title="Valley Gazette", tags=["local"])
    cache.feeds = {world.url: world.id, local.url: local.id}
    # (feed, title, hours before BASE_TIME); newest first is the list's order.
    plan: list[tuple[int, str, int]] = [
        (local.id, "Bridge vote set for Tuesday", 1),
        (world.id, "Ferry service extended into winter", 2),
        (world.id, seed_title, 3),
        (local.id, "Valley budget passes after long night", 4),
        (world.id, "Partial story behind a paywall", 5),
        (local.id, "Links and more links", 6),
    ]
    if hostile:
        plan += [(world.id, title, 7 + n) for n, title in enumerate(HOSTILE_TITLES)]
    by_feed: dict[int, list[FeedItem]] = {}
    for n, (feed_id, title, hours) in enumerate(plan):
        guid = f"guid-{n}"
        by_feed.setdefault(feed_id, []).append(
            FeedItem(
                guid=guid,
                title=title,
                link=f"https://news.example/{guid}",
                published=BASE_TIME - hours * 3600,
                summary=f"{title[:80]} summary",
            )
        )
    for feed_id, items in by_feed.items():
        parsed = ParsedFeed(title="", site_url=None, items=tuple(items))
        store.record_feed_ok(feed_id, parsed, etag=None, last_modified=None, now=BASE_TIME)
    rows = store.article_rows(store.article_ids())
    cache.ids = {row.title: row.id for row in rows}
    for row in rows:
        if row.title == seed_title:
            article = _article(seed_title, seed_body)
            entities = _seed_entities()
        elif row.title.startswith("Partial"):
            article = _article(row.title, _river_body(1)[:300], truncated=True)
            entities = [Entity("PLACE", "Valley", (), 2, 0)]
        elif row.title.startswith("Links"):
            article = _article(
                row.title,
                _river_body(2),
                links=("https://one.example/a", "javascript:alert(1)", "https://three.example/"),
            )
            entities = [Entity("PERSON", "Hulusi Akar", ("Akar",), 1, 0)]
        else:
            article = _article(row.title[:200], _river_body(row.id))
            entities = [Entity("PLACE", "Valley", (), 2, 0)]
        store.store_article(row.id, article, source="feed")
        store.store_entities(row.id, entities, extractor_version="test")
    return cache


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates render in UTC so snapshots match on any machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()


@pytest.fixture
def cache(home: Locations) -> Iterator[SampleCache]:
    built = build_cache(home)
    try:
        yield built
    finally:
        built.store.close()


@pytest.fixture
def hostile_cache(home: Locations) -> Iterator[SampleCache]:
    built = build_cache(home, hostile=True)
    try:
        yield built
    finally:
        built.store.close()


def make_app(
    cache: SampleCache, *, config: Config | None = None, offline: bool = True
) -> ReaderApp:
    return ReaderApp(cache.store, config or Config(), offline=offline, refresh_on_start=False)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification shown, as text (App.notify is recorded, then still shown)."""
    seen: list[str] = []
    original = ReaderApp.notify

    def record(self: ReaderApp, message: str, **kwargs: object) -> None:
        seen.append(message)
        original(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "notify", record)
    return seen


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asked the browser to open (webbrowser.open is replaced; nothing runs)."""
    import webbrowser

    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return opened

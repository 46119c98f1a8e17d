"""The demo home: bundled data is complete and prepare_demo() runs the real pipeline."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest

from tests import seed
from tests.conftest import needs_shared
from tui_reader.clean.text import normalize_space
from tui_reader.demo import DEMO_FEEDS, DEMO_PAGES, SEED_LINK, demo_data, prepare_demo
from tui_reader.locations import Locations, locations
from tui_reader.store import Store, open_store

SEED = seed.SHARED_SEED
SEED_TITLE = seed.TITLE
ATOM = "{http://www.w3.org/2005/Atom}"

# Cruft that every demo page carries in some form; none of it may reach the cleaned text.
CRUFT = (
    "small favor to ask",
    "Accept all",
    "cookies",
    "Share this story",
    "free articles left",
    "Sign up",
    "Subscribe to our newsletter",
    "Become a member",
    "Become a supporter",
    "Related reading",
    "More from Local",
    "Advertisement",
    "Join the conversation",
    "Start free trial",
)


def _feed_items(xml: bytes) -> list[tuple[str, datetime]]:
    """(link, published) of each item of an RSS 2.0 or Atom feed, read with the stdlib."""
    root = ET.fromstring(xml)
    if root.tag == "rss":
        return [
            (item.findtext("link", ""), parsedate_to_datetime(item.findtext("pubDate", "")))
            for item in root.iter("item")
        ]
    return [
        (
            entry.find(f"{ATOM}link[@rel='alternate']").get("href", ""),  # type: ignore[union-attr]
            datetime.fromisoformat(entry.findtext(f"{ATOM}published", "")),
        )
        for entry in root.iter(f"{ATOM}entry")
    ]


def test_bundled_data_is_complete_and_seed_is_third() -> None:
    data = demo_data()
    items: list[tuple[str, datetime]] = []
    for feed in DEMO_FEEDS:
        items += _feed_items(data.joinpath("feeds", feed.file).read_bytes())
    links = [link for link, _ in items]
    assert sorted(links) == sorted(DEMO_PAGES), "every item has a page and every page an item"
    for page in DEMO_PAGES.values():
        assert data.joinpath("pages", page).read_bytes().lstrip().startswith(b"<!DOCTYPE html>")
    assert len(DEMO_PAGES) >= 6, "the seed plus at least five written stories"
    newest_first = [link for link, _ in sorted(items, key=lambda i: i[1], reverse=True)]
    assert newest_first[2] == SEED_LINK


@needs_shared(SEED)
def test_seed_page_is_the_shared_seed() -> None:
    """The project's own copy of the seed (the demo's page, tests/seed.py) is the shared one."""
    page = demo_data().joinpath("pages", DEMO_PAGES[SEED_LINK]).read_bytes()
    assert page == (SEED / "page.html").read_bytes()
    assert (SEED / "expected-title.txt").read_text().strip() == SEED_TITLE
    expected = json.loads((SEED / "expected-entities.json").read_text(encoding="utf-8"))
    assert {
        kind: {name: tuple(aliases) for name, aliases in expected[kind].items()}
        for kind in seed.ENTITIES
    } == seed.ENTITIES
    expected_body = (SEED / "expected-body.txt").read_text(encoding="utf-8")
    assert paragraphs(seed.body()) == paragraphs(expected_body)


def paragraphs(text: str) -> list[str]:
    return [normalize_space(p) for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Locations:
    """One prepared demo home for the module (preparing it cleans every page)."""
    home = locations({"TUI_READER_HOME": str(tmp_path_factory.mktemp("demo") / "home")})
    prepare_demo(home)
    return home


@pytest.fixture
def demo_store(demo_home: Locations) -> Iterator[Store]:
    store = open_store(demo_home.database)
    try:
        yield store
    finally:
        store.close()


def test_prepare_demo_twice_changes_nothing(demo_home: Locations) -> None:
    prepare_demo(demo_home)  # the home already has feeds: left as it is
    store = open_store(demo_home.database)
    try:
        assert len(store.feeds()) == len(DEMO_FEEDS)
        assert len(store.article_ids()) == len(DEMO_PAGES)
    finally:
        store.close()


def test_prepare_demo_runs_the_pipeline(demo_store: Store) -> None:
    store = demo_store
    assert len(store.feeds()) == len(DEMO_FEEDS)
    rows = store.article_rows(store.article_ids())
    assert len(rows) == len(DEMO_PAGES)
    seed = rows[2]
    assert seed.title == SEED_TITLE
    assert seed.feed_title == "The Moscow Times"
    assert not any(row.read for row in rows)

    view = store.article(seed.id)
    assert "Hulusi Akar" in view.text
    assert "small favor to ask" not in view.text
    assert not any("small favor to ask" in block.text for block in view.blocks)
    names = {entity.name for entity in store.article_entities(seed.id)}
    assert "Hulusi Akar" in names
    assert "The Moscow Times" not in names

    for row in rows:
        article = store.article(row.id)
        assert article.page_status == "ok"
        assert len(article.text) > 300, row.title
        for phrase in CRUFT:
            assert phrase.lower() not in article.text.lower(), (row.title, phrase)
        assert store.article_entities(row.id), row.title


def test_paywalled_sample_is_marked_partial(demo_store: Store) -> None:
    rows = demo_store.article_rows(demo_store.article_ids())
    partial = {row.title for row in rows if demo_store.article(row.id).truncated}
    assert partial == {"Chipmaker Veltrix Plans $2 Billion Packaging Plant in Ohio"}


def test_demo_home_is_offline(demo_home: Locations) -> None:
    from tui_reader.config import load_config

    config = load_config(demo_home.config_file)
    assert config.app.refresh_on_start is False
    assert config.fetch.prefetch is False

"""`tui-reader entities [--type T] [--feed F] [--limit N]` over a real store."""

from __future__ import annotations

import pytest

from tests.conftest import CliRunner
from tui_reader.entities import EXTRACTOR_VERSION, extract_entities
from tui_reader.locations import Locations
from tui_reader.models import Article, FeedItem, ParsedFeed
from tui_reader.store import open_store

STORIES = {
    "World": [
        "Turkish President Recep Tayyip Erdogan met NATO officials in Ankara. Erdogan said "
        "Sweden must do more.",
        "NATO ministers gathered in Brussels. President Recep Tayyip Erdogan was not there.",
    ],
    "Business": [
        "Shares of Nvidia rose in New York. Chief executive Jensen Huang spoke to NATO staff.",
    ],
}


@pytest.fixture
def cache(home: Locations) -> Locations:
    home.ensure()
    store = open_store(home.database)
    try:
        for title, texts in STORIES.items():
            feed = store.add_feed(f"https://example.test/{title.lower()}.xml", title=title)
            items = tuple(
                FeedItem(guid=f"{title}-{n}", title=f"{title} story {n}", summary=text)
                for n, text in enumerate(texts)
            )
            ids = store.record_feed_ok(
                feed.id, ParsedFeed(title, None, items), etag=None, last_modified=None, now=1.0
            )
            for item_id, text in zip(ids, texts, strict=True):
                article = Article(
                    title="t",
                    byline=None,
                    published=None,
                    site=None,
                    blocks=(),
                    text=text,
                    truncated=False,
                    cleaner_version=1,
                )
                store.store_article(item_id, article, source="feed")
                store.store_entities(
                    item_id, extract_entities(text), extractor_version=EXTRACTOR_VERSION
                )
    finally:
        store.close()
    return home


def _rows(out: str) -> list[list[str]]:
    lines = out.strip().splitlines()
    assert lines[0].split() == ["NAME", "TYPE", "ARTICLES"]
    return [line.rsplit(None, 2) for line in lines[1:]]


def test_lists_name_type_and_article_count(cache: Locations, cli: CliRunner) -> None:
    run = cli("entities")
    assert run.code == 0, run.err
    rows = _rows(run.out)
    assert rows[0] == ["NATO", "ORG", "3"]
    assert ["Recep Tayyip Erdogan", "PERSON", "2"] in rows
    assert ["Brussels", "PLACE", "1"] in rows


def test_type_feed_and_limit(cache: Locations, cli: CliRunner) -> None:
    rows = _rows(cli("entities", "--type", "person").out)
    assert {r[1] for r in rows} == {"PERSON"}
    assert {r[0] for r in rows} == {"Recep Tayyip Erdogan", "Jensen Huang"}
    rows = _rows(cli("entities", "--feed", "Business").out)
    assert {r[0] for r in rows} == {"Nvidia", "New York", "Jensen Huang", "NATO"}
    assert all(r[2] == "1" for r in rows)
    assert len(_rows(cli("entities", "--limit", "2").out)) == 2


def test_bad_arguments_are_one_line_errors(cache: Locations, cli: CliRunner) -> None:
    run = cli("entities", "--feed", "nope")
    assert run.code == 1 and run.err.count("\n") == 1 and "no feed 'nope'" in run.err
    run = cli("entities", "--type", "animal")
    assert run.code == 2 and "unknown type" in run.err
    run = cli("entities", "--limit", "0")
    assert run.code == 2 and "--limit" in run.err


def test_empty_cache(home: Locations, cli: CliRunner) -> None:
    home.ensure()
    open_store(home.database).close()
    run = cli("entities")
    assert run.code == 0 and "no entities yet" in run.out


def test_search_by_entity_lists_every_story_that_mentions_it(
    cache: Locations, cli: CliRunner
) -> None:
    run = cli("search", "--entity", "Recep Tayyip Erdogan")
    assert run.code == 0, run.err
    assert "World story 0" in run.out and "World story 1" in run.out
    assert "Business" not in run.out
    # A short form finds the same person (the alias "Erdogan" was merged into him).
    assert cli("search", "--entity", "erdogan").out == run.out
    # Combined with words: only the stories with both.
    both = cli("search", "Sweden", "--entity", "Erdogan")
    assert "World story 0" in both.out and "World story 1" not in both.out
    missing = cli("search", "--entity", "Nobody Atall")
    assert missing.code == 1 and "no cached article mentions 'Nobody Atall'" in missing.err

"""One entity key: forms of one name key the same, in the merge and in the store's index."""

from __future__ import annotations

from pathlib import Path

from tests.store.conftest import NOW, article, item, parsed
from tui_reader.entities import extract_entities
from tui_reader.entities.key import entity_key
from tui_reader.models import ArticleFilter
from tui_reader.store import open_store
from tui_reader.store import text as store_text


def test_forms_of_one_name_share_a_key() -> None:
    assert entity_key("  The  Russian Defense Ministry. ") == "russian defense ministry"
    assert entity_key("ＡＢＣ") == "abc"  # NFKC
    assert entity_key("Zurbarán's") == entity_key("ZURBARAN") == "zurbaran"
    assert entity_key("Ahmed’s") == entity_key("Ahmed's") == "ahmed"
    assert entity_key("UK") == entity_key("U.K.") == entity_key("Britain")
    assert entity_key("Britain") == entity_key("the United Kingdom") == "united kingdom"
    assert entity_key("U.S.") == entity_key("United States")
    assert entity_key('"..."') == ""
    # Different names stay apart.
    assert entity_key("Georgia") != entity_key("Georgian")
    assert entity_key("Hulusi Akar") != entity_key("Akar")


def test_the_store_keys_by_the_entities_rule() -> None:
    assert store_text.entity_key is entity_key  # one rule, imported, not copied


def test_one_entity_lists_every_story_whatever_form_it_used(tmp_path: Path) -> None:
    texts = [
        "Ministers in the UK said on Monday that the plan would go ahead.",
        "Britain and France signed the treaty in Paris, officials said.",
        "The United Kingdom will send envoys, said Ana Zurbarán, who leads the talks.",
        "Talks went on in Brussels. Ana Zurbaran said the U.K. delegation would stay.",
    ]
    with open_store(tmp_path / "data" / "tui-reader.sqlite3") as store:
        feed = store.add_feed("https://a.example/feed")
        ids = store.record_feed_ok(
            feed.id,
            parsed(*(item(n) for n in range(len(texts)))),
            etag=None,
            last_modified=None,
            now=NOW,
        )
        for item_id, text in zip(ids, texts, strict=True):
            store.store_article(item_id, article(text), source="feed")
            store.store_entities(item_id, extract_entities(text), extractor_version="t")
        for form in ("UK", "Britain", "United Kingdom", "U.K."):
            found = store.find_entity(form)
            assert [(e.type, e.articles) for e in found] == [("PLACE", 4)], form
        uk = store.find_entity("Britain")[0]
        assert sorted(store.article_ids(ArticleFilter(entity_id=uk.id))) == sorted(ids)
        people = store.find_entity("Ana Zurbaran")
        assert [(e.type, e.articles) for e in people] == [("PERSON", 2)]


def test_a_country_abbreviation_opening_a_name_keys_as_the_country() -> None:
    assert entity_key("U.S. Congress") == entity_key("United States Congress")
    assert entity_key("US Congress") == entity_key("United States Congress")
    assert entity_key("UK Parliament") == "united kingdom parliament"
    assert entity_key("America Online") == "america online"  # only the abbreviations

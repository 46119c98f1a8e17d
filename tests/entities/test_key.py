"""One entity key: forms of one name key the same, in the merge and in the store's index."""

from __future__ import annotations

from pathlib import Path

from tests.store.conftest import NOW, article, item, parsed
from tui_reader.entities import extract_entities
from tui_reader.entities.key import entity_key, is_acronym_form
from tui_reader.models import ArticleFilter
from tui_reader.store import Store, open_store
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


def test_a_company_with_and_without_its_legal_ending_keys_the_same() -> None:
    assert entity_key("Microsoft Corp.") == entity_key("Microsoft") == "microsoft"
    assert (entity_key("Apple, Inc."), entity_key("Nestlé S.A.")) == ("apple", "nestle")
    assert entity_key("Inc.") == "inc"  # nothing left without it: the word stays
    assert entity_key("Toyota Motor Corp.") == "toyota motor"


def _store_texts(tmp_path: Path, texts: list[str]) -> tuple[Store, list[int]]:
    store = open_store(tmp_path / "data" / "tui-reader.sqlite3")
    feed = store.add_feed("https://a.example/feed")
    ids = store.record_feed_ok(
        feed.id,
        parsed(*(item(n) for n in range(len(texts)))),
        etag=None,
        now=NOW,
        last_modified=None,
    )
    for item_id, text in zip(ids, texts, strict=True):
        store.store_article(item_id, article(text), source="feed")
        store.store_entities(item_id, extract_entities(text), extractor_version="t")
    return store, ids


def test_a_short_form_in_one_story_and_the_full_name_in_another_are_one_entity(
    tmp_path: Path,
) -> None:
    texts = [
        "A spokesman for the NHS said on Monday that waiting lists grew.",
        "The National Health Service is under strain. The NHS said more staff would come.",
        "Brock Holt signed with the Boston Red Sox. Holt said he was pleased.",
        "Brock Wyatt Holt was born in Texas. Brock Holt played in Boston, and Brock Wyatt "
        "Holt retired in 2020.",
        "The Palestinian Authority (PA) met in Ramallah on Monday.",
        "The Press Association (PA) reported the news on Tuesday.",
        "Officials said the PA would not comment on the report.",
    ]
    store, ids = _store_texts(tmp_path, texts)
    with store:
        for form in ("NHS", "National Health Service"):
            assert [(e.type, e.articles) for e in store.find_entity(form)] == [("ORG", 2)], form
        nhs = store.find_entity("National Health Service")[0]
        assert sorted(store.article_ids(ArticleFilter(entity_id=nhs.id))) == sorted(ids[:2])
        for form in ("Brock Holt", "Brock Wyatt Holt"):
            assert [(e.type, e.articles) for e in store.find_entity(form)] == [("PERSON", 2)]
        # "PA" names two organisations: the story with "PA" alone joins neither.
        authority = store.find_entity("Palestinian Authority")
        press = store.find_entity("Press Association")
        assert [e.articles for e in authority + press] == [1, 1]
        assert {e.name for e in store.find_entity("PA")} == {
            "Palestinian Authority",
            "Press Association",
            "PA",
        }


def test_the_full_name_first_then_the_short_form_alone_is_one_entity(tmp_path: Path) -> None:
    texts = [
        "The National Health Service is under strain. The NHS said more staff would come.",
        "A spokesman for the NHS said on Monday that waiting lists grew.",
    ]
    store, _ = _store_texts(tmp_path, texts)
    with store:
        found = store.find_entity("NHS")
        assert [(e.name, e.articles) for e in found] == [("National Health Service", 2)]


def test_an_acronym_with_small_letters_links_stories_too(tmp_path: Path) -> None:
    texts = [
        "The Department of Defense said on Monday it would act. The DoD gave no details.",
        "Officials at the DoD said on Monday the plan was sound.",
    ]
    store, _ = _store_texts(tmp_path, texts)
    with store:
        found = store.find_entity("DoD")
        assert [(e.name, e.articles) for e in found] == [("Department of Defense", 2)]


def test_acronym_forms() -> None:
    for form in ("NHS", "U.K.", "AT&T", "DoD", "ACPeds", "M5S"):
        assert is_acronym_form(form), form
    for form in ("Holt", "McDonald", "DeSantis", "iPhone", "A", "1999"):
        assert not is_acronym_form(form), form

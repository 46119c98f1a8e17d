"""Any string a user types becomes a safe FTS5 query: no SQLite error, ever."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.conftest import NOW, article, item, parsed
from tui_reader.models import ArticleFilter
from tui_reader.store import Store, open_store
from tui_reader.store.fts import MAX_TERMS, fts_query

NASTY = [
    '"',
    '""',
    '"""',
    "'",
    "*",
    "**",
    "-",
    "--",
    "- -",
    "^",
    ":",
    "::",
    "a:b",
    "title:x",
    "body:",
    "(",
    ")",
    "((a)",
    "a)",
    "NEAR",
    "NEAR(a b, 2)",
    "NEAR/3",
    "a NEAR b",
    "AND",
    "OR",
    "NOT",
    "a OR",
    "NOT a",
    "a AND NOT",
    "+",
    "{a b}",
    "[x]",
    "\\",
    "\x00",
    "\x00a",
    "a*b",
    "*a",
    "\u200b",
    "\ufeff",
    "🙂",
    "x" * 10_000,
    "a " * 5000,
    "-" * 1000,
    "(" * 500,
    '"' * 999,
    "é",
    "日本",
    "ß",
    "\n\t",
    "%",
    "_",
    "a_b",
    "NEAR(" * 100,
    "x" * 1_048_576,
]


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("fts") / "db.sqlite3"
    with open_store(path) as store:
        feed = store.add_feed("https://a.example/feed")
        ids = store.record_feed_ok(
            feed.id,
            parsed(item(1, title='NEAR and far: a (test) "quoted" title'), item(2)),
            etag=None,
            last_modified=None,
            now=NOW,
        )
        store.store_article(
            ids[1], article("Body with AND OR NOT words and é ß 日本."), source="page"
        )
        yield store


@pytest.mark.parametrize("text", NASTY, ids=lambda t: repr(t[:20]))
def test_nasty_strings_never_raise(shared_store: Store, text: str) -> None:
    shared_store.search(text)
    shared_store.article_ids(ArticleFilter(query=text))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text())
def test_any_text_is_a_valid_query(shared_store: Store, text: str) -> None:
    shared_store.search(text)
    shared_store.article_ids(ArticleFilter(query=text))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "-",
                "(",
                ")",
                ":",
                "^",
                "NEAR",
                "AND",
                "OR",
                "NOT",
                "a",
                "b",
                " ",
                "+",
                "title",
                "é",
                "\\",
            ]
        ),
        max_size=30,
    )
)
def test_syntax_soup_is_a_valid_query(shared_store: Store, parts: list[str]) -> None:
    text = "".join(parts)
    shared_store.search(text)
    shared_store.article_ids(ArticleFilter(query=text))


def test_keywords_and_punctuation_are_searched_as_words(shared_store: Store) -> None:
    assert [r.title for r in shared_store.search("NEAR")] == [
        'NEAR and far: a (test) "quoted" title'
    ]
    assert len(shared_store.search("(test)")) == 1
    assert len(shared_store.search("AND OR NOT")) == 1
    assert len(shared_store.search("日本")) == 1


def test_query_shapes() -> None:
    assert fts_query("erdogan") == '"erdogan"*'
    assert fts_query("erdogan ") == '"erdogan"'
    assert fts_query("erdogan", prefix_last=False) == '"erdogan"'
    assert fts_query("ab") == '"ab"'  # too short to expand
    assert fts_query('"prime minister" visit') == '"prime minister" AND "visit"*'
    assert fts_query('"prime minister') == '"prime minister"'  # unbalanced quote
    assert fts_query("russia -putin") == '"russia" NOT "putin"'
    assert fts_query('russia -"vladimir putin"') == '"russia" NOT "vladimir putin"'
    assert fts_query("gov* news") == '"gov"* AND "news"*'
    assert fts_query("don't") == '"don t"'
    assert fts_query("a:b NEAR(c)") == '"a b" AND "NEAR c"'
    assert fts_query("-only -exclusions") is None
    assert fts_query("((( *** ---") is None
    assert fts_query("") is None


def test_query_is_bounded() -> None:
    query = fts_query("word " * 100_000)
    assert query is not None and query.count("AND") == MAX_TERMS - 1
    long = fts_query("x" * 1_000_000)
    assert long is not None and len(long) < 200


@given(st.text())
def test_built_queries_only_quote_letters_and_digits(text: str) -> None:
    query = fts_query(text)
    if query is None:
        return
    for part in query.replace(" AND ", "\0").replace(" NOT ", "\0").split("\0"):
        assert part.startswith('"')
        body = part.rstrip("*")
        assert body.endswith('"') and '"' not in body[1:-1]

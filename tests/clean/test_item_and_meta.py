"""clean_item's choice between feed content and page, and page metadata."""

from __future__ import annotations

import json

import pytest

from tui_reader.clean import clean_html, clean_item
from tui_reader.errors import ExtractError

SENTENCE = (
    "The council met on Tuesday to discuss the new budget, which includes money for roads, "
    "schools and the library, and voted to approve it after a long debate."
)


def _paragraphs(n: int, word: str = "budget") -> str:
    return "".join(f"<p>{SENTENCE.replace('budget', word)} Paragraph {i}.</p>" for i in range(n))


def _page(n: int) -> bytes:
    return (
        "<html><head><title>Council passes budget</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><div class='body'>{_paragraphs(n, 'plan')}</div></article></body></html>"
    ).encode()


def test_full_feed_content_wins() -> None:
    article, source = clean_item(
        title="Council passes budget",
        content_html=_paragraphs(8) + "<p>The post Council passes budget appeared first on "
        "<a href='https://x.example/'>Example News</a>.</p>",
        summary_html="<p>Short.</p>",
        page_html=_page(8),
        url="https://x.example/a",
    )
    assert source == "feed"
    assert "budget" in article.text and "appeared first" not in article.text
    assert article.title == "Council passes budget"
    assert article.site == "x.example"  # the page's metadata fills what the feed lacks


def test_page_wins_over_a_teaser() -> None:
    article, source = clean_item(
        title="Council passes budget",
        content_html=f"<p>{SENTENCE}</p><p><a href='https://x.example/a'>Continue reading</a></p>",
        summary_html="",
        page_html=_page(8),
        url="https://x.example/a",
    )
    assert source == "page"
    assert "plan" in article.text
    assert article.title == "Council passes budget"


def test_summary_is_the_last_resort() -> None:
    article, source = clean_item(
        title="Council passes budget",
        content_html="",
        summary_html=f"<p>{SENTENCE}</p>",
        page_html=None,
        url=None,
    )
    assert source == "feed"
    assert article.text == SENTENCE
    assert article.truncated


def test_unreadable_page_falls_back_to_feed() -> None:
    article, source = clean_item(
        title="T", content_html=_paragraphs(2), summary_html="", page_html=b"  ", url=None
    )
    assert source == "feed" and "budget" in article.text


def test_empty_page_is_an_extract_error() -> None:
    with pytest.raises(ExtractError):
        clean_html(b"")


def test_metadata_from_json_ld_and_title_fallbacks() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "ignored"},
            {
                "@type": "NewsArticle",
                "author": [{"@type": "Person", "name": "Ana Ruiz"}],
                "datePublished": "2024-05-01T08:00:00+02:00",
                "publisher": {"@type": "Organization", "name": "Example Times"},
            },
        ],
    }
    html = (
        "<html><head><title>Council passes budget | Example Times</title>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body>"
        f"<article><h1>Council passes budget</h1><div>{_paragraphs(4)}</div></article>"
        "</body></html>"
    )
    article = clean_html(html, "https://example.com/x")
    assert article.title == "Council passes budget"
    assert article.byline == "Ana Ruiz"
    assert article.published == "2024-05-01T08:00:00+02:00"
    assert article.site == "Example Times"
    assert "Council passes budget" not in article.text  # the h1 is the title, not body


def test_title_site_suffix_and_host_fallback() -> None:
    html = (
        "<html><head><title>Roads to close for marathon - City Herald</title></head><body>"
        f"<div class='content'>{_paragraphs(4)}</div></body></html>"
    )
    article = clean_html(html, "https://www.cityherald.example/x")
    assert article.title == "Roads to close for marathon"
    assert article.site == "www.cityherald.example"


def test_short_page_versus_description_is_truncated() -> None:
    desc = " ".join(["word"] * 40)
    html = (
        f"<html><head><meta property='og:description' content='{desc}'></head><body>"
        f"<div class='content'><p>{SENTENCE}</p></div></body></html>"
    )
    assert clean_html(html).truncated


def test_paywall_box_beside_the_article_marks_it_truncated() -> None:
    html = (
        "<html><body><header><a href='/subscribe'>Subscribe</a> <a href='/login'>Log in</a>"
        f"</header><div class='wrap'><div class='story'>{_paragraphs(3)}</div>"
        "<div class='gate'><h3>This article is for Premium subscribers</h3>"
        "<p>Subscribe to continue reading. Cancel anytime.</p></div></div></body></html>"
    )
    assert clean_html(html).truncated


def test_subscribe_links_in_the_header_do_not_mark_it_truncated() -> None:
    html = (
        "<html><body><header><a href='/subscribe'>Subscribe</a> <a href='/login'>Log in</a>"
        "<p>Already a subscriber? Log in</p></header>"
        f"<div class='story'>{_paragraphs(3)}</div></body></html>"
    )
    assert not clean_html(html).truncated

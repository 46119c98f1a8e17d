"""Hand-written pages in many styles: the body must stay, the cruft must go.

Each page in corpus/ has an entry in corpus/expectations.json: substrings that must be in
the article text ("keep"), substrings that must not be in the text or the Markdown ("drop"),
the title, and whether the page is cut short ("truncated", default false). Several "keep"
lines are precision traps: body that talks about money, donations, subscribers, newsletters,
cookies or sharing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.clean import clean_html, clean_text
from tui_reader.clean.markdown import render
from tui_reader.clean.text import normalize_space
from tui_reader.models import Article

CORPUS = Path(__file__).parent / "corpus"
EXPECTATIONS: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expectations.json").read_text(encoding="utf-8")
)


def _clean(name: str) -> Article:
    path = CORPUS / name
    if path.suffix == ".txt":
        return clean_text(path.read_text(encoding="utf-8"))
    return clean_html(path.read_bytes(), f"https://news.example.com/{path.stem}")


def test_corpus_is_complete() -> None:
    pages = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".html", ".txt"))
    assert pages == sorted(EXPECTATIONS)
    assert len(pages) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_body_stays(name: str) -> None:
    article = _clean(name)
    text = normalize_space(article.text)
    for needle in EXPECTATIONS[name]["keep"]:
        assert needle in (article.text if "\n" in needle or "  " in needle else text), needle


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_cruft_goes(name: str) -> None:
    article = _clean(name)
    for needle in EXPECTATIONS[name]["drop"]:
        if needle == EXPECTATIONS[name].get("title"):
            # The headline is the title, not a body paragraph.
            assert needle not in article.text, needle
            continue
        assert needle not in article.text, needle
        assert needle not in render(article), needle


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_title_truncation_and_byline(name: str) -> None:
    expected = EXPECTATIONS[name]
    article = _clean(name)
    assert article.title == expected["title"]
    assert article.truncated is expected.get("truncated", False)
    if "byline" in expected:
        assert article.byline == expected["byline"]
    if "paragraphs" in expected:
        assert len(article.text.split("\n\n")) == expected["paragraphs"]

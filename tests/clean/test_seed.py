"""Issue 4's must-show: the seed page and its text give exactly the 13 body paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED, CliRunner, needs_shared
from tui_reader.clean import CLEANER_VERSION, clean_html, clean_text
from tui_reader.clean.markdown import render
from tui_reader.clean.text import normalize_space
from tui_reader.models import Article

SEED = SHARED / "data" / "seed"
pytestmark = needs_shared(SEED)


def _paragraphs(text: str) -> list[str]:
    return [normalize_space(p) for p in text.split("\n\n") if p.strip()]


def _expected() -> list[str]:
    return _paragraphs((SEED / "expected-body.txt").read_text(encoding="utf-8"))


def _seed_articles() -> list[tuple[str, Article]]:
    page = (SEED / "page.html").read_bytes()
    text = (SEED / "page-text.txt").read_text(encoding="utf-8")
    return [
        ("html", clean_html(page, "https://www.themoscowtimes.com/2022/12/28/a")),
        ("text", clean_text(text)),
    ]


@pytest.mark.parametrize("kind", ["html", "text"])
def test_seed_gives_exactly_the_body(kind: str) -> None:
    article = dict(_seed_articles())[kind]
    body = _paragraphs(article.text)
    assert len(_expected()) == 13
    assert body == _expected()
    cruft = [
        normalize_space(line)
        for line in (SEED / "cruft.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for line in cruft:
        assert line not in normalize_space(article.text), line
        assert line not in normalize_space(render(article)), line


@pytest.mark.parametrize("kind", ["html", "text"])
def test_seed_title(kind: str) -> None:
    article = dict(_seed_articles())[kind]
    assert article.title == (SEED / "expected-title.txt").read_text(encoding="utf-8").strip()
    assert article.cleaner_version == CLEANER_VERSION
    assert not article.truncated


def test_seed_page_metadata() -> None:
    article = dict(_seed_articles())["html"]
    assert article.site == "The Moscow Times"
    assert article.published == "2022-12-28T19:51:00Z"
    # No caption, credit, share row or related headline slips into the blocks either.
    kinds = {b.kind for b in article.blocks}
    assert kinds <= {"paragraph", "caption"}
    assert not any("TASS" in b.text for b in article.blocks if b.kind == "paragraph")


def test_seed_text_keeps_nbsp_free_paragraph_breaks(tmp_path: Path) -> None:
    article = dict(_seed_articles())["html"]
    assert "\u00a0" not in article.text
    assert "\n\n\n" not in article.text
    assert article.text.count("\n\n") == 12


def test_extract_command_prints_exactly_the_body(cli: CliRunner) -> None:
    """`tui-reader extract` on the seed page: the title, then the 13 paragraphs, no cruft."""
    outcome = cli("extract", str(SEED / "page.html"))
    assert outcome.code == 0, outcome.err
    title, _, body = outcome.out.partition("\n\n")
    assert title == (SEED / "expected-title.txt").read_text(encoding="utf-8").strip()
    assert _paragraphs(body) == _expected()
    for line in (SEED / "cruft.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert normalize_space(line) not in normalize_space(outcome.out), line

"""Plain text in, and the shapes of text and Markdown out."""

from __future__ import annotations

from tui_reader.clean import clean_html, clean_text
from tui_reader.clean.markdown import render

LONG = (
    "The river rose by two metres overnight, flooding the lower town and cutting the main "
    "road to the coast, officials said on Sunday."
)


def test_clean_text_paragraphs_and_wrapped_lines() -> None:
    text = (
        "Storm closes harbour\n\n"
        "The harbour was closed on Sunday as the storm\nbrought waves of eight metres, "
        "and ferries stayed in port.\n\n"
        "Fishermen said\u00a0they had never seen\u2002such seas.\n"
    )
    article = clean_text(text)
    assert article.title == "Storm closes harbour"
    assert article.text.split("\n\n") == [
        "The harbour was closed on Sunday as the storm brought waves of eight metres, "
        "and ferries stayed in port.",
        "Fishermen said they had never seen such seas.",
    ]


def test_clean_text_with_given_title() -> None:
    article = clean_text(f"{LONG}\n\nAdvertisement\n\n{LONG.upper()}", title="River rises")
    assert article.title == "River rises"
    assert "Advertisement" not in article.text
    assert article.text.startswith("The river rose")


def test_empty_text() -> None:
    article = clean_text("")
    assert article.text == "" and article.blocks == () and article.title == ""


def test_blocks_headings_lists_quotes_code() -> None:
    html = f"""<html><body><article><div class="content">
    <p>{LONG}</p>
    <h2>What happens next</h2>
    <p>{LONG}</p>
    <ol><li>Roads reopen when the water falls, the council said.</li>
        <li>Schools stay shut until Wednesday at the earliest.</li></ol>
    <blockquote><p>We have not seen anything like this in forty years of records here.</p>
    </blockquote>
    <pre>level = 5.2  # metres</pre>
    <p>Residents were told to stay away from the river banks, which could collapse.</p>
    </div></article></body></html>"""
    article = clean_html(html)
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "heading", "paragraph", "list", "quote", "code", "paragraph"]
    lst = article.blocks[3]
    assert lst.level == 1 and len(lst.items) == 2
    assert "## What happens next" in render(article)
    assert "1. Roads reopen" in render(article) and "2. Schools stay" in render(article)
    assert "> We have not seen" in render(article)
    assert "```\nlevel = 5.2  # metres\n```" in render(article)
    assert "level = 5.2  # metres" in article.text


def test_br_paragraphs_and_nbsp() -> None:
    html = (
        "<html><body><div>First\u00a0paragraph of the letter, which goes on for a while, "
        "with commas.<br><br>Second paragraph of the letter, which also goes on, with commas."
        "<br><br>Third paragraph, the last one, signed by the author, with commas.</div>"
        "</body></html>"
    )
    article = clean_html(html)
    assert article.text.split("\n\n") == [
        "First paragraph of the letter, which goes on for a while, with commas.",
        "Second paragraph of the letter, which also goes on, with commas.",
        "Third paragraph, the last one, signed by the author, with commas.",
    ]


def test_links_numbered_in_reading_order() -> None:
    html = f"""<html><body><div class="story">
    <p>{LONG} See <a href="https://b.example/">the map</a> and <a href="/local">our guide</a>.</p>
    <p>{LONG} The <a href="https://b.example/">same map</a> again.</p>
    </div></body></html>"""
    article = clean_html(html, "https://news.example.com/story")
    assert article.links == ("https://b.example/", "https://news.example.com/local")
    assert "[the map][1]" in render(article)
    assert "[our guide][2]" in render(article)
    assert "[same map][1]" in render(article)


def test_soft_hyphens_are_not_kept() -> None:
    # Hyphenation hints (&shy;) split words for search and comparison; a reader never sees them.
    sentence = (
        "Die Ver&shy;an&shy;stal&shy;tung be&shy;ginnt am Mon&shy;tag, sagte"
        " die Lei&shy;te&shy;rin"
        " gestern."
    )
    body = f"<article><p>{sentence} {sentence}</p><p>{sentence}</p></article>"
    html = f"<html><body>{body}</body></html>"
    text = clean_html(html).text
    assert "\u00ad" not in text
    assert "Die Veranstaltung beginnt am Montag, sagte die Leiterin gestern." in text

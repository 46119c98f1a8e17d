"""The reader's one-widget pane: Markdown blocks, link numbers, wrapping, inert feed text."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len

from tests.app.conftest import SampleCache, _article, make_app
from tui_reader.app.widgets.article_body import BULLET, QUOTE_BAR, layout, opening, parse
from tui_reader.app.widgets.reader import ReaderPane

SAMPLE = """## A heading

Text with **bold**, *em*, `code` and [a link][1], then [bold]x[/] and [@click=app.quit]y.

> A quoted line long enough to wrap onto a second line at a narrow width.
>
> Second quote paragraph.

1. first
2. second item, long enough to wrap so that the hanging indent shows

- bullet

```
def f():
    return   1
```

---

[1]: <https://one.example/a>
"""
LINKS = ("https://one.example/a",)


def rendered(width: int = 40) -> list[tuple[str, str]]:
    lines = layout(parse(SAMPLE, LINKS), width)
    return [(line.prefix.plain + line.text.plain, line.role) for line in lines]


def test_blocks_have_their_roles_and_prefixes() -> None:
    lines = rendered()
    assert lines[0] == ("A heading", "h2")
    quotes = [text for text, role in lines if role == "quote"]
    assert len(quotes) >= 3 and all(text.startswith(QUOTE_BAR) for text in quotes)
    assert ("1. first", "text") in lines
    second = next(i for i, (text, _) in enumerate(lines) if text.startswith("2. second"))
    assert lines[second + 1][0].startswith("   ") and not lines[second + 1][0].startswith("    ")
    assert (f"{BULLET}bullet", "text") in lines
    # Code keeps its lines and spaces; it is never re-flowed.
    assert [text for text, role in lines if role == "code"] == ["def f():", "    return   1"]
    assert any(role == "rule" for _, role in lines)
    assert ("", "blank") in lines  # blocks are separated


def test_links_show_their_number_and_markup_stays_literal() -> None:
    text = " ".join(text for text, _ in rendered(200))
    assert "a link[1]" in text
    assert "[bold]x[/]" in text and "[@click=app.quit]y" in text


def test_every_line_fits_the_width() -> None:
    for width in (20, 41, 77):
        for line in layout(parse(SAMPLE * 3, LINKS), width):
            assert cell_len(line.prefix.plain + line.text.plain) <= width


async def test_reader_body_renders_opens_links_and_strips_control_characters(
    cache: SampleCache, opened_urls: list[str]
) -> None:
    opened = opened_urls
    first = cache.store.article_rows(cache.store.article_ids())[0]
    markdown = SAMPLE + "\n\nesc \x1b[31mred\x1b[0m osc \x1b]0;pwned\x07 end\n"
    article = replace(_article(first.title, "body", links=LINKS), markdown=markdown)
    cache.store.store_article(first.id, article, source="feed")
    app = make_app(cache)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        body = app.screen.query_one(ReaderPane)
        assert body.max_scroll_y == 0  # the whole article fits: every line is on screen
        strips = [body.render_line(y) for y in range(body.scrollable_content_region.height)]
        text = "\n".join(strip.text for strip in strips)
        assert "A heading" in text and "a link[1]" in text and "return   1" in text
        assert "\x1b" not in text and "\x07" not in text and "esc red osc" in text
        actions = {
            segment.style.meta.get("@click")
            for strip in strips
            for segment in strip
            if segment.style is not None and segment.style.meta
        }
        # Only the link's label and its line in the list of links: built from its number.
        assert actions == {"open_link(1)"}
        await body.run_action("open_link(1)")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert opened == ["https://one.example/a"]


async def test_the_reader_rewraps_when_the_terminal_is_resized(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "enter")  # the seed story: long enough to scroll
        await pilot.pause()
        reader = app.screen.query_one(ReaderPane)
        wide = reader.lines
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        narrow = reader.lines
        width = reader.scrollable_content_region.width
        assert len(narrow) > len(wide)
        assert all(cell_len(line) <= width for line in narrow)
        assert reader.virtual_size.height == len(narrow)
        assert " ".join(" ".join(narrow).split()) == " ".join(" ".join(wide).split())
        for y in range(reader.scrollable_content_region.height):
            assert reader.render_line(y).cell_length == width


LONG = "\n\n".join(
    f"Paragraph {n} [source {n % 3 + 1}][{n % 3 + 1}] " + "words to fill the line " * 12
    for n in range(60)
)
LONG_LINKS = ("https://one.example/a", "https://two.example/b", "https://three.example/c")
LONG_MARKDOWN = LONG + "\n\n" + "\n".join(f"[{n}]: <{u}>" for n, u in enumerate(LONG_LINKS, 1))


def test_the_opening_of_a_long_body_keeps_its_link_references() -> None:
    head = opening(LONG_MARKDOWN)
    assert head is not None and len(head) < len(LONG_MARKDOWN) // 2
    assert head.endswith("[3]: <https://three.example/c>")
    assert "Paragraph 59" not in head
    # Parsed alone, the opening reads exactly as the whole does up to there.
    first = [(line.prefix.plain + line.text.plain) for line in layout(parse(head, LONG_LINKS), 60)]
    whole = [
        (line.prefix.plain + line.text.plain)
        for line in layout(parse(LONG_MARKDOWN, LONG_LINKS), 60)
    ]
    assert first == whole[: len(first)] and "source 1[1]" in first[0]
    assert opening("short\n\ntext") is None
    fenced = "x" * 3990 + "\n\n```\n" + "code\n\n" * 600 + "```\n"
    assert opening(fenced, chars=4000) is None  # never cut a fenced block open


async def test_a_long_article_shows_its_opening_then_the_whole(
    cache: SampleCache, opened_urls: list[str]
) -> None:
    first = cache.store.article_rows(cache.store.article_ids())[0]
    article = replace(_article(first.title, LONG, links=LONG_LINKS), markdown=LONG_MARKDOWN)
    cache.store.store_article(first.id, article, source="feed")
    app = make_app(cache)
    async with app.run_test(size=(100, 40)) as pilot:
        reader = app.screen.query_one(ReaderPane)
        shown = cache.store.article(first.id)
        reader.show(shown)  # the event loop's part only: the worker has not answered yet
        assert reader.lines[-1] == "…" and "Paragraph 59" not in " ".join(reader.lines)
        # The user scrolls before the whole arrives (it can only land on the event loop later).
        reader.scroll_to(y=5, animate=False, force=True)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = " ".join(reader.lines)
        assert "Paragraph 59" in text and "[3] https://three.example/c" in text
        assert reader.scroll_y == 5  # what was on screen stayed put
        assert reader.virtual_size.height == len(reader.lines)
        # A late answer for an article no longer shown changes nothing.
        reader.clear()
        reader._body_parsed(shown, parse(LONG_MARKDOWN))
        assert reader.headline == "No article." and "Paragraph" not in " ".join(reader.lines)

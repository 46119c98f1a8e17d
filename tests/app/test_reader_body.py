"""The reader's one-widget pane: the cleaner's blocks, its link numbers, wrapping, inert text."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len

from tests.app.conftest import SampleCache, _article, make_app
from tui_reader.app.widgets.article_body import BULLET, QUOTE_BAR, body_units, layout, opening
from tui_reader.app.widgets.reader import PARTIAL_NOTICE, ReaderPane, partial_notice
from tui_reader.models import ArticleRow, ArticleView, Block

TEXT = "Text with [a link], then [bold]x[/] and [@click=app.quit]y."
LINK = TEXT.index("a link")
SAMPLE = (
    Block("heading", "A heading", level=2),
    Block("paragraph", TEXT, links=((LINK, LINK + len("a link"), 1),)),
    Block("quote", "A quoted line long enough to wrap onto a second line at a narrow width."),
    Block("quote", "Second quote paragraph."),
    Block(
        "list",
        "first\nsecond item, long enough to wrap so that the hanging indent shows",
        level=1,
        items=("first", "second item, long enough to wrap so that the hanging indent shows"),
    ),
    Block("list", "bullet", items=("bullet",)),
    Block("code", "def f():\n    return   1"),
    Block("caption", "A caption"),
)
LINKS = ("https://one.example/a",)


def rendered(width: int = 40, blocks: tuple[Block, ...] = SAMPLE) -> list[tuple[str, str]]:
    lines = layout(body_units(blocks), width)
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
    assert ("", "blank") in lines  # blocks are separated
    assert ("A caption", "text") in lines


def test_links_show_the_cleaners_number_and_markup_stays_literal() -> None:
    text = " ".join(text for text, _ in rendered(200))
    assert "[a link[1]]," in text
    assert "[bold]x[/]" in text and "[@click=app.quit]y" in text


def test_a_link_in_a_list_item_keeps_its_number() -> None:
    items = ("see the map", "and our guide")
    block = Block("list", "\n".join(items), items=items, links=((4, 11, 2), (20, 25, 1)))
    lines = [text for text, _ in rendered(80, (block,))]
    assert lines == [f"{BULLET}see the map[2]", f"{BULLET}and our guide[1]"]


def test_every_line_fits_the_width() -> None:
    for width in (20, 41, 77):
        for line in layout(body_units(SAMPLE * 3), width):
            assert cell_len(line.prefix.plain + line.text.plain) <= width


def test_an_article_not_cleaned_yet_shows_its_text_as_paragraphs() -> None:
    lines = layout(body_units((), "First *para* [x](y)\n\nSecond"), 80)
    assert [line.text.plain for line in lines] == ["First *para* [x](y)", "", "Second"]


async def test_reader_body_renders_opens_links_and_strips_control_characters(
    cache: SampleCache, opened_urls: list[str]
) -> None:
    opened = opened_urls
    first = cache.store.article_rows(cache.store.article_ids())[0]
    hostile = Block("paragraph", "esc \x1b[31mred\x1b[0m osc \x1b]0;pwned\x07 end")
    article = replace(_article(first.title, "body", links=LINKS), blocks=(*SAMPLE, hostile))
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


async def test_a_cleaned_page_shows_the_cleaners_link_numbers(
    cache: SampleCache, opened_urls: list[str]
) -> None:
    """From the cleaner through the store to the reader: the same numbers, no parsing."""
    from tui_reader.clean import clean_fragment

    html = (
        "<p>The council met on Monday to discuss <a href='/map'>the flood map</a>, which "
        "shows the streets at risk, and <a href='https://other.example/guide'>a guide</a> "
        "for residents. It will meet again next week, when the engineers report.</p>"
        "<ul><li>Roads reopen on <a href='/map'>the same map</a></li>"
        "<li>Schools stay shut</li></ul>"
    )
    cleaned = clean_fragment(html, "https://news.example/story")
    assert cleaned.links == ("https://news.example/map", "https://other.example/guide")
    first = cache.store.article_rows(cache.store.article_ids())[0]
    cache.store.store_article(first.id, cleaned, source="feed")
    app = make_app(cache)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(ReaderPane)
        text = " ".join(" ".join(reader.lines).split())
        assert "the flood map[1]," in text and "a guide[2]" in text
        assert f"{BULLET}Roads reopen on the same map[1]" in text
        assert "[2] https://other.example/guide" in text
        await reader.run_action("open_link(2)")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert opened_urls == ["https://other.example/guide"]


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


LONG_LINKS = ("https://one.example/a", "https://two.example/b", "https://three.example/c")
LONG = tuple(
    Block(
        "paragraph",
        f"Paragraph {n} source {n % 3 + 1} " + "words to fill the line " * 12,
        links=((len(f"Paragraph {n} "), len(f"Paragraph {n} source {n % 3 + 1}"), n % 3 + 1),),
    )
    for n in range(60)
)


def test_the_opening_of_a_long_body_is_its_first_blocks() -> None:
    head = opening(LONG)
    assert head is not None and head < len(LONG) // 2
    first = [(line.prefix.plain + line.text.plain) for line in layout(body_units(LONG[:head]), 60)]
    whole = [(line.prefix.plain + line.text.plain) for line in layout(body_units(LONG), 60)]
    assert first == whole[: len(first)] and "source 1[1]" in first[0]
    assert opening(LONG[:3]) is None


async def test_a_long_article_shows_its_opening_then_the_whole(
    cache: SampleCache, opened_urls: list[str]
) -> None:
    first = cache.store.article_rows(cache.store.article_ids())[0]
    article = replace(_article(first.title, "", links=LONG_LINKS), blocks=LONG)
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
        reader._body_laid_out(shown, body_units(LONG))
        assert reader.headline == "No article." and "Paragraph" not in " ".join(reader.lines)


def test_a_partial_articles_notice_gives_the_cleaners_reason_through_the_gate() -> None:
    row = ArticleRow(1, 1, "Feed", "Title", "https://a.example/", 0.0, False, False)
    whole = ArticleView(row=row, author=None, blocks=(), text="t", truncated=False)
    assert partial_notice(whole) == ""
    assert partial_notice(replace(whole, truncated=True)) == PARTIAL_NOTICE
    why = "the page is too large to read whole (250,000 elements): read its first 100,000"
    notice = partial_notice(replace(whole, truncated=True, note=why + "\x1b[2J\x07"))
    assert notice.startswith(f"Partial article: {why}") and "browser" in notice
    assert "\x1b" not in notice and "\x07" not in notice

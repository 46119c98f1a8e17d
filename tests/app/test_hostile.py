"""Hostile feed text (reliability rows 9, 10, 13, 14): literal, cut to the cell, inert."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import OptionList

from tests.app.conftest import HOSTILE_TITLES, SampleCache, make_app
from tui_reader.app.screens.dialogs import ChooseDialog
from tui_reader.app.screens.main import MainScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.app.widgets.reader import ReaderPane


def visible_lines(lst: ArticleList) -> list[str]:
    return [lst.render_line(y).text for y in range(lst.scrollable_content_region.height)]


async def test_hostile_titles_render_literally(hostile_cache: SampleCache) -> None:
    app = make_app(hostile_cache)
    for size in ((120, 40), (80, 24)):
        async with app.run_test(size=size) as pilot:
            lst = app.screen.query_one(ArticleList)
            await pilot.press("G")
            await pilot.pause()
            lines = visible_lines(lst)
            width = lst.scrollable_content_region.width
            text = "\n".join(lines)
            for literal in ("[bold]x", "[/", "[link=file:///etc/passwd]x", "[@click=app.quit]x"):
                assert literal in text
            assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
            assert "\u202e" not in text and "\u200b" not in text and "\u00ad" not in text
            assert "TTTT" in text
            for y in range(len(lines)):
                assert cell_len(lst.render_line(y).text) == width  # the 1 MB title is cut
            # Open each hostile article: the reader shows the title literally; nothing runs.
            for _ in HOSTILE_TITLES:
                await pilot.press("enter")
                await pilot.pause()
                await app.workers.wait_for_complete()
                shown = app.screen.query_one(ReaderPane).headline
                assert "\x1b" not in shown and "\u202e" not in shown
                await pilot.press("escape", "k")
            assert isinstance(app.screen, MainScreen)
        app = make_app(hostile_cache)


async def test_click_markup_title_does_not_run(hostile_cache: SampleCache) -> None:
    app = make_app(hostile_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        lst = app.screen.query_one(ArticleList)
        index = next(
            i for i in range(len(lst.ids)) if (r := lst.row_at(i)) and r.title.startswith("[@click")
        )
        lst.cursor = index
        await pilot.pause()
        lst.cursor = 0
        await pilot.click(ArticleList, offset=(60, index - int(lst.scroll_offset.y) + 1))
        assert lst.cursor == index
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(ReaderPane)
        title_row = next(y for y, line in enumerate(reader.lines) if "[@click" in line)
        await pilot.click(ReaderPane, offset=(4, title_row + 1))  # +1: the border
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]x" in reader.headline
        assert "[@click=app.quit]x" in reader.lines[title_row]


async def test_hostile_feed_name_in_dialog_and_header(hostile_cache: SampleCache) -> None:
    store = hostile_cache.store
    store.add_feed("http://127.0.0.1:9/evil.xml", title="[@click=app.quit]Evil \x1b]0;x\x07[/")
    app = make_app(hostile_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, ChooseDialog)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        evil = next(i for i, p in enumerate(prompts) if p.startswith("[@click=app.quit]Evil [/"))
        options.highlighted = evil
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.filter_label == "[@click=app.quit]Evil [/"
        await pilot.press("f")
        await pilot.press("escape")
        assert app.is_running

"""Pilot tests: every key of the DESIGN table and every pane, on a cache built by the Store."""

from __future__ import annotations

import contextlib

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import WorkerFailed

from tests.app.conftest import SampleCache, make_app
from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import ChooseDialog, ConfirmDialog, InputDialog
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.main import MainScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.app.widgets.entity_sidebar import EntitySidebar
from tui_reader.app.widgets.reader import ReaderPane
from tui_reader.config import Config

SIZE = (120, 36)


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Wait for every worker; a failed one is the app's to report (tests check the notes)."""
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()


def screen(app: ReaderApp) -> MainScreen:
    main = app.screen
    assert isinstance(main, MainScreen)
    return main


def listed_titles(app: ReaderApp) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [row.row.title for i in range(len(lst.ids)) if (row := lst.row_at(i)) is not None]


def focus_of(app: ReaderApp) -> object:
    """The focused widget, typed loosely so successive `is` checks don't narrow it."""
    return app.focused


def title_shown(app: ReaderApp) -> str:
    return app.screen.query_one(ReaderPane).headline


async def test_opens_on_the_cache_offline(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = screen(app)
        assert len(main.article_list.ids) == 6
        assert main.unread == 6
        assert main.online is False
        assert focus_of(app) is main.article_list
        assert listed_titles(app)[2] == cache.seed_title


async def test_navigation_keys(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        lst = screen(app).article_list
        await pilot.press("j", "j")
        assert lst.cursor == 2
        await pilot.press("k")
        assert lst.cursor == 1
        await pilot.press("down", "down", "up")
        assert lst.cursor == 2
        await pilot.press("G")
        assert lst.cursor == 5
        await pilot.press("j")  # stays on the last row
        assert lst.cursor == 5
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("k")
        assert lst.cursor == 0


async def test_open_saves_read_state_and_back(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        main = screen(app)
        seed_id = cache.ids[cache.seed_title]
        assert title_shown(app) == cache.seed_title
        assert "Hulusi Akar and Ali Mahmoud Abbas" in " ".join(" ".join(main.reader.lines).split())
        assert focus_of(app) is main.reader
        assert cache.store.article(seed_id).row.read is True
        assert main.unread == 5
        assert "Hulusi Akar" in main.sidebar.names
        await pilot.press("escape")
        assert focus_of(app) is main.article_list
        await pilot.press("j", "l")  # l opens too
        await settle(app, pilot)
        assert title_shown(app) == "Valley budget passes after long night"
        await pilot.press("h")
        assert focus_of(app) is main.article_list


async def test_toggle_read_and_star(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        first = cache.ids["Bridge vote set for Tuesday"]
        await pilot.press("m")
        await settle(app, pilot)
        assert cache.store.article(first).row.read is True
        assert screen(app).unread == 5
        await pilot.press("m")
        await settle(app, pilot)
        assert cache.store.article(first).row.read is False
        await pilot.press("s")
        await settle(app, pilot)
        assert cache.store.article(first).row.starred is True
        row = screen(app).article_list.row_at(0)
        assert row is not None and row.row.starred
        await pilot.press("s")
        await settle(app, pilot)
        assert cache.store.article(first).row.starred is False


async def test_next_and_previous_unread(cache: SampleCache) -> None:
    cache.store.set_read(cache.ids["Ferry service extended into winter"], True)
    cache.store.set_read(cache.ids[cache.seed_title], True)
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        lst = screen(app).article_list
        await pilot.press("n")  # skips the two read ones after the first row
        await settle(app, pilot)
        assert lst.cursor == 3
        assert title_shown(app) == "Valley budget passes after long night"
        await pilot.press("p")
        await settle(app, pilot)
        assert lst.cursor == 0
        await pilot.press("n", "n", "n", "n")
        await settle(app, pilot)
        assert lst.cursor == 5


async def test_page_keys_scroll_the_reader(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen(app).reader
        assert reader.max_scroll_y > 0
        await pilot.press("j", "j")  # in the reader, j/k scroll a line; the list stays put
        await pilot.pause()
        assert reader.scroll_y == 2 and screen(app).article_list.cursor == 0
        await pilot.press("k")
        await pilot.pause()
        assert reader.scroll_y == 1
        await pilot.press("g", "space")
        await pilot.pause()
        assert reader.scroll_y > 0
        await pilot.press("b")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0


async def test_tab_cycles_panes_and_e_focuses_entities(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        main = screen(app)
        await pilot.press("tab")
        assert focus_of(app) is main.reader
        await pilot.press("tab")
        assert focus_of(app) is main.sidebar
        await pilot.press("tab")
        assert focus_of(app) is main.article_list
        await pilot.press("shift+tab")
        assert focus_of(app) is main.sidebar
        await pilot.press("escape", "e")
        assert focus_of(app) is main.sidebar


async def test_search_filters_the_list(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, InputDialog)
        await pilot.press(*"ferry", "enter")
        await settle(app, pilot)
        assert listed_titles(app) == ["Ferry service extended into winter"]
        assert screen(app).filter_label == "Search: ferry"
        await pilot.press("escape")  # back on the list with a filter: show everything
        await settle(app, pilot)
        assert len(listed_titles(app)) == 6


async def test_choose_feed_tag_unread_starred(cache: SampleCache) -> None:
    cache.store.set_starred(cache.ids["Links and more links"], True)
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("down", "down", "enter")  # All, Unread, [Starred]
        await settle(app, pilot)
        assert listed_titles(app) == ["Links and more links"]
        await pilot.press("f", "down", "down", "down", "enter")  # first tag: local
        await settle(app, pilot)
        assert screen(app).filter_label == "Tag: local"
        assert len(listed_titles(app)) == 3
        await pilot.press("f", "end", "enter")  # last: a feed
        await settle(app, pilot)
        assert screen(app).filter_label == "World Desk"
        assert cache.seed_title in listed_titles(app)
        assert "Bridge vote set for Tuesday" not in listed_titles(app)


async def test_entity_filter(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        await pilot.press("e")
        sidebar = screen(app).sidebar
        assert focus_of(app) is sidebar
        names = sidebar.names
        assert "Hulusi Akar" in names and "Sergei Shoigu" in names
        await pick_entity(pilot, sidebar, "Sergei Shoigu")  # only in the seed story
        await settle(app, pilot)
        assert screen(app).filter_label == "Entity: Sergei Shoigu"
        assert focus_of(app) is screen(app).article_list
        assert listed_titles(app) == [cache.seed_title]
        # Hulusi Akar is in two stories: the seed and "Links and more links".
        await pilot.press("enter", "e")
        await settle(app, pilot)
        await pick_entity(pilot, sidebar, "Hulusi Akar")
        await settle(app, pilot)
        assert set(listed_titles(app)) == {cache.seed_title, "Links and more links"}


async def pick_entity(pilot: Pilot[None], sidebar: EntitySidebar, name: str) -> None:
    """Move the sidebar's highlight with the keys until it is on `name`, then press Enter."""
    await pilot.press("home")
    for _ in range(len(sidebar.names)):
        if sidebar.current is not None and sidebar.current.text == name:
            break
        await pilot.press("down")
    assert sidebar.current is not None and sidebar.current.text == name
    await pilot.press("enter")


async def test_help_lists_current_keys(cache: SampleCache) -> None:
    app = make_app(cache, config=Config(keys={"toggle_star": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys", Static).content)
        assert "Toggle star" in text
        star_line = next(line for line in text.splitlines() if "Toggle star" in line)
        assert star_line.split()[0] == "x"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_keys_are_remappable(cache: SampleCache) -> None:
    app = make_app(cache, config=Config(keys={"next": "x", "toggle_star": "t"}))
    async with app.run_test(size=SIZE) as pilot:
        lst = screen(app).article_list
        await pilot.press("j")
        assert lst.cursor == 0
        await pilot.press("x", "x")
        assert lst.cursor == 2
        await pilot.press("t")
        await settle(app, pilot)
        assert cache.store.article(cache.ids[cache.seed_title]).row.starred is True


async def test_unknown_key_id_is_reported(cache: SampleCache, notes: list[str]) -> None:
    app = make_app(cache, config=Config(keys={"nexxt": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("nexxt" in note for note in notes)


async def test_sidebar_and_dialog_bindings_are_remappable(
    cache: SampleCache, notes: list[str]
) -> None:
    keys = {"entity_down": "x", "entity_choose": "c", "dialog_yes": "z", "dialog_cancel": "f2"}
    app = make_app(cache, config=Config(keys=keys))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        await pilot.press("e")
        sidebar = screen(app).sidebar
        first = sidebar.current
        await pilot.press("down")  # no longer bound in the sidebar
        assert sidebar.current == first
        await pilot.press("x")
        moved = sidebar.current
        assert moved is not None and moved != first
        await pilot.press("c")
        await settle(app, pilot)
        assert screen(app).filter_label == f"Entity: {moved.text}"
        await pilot.press("escape", "d")  # all articles again; delete the cursor's feed?
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # not "yes" any more
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("z")
        await settle(app, pilot)
        assert len(cache.store.feeds()) == 1
        await pilot.press("slash")
        assert isinstance(app.screen, InputDialog)
        await pilot.press("escape")  # no longer bound: the dialog stays
        assert isinstance(app.screen, InputDialog)
        await pilot.press("f2")
        assert isinstance(app.screen, MainScreen)
    assert not any("no such binding" in note for note in notes)


async def test_browser_opens_only_web_links(
    cache: SampleCache, notes: list[str], opened_urls: list[str]
) -> None:
    opened = opened_urls
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        assert opened == ["https://news.example/guid-0"]
        await pilot.press("G", "enter")  # "Links and more links": [1] https, [2] javascript:
        await settle(app, pilot)
        assert "[2] javascript:alert(1)" in screen(app).reader.lines
        await pilot.press("1")
        await settle(app, pilot)
        assert opened[-1] == "https://one.example/a"
        await pilot.press("2")
        await settle(app, pilot)
        assert opened[-1] == "https://one.example/a" and len(opened) == 2
        assert any("not opening" in note for note in notes)
        await pilot.press("3")
        await settle(app, pilot)
        assert opened[-1] == "https://three.example/"


async def test_partial_article_says_so(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "j", "enter")
        await settle(app, pilot)
        reader = screen(app).reader
        assert reader.partial
        notice = [line for line in reader.lines if "Partial article" in line]
        assert notice and "browser" in " ".join(reader.lines)
        await pilot.press("escape", "k", "enter")
        await settle(app, pilot)
        assert not reader.partial
        assert not any("Partial article" in line for line in reader.lines)


async def test_command_palette_runs_actions(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert cache.store.article(cache.ids["Bridge vote set for Tuesday"]).row.starred


async def test_delete_feed_asks_first(cache: SampleCache, notes: list[str]) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # the cursor's feed: Valley Gazette
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(app, pilot)
        assert len(cache.store.feeds()) == 2
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert [f.title for f in cache.store.feeds()] == ["World Desk"]
        assert "Bridge vote set for Tuesday" not in listed_titles(app)
        assert len(listed_titles(app)) == 3
        assert any("Deleted Valley Gazette" in note for note in notes)


async def test_offline_refresh_and_add_say_offline(cache: SampleCache, notes: list[str]) -> None:
    app = make_app(cache, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "r", "a")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert sum("Offline" in note for note in notes) == 3
        assert not app.workers


async def test_quit(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_in_a_dialog_is_typed_not_quit(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        assert isinstance(app.screen, InputDialog)
        assert app.screen.query_one(Input).value == "q"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_reader_and_sidebar_widgets_present(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ReaderPane).article is None
        assert app.screen.query_one(EntitySidebar).border_title == "In the cache"


async def test_quick_marks_are_all_saved(cache: SampleCache) -> None:
    """Exclusive workers may cancel each other; the marks they carry must still be written."""
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "s", "j", "m", "s", "j", "s", "j", "m", "m")
        await settle(app, pilot)
    rows = {row.title: row for row in cache.store.article_rows(cache.store.article_ids())}
    assert rows["Bridge vote set for Tuesday"].read and rows["Bridge vote set for Tuesday"].starred
    ferry = rows["Ferry service extended into winter"]
    assert ferry.read and ferry.starred
    assert rows[cache.seed_title].starred and not rows[cache.seed_title].read
    assert not rows["Valley budget passes after long night"].read


async def test_marks_made_just_before_quitting_are_kept(cache: SampleCache) -> None:
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "j", "s", "q")
    rows = cache.store.article_rows(cache.store.article_ids())
    assert [row.starred for row in rows[:3]] == [True, True, False]


async def test_palette_opens_any_link_by_number(cache: SampleCache, opened_urls: list[str]) -> None:
    opened = opened_urls
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open link 3")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert opened == ["https://three.example/"]


async def test_the_sidebar_follows_the_frame_that_shows_the_article(
    cache: SampleCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the fallback timer out of reach, only the reader's Painted message can fill it.
    monkeypatch.setattr("tui_reader.app.screens.main.ENTITIES_FALLBACK_SECONDS", 60.0)
    app = make_app(cache)
    async with app.run_test(size=SIZE) as pilot:
        main = screen(app)
        await pilot.press("j", "j", "enter")
        for _ in range(5):
            await pilot.pause()
        assert main.sidebar.border_title == "In this article"
        assert "Hulusi Akar" in main.sidebar.names

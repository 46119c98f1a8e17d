"""The main screen: list | reader | entity sidebar. It owns the state and every worker."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from ...config import Config
from ...errors import NotFoundError, SyncError, TuiReaderError
from ...models import ArticleFilter, ArticleView, Feed
from ...sanitize import browser_url, is_web_url, terminal_text
from ...store import Store
from ..keys import KeySpec, bindings
from ..marks import Marks
from ..messages import FeedsChanged, MarksSaved, RefreshFinished, RefreshProgress
from ..widgets.article_list import ArticleList, PartIds
from ..widgets.entity_sidebar import EntitySidebar
from ..widgets.key_bar import KeyBar
from ..widgets.reader import ReaderPane
from ..widgets.status import StatusHeader

if TYPE_CHECKING:
    from ...refresh import ProgressFn, RefreshReport

# The app's worker processes yield the CPU to it (workers.py).
APP_NICENESS = 10

# What a failed worker was doing, for the one-line notification.
WORKER_SUBJECTS = {
    "save_marks": "Could not save the article's read or starred mark",
    "subscribe_feed": "Could not add the feed",
    "remove_feed": "Could not delete the feed",
    "run_refresh": "Refresh failed",
    "run_synced_refresh": "Sync failed",
    "open_browser": "Could not open the browser",
    "_lay_out_body": "Could not lay out the whole article",
}
NAME_CHARS = 80
# While a refresh stores feeds, the list is re-read at most this often (a re-read of 50,000
# ids is ~20 ms; keys must stay responsive).
RELOAD_SECONDS = 0.5
REFRESH_SWITCH_INTERVAL = 0.001
_T = TypeVar("_T")

# The first frame reads this many ids (a tall terminal's screenful, and more); the rest of a
# large cache's after it is on screen (see PartIds).
FIRST_FRAME_IDS = 256
# The sidebar waits for the frame that shows an opened article (ReaderPane.Painted); this
# long at most if that frame never comes (a reader with no room to draw).
ENTITIES_FALLBACK_SECONDS = 0.1


def name_of(text: str) -> str:
    return terminal_text(text, single_line=True, max_chars=NAME_CHARS)


@contextmanager
def _refresh_priority() -> Iterator[None]:
    """The refresh thread and the UI share the GIL: a key waits for it up to the switch
    interval each time another thread holds it (5 ms by default); 1 ms while refreshing."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, REFRESH_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


class _Stoppable:
    """The refresh's own event loop, in its worker thread, stoppable from the app's: stop()
    cancels its task (the refresh then cancels its stages, stops its workers and commits
    what it stored: refresh.py's close). A stop that comes before the task starts stops it
    as it starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel: Callable[[], object] | None = None
        self._stopped = False

    def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        """asyncio.run(coro), stoppable; raises CancelledError when stopped."""

        async def stoppable() -> _T:
            task = asyncio.current_task()
            assert task is not None
            loop = asyncio.get_running_loop()
            with self._lock:
                self._cancel = partial(loop.call_soon_threadsafe, task.cancel)
                if self._stopped:
                    task.cancel()
            try:
                return await coro
            finally:
                with self._lock:
                    self._cancel = None

        return asyncio.run(stoppable())

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._cancel is not None:
                with suppress(RuntimeError):  # its loop is closing: it ends by itself
                    self._cancel()


def _failures(report: RefreshReport) -> list[str]:
    """One line for each feed and each item a refresh could not do."""
    from ...refresh import feed_error_summary

    lines = [feed_error_summary(result) for result in report.failed]
    lines += [terminal_text(line, single_line=True, max_chars=400) for line in report.item_failures]
    return lines


class MainScreen(Screen[None]):
    BINDINGS = bindings("all")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # Screen.focused repaints the whole screen on every change; the panes restyle themselves
    # (their :focus rules), so that repaint only redrew and re-sent ~15 KB of unchanged
    # cells in the frame that shows an article.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    # State lives here; the header gets it through data_bind.
    filter: var[ArticleFilter] = var(ArticleFilter, init=False)
    filter_label: var[str] = var("All articles")
    unread: var[int] = var(0)
    online: var[bool] = var(True)
    progress: var[str] = var("")
    # With [sync] set: what is wrong with the server ("" when nothing) and marks waiting.
    sync_problem: var[str] = var("")
    marks_waiting: var[int] = var(0)

    article_list = getters.query_one(ArticleList)
    reader = getters.query_one(ReaderPane)
    sidebar = getters.query_one(EntitySidebar)

    def __init__(
        self, store: Store, config: Config, *, offline: bool, keymap: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        # The breakpoint class Textual would add at the first resize, added now: adding it
        # then restyles and redraws every widget once more before the first frame.
        breakpoints = self.HORIZONTAL_BREAKPOINTS or []
        self.add_class(*self._get_breakpoint_classes(self.app.size.width, breakpoints))
        self.keymap = dict(keymap or {})
        self.store = store
        self.config = config
        self.offline = offline
        # With [sync] set each mark is also queued for the server, in the same transaction.
        self.marks = Marks(
            store, queue=config.sync is not None
        )  # read/starred: what the user set, before the store has it
        self._entities_shown: int | None = None  # the article whose entities the sidebar lists
        self._last_reload = 0.0
        self._reload_timer: Timer | None = None
        self._refreshing = _Stoppable()

    def compose(self) -> ComposeResult:
        yield StatusHeader().data_bind(
            MainScreen.unread,
            MainScreen.online,
            MainScreen.progress,
            MainScreen.filter_label,
            MainScreen.sync_problem,
            MainScreen.marks_waiting,
        )
        with Horizontal(id="panes"):
            with Vertical(id="main-column"):
                yield ArticleList(id="articles")
                yield ReaderPane(id="reader")
            yield EntitySidebar(id="entities")
        yield KeyBar(self.keymap)

    def on_mount(self) -> None:
        self.online = not self.offline
        self.article_list.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.reload(first_frame=True)
        self.show_cache_entities()
        self.show_sync_state()
        self.article_list.focus()

    def after_first_frame(self) -> None:
        """ReaderApp calls it once the first frame is on screen."""
        try:
            self.article_list.read_all_ids()
        except TuiReaderError as exc:
            self._say_store_error(exc)
        self.warm_up()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """After the first paint. Everything built so far (modules, widgets, the list's first
        pages) lives as long as the app. Frozen, the collector stops re-scanning it: a full
        collection landing in the frame that shows an article cost 6-45 ms and was most of the
        slow opens. `tui-reader` starts with the collector off (see __main__.main); on from
        here."""
        gc.collect()
        gc.freeze()
        gc.enable()

    # -- loading -----------------------------------------------------------------------
    def reload(self, *, keep: int | None = None, first_frame: bool = False) -> None:
        """Re-read the ids for the filter (one query); rows come later, a page at a time.
        For the first frame only the first screenfuls of ids and their count are read."""
        self.article_list.empty_text = (
            "No articles yet. Press a to add a feed."
            if self.filter == ArticleFilter()
            else "No articles match. Press Esc to show all."
        )
        ids: Sequence[int]
        try:
            ids = self._first_ids() if first_frame else self.store.article_ids(self.filter)
        except TuiReaderError as exc:
            self._say_store_error(exc)
            ids = []
        self.article_list.show(ids, self.marks.rows(self.store.article_rows), keep=keep)
        self._last_reload = time.monotonic()
        self.article_list.border_subtitle = f"{len(ids)}"
        self.unread = self.store.unread_count()

    def _first_ids(self) -> Sequence[int]:
        head = self.store.article_ids(self.filter, limit=FIRST_FRAME_IDS)
        if len(head) < FIRST_FRAME_IDS:
            return head
        count = self.store.article_count(self.filter)
        return PartIds(head, count, partial(self.store.article_ids, self.filter))

    def _say_store_error(self, exc: TuiReaderError) -> None:
        self.notify(
            terminal_text(str(exc), single_line=True, max_chars=300),
            severity="error",
            markup=False,
        )

    def show_cache_entities(self) -> None:
        self.sidebar.show(
            self.store.top_entities(feed_id=self.filter.feed_id, limit=60), title="In the cache"
        )

    def watch_filter(self) -> None:
        self.reload()

    def set_filter(self, flt: ArticleFilter, label: str) -> None:
        self.filter_label = label
        self.filter = flt
        self.set_focus(self.article_list)

    # -- list and reader ---------------------------------------------------------------
    @on(ArticleList.Selected)
    async def _selected(self, event: ArticleList.Selected) -> None:
        await self.open_article(event.article_id)

    async def open_article(self, article_id: int, *, focus: bool = True) -> ArticleView | None:
        try:
            article = self.store.article(article_id)
        except NotFoundError:
            self.notify("That article is no longer in the cache.", severity="warning")
            return None
        except TuiReaderError as exc:  # a damaged or unreadable cache: say so, keep running
            self._say_store_error(exc)
            return None
        if focus:
            # At once (Widget.focus() defers it): keys already queued behind this one (h,
            # j...) must reach the pane that has focus by then, not the one before.
            self.set_focus(self.reader)
        self.reader.show(article)
        if not self.marks.read(article_id, article.row.read):
            self.mark_read(article_id, True)
        # The body is what the reader waits for: the sidebar follows once the frame that
        # shows it is drawn (ReaderPane.Painted), or after a while if the reader is not drawn.
        self._entities_shown = None
        self.set_timer(ENTITIES_FALLBACK_SECONDS, partial(self.show_article_entities, article_id))
        return article

    @on(ReaderPane.Painted)
    def _reader_painted(self, event: ReaderPane.Painted) -> None:
        self.show_article_entities(event.article_id)

    def show_article_entities(self, article_id: int) -> None:
        if self.reader.article is None or self.reader.article.row.id != article_id:
            return  # another article was opened meanwhile; its own call shows its entities
        if self._entities_shown == article_id:
            return
        self._entities_shown = article_id
        self.sidebar.show(self.store.article_entities(article_id), title="In this article")

    def mark_read(self, article_id: int, read: bool) -> None:
        index = self.article_list.index_of(article_id)
        item = self.article_list.row_at(index) if index is not None else None
        was = self.marks.read(article_id, item.row.read) if item is not None else None
        self.set_marks(article_id, read=read)
        if was is None or was != read:
            self.unread = max(0, self.unread + (-1 if read else 1))

    def set_marks(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """The user's mark: shown at once, written to the store by a worker."""
        self.article_list.update_row(article_id, read=read, starred=starred)
        if self.marks.set(article_id, read=read, starred=starred):
            self.save_marks()

    @work(thread=True, group="marks", exit_on_error=False)
    def save_marks(self) -> None:
        self.marks.write()
        if self.config.sync is not None:
            self.post_message(MarksSaved())

    @on(MarksSaved)
    def show_sync_state(self) -> None:
        """The header's word on the sync server and the marks waiting for it."""
        if self.config.sync is None:
            return
        from ...sync.engine import problem

        status = self.store.sync_status()
        self.sync_problem = problem(status) or ""
        self.marks_waiting = status.pending

    def on_unmount(self) -> None:
        # A write cancelled at exit must not lose the last marks.
        self.marks.flush()
        # Quitting stops a refresh still running (a first one of many feeds fetches pages
        # for minutes): the app waited for it to end, its screen blank. What it stored
        # stays; a page not fetched yet is tried at the next refresh.
        self._refreshing.stop()

    def current_row_state(self) -> tuple[int, bool, bool] | None:
        """(id, read, starred) of the article the keys act on: the open one, else the cursor's."""
        article_id = self.target_article_id()
        if article_id is None:
            return None
        index = self.article_list.index_of(article_id)
        item = self.article_list.row_at(index) if index is not None else None
        if item is not None:
            row = item.row
        else:
            try:
                row = self.store.article(article_id).row
            except NotFoundError:
                return None
        marks = self.marks
        return article_id, marks.read(article_id, row.read), marks.starred(article_id, row.starred)

    def target_article_id(self) -> int | None:
        if self.reader.article is not None and self.focused is not self.article_list:
            return self.reader.article.row.id
        return self.article_list.article_id

    def focused_pane(self) -> Widget:
        node = self.focused
        for pane in (self.article_list, self.reader, self.sidebar):
            if node is not None and (node is pane or pane in node.ancestors):
                return pane
        return self.article_list

    # -- actions -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_read", "toggle_star", "browser") and self.target_article_id() is None:
            return None
        if action in ("page_down", "page_up") and self.reader.article is None:
            return None
        return True

    def action_back(self) -> None:
        if self.focused_pane() is not self.article_list:
            self.set_focus(self.article_list)
        elif self.filter != ArticleFilter():
            self.set_filter(ArticleFilter(), "All articles")
            if self.reader.article is None:
                self.show_cache_entities()

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        panes: list[Widget] = [self.article_list, self.reader, self.sidebar]
        position = panes.index(self.focused_pane())
        self.set_focus(panes[(position + step) % len(panes)])

    def action_entities(self) -> None:
        self.set_focus(self.sidebar)

    def action_top(self) -> None:
        pane = self.focused_pane()
        if pane is self.article_list:
            self.article_list.go_top()
        elif pane is self.reader:
            self.reader.scroll_home(animate=False)
        else:
            self.sidebar.action_first()

    def action_bottom(self) -> None:
        pane = self.focused_pane()
        if pane is self.article_list:
            self.article_list.go_bottom()
        elif pane is self.reader:
            self.reader.scroll_end(animate=False)
        else:
            self.sidebar.action_last()

    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    async def action_next_unread(self) -> None:
        await self._step_unread(1)

    async def action_previous_unread(self) -> None:
        await self._step_unread(-1)

    async def _step_unread(self, step: int) -> None:
        ids = self.article_list.ids
        unread = set(self.store.article_ids(replace(self.filter, unread_only=True)))
        start = self.article_list.cursor + step
        positions = range(start, len(ids)) if step > 0 else range(start, -1, -1)
        for position in positions:
            article_id = ids[position]
            if not self.marks.read(article_id, article_id not in unread):
                self.article_list.cursor = position
                await self.open_article(article_id, focus=False)
                return
        self.notify("No more unread articles." if step > 0 else "No earlier unread articles.")

    def action_toggle_read(self) -> None:
        state = self.current_row_state()
        if state is not None:
            article_id, read, _ = state
            self.mark_read(article_id, not read)

    def action_toggle_star(self) -> None:
        state = self.current_row_state()
        if state is not None:
            article_id, _, starred = state
            self.set_marks(article_id, starred=not starred)
            self.notify("Starred." if not starred else "Star removed.", timeout=2)

    def action_browser(self) -> None:
        article_id = self.target_article_id()
        if article_id is None:
            return
        try:
            link = self.store.article(article_id).row.link
        except NotFoundError:
            return
        self.open_url_safely(link)

    def open_url_safely(self, url: str | None) -> None:
        mended = browser_url(url) if url else ""
        if not is_web_url(mended):
            self.notify("Not a web (http/https) address; not opening it.", severity="warning")
            return
        self.open_browser(mended)

    @work(thread=True, exclusive=True, group="browser", exit_on_error=False)
    def open_browser(self, url: str) -> None:
        # webbrowser runs the browser directly (no shell); a console browser could block.
        if not webbrowser.open(url):
            raise TuiReaderError("no browser is available")

    @on(ReaderPane.LinkRequested)
    def _link_requested(self, event: ReaderPane.LinkRequested) -> None:
        self.open_url_safely(event.url)

    def action_search(self) -> None:
        from .dialogs import InputDialog  # the dialogs are imported when first opened

        def searched(query: str | None) -> None:
            if query:
                self.set_filter(ArticleFilter(query=query), f"Search: {name_of(query)}")

        self.app.push_screen(
            InputDialog("Search the cache", placeholder='words, "a phrase"'), searched
        )

    def action_choose(self) -> None:
        from .dialogs import Choice, ChooseDialog

        choices = [
            Choice("All articles", ArticleFilter()),
            Choice("Unread", ArticleFilter(unread_only=True)),
            Choice("Starred", ArticleFilter(starred_only=True)),
        ]
        choices += [
            Choice(f"Tag: {name_of(tag)}", ArticleFilter(tag=tag)) for tag in self.store.tags()
        ]
        choices += [
            Choice(feed_label(feed), ArticleFilter(feed_id=feed.id)) for feed in self.store.feeds()
        ]

        def chosen(flt: ArticleFilter | None) -> None:
            if flt is not None:
                label = next(c.label for c in choices if c.filter == flt)
                self.set_filter(flt, label.split("  (")[0])
                if self.reader.article is None:
                    self.show_cache_entities()

        self.app.push_screen(ChooseDialog("Show", choices), chosen)

    @on(EntitySidebar.Chosen)
    def _entity_chosen(self, event: EntitySidebar.Chosen) -> None:
        self.set_filter(ArticleFilter(entity_id=event.entity_id), f"Entity: {event.name}")

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.keymap))

    # -- feeds -------------------------------------------------------------------------
    def current_feed(self) -> Feed | None:
        feed_id = self.filter.feed_id
        if feed_id is None:
            article_id = self.target_article_id()
            index = self.article_list.index_of(article_id) if article_id is not None else None
            item = self.article_list.row_at(index) if index is not None else None
            feed_id = item.row.feed_id if item else None
        if feed_id is None:
            return None
        try:
            return self.store.feed(feed_id)
        except NotFoundError:
            return None

    def action_add_feed(self) -> None:
        from .dialogs import InputDialog

        if self.offline:
            self.notify("Offline: adding a feed needs the network.", severity="warning")
            return

        def entered(url: str | None) -> None:
            if url:
                self.progress = f"adding {name_of(url)}"
                self.subscribe_feed(url)

        self.app.push_screen(
            InputDialog(
                "Add a feed: its address, or a site's (its feed is found)",
                placeholder="https://example.com/",
            ),
            entered,
        )

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def subscribe_feed(self, url: str) -> None:
        from ...refresh import subscribe

        try:
            # The same pipeline as a refresh: its items are listed, then cleaned.
            subscription = asyncio.run(
                subscribe(
                    self.store,
                    self.config,
                    url,
                    on_progress=self._progress_poster(),
                    worker_niceness=APP_NICENESS,
                )
            )
        finally:
            self.post_message(RefreshProgress("", listed=True))
        name = name_of(subscription.feed.name)
        if subscription.revived:  # it was marked gone: refreshed with the others again
            note = f"{name} answers again ({subscription.new_items} new items)"
        else:
            note = f"Added {name} ({subscription.new_items} items)"
        if self.config.sync is not None and not subscription.revived:
            note += self._tell_server_added(subscription.feed.url)
        self.post_message(FeedsChanged(note))

    def _tell_server_added(self, url: str) -> str:
        """With [sync] set the server follows a new feed too (so does every home)."""
        from ...sync.subscriptions import subscribe_on_server

        try:
            asyncio.run(subscribe_on_server(self.config, url))
        except SyncError as exc:
            return name_of(f"; here only, the sync server was not told: {exc}")
        return "; the sync server follows it too"

    def action_delete_feed(self) -> None:
        from .dialogs import ConfirmDialog

        feed = self.current_feed()
        if feed is None:
            self.notify("No feed selected: choose one with f first.", severity="warning")
            return
        name = name_of(feed.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self.remove_feed(feed.id, name)

        self.app.push_screen(
            ConfirmDialog(f"Delete the feed {name} and its unstarred articles?"), answered
        )

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def remove_feed(self, feed_id: int, name: str) -> None:
        if self.config.sync is not None:
            # Removed only here, the next sync would bring it back (SyncError: kept).
            from ...sync.subscriptions import unsubscribe_on_server

            if self.offline and self.store.server_feed_ids(feed_id):
                raise SyncError("it is on the sync server, and the app is offline")
            asyncio.run(unsubscribe_on_server(self.store, self.config, feed_id))
        self.store.remove_feed(feed_id)
        self.post_message(FeedsChanged(f"Deleted {name}"))

    @on(FeedsChanged)
    def _feeds_changed(self, event: FeedsChanged) -> None:
        self.notify(event.note, markup=False)
        if self.filter.feed_id is not None:
            self.set_filter(ArticleFilter(), "All articles")
        else:
            self.reload(keep=self.article_list.article_id)
        if self.reader.article is None:
            self.show_cache_entities()

    # -- refresh -----------------------------------------------------------------------
    def action_refresh(self) -> None:
        feed = self.current_feed()
        if feed is None:
            self.notify("No feed selected to refresh.", severity="warning")
            return
        self.start_refresh([feed])

    def action_refresh_all(self) -> None:
        self.start_refresh(None)

    def start_refresh(self, feeds: list[Feed] | None) -> None:
        if self.offline:
            self.notify("Offline: not refreshing.", severity="warning")
            return
        # A thread can't be stopped: rather than race a second refresh against it, wait.
        if any(w.group == "refresh" and not w.is_finished for w in self.workers):
            self.notify("A refresh is already running.")
            return
        self.progress = "refreshing…"
        if self.config.sync is not None:
            self.run_synced_refresh(feeds)
        else:
            self.run_refresh(feeds)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def run_synced_refresh(self, feeds: list[Feed] | None) -> None:
        """With [sync] set, r/R and the start-up refresh sync; the feeds the server does not
        carry are still fetched directly (tui_reader/sync/refresh.py)."""
        from ...sync.refresh import refresh_with_sync

        worker = get_current_worker()

        def message(text: str) -> None:
            if not worker.is_cancelled:
                self.post_message(RefreshProgress(f"sync: {name_of(text)}"))

        try:
            with _refresh_priority():
                outcome = self._refreshing.run(
                    refresh_with_sync(
                        self.store,
                        self.config,
                        feeds,
                        prefetch=self.config.fetch.prefetch,
                        on_message=message,
                        on_progress=self._progress_poster(),
                        worker_niceness=APP_NICENESS,
                        prune=True,
                    )
                )
        except asyncio.CancelledError:
            return  # stopped: the app is quitting
        finally:
            self.post_message(RefreshProgress(""))
        failures: list[str] = []
        parts: list[str] = []
        new_items = 0
        if outcome.error is not None:
            failures.append(name_of(f"sync failed: {outcome.error}"))
        if outcome.sync is not None:
            parts.append(outcome.sync.summary())
            new_items += outcome.sync.new_items
        if outcome.refresh is not None:
            failures += _failures(outcome.refresh)
            new_items += outcome.refresh.new_items
            if outcome.refresh.results:
                parts.append(outcome.refresh.summary())
        summary = "; ".join(parts) or "sync failed: reading the cache as it is"
        self.post_message(RefreshFinished(summary, failures, new_items))

    def _progress_poster(self) -> ProgressFn:
        """Turn the pipeline's reports (from the refresh thread) into messages."""
        from ...refresh import Progress

        worker = get_current_worker()

        def progress(step: Progress) -> None:
            if worker.is_cancelled:
                return
            text = step.counts()
            if step.feed is not None:
                text += f" {name_of(step.feed.name)}"
            self.post_message(
                RefreshProgress(text, listed=step.listed, cleaned_ids=step.cleaned_ids)
            )

        return progress

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def run_refresh(self, feeds: list[Feed] | None) -> None:
        from ...refresh import refresh_feeds

        try:
            with _refresh_priority():
                report = self._refreshing.run(
                    refresh_feeds(
                        self.store,
                        self.config,
                        feeds,
                        prefetch=self.config.fetch.prefetch,
                        on_progress=self._progress_poster(),
                        worker_niceness=APP_NICENESS,
                        prune=True,
                        named=feeds is not None,  # r: this feed, now
                    )
                )
        except asyncio.CancelledError:
            return  # stopped: the app is quitting
        finally:
            self.post_message(RefreshProgress(""))
        self.post_message(RefreshFinished(report.summary(), _failures(report), report.new_items))

    @on(RefreshProgress)
    def _refresh_progress(self, event: RefreshProgress) -> None:
        self.progress = event.text
        if event.listed:
            self._reload_soon()
        open_article = self.reader.article
        if open_article is not None and open_article.row.id in event.cleaned_ids:
            self._reread_open_article(open_article.row.id)

    def _reload_soon(self) -> None:
        """Show newly stored items without re-reading the list more than every
        RELOAD_SECONDS; the cursor stays on its article and on its line of the screen."""
        if self._reload_timer is not None:
            return
        wait = RELOAD_SECONDS - (time.monotonic() - self._last_reload)
        if wait <= 0:
            self._reload_now()
        else:
            self._reload_timer = self.set_timer(wait, self._reload_now)

    def _reload_now(self) -> None:
        self._reload_timer = None
        self.reload(keep=self.article_list.article_id)

    def _reread_open_article(self, article_id: int) -> None:
        """The open article was shown from its feed text; its clean text is stored now."""
        try:
            article = self.store.article(article_id)
        except TuiReaderError:
            return  # removed meanwhile, or unreadable: what is shown stays
        self.reader.update_article(article)

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None
        self.reload(keep=self.article_list.article_id)
        self.show_sync_state()
        if self.reader.article is None:
            self.show_cache_entities()
        for failure in event.failures:
            self.notify(failure, title="Feed failed", severity="error", markup=False)
        self.notify(event.summary, timeout=4, markup=False)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker becomes a notification (never a traceback)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        subject = WORKER_SUBJECTS.get(event.worker.name, "Something failed")
        if event.worker.group in ("refresh", "feeds"):
            # A stage stopped: everything stored until then is listed all the same.
            self.progress = ""
            self.reload(keep=self.article_list.article_id)
        reason = (
            str(error) if isinstance(error, TuiReaderError) else f"{type(error).__name__}: {error}"
        )
        self.notify(
            terminal_text(f"{subject}: {reason}", single_line=True, max_chars=400),
            severity="error",
            markup=False,
        )

    # -- the command palette runs key-table actions through here ----------------------
    async def perform(self, spec: KeySpec) -> None:
        target: Widget | None = self.article_list if spec.owner == "list" else None
        if spec.owner == "reader":
            target = self.reader
        if spec.owner == "app":
            await self.app.run_action(spec.action)
        elif target is not None:
            await target.run_action(spec.action)
        else:
            await self.run_action(spec.action)


def feed_label(feed: Feed) -> str:
    label = f"{name_of(feed.name)}  ({feed.unread}/{feed.total})"
    if feed.gone_at is not None:
        label += "  ⊘ gone (HTTP 410): refreshed only on its own"
    elif feed.error_count:
        label += f"  ⚠ {feed.error_count} failures: {name_of(feed.last_error or '')}"
    return label

"""The reader pane: title, byline, a "partial article" notice, the Markdown body, its links."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...models import ArticleView
from ...sanitize import terminal_text
from ..keys import bindings
from .article_body import ArticleBody, parse

LINK_CHARS = 300


def warm_up_body() -> None:
    """markdown-it costs ~20 ms to import: the app paints first and imports it in a warm-up
    thread (or when the first article opens)."""
    parse("warm *up*")


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article. Text from the feed goes in as Content, never as markup."""

    BINDINGS = bindings("reader")

    class LinkRequested(Message):
        """The user asked to open link number `number` (or a link clicked in the body)."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: ArticleView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Select an article and press Enter."), id="reader-title")
        yield Static(Content(""), id="reader-meta")
        yield Static(Content(""), id="reader-partial")
        yield ArticleBody(id="reader-body")
        yield Static(Content(""), id="reader-links")

    @property
    def links(self) -> tuple[str, ...]:
        return self.article.links if self.article else ()

    async def show(self, article: ArticleView) -> None:
        self.article = article
        row = article.row
        title = terminal_text(row.title, single_line=True, max_chars=1000) or "(untitled)"
        meta = [terminal_text(row.feed_title, single_line=True, max_chars=200)]
        if article.author:
            meta.append(terminal_text(article.author, single_line=True, max_chars=200))
        if row.published:
            meta.append(time.strftime("%Y-%m-%d %H:%M", time.localtime(row.published)))
        self.query_one("#reader-title", Static).update(Content(title))
        self.query_one("#reader-meta", Static).update(Content(" · ".join(m for m in meta if m)))
        partial = self.query_one("#reader-partial", Static)
        partial.set_class(article.truncated, "-shown")
        partial.update(
            Content(
                "Partial article: the page holds only part of the story. "
                "Press o to read it in the browser."
                if article.truncated
                else ""
            )
        )
        links = [
            f"[{n}] {terminal_text(url, single_line=True, max_chars=LINK_CHARS)}"
            for n, url in enumerate(article.links, 1)
        ]
        links_widget = self.query_one("#reader-links", Static)
        links_widget.update(Content("Links\n" + "\n".join(links) if links else ""))
        links_widget.set_class(bool(links), "-shown")
        body = terminal_text(article.markdown) or terminal_text(article.text)
        # One widget, updated in place: nothing is mounted or restyled per block.
        self.query_one(ArticleBody).update(body, article.links)
        self.scroll_home(animate=False)

    def clear(self) -> None:
        self.article = None
        self.query_one("#reader-title", Static).update(Content("No article."))
        for name in ("#reader-meta", "#reader-partial", "#reader-links"):
            self.query_one(name, Static).update(Content(""))
        self.query_one("#reader-partial", Static).set_class(False, "-shown")
        self.query_one("#reader-links", Static).set_class(False, "-shown")
        self.query_one(ArticleBody).update("")

    def action_open_link(self, number: int) -> None:
        if 1 <= number <= len(self.links):
            self.post_message(self.LinkRequested(self.links[number - 1]))
        else:
            self.notify(f"No link {number} in this article.", severity="warning")

    def on_article_body_link_clicked(self, event: ArticleBody.LinkClicked) -> None:
        event.stop()
        self.action_open_link(event.number)

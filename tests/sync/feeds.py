"""Feeds and article pages for the test servers to serve: a small newsroom on the loopback."""

from __future__ import annotations

import email.utils
import html
from dataclasses import dataclass, field

from tests.loopback import LoopbackServer, Reply

BASE_TIME = 1_700_000_000  # 2023-11-14 22:13 UTC


@dataclass
class Story:
    slug: str
    title: str
    text: str
    published: int


@dataclass
class Newsroom:
    """Feeds of stories on a LoopbackServer; each story's link serves a real article page."""

    server: LoopbackServer
    feeds: dict[str, list[Story]] = field(default_factory=dict)

    def feed_url(self, name: str) -> str:
        return self.server.url(f"/{name}.xml")

    def story_url(self, story: Story) -> str:
        return self.server.url(f"/story/{story.slug}")

    def publish(self, name: str, count: int, *, start: int = 0) -> list[Story]:
        """Add `count` stories to feed `name` (creating it) and serve the feed and pages."""
        stories = self.feeds.setdefault(name, [])
        for n in range(start, start + count):
            story = Story(
                slug=f"{name}-{n}",
                title=f"{name.title()} story {n}",
                text=(
                    f"Story {n} of the {name} desk. Defence Minister Hulusi Akar told the "
                    f"council in Ankara on Tuesday that the {name} report number {n} was "
                    "ready. The council will vote on the plan next week, officials said."
                ),
                published=BASE_TIME + n * 60,
            )
            stories.append(story)
            self.server.add(f"/story/{story.slug}", Reply(body=_page(story)))
        self.server.add(
            f"/{name}.xml",
            Reply(body=self.rss(name), headers={"Content-Type": "application/rss+xml"}),
        )
        return stories[-count:]

    def rss(self, name: str) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(s.title)}</title><link>{self.story_url(s)}</link>"
            f'<guid isPermaLink="false">{s.slug}</guid>'
            f"<pubDate>{email.utils.formatdate(s.published, usegmt=True)}</pubDate>"
            f"<description>{html.escape(s.text[:80])}</description></item>"
            for s in self.feeds[name]
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{name.title()} desk</title><link>{self.server.url('/')}</link>"
            f"{items}</channel></rss>"
        ).encode()


def _page(story: Story) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(story.text)} Paragraph {i}.</p>" for i in range(4))
    return (
        f"<!doctype html><html><head><title>{html.escape(story.title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(story.title)}</h1>"
        f"{paragraphs}</article><footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()

"""Which of a site's candidate feed URLs is its feed (`add` given a web page).

The candidates are the page's own feed links, best first (discover.feed_links), then the
well-known paths. They are fetched concurrently, a window of them at a time (so a page
listing a hundred feeds neither costs a hundred deadlines nor holds a hundred bodies), and
within the client's own limits (per host, overall). The winner is the first candidate *in
order of preference* that parses as a feed, not the fastest: a preferred one still on its
way is waited for. The whole search has a bound of its own, a few request deadlines; a
candidate unanswered by then counts as not a feed.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import FeedParseError, FetchError
from ..models import ParsedFeed
from .discover import CANDIDATE_PATHS, feed_links, looks_like_feed
from .http import FEED_ACCEPT, HttpClient, Response, format_seconds

MAX_CANDIDATES = 24  # sites list their main feed first; beyond this it is a directory page
IN_FLIGHT = 8  # candidates fetched at once, at most (and the one being parsed)
SEARCH_DEADLINES = 3  # the whole search takes at most this many request deadlines


@dataclass(frozen=True, slots=True)
class Found:
    response: Response
    parsed: ParsedFeed


def candidates(page: Response) -> tuple[list[str], int]:
    """(the page's feed links then the well-known paths, deduplicated; how many the page
    links to)."""
    links = feed_links(page.body, page.url)
    paths = [urljoin(page.url, path) for path in CANDIDATE_PATHS]
    return list(dict.fromkeys([*links, *paths])), len(links)


async def find_feed(http: HttpClient, page: Response, url: str) -> Found:
    """The feed `page` (fetched from `url`) leads to; FeedParseError, in one line naming how
    many candidates were tried, when none is a feed."""
    from .feeds import parse_feed

    every, linked = candidates(page)
    tried = every[:MAX_CANDIDATES]
    budget = SEARCH_DEADLINES * http.config.timeout
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    window: deque[asyncio.Task[Response | None]] = deque()
    queued = iter(tried)
    launched = unanswered = 0

    def fill() -> None:
        nonlocal launched
        # Past the deadline nothing new goes out: what is left was not tried, not unanswered.
        while len(window) < IN_FLIGHT and loop.time() < deadline:
            candidate = next(queued, None)
            if candidate is None:
                return
            window.append(asyncio.ensure_future(_fetch(http, candidate)))
            launched += 1

    try:
        fill()
        while window:
            task = window[0]
            remaining = deadline - loop.time()
            if not task.done() and remaining > 0:
                await asyncio.wait([task], timeout=remaining)
            window.popleft()
            fill()  # the next one goes out while this one is judged
            if not task.done():
                unanswered += 1
                task.cancel()
                continue
            response = task.result()
            if response is None:
                continue
            try:
                parsed = await asyncio.to_thread(
                    parse_feed, response.body, response.headers, response.url
                )
            except FeedParseError:
                continue
            return Found(response, parsed)
    finally:
        for task in window:
            task.cancel()
        await asyncio.gather(*window, return_exceptions=True)
    raise FeedParseError(_none_found(url, launched, linked, len(every), unanswered, budget))


async def _fetch(http: HttpClient, url: str) -> Response | None:
    """The candidate's response when it may be a feed, else None (its body dropped)."""
    try:  # the client refuses anything but http(s) with a FetchError
        response = await http.get(url, accept=FEED_ACCEPT)
    except FetchError:
        return None
    if response.status != 200 or not looks_like_feed(response.body, response.headers):
        return None
    return response


def _none_found(
    url: str, tried: int, linked: int, total: int, unanswered: int, budget: float
) -> str:
    if not linked:
        what = f"it is a web page with no feed link, and none of the {tried} usual paths"
    else:
        links = min(linked, tried)  # the page's links come first
        what = (
            f"none of the {tried} candidates tried ({links} of the page's {linked} feed "
            f"links, {tried - links} usual paths)"
        )
    message = f"no feed found at {url}: {what} is a feed"
    if unanswered:
        message += f"; {unanswered} did not answer within {format_seconds(budget)}"
    if total > tried:
        message += f"; {total - tried} more not tried"
    return message

"""Reliability row 5: one message per status; Retry-After honoured; empty 200; 304."""

from __future__ import annotations

import pytest

from tests.loopback import LoopbackServer, Reply
from tui_reader.config import FetchConfig
from tui_reader.errors import FeedParseError, FetchError
from tui_reader.fetch.feeds import parse_feed
from tui_reader.fetch.http import HttpClient


@pytest.mark.parametrize(
    ("reply", "message", "retry_after"),
    [
        (Reply(404, b"<html>gone</html>"), "HTTP 404 Not Found", None),
        (Reply(410), "HTTP 410 Gone", None),
        (Reply(500, b"Traceback..."), "HTTP 500 Internal Server Error", None),
        (
            Reply(429, headers={"Retry-After": "3600"}),
            "HTTP 429 Too Many Requests (retry after 3600 s)",
            3600.0,
        ),
        (
            Reply(503, headers={"Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT"}),
            "HTTP 503 Service Unavailable (retry after 0 s)",
            0.0,
        ),
        (Reply(599, headers={"Retry-After": "10"}), "HTTP 599", None),
    ],
)
async def test_status_messages(
    server: LoopbackServer, reply: Reply, message: str, retry_after: float | None
) -> None:
    url = server.add("/feed", reply)
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert str(caught.value) == message
    assert caught.value.retry_after == retry_after


async def test_empty_200_is_not_a_feed(server: LoopbackServer) -> None:
    url = server.add("/feed", Reply(200, b"", {"Content-Type": "application/rss+xml"}))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url)
    with pytest.raises(FeedParseError, match="^not a feed: empty response$"):
        parse_feed(response.body, response.headers, response.url)


async def test_304_comes_back_without_a_body(server: LoopbackServer) -> None:
    url = server.add("/feed", Reply(304, headers={"ETag": '"a"'}))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url, etag='"a"')
    assert (response.status, response.body, response.headers["etag"]) == (304, b"", '"a"')

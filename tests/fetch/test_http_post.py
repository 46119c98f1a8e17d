"""HttpClient.post (API calls of the sync clients) against a real loopback server."""

from __future__ import annotations

import pytest

from tests.loopback import LoopbackServer, Reply, Request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import HttpClient


def _echo(request: Request) -> Reply:
    return Reply(body=request.method.encode() + b" " + request.body)


async def test_post_sends_body_content_type_and_headers(server: LoopbackServer) -> None:
    url = server.add("/api/", _echo)
    async with HttpClient(FetchConfig()) as client:
        response = await client.post(
            url,
            body=b'{"op":"login"}',
            content_type="application/json",
            headers={"Authorization": "GoogleLogin auth=x"},
            accept="application/json",
        )
    assert (response.status, response.body) == (200, b'POST {"op":"login"}')
    sent = server.requests_to("/api/")[0].headers
    assert sent["content-type"] == "application/json"
    assert sent["authorization"] == "GoogleLogin auth=x"
    assert sent["accept"] == "application/json"


async def test_307_repeats_the_post_and_303_continues_as_get(server: LoopbackServer) -> None:
    server.add("/echo", _echo)
    server.add("/keep", Reply(307, headers={"Location": "/echo"}))
    server.add("/see-other", Reply(303, headers={"Location": "/echo"}))
    async with HttpClient(FetchConfig()) as client:
        kept = await client.post(server.url("/keep"), body=b"a=1", content_type="text/plain")
        other = await client.post(server.url("/see-other"), body=b"a=1", content_type="text/plain")
    assert kept.body == b"POST a=1"
    assert other.body == b"GET "


async def test_caller_headers_do_not_follow_a_redirect_to_another_origin() -> None:
    first, second = LoopbackServer().start(), LoopbackServer().start()
    try:
        second.add("/there", _echo)
        first.add("/here", Reply(302, headers={"Location": second.url("/there")}))
        async with HttpClient(FetchConfig()) as client:
            await client.get(first.url("/here"), headers={"Authorization": "secret"})
        assert "authorization" in first.requests_to("/here")[0].headers
        assert "authorization" not in second.requests_to("/there")[0].headers
    finally:
        first.stop()
        second.stop()


async def test_post_reply_is_capped_like_any_response(server: LoopbackServer) -> None:
    url = server.add("/big", Reply(body=b"x" * 4096))
    async with HttpClient(FetchConfig(max_bytes=1024)) as client:
        with pytest.raises(FetchError, match="larger than 1 KiB"):
            await client.post(url, body=b"", content_type="application/json")


async def test_post_error_status_is_one_line(server: LoopbackServer) -> None:
    url = server.add("/denied", Reply(401, b"Unauthorized!"))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.post(url, body=b"Email=a&Passwd=b", content_type="text/plain")
    assert caught.value.status == 401
    assert str(caught.value) == "HTTP 401 Unauthorized"

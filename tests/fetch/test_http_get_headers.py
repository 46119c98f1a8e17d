"""GET with the caller's headers (the Google Reader API's Authorization): sent, checked, and
never carried to another origin by a redirect."""

from __future__ import annotations

import pytest

from tests.loopback import LoopbackServer, Reply, Request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import HttpClient


def _echo(request: Request) -> Reply:
    return Reply(body=request.headers.get("authorization", "-").encode())


async def test_get_sends_the_callers_headers(server: LoopbackServer) -> None:
    url = server.add("/api", _echo)
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url, headers={"Authorization": "GoogleLogin auth=x/1"})
    assert response.body == b"GoogleLogin auth=x/1"


async def test_same_origin_redirect_keeps_them_another_origin_does_not() -> None:
    first, second = LoopbackServer().start(), LoopbackServer().start()
    try:
        first.add("/api", _echo)
        first.add("/here", Reply(302, headers={"Location": "/api"}))
        second.add("/there", _echo)
        first.add("/away", Reply(302, headers={"Location": second.url("/there")}))
        async with HttpClient(FetchConfig()) as client:
            kept = await client.get(first.url("/here"), headers={"authorization": "secret"})
            dropped = await client.get(first.url("/away"), headers={"Authorization": "secret"})
        assert kept.body == b"secret"
        assert dropped.body == b"-"
        assert "authorization" not in second.requests_to("/there")[0].headers
    finally:
        first.stop()
        second.stop()


async def test_bad_caller_headers_are_refused_before_sending(server: LoopbackServer) -> None:
    url = server.add("/api", _echo)
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match="invalid value for request header Authorization"):
            await client.get(url, headers={"Authorization": "x\r\nInjected: 1"})
    assert server.requests_to("/api") == []

"""Reliability rows 1-4: bombs, endless and lying bodies, slow and silent servers, redirects."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from tests.loopback import LoopbackServer, Reply
from tests.reliability.conftest import RawServer, read_request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import HttpClient

StartRaw = Callable[[Callable[[socket.socket, threading.Event], None]], RawServer]
SHORT = FetchConfig(timeout=1.5, max_bytes=1 << 20)
ZEROS_MIB = 64


@pytest.fixture(scope="module")
def deflate_zeros() -> bytes:
    """A zlib stream of 64 MiB of zeros (about 64 KB)."""
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    return b"".join([*(packer.compress(block) for _ in range(ZEROS_MIB)), packer.flush()])


def _serve_body(headers: str, body: bytes) -> Callable[[socket.socket, threading.Event], None]:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(headers.encode() + b"\r\n" + body)

    return handler


async def _get(url: str, config: FetchConfig = SHORT) -> str:
    async with HttpClient(config) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    return str(caught.value)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "deflate-raw", "gzip-members"])
async def test_compression_bomb_stops_at_cap_fast_and_small(
    raw_server: StartRaw, deflate_zeros: bytes, coding: str
) -> None:
    if coding == "gzip":
        # One gzip member: header + the same deflate data + trailer of 64 MiB of zeros.
        body = gzip.compress(bytes(1 << 20), 9) * ZEROS_MIB * 16  # ~1 GiB decoded
    elif coding == "gzip-members":
        body = gzip.compress(bytes(ZEROS_MIB << 20), 1) * 16
    elif coding == "deflate":
        body = deflate_zeros
    else:
        body = deflate_zeros[2:-4]  # raw deflate, as some servers send it
    name = "gzip" if coding.startswith("gzip") else "deflate"
    headers = (
        f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        f"Content-Encoding: {name}\r\nContent-Length: {len(body)}\r\n"
    )
    srv = raw_server(_serve_body(headers, body))
    config = FetchConfig(timeout=5)  # the default 10 MiB cap
    tracemalloc.start()
    try:
        start = time.monotonic()
        message = await _get(srv.url("/bomb"), config)
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == "response larger than 10 MiB"
    assert elapsed < 1.0
    assert peak < 100 << 20


async def test_content_length_over_cap_is_refused_before_reading(server: LoopbackServer) -> None:
    url = server.add("/big", Reply(body=b"x" * (2 << 20)))
    assert await _get(url) == "response larger than 1 MiB"


async def test_endless_body_stops_at_cap(raw_server: StartRaw) -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n")
        chunk = b"<item>endless</item>" * 3000
        for _ in range(10_000):  # 600 MB at most; the client hangs up long before
            if stop.is_set():
                return
            conn.sendall(chunk)

    srv = raw_server(handler)
    start = time.monotonic()
    assert await _get(srv.url("/endless")) == "response larger than 1 MiB"
    assert time.monotonic() - start < 1.5


async def test_endless_chunked_body_stops_at_cap(raw_server: StartRaw) -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        piece = b"y" * 60000
        for _ in range(10_000):
            if stop.is_set():
                return
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))

    srv = raw_server(handler)
    assert await _get(srv.url("/chunked")) == "response larger than 1 MiB"


async def test_content_length_lie_is_a_protocol_error(raw_server: StartRaw) -> None:
    srv = raw_server(_serve_body("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n", b"<rss>short"))
    message = await _get(srv.url("/lie"))
    assert message == (
        f"127.0.0.1:{srv.port} closed the connection before the body was complete:"
        " got 10 of 1000 bytes"
    )


async def test_truncated_gzip_is_reported(raw_server: StartRaw) -> None:
    body = gzip.compress(b"<rss>" + b"x" * 5000 + b"</rss>")[:-20]
    srv = raw_server(
        _serve_body(
            f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(body)}\r\n", body
        )
    )
    assert await _get(srv.url("/cut")) == "gzip data ends early from 127.0.0.1"


async def test_slow_loris_gives_up_at_the_deadline(raw_server: StartRaw) -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 100:
            conn.sendall(bytes([byte]))
            if stop.wait(0.2):  # 5 bytes a second: each byte would reset a read timeout
                return

    srv = raw_server(handler)
    start = time.monotonic()
    assert await _get(srv.url("/slow"), FetchConfig(timeout=1.0)) == "timed out after 1 s"
    assert 0.9 < time.monotonic() - start < 1.6


async def test_slow_body_gives_up_at_the_deadline(raw_server: StartRaw) -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(1000):
            conn.sendall(b"x")
            if stop.wait(0.1):
                return

    srv = raw_server(handler)
    start = time.monotonic()
    assert await _get(srv.url("/slow-body"), FetchConfig(timeout=1.0)) == "timed out after 1 s"
    assert time.monotonic() - start < 1.6


def _silent(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)
    stop.wait(10)


def _hang_up(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)


async def test_silent_server_gives_up_at_the_deadline(raw_server: StartRaw) -> None:
    srv = raw_server(_silent)
    start = time.monotonic()
    assert await _get(srv.url("/silent"), FetchConfig(timeout=1.5)) == "timed out after 1.5 s"
    assert time.monotonic() - start < 2.1


async def test_server_that_hangs_up_without_answering(raw_server: StartRaw) -> None:
    srv = raw_server(_hang_up)
    message = await _get(srv.url("/hangup"))
    assert message == f"127.0.0.1:{srv.port} closed the connection without a response"


async def test_refused_port_names_the_host(refused_port: int) -> None:
    message = await _get(f"http://127.0.0.1:{refused_port}/feed")
    assert message == f"connection refused by 127.0.0.1:{refused_port}"


async def test_tls_to_a_plain_http_server_is_one_line(server: LoopbackServer) -> None:
    message = await _get(f"https://127.0.0.1:{server.port}/feed")
    assert message.startswith(f"TLS error with 127.0.0.1:{server.port}: ")
    assert "\n" not in message


async def test_redirect_loop_is_too_many_redirects(server: LoopbackServer) -> None:
    url = server.add("/loop", Reply(302, headers={"Location": "/loop"}))
    assert await _get(url) == "too many redirects (>10)"
    assert len(server.requests_to("/loop")) == 11


async def test_redirect_limit_follows_config(server: LoopbackServer) -> None:
    for i in range(3):
        server.add(f"/r{i}", Reply(301, headers={"Location": f"/r{i + 1}"}))
    server.add("/r3", Reply(200, b"<rss/>"))
    async with HttpClient(FetchConfig(max_redirects=3)) as client:
        response = await client.get(server.url("/r0"))
    assert response.url == server.url("/r3")
    assert await _get(server.url("/r0"), FetchConfig(max_redirects=2)) == (
        "too many redirects (>2)"
    )


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://127.0.0.1/feed", "javascript:alert(1)", "data:text/xml,<rss/>"],
)
async def test_redirect_to_non_http_is_refused(server: LoopbackServer, location: str) -> None:
    url = server.add("/bad", Reply(302, headers={"Location": location}))
    assert await _get(url) == f"refused non-http(s) redirect to {location}"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "/etc/passwd", ""])
async def test_non_http_url_is_refused(url: str) -> None:
    assert (await _get(url)).startswith("refused non-http(s) URL")


async def test_hostile_deadline_does_not_block_other_requests(
    raw_server: StartRaw, server: LoopbackServer
) -> None:
    """A silent server uses its own slot; a good feed on another host still comes back fast."""
    silent = raw_server(_silent)
    good = server.add("/ok", Reply(body=b"<rss/>"))

    async with HttpClient(FetchConfig(timeout=1.0, concurrency=4, per_host=2)) as client:
        start = time.monotonic()
        ok_task = asyncio.create_task(client.get(good))
        bad = [asyncio.create_task(client.get(silent.url(f"/{i}"))) for i in range(3)]
        response = await ok_task
        assert time.monotonic() - start < 0.5
        results = await asyncio.gather(*bad, return_exceptions=True)
    assert response.body == b"<rss/>"
    assert all(isinstance(r, FetchError) and str(r) == "timed out after 1 s" for r in results)

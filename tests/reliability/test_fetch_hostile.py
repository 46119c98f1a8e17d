"""Reliability rows 1-4: bombs, endless and lying bodies, slow and silent servers, redirects."""

from __future__ import annotations

import asyncio
import gzip
import socket
import sqlite3
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.reliability.conftest import RawServer, read_request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import HttpClient
from tui_reader.locations import locations

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


def _head(lines: bytes) -> Callable[[socket.socket, threading.Event], None]:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(lines)
        stop.wait(5)  # hold the connection: only the parser can end this request early

    return handler


def _endless_headers(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for i in range(1_000_000):  # ~12 MB at most; the client hangs up long before
        if stop.is_set():
            return
        conn.sendall(b"X-%d: y\r\n" % i)


def _endless_header_line(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Big: ")
    for _ in range(10_000):  # 640 MB at most
        if stop.is_set():
            return
        conn.sendall(b"a" * 65536)


HOSTILE_HEADS = {
    "100 KiB header line": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    "100 KiB reason phrase": b"HTTP/1.1 404 " + b"x" * 100_000 + b"\r\n\r\n",
    "10,000 headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: y\r\n" * 10_000 + b"\r\n",
    "garbage status line": b"HELLO WORLD\r\n\r\n",
    "no status line (HTTP/0.9)": b"<rss><channel></channel></rss>",
    "NUL in a header": b"HTTP/1.1 200 OK\r\nX-A: a\x00b\r\nContent-Length: 2\r\n\r\nok",
    "space in a header name": b"HTTP/1.1 200 OK\r\nX Bad: 1\r\nContent-Length: 2\r\n\r\nok",
    "Content-Length: abc": b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok",
    "negative Content-Length": b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nok",
    "Content-Length overflow": b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 30 + b"\r\n\r\n",
    "two Content-Lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok",
    "Content-Length and chunked": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"2\r\nok\r\n0\r\n\r\n"
    ),
    "bad chunk size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n",
}


@pytest.mark.parametrize("case", list(HOSTILE_HEADS))
async def test_hostile_status_line_and_headers_are_one_line_fast(
    raw_server: StartRaw, case: str
) -> None:
    """The parser refuses them at once (not at the deadline), in one line naming the host,
    without the bytes it refused."""
    srv = raw_server(_head(HOSTILE_HEADS[case]))
    start = time.monotonic()
    message = await _get(srv.url("/feed"), FetchConfig(timeout=5))
    assert time.monotonic() - start < 1.0
    assert message.startswith(f"protocol error from 127.0.0.1:{srv.port}: ")
    assert "\n" not in message and len(message) < 160
    assert "b'" not in message and "aaaa" not in message and "xxxx" not in message
    if "100 KiB" in case:
        assert message.endswith(": a status or header line is longer than 32 KiB")


@pytest.mark.parametrize("handler", [_endless_headers, _endless_header_line])
async def test_endless_headers_stop_early_and_small(
    raw_server: StartRaw, handler: Callable[[socket.socket, threading.Event], None]
) -> None:
    srv = raw_server(handler)
    tracemalloc.start()
    try:
        start = time.monotonic()
        message = await _get(srv.url("/feed"), FetchConfig(timeout=5))
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.startswith(f"protocol error from 127.0.0.1:{srv.port}: ")
    assert elapsed < 1.0
    assert peak < 16 << 20


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("http://[::1", "invalid redirect to http://[::1 (Invalid IPv6 URL)"),
        ("http://127.0.0.1:99999/feed", "invalid redirect to http://127.0.0.1:99999/feed"),
        ("https://", "invalid redirect to https:// (no host)"),
    ],
)
async def test_unusable_redirect_location_is_one_line(
    server: LoopbackServer, location: str, message: str
) -> None:
    url = server.add("/r", Reply(302, headers={"Location": location}))
    assert (await _get(url)).startswith(message)


def test_retry_after_of_years_is_capped_at_a_day(cli: CliRunner, server: LoopbackServer) -> None:
    """`Retry-After: 999999999` (31.7 years) must not silence a feed: a day at most."""
    ok = server.add(
        "/feed", Reply(body=b"<rss version='2.0'><channel><title>T</title></channel></rss>")
    )
    assert cli("add", ok).code == 0
    server.add("/feed", Reply(429, headers={"Retry-After": "999999999"}))
    before = time.time()
    assert cli("refresh", "--no-prefetch").code == 1
    with sqlite3.connect(locations().database) as db:
        (until,) = db.execute("SELECT retry_after FROM feeds").fetchone()
    assert before + 86400 - 5 <= until <= time.time() + 86400

"""Round three: hostile cases found beyond issue 11's list, each through the real CLI."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable

import pytest

from tests.conftest import CliRunner
from tests.reliability.conftest import RawServer, read_request

StartRaw = Callable[[Callable[[socket.socket, threading.Event], None]], RawServer]

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Layers</title>'
    b"<link>http://127.0.0.1/</link><description>d</description>"
    b"<item><title>one</title><link>http://127.0.0.1/one</link><guid>one</guid></item>"
    b"</channel></rss>"
)


def _layered(layers: int) -> Callable[[socket.socket, threading.Event], None]:
    body = FEED
    for _ in range(layers):
        body = gzip.compress(body, compresslevel=1)
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        f"Content-Encoding: {', '.join(['gzip'] * layers)}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )

    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request(conn)
        conn.sendall(head.encode() + body)

    return handler


@pytest.mark.parametrize("layers", [6, 2000])
def test_a_stack_of_content_encodings_is_one_line_not_a_crash(
    cli: CliRunner, raw_server: StartRaw, layers: int
) -> None:
    # 2000 gzip layers (a 60 kB body) used to be `internal error: RecursionError`, exit 70.
    srv = raw_server(_layered(layers))
    start = time.monotonic()
    outcome = cli("add", srv.url("/feed"))
    assert time.monotonic() - start < 10
    assert outcome.code == 1
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1, outcome.err
    assert f"{layers} Content-Encoding layers" in lines[0]
    assert "internal error" not in outcome.err


def test_content_encodings_up_to_the_cap_are_decoded(cli: CliRunner, raw_server: StartRaw) -> None:
    srv = raw_server(_layered(5))
    outcome = cli("add", srv.url("/feed"))
    assert outcome.code == 0, outcome.err
    assert "1 items" in outcome.out

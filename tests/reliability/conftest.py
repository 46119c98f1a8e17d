"""Hostile servers on raw sockets, bound to 127.0.0.1 only.

`raw_server(handler)` starts a listener whose every connection runs `handler(conn, stop)` in
a daemon thread; `stop` is set at teardown so handlers that stall (slow-loris, silence,
endless bodies) return at once instead of being waited for.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui_reader.models import ArticleView
from tui_reader.store import open_store

Handler = Callable[[socket.socket, threading.Event], None]


class RawServer:
    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self.stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            # The client hanging up is what a hostile server must expect.
            with contextlib.suppress(OSError):
                self._handler(conn, self.stop)

    def close(self) -> None:
        self.stop.set()
        self._sock.close()
        self._thread.join(timeout=5)


def read_request(conn: socket.socket) -> bytes:
    """Read up to the end of the request headers (bounded)."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture
def raw_server() -> Iterator[Callable[[Handler], RawServer]]:
    servers: list[RawServer] = []

    def start(handler: Handler) -> RawServer:
        server = RawServer(handler)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def refused_port() -> int:
    """A loopback port with nothing listening (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stored_by_title(database: Path) -> dict[str, ArticleView]:
    """Every article in the cache at `database`, by title, read from a read-only store."""
    store = open_store(database, readonly=True)
    try:
        return {store.article(i).row.title: store.article(i) for i in store.article_ids()}
    finally:
        store.close()

"""A real HTTP server on 127.0.0.1 for tests: routes map a path to a canned or computed reply.

Only the loopback address is ever bound; every test that needs the network uses this (or a
raw socket server in tests/reliability bound the same way).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""  # a POST's body (Content-Length bytes)


RouteFn = Callable[[Request], Reply]


class LoopbackServer:
    """Serve `routes` on 127.0.0.1 in a background thread; `requests` records what came in."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | RouteFn] = {}
        self.requests: list[Request] = []
        self.connections = 0  # TCP connections accepted (keep-alive reuse shows here)
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server.connections += 1

            def _handle(self) -> None:
                sent = self.headers.get("Content-Length", "0")
                body = self.rfile.read(int(sent)) if sent.isdigit() else b""
                request = Request(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                with server._lock:
                    server.requests.append(request)
                    route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    reply = Reply(404, b"not found")
                elif callable(route):
                    reply = route(request)
                else:
                    reply = route
                self.send_response(reply.status)
                # As most servers do, a 304 or 204 carries no Content-Length.
                length = (
                    {} if reply.status in (204, 304) else {"Content-Length": str(len(reply.body))}
                )
                headers = {**length, **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD" and reply.status not in (204, 304):
                    self.wfile.write(reply.body)

            do_GET = _handle  # noqa: N815
            do_HEAD = _handle  # noqa: N815
            do_POST = _handle  # noqa: N815

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, reply: Reply | RouteFn) -> str:
        with self._lock:
            self.routes[path] = reply
        return self.url(path)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?")[0] == path]

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

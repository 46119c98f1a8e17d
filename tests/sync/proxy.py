"""A pass-through HTTP proxy on 127.0.0.1 that can make the server behind it die: after
`die_after` requests it drops every connection without an answer, as a server killed in the
middle of a sync does. `meanwhile(n)` runs after the n-th request reached the server and
before its answer goes back: something happening on the server in the middle of a sync."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class DyingProxy:
    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.die_after: int | None = None
        self.meanwhile: Callable[[int], None] | None = None
        self.requests = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                self._forward("POST")

            def do_GET(self) -> None:  # noqa: N802
                self._forward("GET")

            def _forward(self, method: str) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else None
                with proxy._lock:
                    proxy.requests += 1
                    number = proxy.requests
                    dead = proxy.die_after is not None and number > proxy.die_after
                if dead:
                    self.close_connection = True
                    return  # no status line: the client sees the connection drop
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("content-type", "authorization", "accept")
                }
                request = urllib.request.Request(
                    proxy.target + self.path, data=body, headers=headers, method=method
                )
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    with opener.open(request, timeout=60) as response:
                        status, reply = response.status, response.read()
                        content_type = response.headers.get("Content-Type", "text/plain")
                except urllib.error.HTTPError as exc:
                    status, reply = exc.code, exc.read()
                    content_type = exc.headers.get("Content-Type", "text/plain")
                if proxy.meanwhile is not None:
                    proxy.meanwhile(number)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/"

    def start(self) -> DyingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

"""The HTTP client: httpx transports (one small keep-alive pool per host, on the asyncio
network backend of backend.py) with the caps every fetch needs.

- bounded concurrency: `concurrency` requests in flight, at most `per_host` to one host;
- one overall deadline per request (connect + headers + body + redirects), so a server that
  trickles a byte a second is dropped at the deadline, not kept alive by each byte;
- the decoded body is capped while it streams; gzip/deflate are inflated here in small slices
  (decode.py), so a bomb stops at the cap after a few milliseconds;
- redirects are followed here, http(s) only on every hop, at most `max_redirects`;
- conditional GET (a 304 comes back as a Response), Retry-After on 429/503.
Every failure is a FetchError with one short line naming what went wrong.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import http
import re
import socket
import ssl
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..config import FetchConfig
from ..errors import FetchError, one_line
from .backend import AsyncioBackend
from .decode import BadEncoding, BodyDecoder, TooLarge, content_codings

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})
_DRAIN_LIMIT = 64 * 1024  # read small error/redirect bodies so the connection can be reused
_MAX_URL_IN_MESSAGE = 120
_MAX_IDLE_HOSTS = 64  # hosts whose idle connections stay open between requests
_NO_TIMEOUTS = {"connect": None, "read": None, "write": None, "pool": None}


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes


def format_size(size: int) -> str:
    """10485760 -> '10 MiB', 1536 -> '1.5 KiB'."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def format_seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds == int(seconds) else f"{seconds:.1f} s"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date (past dates give 0)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 10**9))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _shown(url: str) -> str:
    """A URL fit for a one-line message: printable ASCII, bounded length."""
    text = re.sub(r"[^\x21-\x7e]", "?", url)
    return text if len(text) <= _MAX_URL_IN_MESSAGE else text[: _MAX_URL_IN_MESSAGE - 1] + "…"


def _host_port(url: httpx.URL) -> str:
    port = url.port or (443 if url.scheme == "https" else 80)
    host = url.host
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _check_url(url: str, *, redirect: bool) -> httpx.URL:
    scheme = urlsplit(url).scheme.lower() if url else ""
    if scheme not in ("http", "https"):
        what = "redirect to" if redirect else "URL"
        raise FetchError(f"refused non-http(s) {what} {_shown(url)}")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"invalid URL {_shown(url)} ({exc})") from None
    if not parsed.host:
        raise FetchError(f"invalid URL {_shown(url)} (no host)")
    return parsed


def _status_line(response: httpx.Response) -> str:
    try:
        phrase = http.HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = re.sub(r"[^\x20-\x7e]", "", response.reason_phrase or "")[:40]
    return f"HTTP {response.status_code} {phrase}".rstrip()


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost cause (httpx wraps httpcore wraps OSError/SSLError)."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc


def _transport_message(exc: httpx.TransportError, url: httpx.URL) -> str:
    where = _host_port(url)
    cause = _root_cause(exc)
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out talking to {where}"
    if isinstance(cause, ssl.SSLCertVerificationError):
        reason = getattr(cause, "verify_message", None) or "certificate verify failed"
        return f"TLS certificate of {url.host} rejected: {reason}"
    if isinstance(cause, ssl.SSLError):
        return f"TLS error with {where}: {cause.reason or cause}"
    if isinstance(cause, socket.gaierror):
        return f"cannot resolve host {url.host}"
    if isinstance(cause, ConnectionRefusedError) or (
        isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
    ):
        return f"connection refused by {where}"
    if isinstance(cause, ConnectionResetError):
        return f"connection reset by {where}"
    if isinstance(exc, httpx.RemoteProtocolError):
        text = str(exc)
        if "without sending complete message body" in text or "incomplete" in text.lower():
            detail = re.search(r"received (\d+) bytes, expected (\d+)", text)
            got = f": got {detail.group(1)} of {detail.group(2)} bytes" if detail else ""
            return f"{where} closed the connection before the body was complete{got}"
        if "without sending a response" in text or "disconnected" in text.lower():
            return f"{where} closed the connection without a response"
        return f"protocol error from {where}: {_reason(text)}"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {where}: {_reason(str(cause) or str(exc))}"
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return f"connection to {where} failed: {_reason(str(cause) or str(exc))}"
    return f"{type(exc).__name__} from {where}: {_reason(str(exc))}"


def _reason(text: str) -> str:
    return one_line(text) or "no detail"


@dataclass(frozen=True)
class _Redirect:
    location: str


@dataclass
class _Host:
    """One origin: its own small connection pool and its share of the per-host limit."""

    transport: httpx.AsyncHTTPTransport
    slot: asyncio.Semaphore
    users: int = 0  # requests holding or waiting for this host's slot


def _env_proxy(url: httpx.URL) -> str | None:
    """The proxy the environment (http_proxy, https_proxy, no_proxy...) names for `url`."""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(url.scheme)
    if not proxy or urllib.request.proxy_bypass(url.host):
        return None
    return proxy


class HttpClient:
    """`async with HttpClient(config) as client: await client.get(url)`. One per refresh run.

    Each host gets its own pool of at most `per_host` keep-alive connections: httpcore's pool
    scans every connection for every request, so one shared pool of hundreds of connections
    spends more time choosing a connection than loopback takes to answer. At most
    `_MAX_IDLE_HOSTS` idle hosts keep their connections open (file descriptors are finite).
    """

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._hosts: OrderedDict[str, _Host] = OrderedDict()
        self._slots: asyncio.Semaphore | None = None
        self._ssl: ssl.SSLContext | None = None
        self._headers = {"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"}
        self._backend = AsyncioBackend()
        self._no_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, with no CA: fails

    async def __aenter__(self) -> Self:
        self._slots = asyncio.Semaphore(self.config.concurrency)
        return self

    def _tls(self) -> ssl.SSLContext:
        # Loading the CA store takes ~20 ms: once per client, and only if a host needs TLS.
        if self._ssl is None:
            self._ssl = httpx.create_ssl_context()
        return self._ssl

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        hosts, self._hosts = list(self._hosts.values()), OrderedDict()
        self._slots = None
        for host in hosts:
            await host.transport.aclose()

    def _host(self, url: httpx.URL) -> _Host:
        key = f"{url.scheme}://{_host_port(url).lower()}"
        host = self._hosts.get(key)
        if host is None:
            per_host = self.config.per_host
            limits = httpx.Limits(
                max_connections=per_host, max_keepalive_connections=per_host, keepalive_expiry=30
            )
            proxy = _env_proxy(url)
            # A plain-http origin never starts TLS: it gets a context that trusts nothing.
            tls = self._tls() if proxy or url.scheme == "https" else self._no_tls
            try:
                transport = httpx.AsyncHTTPTransport(verify=tls, limits=limits, proxy=proxy)
            except (ValueError, ImportError) as exc:
                raise FetchError(f"cannot use proxy {_shown(proxy or '')}: {exc}") from None
            if proxy is None:
                # The same pool httpx builds, on the asyncio backend (backend.py says why);
                # proxies keep httpx's own pool and backend.
                transport._pool = httpcore.AsyncConnectionPool(
                    ssl_context=tls,
                    max_connections=per_host,
                    max_keepalive_connections=per_host,
                    keepalive_expiry=30,
                    network_backend=self._backend,
                )
            host = self._hosts[key] = _Host(transport, asyncio.Semaphore(per_host))
        else:
            self._hosts.move_to_end(key)
        return host

    async def _close_idle_hosts(self) -> None:
        excess = len(self._hosts) - max(_MAX_IDLE_HOSTS, self.config.concurrency)
        if excess <= 0:
            return
        idle = [key for key, host in self._hosts.items() if host.users == 0][:excess]
        for key in idle:
            await self._hosts.pop(key).transport.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET `url`: a 200 (other 2xx too) or 304 Response, else FetchError with one line."""
        if self._slots is None:
            raise RuntimeError("HttpClient used outside 'async with'")
        slots = self._slots
        target = _check_url(url, redirect=False)
        headers = {**self._headers, "Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cfg = self.config
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(None) as deadline:
                current = str(target)
                for hop in range(cfg.max_redirects + 1):
                    host = self._host(target)
                    host.users += 1
                    try:
                        # Waiting for a free slot is not the server's fault: the deadline
                        # starts once the first request can go out.
                        async with host.slot, slots:
                            if deadline.when() is None:
                                deadline.reschedule(loop.time() + cfg.timeout)
                            result = await self._once(host, target, headers)
                    finally:
                        host.users -= 1
                    if isinstance(result, Response):
                        return result
                    if hop == cfg.max_redirects:
                        break
                    current = urljoin(current, result.location)
                    target = _check_url(current, redirect=True)
                raise FetchError(f"too many redirects (>{cfg.max_redirects})")
        except TimeoutError:
            raise FetchError(f"timed out after {format_seconds(cfg.timeout)}") from None
        finally:
            await self._close_idle_hosts()

    async def _once(
        self, host: _Host, url: httpx.URL, headers: dict[str, str]
    ) -> Response | _Redirect:
        # No per-operation timeouts: get() bounds the whole request with one deadline.
        request = httpx.Request("GET", url, headers=headers, extensions={"timeout": _NO_TIMEOUTS})
        try:
            response = await host.transport.handle_async_request(request)
        except httpx.TransportError as exc:
            raise FetchError(_transport_message(exc, url)) from None
        try:
            return await self._handle(response, url)
        except httpx.TransportError as exc:
            raise FetchError(_transport_message(exc, url)) from None
        finally:
            await response.aclose()

    async def _handle(self, response: httpx.Response, url: httpx.URL) -> Response | _Redirect:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(
                    f"{_status_line(response)} without a Location header", status=status
                )
            await self._drain(response)
            return _Redirect(location)
        if status == 304:
            # A 304 has no body, but the stream must still be read to its end, or closing
            # it drops the connection: a warm refresh then reconnects for every feed.
            await self._drain(response)
            return Response(str(url), 304, _headers(response), b"")
        if not 200 <= status < 300 or status in (204, 205, 206):
            retry_after = None
            if status in _RETRY_STATUSES:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            message = _status_line(response)
            if retry_after is not None:
                message += f" (retry after {format_seconds(round(retry_after))})"
            await self._drain(response)
            raise FetchError(message, status=status, retry_after=retry_after)
        body = await self._read_body(response, url)
        return Response(str(url), status, _headers(response), body)

    async def _drain(self, response: httpx.Response) -> None:
        """Read a small body to the end so keep-alive can reuse the connection; a large or
        endless one is abandoned (closing then drops the connection, which is right)."""
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > _DRAIN_LIMIT:
            return
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > _DRAIN_LIMIT:
                return

    async def _read_body(self, response: httpx.Response, url: httpx.URL) -> bytes:
        limit = self.config.max_bytes
        too_large = f"response larger than {format_size(limit)}"
        codings = content_codings(response.headers.get("content-encoding"))
        unsupported = [c for c in codings if c not in BodyDecoder.SUPPORTED]
        if unsupported:
            raise FetchError(f"unsupported Content-Encoding {unsupported[0][:30]} from {url.host}")
        # Compressed bytes are capped too (slightly above the limit: incompressible data grows).
        raw_limit = limit + limit // 8 + 4096 if codings else limit
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > raw_limit:
            raise FetchError(too_large)
        decoder = BodyDecoder(codings, limit)
        received = 0
        try:
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received > raw_limit:
                    raise FetchError(too_large)
                decoder.feed(chunk)
            return decoder.finish()
        except TooLarge:
            raise FetchError(too_large) from None
        except BadEncoding as exc:
            raise FetchError(f"{exc} from {url.host}") from None


def _headers(response: httpx.Response) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in response.headers.multi_items():
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


async def fetch(
    url: str, config: FetchConfig | None = None, *, accept: str | None = PAGE_ACCEPT
) -> Response:
    """One GET with a short-lived client (a page for `extract`); batch work shares a client."""
    async with HttpClient(config) as client:
        return await client.get(url, accept=accept)

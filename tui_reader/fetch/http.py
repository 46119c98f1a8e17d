"""The HTTP client: aiohttp (its C parser, keep-alive pool and happy eyeballs) with the caps
every fetch needs.

- bounded concurrency: `concurrency` requests in flight, at most `per_host` to one host;
  the slots are ours, not the connector's, so waiting for one is not charged to the server;
- one overall deadline per request (connect + headers + body + redirects), so a server that
  trickles a byte a second is dropped at the deadline, not kept alive by each byte;
- the decoded body is capped while it streams: aiohttp hands over the raw bytes
  (`auto_decompress=False`) and decode.py inflates them in small slices, so a bomb stops at
  the cap after a few milliseconds;
- redirects are followed here, hop by hop: http(s) only, at most `max_redirects`;
  `Response.permanent_url` is where the permanent hops (301/308) alone lead;
- conditional GET (a 304 comes back as a Response), Retry-After on 429/503 (capped);
  a 410 Gone is marked `gone` on its FetchError when no temporary redirect led there;
- POST for the sync APIs, with the same caps; a POST is never redirected.
Every failure is a FetchError with one short line naming what went wrong; it never carries
a request header or body (credentials travel there).
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import errno
import http
import re
import socket
import ssl
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit, urlunsplit

from yarl import URL

from ..config import FetchConfig
from ..errors import FetchError
from .aio import LineTooLong, aiohttp
from .decode import BadEncoding, BodyDecoder, TooLarge, content_codings

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# The longest wait a Retry-After may impose: beyond it a feed would look dead to its reader.
MAX_RETRY_AFTER = 24 * 3600.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_RETRY_STATUSES = frozenset({429, 503})
_GONE = 410  # "no longer available ... likely to be permanent" (RFC 9110 15.5.11); not 404
_DRAIN_LIMIT = 64 * 1024  # read small error/redirect bodies so the connection can be reused
_MAX_URL_IN_MESSAGE = 120
_KEEPALIVE = 15.0  # seconds an idle connection stays open (aiohttp's default)
_MAX_IDLE_HOSTS = 64  # hosts whose idle connections stay open (file descriptors are finite)
# aiohttp's 8 KiB per header line refuses real Content-Security-Policy and Link headers.
_MAX_HEADER_LINE = 32 * 1024
_MAX_HEADERS = 256
_NO_TIMEOUTS = aiohttp.ClientTimeout(total=None, connect=None, sock_read=None, sock_connect=None)
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_BAD_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    # The URL reached by the permanent redirects (301/308) from the start, up to the first
    # temporary one: what a subscription may be rewritten to. `url` when left empty.
    permanent_url: str = ""

    def __post_init__(self) -> None:
        if not self.permanent_url:
            object.__setattr__(self, "permanent_url", self.url)


def format_size(size: int) -> str:
    """10485760 -> '10 MiB', 1536 -> '1.5 KiB'."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def format_seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds == int(seconds) else f"{seconds:.1f} s"


_FIFTY_YEARS = 50 * 365.2425 * 86400
# rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT", the only HTTP-date form with a 2-digit year.
_RFC850_YEAR = re.compile(r"-\d{2}\s")


def _rfc850_century(when: datetime.datetime, now: float) -> datetime.datetime:
    """RFC 9110 5.6.7: a two-digit year is this century's unless that is more than 50 years
    ahead, then the century before (the email module fixes 69-99 as 19xx, 00-68 as 20xx)."""
    this_century = datetime.datetime.fromtimestamp(now, datetime.UTC).year // 100 * 100
    try:
        when = when.replace(year=this_century + when.year % 100)
        if when.timestamp() - now > _FIFTY_YEARS:
            when = when.replace(year=when.year - 100)
    except ValueError:  # 29 February in a year without one: keep the email module's reading
        pass
    return when


_CONDITIONAL = frozenset({"If-None-Match", "If-Modified-Since"})


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date (past dates give 0),
    at most MAX_RETRY_AFTER, so one header cannot silence a feed for years."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # DIGIT is 0-9 only; str.isdigit takes "²" too
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # asctime's form has no zone: every HTTP-date is GMT (RFC 9110)
        when = when.replace(tzinfo=datetime.UTC)
    now = time.time() if now is None else now
    if _RFC850_YEAR.search(value):
        when = _rfc850_century(when, now)
    return min(max(0.0, when.timestamp() - now), MAX_RETRY_AFTER)


def _shown(url: str) -> str:
    """A URL fit for a one-line message: no user:password, printable ASCII, bounded length."""
    try:
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    except ValueError:
        pass
    text = re.sub(r"[^\x21-\x7e]", "?", url)
    return text if len(text) <= _MAX_URL_IN_MESSAGE else text[: _MAX_URL_IN_MESSAGE - 1] + "…"


def _host_port(url: URL) -> str:
    host = url.raw_host or ""
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _check_url(url: str, *, redirect: bool) -> URL:
    what = "redirect to" if redirect else "URL"
    try:
        scheme = urlsplit(url).scheme.lower() if url else ""
        if scheme not in ("http", "https"):
            raise FetchError(f"refused non-http(s) {what} {_shown(url)}")
        parsed = URL(url)
        parsed.port  # noqa: B018 - a port out of range raises here, not mid-request
    except (ValueError, TypeError) as exc:
        raise FetchError(f"invalid {what} {_shown(url)} ({_first_line(str(exc))})") from None
    if not parsed.raw_host:
        raise FetchError(f"invalid {what} {_shown(url)} (no host)")
    if parsed.explicit_port == 0:  # no server listens there; aiohttp would ask port 80
        raise FetchError(f"invalid {what} {_shown(url)} (port 0)")
    return parsed


def _status_line(status: int, reason: str | None) -> str:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = re.sub(r"[^\x20-\x7e]", "", reason or "")[:40]
    return f"HTTP {status} {phrase}".rstrip()


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, the OS/TLS error aiohttp keeps behind it, and the chain of causes."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for inner in (
            getattr(current, "certificate_error", None),
            getattr(current, "os_error", None),
            current.__cause__,
            current.__context__,
        ):
            if isinstance(inner, BaseException):
                todo.append(inner)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no detail"
    return re.sub(r"[^\x20-\x7e]", "?", line)[:120]


def _transport_message(exc: BaseException, url: URL) -> str:
    """One line for a failure below HTTP (connect, TLS, DNS, the connection, the parser)."""
    where = _host_port(url)
    host = url.raw_host
    causes = list(_causes(exc))

    def first(kind: type[BaseException] | tuple[type[BaseException], ...]) -> BaseException | None:
        return next((c for c in causes if isinstance(c, kind)), None)

    if first(TimeoutError):
        return f"timed out talking to {where}"
    if (cert := first(ssl.SSLCertVerificationError)) is not None:
        reason = getattr(cert, "verify_message", None) or "certificate verify failed"
        return f"TLS certificate of {host} rejected: {reason}"
    if isinstance(exc, aiohttp.ServerFingerprintMismatch):
        return f"TLS certificate of {host} rejected: fingerprint mismatch"
    if (tls := first(ssl.SSLError)) is not None:
        reason = getattr(tls, "reason", None) or _first_line(str(tls))
        return f"TLS error with {where}: {reason}"
    if first(socket.gaierror) or isinstance(exc, aiohttp.ClientConnectorDNSError):
        return f"cannot resolve host {host}"
    refused = first(ConnectionRefusedError)
    if refused or any(isinstance(c, OSError) and c.errno == errno.ECONNREFUSED for c in causes):
        return f"connection refused by {where}"
    if first(ConnectionResetError):
        return f"connection reset by {where}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return f"{where} closed the connection without a response"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"{where} closed the connection before the body was complete"
    if isinstance(exc, aiohttp.ClientHttpProxyError):
        return f"proxy refused the connection to {where}: HTTP {exc.status}"
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"protocol error from {where}: {_parser_complaint(exc, causes)}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        detail = exc.os_error.strerror or type(exc.os_error).__name__
        return f"cannot connect to {where}: {_first_line(detail)}"
    strerror = next((c.strerror for c in causes if isinstance(c, OSError) and c.strerror), None)
    if strerror:
        return f"connection to {where} failed: {_first_line(strerror)}"
    # Not str(exc): some of aiohttp's carry the request URL, whose query may hold a token.
    return f"{type(exc).__name__} from {where}"


def _parser_complaint(exc: aiohttp.ClientResponseError, causes: list[BaseException]) -> str:
    """What the response parser refused (bad status line, oversized or broken headers...),
    without the bytes it quotes; never str(exc), which carries the request URL."""
    if any(isinstance(c, LineTooLong) for c in causes):
        return f"a status or header line is longer than {format_size(_MAX_HEADER_LINE)}"
    text = str(exc.message).strip().split("\n", 1)[0]
    for quote in (": b'", ': b"', ": bytearray(", " b'"):
        text = text.split(quote, 1)[0]
    text = text.rstrip(" :.")
    return _first_line(text) if text else "malformed response"


def _headers(raw: tuple[tuple[bytes, bytes], ...]) -> dict[str, str]:
    """Lower-case names; values as ASCII, else UTF-8, else Latin-1 (never lone surrogates)."""
    merged: dict[str, str] = {}
    for raw_name, raw_value in raw:
        key = raw_name.decode("latin-1").lower()
        try:
            value = raw_value.decode("utf-8")
        except UnicodeDecodeError:
            value = raw_value.decode("latin-1")
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


def _join(base: str, location: str) -> str:
    try:
        return urljoin(base, location)
    except ValueError as exc:  # "http://[::1": urllib refuses it
        raise FetchError(f"invalid redirect to {_shown(location)} ({exc})") from None


def _post_target(location: str) -> str:
    """Where a POST was redirected, without the query or user info that may hold secrets."""
    try:
        parts = urlsplit(location)
        return _shown(urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")))
    except ValueError:
        return "?"


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


@dataclass
class _Host:
    """One origin: its share of the per-host limit and, once a request to it goes out, its
    own keep-alive pool (an aiohttp session)."""

    slot: asyncio.Semaphore
    proxy: str | None
    session: aiohttp.ClientSession | None = None
    users: int = 0  # requests holding or waiting for this host's slot


def _make_tls() -> ssl.SSLContext:
    # Read when it is made, so SSL_CERT_FILE / SSL_CERT_DIR set by then are honoured.
    context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


class HttpClient:
    """`async with HttpClient(config) as client: await client.get(url)`. One per refresh run.

    Each host gets its own aiohttp session (a pool of at most `per_host` keep-alive
    connections; ~15 us to make): aiohttp keeps every released connection for its keep-alive
    time and cannot close one host's idle ones, so a refresh over thousands of hosts would
    run out of file descriptors. Here, while more than `_MAX_IDLE_HOSTS` (or `concurrency`,
    if larger) hosts hold a session, the least recently used idle ones are closed. The
    per-host and overall limits are our semaphores, so waiting for a slot is not charged to
    the deadline.
    """

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._slots: asyncio.Semaphore | None = None
        self._hosts: dict[str, _Host] = {}  # hosts with requests pending or a session open
        self._idle: OrderedDict[str, _Host] = OrderedDict()  # session open, nothing pending
        self._sessions = 0  # hosts holding a session
        self._session_limit = max(_MAX_IDLE_HOSTS, self.config.concurrency)
        self._tls: asyncio.Future[ssl.SSLContext] | None = None
        self._proxies: dict[str, str] = {}
        self._headers = {"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"}

    async def __aenter__(self) -> Self:
        self._proxies = urllib.request.getproxies()
        self._slots = asyncio.Semaphore(self.config.concurrency)
        return self

    @staticmethod
    def _new_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            # The limits are ours (the semaphores); this only pools the connections.
            connector=aiohttp.TCPConnector(limit=0, limit_per_host=0, keepalive_timeout=_KEEPALIVE),
            timeout=_NO_TIMEOUTS,  # _request() bounds the whole request with one deadline
            auto_decompress=False,  # decode.py inflates, with the cap
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,  # proxies are looked up here; no ~/.netrc credentials sent
            max_line_size=_MAX_HEADER_LINE,
            max_field_size=_MAX_HEADER_LINE,
            max_headers=_MAX_HEADERS,
        )

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        hosts, self._hosts, self._idle = list(self._hosts.values()), {}, OrderedDict()
        self._slots, self._sessions = None, 0
        # Together: each close waits for its transports to go (a turn of the loop or more),
        # and one after the other that was ~80 ms for a refresh's 32 hosts.
        await asyncio.gather(*(h.session.close() for h in hosts if h.session is not None))

    async def _close_idle_hosts(self) -> None:
        while self._sessions > self._session_limit and self._idle:
            key, host = self._idle.popitem(last=False)
            del self._hosts[key]
            self._sessions -= 1
            if host.session is not None:
                await host.session.close()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """GET `url`: a 200 (other 2xx too) or 304 Response, else FetchError with one line.

        Redirects are followed (validators travel with them); a 303 stays a GET. The caller's
        `headers` (an API's Authorization) are sent too, and never to another origin."""
        sent = _with_caller_headers({**self._headers, "Accept": accept or "*/*"}, headers)
        # A validator the server sent with control characters cannot be sent back: refetch.
        if etag and not _BAD_VALUE.search(etag):
            sent["If-None-Match"] = etag
        if last_modified and not _BAD_VALUE.search(last_modified):
            sent["If-Modified-Since"] = last_modified
        response = await self._request("GET", url, sent, None, private=frozenset(headers or ()))
        if response.status == 304 and not _CONDITIONAL.intersection(sent):
            # Nothing cached was named, so there is nothing this answer could keep.
            raise FetchError("HTTP 304 Not Modified to a request that was not conditional")
        return response

    async def post(
        self,
        url: str,
        *,
        body: bytes,
        content_type: str,
        headers: Mapping[str, str] | None = None,
        accept: str | None = None,
    ) -> Response:
        """POST `body` to `url`: a 2xx Response, else FetchError (status and one safe line).

        A redirect is refused, not followed: 301/302/303 would turn it into a GET and
        307/308 would resend the body (and any credentials in it) elsewhere. The error names
        the target without its query, so the caller can tell the user the new address."""
        sent = {**self._headers, "Accept": accept or "*/*", "Content-Type": content_type}
        sent = _with_caller_headers(sent, headers)
        if _BAD_VALUE.search(content_type):
            raise FetchError("invalid Content-Type for the request")
        try:
            userinfo = "@" in urlsplit(url).netloc
        except ValueError:
            userinfo = False  # _check_url says what is wrong with it
        if userinfo and "authorization" in {name.lower() for name in sent}:
            raise FetchError(
                "the URL has a user name and an Authorization header is given: use one"
            )
        return await self._request("POST", url, sent, body)

    async def _request(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        *,
        private: frozenset[str] = frozenset(),
    ) -> Response:
        if self._slots is None:
            raise RuntimeError("HttpClient used outside 'async with'")
        target = _check_url(url, redirect=False)
        origin = _origin(target)
        cfg = self.config
        current = str(target)
        permanent, temporary_seen = current, False
        try:
            async with asyncio.timeout(None) as deadline:
                for hop in range(cfg.max_redirects + 1):
                    try:
                        result = await self._hop(method, target, headers, body, deadline)
                    except FetchError as exc:
                        if exc.gone and temporary_seen:
                            exc.gone = False  # a temporary target is gone, not `url`
                        raise
                    if isinstance(result, Response):
                        return Response(
                            result.url, result.status, result.headers, result.body, permanent
                        )
                    if method != "GET":
                        raise FetchError(
                            f"{_status_line(result.status, None)}: a {method} is not redirected"
                            f" (to {_post_target(_join(current, result.location))})",
                            status=result.status,
                        )
                    if hop == cfg.max_redirects:
                        break
                    current = _join(current, result.location)
                    target = _check_url(current, redirect=True)
                    if private and _origin(target) != origin:
                        # The caller's headers (credentials) stay with their origin.
                        names = {name.lower() for name in private}
                        headers = {k: v for k, v in headers.items() if k.lower() not in names}
                    # A subscription follows a move only while every hop so far was permanent.
                    temporary_seen = temporary_seen or result.status not in _PERMANENT
                    if not temporary_seen:
                        permanent = str(target)
                raise FetchError(f"too many redirects (>{cfg.max_redirects})")
        except TimeoutError:
            raise FetchError(f"timed out after {format_seconds(cfg.timeout)}") from None
        finally:
            await self._close_idle_hosts()

    async def _hop(
        self,
        method: str,
        target: URL,
        headers: dict[str, str],
        body: bytes | None,
        deadline: asyncio.Timeout,
    ) -> Response | _Redirect:
        assert self._slots is not None
        key = f"{target.scheme}://{_host_port(target).lower()}"
        host = self._hosts.get(key)
        if host is None:
            proxy = self._proxy_for(target)
            host = self._hosts[key] = _Host(asyncio.Semaphore(self.config.per_host), proxy)
        else:
            self._idle.pop(key, None)
        host.users += 1
        try:
            # Waiting for a free slot is not the server's fault: the deadline starts once
            # the first request can go out.
            async with host.slot, self._slots:
                if deadline.when() is None:
                    deadline.reschedule(asyncio.get_running_loop().time() + self.config.timeout)
                if host.session is None:  # made only now: queued hosts hold no pool
                    host.session = self._new_session()
                    self._sessions += 1
                return await self._once(host, host.session, method, target, headers, body)
        finally:
            host.users -= 1
            if host.users == 0 and self._hosts.get(key) is host:
                if host.session is None:
                    del self._hosts[key]
                else:
                    self._idle[key] = host

    def _proxy_for(self, url: URL) -> str | None:
        """The proxy the environment (http_proxy, https_proxy, no_proxy...) names for `url`."""
        proxy = self._proxies.get(url.scheme)
        if not proxy or urllib.request.proxy_bypass(url.raw_host or ""):
            return None
        try:
            scheme = URL(proxy).scheme
        except ValueError:
            scheme = ""
        if scheme not in ("http", "https"):
            raise FetchError(f"cannot use proxy {_shown(proxy)}: only http(s) proxies work")
        return proxy

    async def _tls_context(self) -> ssl.SSLContext:
        # Loading the CA store takes ~25 ms of disk and CPU: once per client, in a thread,
        # and only when a host needs TLS.
        if self._tls is None:
            self._tls = asyncio.ensure_future(asyncio.to_thread(_make_tls))
        return await asyncio.shield(self._tls)

    async def _once(
        self,
        host: _Host,
        session: aiohttp.ClientSession,
        method: str,
        url: URL,
        headers: dict[str, str],
        body: bytes | None,
    ) -> Response | _Redirect:
        needs_tls = url.scheme == "https" or (host.proxy or "").startswith("https:")
        try:
            tls: ssl.SSLContext | bool = await self._tls_context() if needs_tls else True
        except (ssl.SSLError, OSError) as exc:  # an unreadable SSL_CERT_FILE, say
            raise FetchError(f"cannot load the TLS certificates: {_first_line(str(exc))}") from None
        try:
            async with session.request(
                method,
                url,
                headers=headers,
                data=body,
                allow_redirects=False,
                proxy=host.proxy,
                ssl=tls,
            ) as response:
                return await self._handle(response, url, method)
        except (aiohttp.ClientError, OSError) as exc:
            raise FetchError(_transport_message(exc, url)) from None
        except ValueError:  # aiohttp refusing what we would send; its words may quote it
            raise FetchError(f"cannot send the request to {_host_port(url)}") from None

    async def _handle(
        self, response: aiohttp.ClientResponse, url: URL, method: str
    ) -> Response | _Redirect:
        status = response.status
        if status in _REDIRECTS:
            headers = _headers(response.raw_headers)
            location = headers.get("location", "").strip()
            if not location:
                raise FetchError(
                    f"{_status_line(status, response.reason)} without a Location header",
                    status=status,
                )
            await self._drain(response)
            return _Redirect(status, location)
        if status == 304 and method == "GET":
            # Read to its (empty) end so the connection goes back to the pool: a warm
            # refresh must not reconnect for every feed.
            await self._drain(response)
            return Response(str(url), 304, _headers(response.raw_headers), b"")
        success = 200 <= status < 300 and (method != "GET" or status not in (204, 205, 206))
        if not success:
            retry_after = None
            if status in _RETRY_STATUSES:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            message = _status_line(status, response.reason)
            if retry_after is not None:
                message += f" (retry after {format_seconds(round(retry_after))})"
            await self._drain(response)
            raise FetchError(message, status=status, retry_after=retry_after, gone=status == _GONE)
        headers = _headers(response.raw_headers)
        body = await self._read_body(response, url, headers)
        return Response(str(url), status, headers, body)

    async def _drain(self, response: aiohttp.ClientResponse) -> None:
        """Read a small body to the end so keep-alive can reuse the connection; a large or
        endless one is abandoned (the connection is closed, which is right)."""
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > _DRAIN_LIMIT:
            response.close()
            return
        received = 0
        try:
            async for chunk in response.content.iter_any():
                received += len(chunk)
                if received > _DRAIN_LIMIT:
                    response.close()
                    return
        except (aiohttp.ClientError, OSError):
            response.close()  # the answer is already known; a broken body changes nothing

    async def _read_body(
        self, response: aiohttp.ClientResponse, url: URL, headers: Mapping[str, str]
    ) -> bytes:
        limit = self.config.max_bytes
        too_large = f"response larger than {format_size(limit)}"
        codings = content_codings(headers.get("content-encoding"))
        unsupported = [c for c in codings if c not in BodyDecoder.SUPPORTED]
        if unsupported:
            response.close()
            raise FetchError(
                f"unsupported Content-Encoding {_first_line(unsupported[0])[:30]} from"
                f" {url.raw_host}"
            )
        if len(codings) > BodyDecoder.MAX_LAYERS:
            response.close()
            raise FetchError(
                f"{len(codings)} Content-Encoding layers from {url.raw_host}"
                f" (at most {BodyDecoder.MAX_LAYERS} are decoded)"
            )
        # Compressed bytes are capped too (slightly above the limit: incompressible data grows).
        raw_limit = limit + limit // 8 + 4096 if codings else limit
        length = headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > raw_limit:
            response.close()
            raise FetchError(too_large)
        decoder = BodyDecoder(codings, limit)
        received = 0
        try:
            async for chunk in response.content.iter_any():
                received += len(chunk)
                if received > raw_limit:
                    raise FetchError(too_large)
                decoder.feed(chunk)
            return decoder.finish()
        except TooLarge:
            raise FetchError(too_large) from None
        except BadEncoding as exc:
            raise FetchError(f"{exc} from {url.raw_host}") from None
        except aiohttp.ClientPayloadError as exc:
            message = _transport_message(exc, url)
            if length.isdigit() and received < int(length):
                message += f": got {received} of {int(length)} bytes"
            raise FetchError(message) from None
        finally:
            if not response.content.at_eof():
                response.close()  # abandoned mid-body: the connection cannot be reused


def _with_caller_headers(sent: dict[str, str], headers: Mapping[str, str] | None) -> dict[str, str]:
    """Our headers with the caller's on top (checked; theirs win whatever the case)."""
    for name, value in (headers or {}).items():
        if not _TOKEN.match(name):
            raise FetchError(f"invalid request header name {_first_line(name)[:40]!r}")
        if _BAD_VALUE.search(value):
            raise FetchError(f"invalid value for request header {name}")
        for same in [key for key in sent if key.lower() == name.lower()]:
            del sent[same]  # the caller's Accept or User-Agent wins, whatever its case
        sent[name] = value
    return sent


def _origin(url: URL) -> tuple[str, str]:
    return url.scheme, _host_port(url).lower()


async def fetch(
    url: str, config: FetchConfig | None = None, *, accept: str | None = PAGE_ACCEPT
) -> Response:
    """One GET with a short-lived client (a page for `extract`); batch work shares a client."""
    async with HttpClient(config) as client:
        return await client.get(url, accept=accept)

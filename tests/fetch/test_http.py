"""HttpClient against a real loopback server: statuses, validators, encodings, limits."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import gzip
import socket
import ssl
import subprocess
import sys
import threading
import time
import zlib

import aiohttp
import pytest
from yarl import URL

from tests.loopback import LoopbackServer, Reply, Request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import (
    FEED_ACCEPT,
    MAX_RETRY_AFTER,
    HttpClient,
    _transport_message,
    fetch,
    format_size,
    parse_retry_after,
)

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


async def test_200_returns_body_headers_and_final_url(server: LoopbackServer) -> None:
    url = server.add("/feed", Reply(body=RSS, headers={"ETag": '"v1"', "X-Thing": "a"}))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url, accept=FEED_ACCEPT)
    assert (response.status, response.body, response.url) == (200, RSS, url)
    assert response.headers["etag"] == '"v1"'
    assert response.headers["x-thing"] == "a"
    sent = server.requests_to("/feed")[0].headers
    assert sent["accept"] == FEED_ACCEPT
    assert sent["accept-encoding"] == "gzip, deflate"
    assert sent["user-agent"] == FetchConfig().user_agent


async def test_conditional_get_sends_validators_and_returns_304(server: LoopbackServer) -> None:
    def route(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=RSS, headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024"})

    url = server.add("/feed", route)
    async with HttpClient(FetchConfig()) as client:
        first = await client.get(url)
        second = await client.get(
            url, etag=first.headers["etag"], last_modified=first.headers["last-modified"]
        )
    assert first.status == 200
    assert (second.status, second.body) == (304, b"")
    sent = server.requests_to("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 01 Jan 2024"
    assert "if-none-match" not in server.requests_to("/feed")[0].headers


async def test_a_304_to_a_plain_get_is_an_error_not_an_empty_feed(server: LoopbackServer) -> None:
    # Before: `add` said "no feed found ... none of the 11 usual paths is a feed".
    url = server.add("/feed", Reply(304))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match="^HTTP 304 Not Modified to a request that was not"):
            await client.get(url)
        with pytest.raises(FetchError, match="304"):  # a validator not fit to send is not sent
            await client.get(url, etag='"a\x01"')
        assert (await client.get(url, last_modified="Mon, 01 Jan 2024")).status == 304


async def test_304s_and_errors_keep_the_connection_alive(server: LoopbackServer) -> None:
    """A warm refresh is all 304s: each must reuse the connection, not open a new one."""
    url = server.add("/feed", Reply(304, headers={"ETag": '"v1"'}))
    missing = server.url("/missing")
    async with HttpClient(FetchConfig(per_host=1)) as client:
        for _ in range(5):
            assert (await client.get(url, etag='"v1"')).status == 304
        with pytest.raises(FetchError, match="404"):
            await client.get(missing)
        assert (await client.get(url, etag='"v1"')).status == 304
    assert len(server.requests_to("/feed")) == 6
    assert server.connections == 1


async def test_empty_200_is_returned_as_is(server: LoopbackServer) -> None:
    url = server.add("/empty", Reply(body=b""))
    async with HttpClient(FetchConfig()) as client:
        assert (await client.get(url)).body == b""


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "HTTP 404 Not Found"),
        (410, "HTTP 410 Gone"),
        (500, "HTTP 500 Internal Server Error"),
        (403, "HTTP 403 Forbidden"),
        (204, "HTTP 204 No Content"),
    ],
)
async def test_error_statuses_are_one_line(
    server: LoopbackServer, status: int, message: str
) -> None:
    url = server.add("/x", Reply(status, b"<html>oops</html>"))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert str(caught.value) == message
    assert caught.value.status == status
    assert caught.value.retry_after is None


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds(server: LoopbackServer, status: int) -> None:
    url = server.add("/busy", Reply(status, headers={"Retry-After": "120"}))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert caught.value.retry_after == 120.0
    assert str(caught.value).endswith("(retry after 120 s)")
    assert str(caught.value).startswith(f"HTTP {status} ")


async def test_retry_after_http_date(server: LoopbackServer) -> None:
    when = email.utils.formatdate(time.time() + 3600, usegmt=True)
    url = server.add("/busy", Reply(429, headers={"Retry-After": when}))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert caught.value.retry_after is not None
    assert 3590 < caught.value.retry_after <= 3600


async def test_429_without_retry_after(server: LoopbackServer) -> None:
    url = server.add("/busy", Reply(429))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match=r"^HTTP 429 Too Many Requests$") as caught:
            await client.get(url)
    assert caught.value.retry_after is None


def test_parse_retry_after() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("0", now) == 0.0
    assert parse_retry_after(" 30 ", now) == 30.0
    assert parse_retry_after(email.utils.formatdate(now + 90, usegmt=True), now) == 90.0
    assert parse_retry_after(email.utils.formatdate(now - 90, usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("-5", now) is None
    assert parse_retry_after(None, now) is None


def test_retry_after_in_rfc850_form_reads_its_century_as_rfc_9110_says() -> None:
    now = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC).timestamp()
    # Two-digit years: 50 years ahead or less is this century, more is the one before.
    assert parse_retry_after("Wednesday, 02-Dec-26 00:01:30 GMT", now) == 90.0
    assert parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now) == 0.0  # 1994
    assert parse_retry_after("Sunday, 01-Jan-80 00:00:00 GMT", now) == 0.0  # 1980, not 2080
    # 2070 (44 years ahead), where the email module reads 1970: a long wait, capped.
    assert parse_retry_after("Wednesday, 01-Jan-70 00:00:00 GMT", now) == MAX_RETRY_AFTER
    # A four-digit year means what it says (capped, not moved a century back).
    assert parse_retry_after("Sun, 01 Jan 2068 00:00:00 GMT", now) == MAX_RETRY_AFTER


def test_format_size() -> None:
    assert format_size(10 * 1024 * 1024) == "10 MiB"
    assert format_size(1536) == "1.5 KiB"
    assert format_size(100) == "100 bytes"


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "deflate", "deflate-raw", "gzip, gzip"])
async def test_compressed_bodies_are_decoded(server: LoopbackServer, coding: str) -> None:
    body = RSS * 50
    if coding in ("gzip", "x-gzip"):
        wire = gzip.compress(body)
    elif coding == "gzip, gzip":
        wire = gzip.compress(gzip.compress(body))
    elif coding == "deflate":
        wire = zlib.compress(body)
    else:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        wire = packer.compress(body) + packer.flush()
    name = "deflate" if coding == "deflate-raw" else coding
    url = server.add("/z", Reply(body=wire, headers={"Content-Encoding": name}))
    async with HttpClient(FetchConfig()) as client:
        assert (await client.get(url)).body == body


async def test_garbage_gzip_is_one_line(server: LoopbackServer) -> None:
    url = server.add("/z", Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match=r"^invalid gzip data .* from 127\.0\.0\.1$"):
            await client.get(url)


async def test_unsupported_encoding_is_refused(server: LoopbackServer) -> None:
    url = server.add("/z", Reply(body=b"xx", headers={"Content-Encoding": "br"}))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match="^unsupported Content-Encoding br from 127.0.0.1$"):
            await client.get(url)


async def test_body_exactly_at_the_cap_passes(server: LoopbackServer) -> None:
    cap = 64 * 1024
    url = server.add("/cap", Reply(body=b"a" * cap, headers={"Content-Encoding": "identity"}))
    gz = server.add(
        "/gz", Reply(body=gzip.compress(b"a" * cap), headers={"Content-Encoding": "gzip"})
    )
    over = server.add(
        "/over", Reply(body=gzip.compress(b"a" * (cap + 1)), headers={"Content-Encoding": "gzip"})
    )
    async with HttpClient(FetchConfig(max_bytes=cap)) as client:
        assert len((await client.get(url)).body) == cap
        assert len((await client.get(gz)).body) == cap
        with pytest.raises(FetchError, match="^response larger than 64 KiB$"):
            await client.get(over)


async def test_relative_and_absolute_redirects(server: LoopbackServer) -> None:
    server.add("/old", Reply(301, headers={"Location": "/new?x=1"}))
    server.add("/new", Reply(308, headers={"Location": server.url("/final")}))
    server.add("/final", Reply(body=RSS))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(server.url("/old"))
    assert response.url == server.url("/final")
    assert response.body == RSS


async def test_redirect_without_location(server: LoopbackServer) -> None:
    url = server.add("/r", Reply(302))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError, match="^HTTP 302 Found without a Location header$"):
            await client.get(url)


async def test_validators_travel_with_redirects(server: LoopbackServer) -> None:
    server.add("/old", Reply(301, headers={"Location": "/new"}))
    server.add("/new", Reply(304))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(server.url("/old"), etag='"e"')
    assert response.status == 304
    assert server.requests_to("/new")[0].headers["if-none-match"] == '"e"'


class _Gauge:
    """Counts requests in flight on the server side; each takes `delay` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.never = threading.Event()

    def __call__(self, request: Request) -> Reply:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        self.never.wait(self.delay)  # the server's latency
        with self.lock:
            self.now -= 1
        return Reply(body=RSS)


async def test_per_host_limit(server: LoopbackServer) -> None:
    gauge = _Gauge(0.1)
    server.add("/slow", gauge)
    async with HttpClient(FetchConfig(concurrency=64, per_host=3)) as client:
        await asyncio.gather(*(client.get(server.url(f"/slow?{i}")) for i in range(12)))
    assert 2 <= gauge.peak <= 3  # the limit, and real concurrency under it


async def test_global_limit_across_hosts(server: LoopbackServer) -> None:
    gauge = _Gauge(0.1)
    others = [LoopbackServer().start() for _ in range(2)]
    try:
        urls = []
        for srv in [server, *others]:
            srv.add("/slow", gauge)
            urls += [srv.url(f"/slow?{i}") for i in range(4)]
        async with HttpClient(FetchConfig(concurrency=5, per_host=4)) as client:
            await asyncio.gather(*(client.get(url) for url in urls))
    finally:
        for srv in others:
            srv.stop()
    assert 3 <= gauge.peak <= 5


async def test_connections_are_reused(server: LoopbackServer) -> None:
    """ThreadingHTTPServer runs each connection in a new, newly named thread."""
    threads: list[str] = []

    def route(request: Request) -> Reply:
        threads.append(threading.current_thread().name)
        return Reply(body=RSS)

    url = server.add("/feed", route)
    async with HttpClient(FetchConfig(per_host=1)) as client:
        for _ in range(5):
            await client.get(url)
    assert len(threads) == 5
    assert len(set(threads)) == 1


async def test_fetch_convenience(server: LoopbackServer) -> None:
    url = server.add("/page", Reply(body=b"<html></html>", headers={"Content-Type": "text/html"}))
    response = await fetch(url, FetchConfig())
    assert response.body == b"<html></html>"
    assert server.requests_to("/page")[0].headers["accept"].startswith("text/html")


async def test_client_outside_context_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        await HttpClient(FetchConfig()).get("http://127.0.0.1/")


def _caused(exc: aiohttp.ClientError, cause: BaseException) -> aiohttp.ClientError:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (
            _caused(
                aiohttp.ClientConnectionError("x"),
                socket.gaierror(-2, "Name or service not known"),
            ),
            "cannot resolve host nowhere.invalid",
        ),
        (
            _caused(
                aiohttp.ClientConnectionError("x"),
                ConnectionRefusedError(111, "Connection refused"),
            ),
            "connection refused by nowhere.invalid:443",
        ),
        (
            _caused(aiohttp.ClientOSError("x"), ConnectionResetError(104, "Connection reset")),
            "connection reset by nowhere.invalid:443",
        ),
        (
            _caused(
                aiohttp.ClientConnectionError("x"),
                ssl.SSLCertVerificationError(1, "verify failed"),
            ),
            "TLS certificate of nowhere.invalid rejected: certificate verify failed",
        ),
        (aiohttp.ConnectionTimeoutError("x"), "timed out talking to nowhere.invalid:443"),
    ],
)
def test_transport_errors_name_the_host(exc: aiohttp.ClientError, message: str) -> None:
    """DNS and certificate failures cannot come from a loopback server; the wording can."""
    assert _transport_message(exc, URL("https://nowhere.invalid/feed")) == message


async def test_environment_proxy_is_used(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("no_proxy", "NO_PROXY", "HTTP_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", server.url())
    server.add("http://feeds.example/rss", Reply(body=RSS))  # a proxy sees the absolute URL
    async with HttpClient(FetchConfig()) as client:
        response = await client.get("http://feeds.example/rss")
    assert response.body == RSS
    assert server.requests_to("http://feeds.example/rss")[0].headers["host"] == "feeds.example"


async def test_waiting_for_a_slot_does_not_count_against_the_deadline(
    server: LoopbackServer,
) -> None:
    """Three 0.4 s requests through one slot take 1.2 s; each has its own 0.7 s deadline."""
    server.add("/slow", _Gauge(0.4))
    async with HttpClient(FetchConfig(per_host=1, timeout=0.7)) as client:
        responses = await asyncio.gather(*(client.get(server.url(f"/slow?{i}")) for i in range(3)))
    assert [r.status for r in responses] == [200, 200, 200]


@pytest.mark.parametrize(
    ("chain", "permanent"),
    [
        ([301, 308], "/final"),  # only permanent hops: the subscription moves all the way
        ([301, 302, 301], "/r1"),  # stops before the first temporary hop
        ([307], "/r0"),
        ([302, 301], "/r0"),
        ([303], "/r0"),
        ([], "/final"),
    ],
)
async def test_permanent_url_follows_only_permanent_redirects(
    server: LoopbackServer, chain: list[int], permanent: str
) -> None:
    for i, status in enumerate(chain):
        target = f"/r{i + 1}" if i + 1 < len(chain) else "/final"
        server.add(f"/r{i}", Reply(status, headers={"Location": target}))
    server.add("/final", Reply(body=RSS))
    start = server.url("/r0" if chain else "/final")
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(start)
    assert response.url == server.url("/final")
    assert response.permanent_url == server.url(permanent)


async def test_permanent_url_of_a_304_after_a_move(server: LoopbackServer) -> None:
    server.add("/old", Reply(308, headers={"Location": "/new"}))
    server.add("/new", Reply(304, headers={"ETag": '"e"'}))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(server.url("/old"), etag='"e"')
    assert (response.status, response.permanent_url) == (304, server.url("/new"))


def test_retry_after_is_capped_at_one_day() -> None:
    now = 1_700_000_000.0
    assert MAX_RETRY_AFTER == 24 * 3600
    assert parse_retry_after("999999999", now) == MAX_RETRY_AFTER
    assert parse_retry_after("9" * 400, now) == MAX_RETRY_AFTER
    far = email.utils.formatdate(now + 10 * 365 * 86400, usegmt=True)
    assert parse_retry_after(far, now) == MAX_RETRY_AFTER
    assert parse_retry_after("86399", now) == 86399.0


async def test_huge_retry_after_from_a_server_is_capped(server: LoopbackServer) -> None:
    url = server.add("/busy", Reply(503, headers={"Retry-After": "999999999"}))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert caught.value.retry_after == MAX_RETRY_AFTER
    assert str(caught.value) == "HTTP 503 Service Unavailable (retry after 86400 s)"


async def test_gone_is_a_fetch_error_with_status_410(server: LoopbackServer) -> None:
    url = server.add("/gone", Reply(410, b"gone for good"))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.get(url)
    assert (caught.value.status, caught.value.retry_after) == (410, None)


async def test_plain_http_never_loads_the_tls_context(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading the CA store costs ~25 ms: a refresh of plain-http feeds must not pay it."""
    made: list[object] = []
    original = ssl.create_default_context

    def counting(*args: object, **kwargs: object) -> ssl.SSLContext:
        made.append(args)
        return original()

    monkeypatch.setattr(ssl, "create_default_context", counting)
    url = server.add("/feed", Reply(body=RSS))
    async with HttpClient(FetchConfig()) as client:
        for _ in range(3):
            await client.get(url)
    assert made == []


async def test_non_utf8_header_values_come_back_as_latin1(server: LoopbackServer) -> None:
    """No lone surrogates from undecodable bytes: the value must be storable as text."""
    url = server.add("/feed", Reply(body=RSS, headers={"ETag": '"caf\u00e9"'}))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url)
    assert response.headers["etag"] == '"caf\u00e9"'
    response.headers["etag"].encode("utf-8")  # storable


async def test_validator_with_control_characters_is_not_sent_back(
    server: LoopbackServer,
) -> None:
    url = server.add("/feed", Reply(body=RSS))
    async with HttpClient(FetchConfig()) as client:
        response = await client.get(url, etag='"a\x01b"', last_modified="Mon\x00")
    assert response.status == 200
    sent = server.requests_to("/feed")[0].headers
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_the_fetch_stack_never_imports_httpx() -> None:
    """aiohttp is the one HTTP stack (httpx may still be installed: spaCy's weasel needs it)."""
    code = (
        "import sys\n"
        "import tui_reader.fetch.http, tui_reader.refresh, tui_reader.cli.extract\n"
        "print(','.join(m for m in ('httpx', 'httpcore', 'anyio') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""

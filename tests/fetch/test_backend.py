"""The asyncio network backend: timeouts, errors, idle-connection checks, TLS, and HttpClient
using it (plain and https on a loopback TLS server with a throwaway certificate)."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import socket
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpcore
import pytest

from tests.loopback import LoopbackServer, Reply
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.backend import AsyncioBackend, AsyncioStream
from tui_reader.fetch.http import HttpClient

Conn = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@pytest.fixture
async def tcp_server() -> AsyncIterator[Callable[[Conn], Awaitable[int]]]:
    """Start asyncio servers on 127.0.0.1 in the test's own loop; returns the port."""
    servers: list[asyncio.Server] = []

    async def start(handler: Conn) -> int:
        srv = await asyncio.start_server(handler, "127.0.0.1", 0)
        servers.append(srv)
        return int(srv.sockets[0].getsockname()[1])

    yield start
    for srv in servers:
        srv.close()


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read(1 << 16)  # returns when the client goes away
    writer.close()


async def test_read_honours_a_timeout(tcp_server: Callable[[Conn], Awaitable[int]]) -> None:
    port = await tcp_server(_silent)
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    started = time.monotonic()
    with pytest.raises(httpcore.ReadTimeout):
        await stream.read(1024, timeout=0.1)
    assert time.monotonic() - started < 2
    await stream.aclose()


async def test_read_without_timeout_is_bounded_by_the_caller(
    tcp_server: Callable[[Conn], Awaitable[int]],
) -> None:
    """No per-read timer: the caller's asyncio.timeout still cancels the read."""
    port = await tcp_server(_silent)
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port)
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.1):
            await stream.read(1024)
    await stream.aclose()


async def test_refused_connect_is_connect_error_caused_by_oserror() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(httpcore.ConnectError) as info:
        await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    assert isinstance(info.value.__cause__, ConnectionRefusedError)


async def test_read_after_peer_close_is_empty_and_connection_is_stale(
    tcp_server: Callable[[Conn], Awaitable[int]],
) -> None:
    async def hello_then_close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"hello")
        await writer.drain()
        writer.close()

    port = await tcp_server(hello_then_close)
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    assert await stream.read(5, timeout=5) == b"hello"
    assert await stream.read(5, timeout=5) == b""
    # An idle keep-alive connection the server closed must not be handed out again.
    assert stream.get_extra_info("is_readable") is True
    await stream.aclose()


async def test_idle_connection_with_nothing_to_read_is_reusable(
    tcp_server: Callable[[Conn], Awaitable[int]],
) -> None:
    port = await tcp_server(_silent)
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    assert stream.get_extra_info("is_readable") is False
    assert stream.get_extra_info("server_addr")[:2] == ("127.0.0.1", port)
    await stream.aclose()


async def test_write_to_a_closed_stream_is_write_error(
    tcp_server: Callable[[Conn], Awaitable[int]],
) -> None:
    port = await tcp_server(_silent)
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    await stream.aclose()
    with pytest.raises(httpcore.WriteError):
        await stream.write(b"GET / HTTP/1.1\r\n\r\n")


async def test_http_client_uses_the_asyncio_backend(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain (non-proxied) hosts go through AsyncioBackend, one connection for many 304s."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    connects: list[int] = []
    original = AsyncioBackend.connect_tcp

    async def counting(self: AsyncioBackend, host: str, port: int, **kw: object) -> object:
        connects.append(port)
        return await original(self, host, port, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(AsyncioBackend, "connect_tcp", counting)
    url = server.add("/feed", Reply(304, headers={"ETag": '"v1"'}))
    async with HttpClient(FetchConfig(per_host=1)) as client:
        for _ in range(4):
            assert (await client.get(url, etag='"v1"')).status == 304
    assert connects == [server.port]
    assert server.connections == 1


# -- TLS ------------------------------------------------------------------------------------
def _certificate(tmp: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 (PEM cert, PEM key)."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tui-reader test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _TlsServer:
    """HTTP/1.1 keep-alive over TLS: 200 with an ETag, 304 when it comes back."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.requests += 1
                if b'if-none-match: "v1"' in head.lower():
                    writer.write(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n')
                else:
                    body = b"<rss>over tls</rss>"
                    writer.write(
                        b'HTTP/1.1 200 OK\r\nETag: "v1"\r\nContent-Length: '
                        + str(len(body)).encode()
                        + b"\r\n\r\n"
                        + body
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def tls_server(tmp_path: Path) -> AsyncIterator[tuple[_TlsServer, int, Path]]:
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    state = _TlsServer()
    srv = await asyncio.start_server(state.handle, "127.0.0.1", 0, ssl=context)
    yield state, int(srv.sockets[0].getsockname()[1]), cert
    srv.close()


async def test_https_works_and_reuses_the_connection(
    tls_server: tuple[_TlsServer, int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    state, port, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # httpx's context trusts this CA file
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    url = f"https://127.0.0.1:{port}/feed"
    async with HttpClient(FetchConfig(per_host=1, timeout=10)) as client:
        first = await client.get(url)
        second = await client.get(url, etag=first.headers["etag"])
        third = await client.get(url, etag=first.headers["etag"])
    assert (first.status, first.body) == (200, b"<rss>over tls</rss>")
    assert (second.status, third.status) == (304, 304)
    assert (state.requests, state.connections) == (3, 1)


async def test_untrusted_certificate_is_one_line(
    tls_server: tuple[_TlsServer, int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _state, port, _cert = tls_server
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    async with HttpClient(FetchConfig(timeout=10)) as client:
        with pytest.raises(FetchError) as info:
            await client.get(f"https://127.0.0.1:{port}/feed")
    message = str(info.value)
    assert message.startswith("TLS certificate of 127.0.0.1 rejected: ")
    assert "\n" not in message


async def test_tls_stream_reports_its_ssl_object(
    tls_server: tuple[_TlsServer, int, Path],
) -> None:
    _state, port, cert = tls_server
    context = ssl.create_default_context(cafile=str(cert))
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
    tls = await stream.start_tls(context, server_hostname="127.0.0.1", timeout=5)
    assert isinstance(tls, AsyncioStream)
    assert isinstance(tls.get_extra_info("ssl_object"), ssl.SSLObject)
    await tls.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
    assert (await tls.read(1024, timeout=5)).startswith(b"HTTP/1.1 200 OK")
    await tls.aclose()


async def test_connection_the_server_closed_while_idle_is_not_reused(
    tcp_server: Callable[[Conn], Awaitable[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that hangs up after each reply (keep-alive not refused in the headers): the
    pool must see the idle connection is dead and open a new one, not fail the next GET."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    connections = 0

    async def one_reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n')
        await writer.drain()
        writer.close()

    port = await tcp_server(one_reply)
    url = f"http://127.0.0.1:{port}/feed"
    async with HttpClient(FetchConfig(per_host=1, timeout=10)) as client:
        for _ in range(3):
            assert (await client.get(url, etag='"v1"')).status == 304
            await _until_expired(client, f"http://127.0.0.1:{port}")
    assert connections == 3


async def _until_expired(client: HttpClient, origin: str) -> None:
    """Wait (at most 2 s) until the origin's idle connection has seen the server's close."""
    pool = client._hosts[origin].transport._pool
    for _ in range(200):
        if all(conn.has_expired() for conn in pool.connections):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the server's close never reached the client")

"""HttpClient's connections: keep-alive reuse, a server closing idle ones, the bound on idle
hosts, and https on a loopback TLS server with a throwaway certificate."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import os
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer, Reply
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import _MAX_IDLE_HOSTS, HttpClient

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


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)


async def test_many_304s_share_one_connection(server: LoopbackServer) -> None:
    url = server.add("/feed", Reply(304, headers={"ETag": '"v1"'}))
    async with HttpClient(FetchConfig(per_host=1)) as client:
        for _ in range(4):
            assert (await client.get(url, etag='"v1"')).status == 304
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
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client's context trusts this CA file
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


@pytest.mark.parametrize("wait_for_close", [True, False])
async def test_connection_the_server_closed_while_idle_is_not_reused(
    tcp_server: Callable[[Conn], Awaitable[int]], wait_for_close: bool
) -> None:
    """A server that hangs up after each reply (keep-alive not refused in the headers): the
    next GET must get a new connection, not fail, whether the close reached the client
    before it (an idle connection seen dead) or not (a GET sent on a closing connection is
    retried once on a new one)."""
    connections = 0
    closed = asyncio.Event()

    async def one_reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n')
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        closed.set()

    port = await tcp_server(one_reply)
    url = f"http://127.0.0.1:{port}/feed"
    async with HttpClient(FetchConfig(per_host=1, timeout=10)) as client:
        for _ in range(3):
            closed.clear()
            assert (await client.get(url, etag='"v1"')).status == 304
            if wait_for_close:
                async with asyncio.timeout(2):
                    await closed.wait()
    assert connections == 3


class _CountingServer:
    """HTTP/1.1 keep-alive on one port: counts the connections made and those open now."""

    def __init__(self) -> None:
        self.open = 0
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open += 1
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                assert head.startswith(b"GET ")
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n<rss/>")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open -= 1
            writer.close()


async def test_idle_connections_are_bounded_by_host_count() -> None:
    """Past max(64, concurrency) hosts, the least recently used idle ones are closed, so a
    refresh over thousands of hosts keeps few sockets; a warm host and a host with requests
    queued keep theirs."""
    bound = max(_MAX_IDLE_HOSTS, 8)
    states = [_CountingServer() for _ in range(bound + 16)]
    servers = [await asyncio.start_server(s.handle, "127.0.0.1", 0) for s in states]
    ports = [int(srv.sockets[0].getsockname()[1]) for srv in servers]
    try:
        async with HttpClient(FetchConfig(concurrency=8, per_host=1, timeout=10)) as client:
            for port in ports:
                await client.get(f"http://127.0.0.1:{port}/feed")
            async with asyncio.timeout(5):  # the servers see the client's closes
                while sum(s.open for s in states) > bound:
                    await asyncio.sleep(0.01)
            # The oldest went; the most recent `bound` are still open.
            assert [s.open for s in states] == [0] * 16 + [1] * bound
            # A warm host is reused, not reconnected.
            await client.get(f"http://127.0.0.1:{ports[-1]}/feed")
            assert states[-1].connections == 1
            # A host with five requests at once: one connection for all (per_host=1).
            await asyncio.gather(
                *(client.get(f"http://127.0.0.1:{ports[0]}/feed?{i}") for i in range(5))
            )
            assert states[0].connections == 2  # the first GET's, closed since, and this one
    finally:
        for srv in servers:
            srv.close()


@pytest.mark.parametrize("ca_file", ["/somewhere/ca.pem", None])
def test_aiohttp_is_imported_without_loading_the_ca_store_and_the_environment_is_kept(
    ca_file: str | None,
) -> None:
    """aiohttp's import-time TLS contexts (unused here: every https request gets the
    client's own) load no CA store; SSL_CERT_FILE is as it was, set or not."""
    code = (
        "import os, ssl, sys\n"
        "import tui_reader.fetch.http\n"
        "from aiohttp import connector\n"
        "print(connector._SSL_CONTEXT_VERIFIED.cert_store_stats()['x509'],"
        " os.environ.get('SSL_CERT_FILE'), os.environ.get('SSL_CERT_DIR'),"
        " len(ssl.create_default_context().get_ca_certs()) > 0)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    if ca_file is not None:
        env["SSL_CERT_FILE"] = ca_file
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    loaded, cert_file, cert_dir, system_store = done.stdout.split()
    assert loaded == "0"
    assert (cert_file, cert_dir) == (str(ca_file), "None")
    if ca_file is None:  # a context made afterwards reads the system's store again
        assert system_store == str(os.path.exists(ssl.get_default_verify_paths().openssl_cafile))

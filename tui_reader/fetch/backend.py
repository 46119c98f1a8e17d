"""An httpcore network backend on plain asyncio streams.

httpcore's default backend goes through anyio, which opens a cancel scope (a timer, a weak
dict entry, a task lookup) around every read and write. HttpClient already bounds each request
with one `asyncio.timeout`, so those per-operation scopes only cost CPU: on a warm refresh of
hundreds of feeds (all 304) they are a large part of the client's work. This backend does the
same job with asyncio's streams and only arms a timer when httpcore passes a timeout.

Errors are raised as httpcore's classes, chained to the OSError/SSLError behind them, as the
anyio backend does, so httpx maps them the same way and the root cause stays inspectable.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

# Matches anyio's connect_tcp: try the next address of a host after 250 ms.
_HAPPY_EYEBALLS_DELAY = 0.25
# The reader stops reading the socket once this much (times two) is buffered: backpressure.
_READ_LIMIT = 64 * 1024

# httpcore's SOCKET_OPTION, spelled out (it lives in a private module).
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._tls = False

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            if timeout is None:
                return await self._reader.read(max_bytes)
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:  # before OSError: TimeoutError is one
            raise httpcore.ReadTimeout(str(exc) or "read timed out") from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            if self._writer.transport.is_closing():
                raise ConnectionResetError("connection closed")
            self._writer.write(buffer)
            if timeout is None:
                await self._writer.drain()
                return
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(str(exc) or "write timed out") from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from exc

    async def aclose(self) -> None:
        transport = self._writer.transport
        if self._tls or transport.get_write_buffer_size():
            # No TLS close_notify exchange (anyio's backend skips it too) and no flushing to a
            # server that stopped reading: either could hold the socket open for a long time.
            transport.abort()
        else:
            transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as exc:
            await self.aclose()
            raise httpcore.ConnectTimeout(str(exc) or "TLS handshake timed out") from exc
        except OSError as exc:  # ssl.SSLError is an OSError
            await self.aclose()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        except BaseException:
            await self.aclose()
            raise
        self._tls = True
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        if info == "is_readable":
            # httpcore asks this of an idle keep-alive connection: anything to read (the
            # server's close, stray bytes, an error) means it must not be reused. asyncio
            # reads the socket as data arrives, so look at the reader, not the socket.
            reader = self._reader
            return (
                reader.at_eof()
                or reader.exception() is not None
                or self._writer.transport.is_closing()
                or bool(getattr(reader, "_buffer", b""))
            )
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """`httpcore.AsyncConnectionPool(network_backend=AsyncioBackend())`: asyncio only."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host,
                    port,
                    limit=_READ_LIMIT,
                    local_addr=(local_address, 0) if local_address else None,
                    happy_eyeballs_delay=_HAPPY_EYEBALLS_DELAY,
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
        except OSError as exc:  # socket.gaierror, ConnectionRefusedError...
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        # asyncio already sets TCP_NODELAY on TCP sockets.
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_unix_connection(path, limit=_READ_LIMIT)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

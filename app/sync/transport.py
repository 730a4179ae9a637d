"""A lean keep-alive pool under our `httpx.AsyncClient`, for the relay's many small calls.

Why not httpx's default transport: its pool (httpcore) re-examines every connection on
every request (a poll() per idle socket) and runs through anyio's cancel scopes, which cost
2–3 ms of CPU per request at 32 connections on our 2-core machines. Here a connection is
taken from an idle list and handed back after the (small) body is read, and plain-HTTP
sockets are asyncio streams: about 0.5 ms per request (bench/sync_throughput.py). HTTP
itself is still httpcore's; HTTPS keeps httpcore's own network backend and TLS handling.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

_ERRORS: list[tuple[type[Exception], type[httpx.TransportError]]] = [
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
]

Key = tuple[bytes, bytes, int]


class PooledTransport(httpx.AsyncBaseTransport):
    """At most `max_connections` requests in flight; idle connections are reused (LIFO)."""

    def __init__(self, *, max_connections: int = 64, keepalive_expiry: float = 5.0) -> None:
        self._slots = asyncio.Semaphore(max_connections)
        self._idle: dict[Key, list[httpcore.AsyncHTTPConnection]] = defaultdict(list)
        self._keepalive_expiry = keepalive_expiry
        self._plain = _AsyncioBackend()
        self._tls: ssl.SSLContext | None = None  # built once, on the first HTTPS connection

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        try:
            async with asyncio.timeout(timeouts.get("pool")):
                await self._slots.acquire()
        except TimeoutError:
            raise httpx.PoolTimeout("no free connection in time", request=request) from None
        try:
            return await self._send(request)
        finally:
            self._slots.release()

    async def aclose(self) -> None:
        idle = [c for connections in self._idle.values() for c in connections]
        self._idle.clear()
        for connection in idle:
            await connection.aclose()

    async def _send(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        key = (url.raw_scheme, url.raw_host, port)
        connection = self._take(key)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,  # type: ignore[arg-type]
            extensions=request.extensions,
        )
        try:
            answer = await connection.handle_async_request(core)
            try:
                body = await answer.aread()
            finally:
                await answer.aclose()
        except Exception as exc:
            await connection.aclose()
            raise _mapped(exc, request) from exc
        if connection.is_idle():
            self._idle[key].append(connection)
        else:
            await connection.aclose()
        return httpx.Response(
            answer.status, headers=answer.headers, content=body, extensions=answer.extensions
        )

    def _take(self, key: Key) -> httpcore.AsyncHTTPConnection:
        idle = self._idle[key]
        while idle:
            connection = idle.pop()
            if not connection.has_expired():
                return connection
            # closed by the server while idle: nothing to flush, let it go
        scheme, host, port = key
        if scheme == b"http":
            return httpcore.AsyncHTTPConnection(
                origin=httpcore.Origin(scheme, host, port),
                keepalive_expiry=self._keepalive_expiry,
                network_backend=self._plain,
            )
        self._tls = self._tls or httpx.create_ssl_context()
        return httpcore.AsyncHTTPConnection(
            origin=httpcore.Origin(scheme, host, port),
            keepalive_expiry=self._keepalive_expiry,
            ssl_context=self._tls,
        )


def _mapped(exc: Exception, request: httpx.Request) -> Exception:
    for core, mapped in _ERRORS:
        if isinstance(exc, core):
            return mapped(str(exc) or type(exc).__name__, request=request)
    return exc


class _AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError:
            raise httpcore.ReadTimeout("read timed out") from None
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            self._writer.write(buffer)
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError:
            raise httpcore.WriteTimeout("write timed out") from None
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    async def aclose(self) -> None:
        self._writer.close()

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # an idle keep-alive connection the server has closed
            return self._reader.at_eof()
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        return None


class _AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Plain TCP on asyncio streams (HTTPS goes through httpcore's default backend)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=(local_address, 0) if local_address else None
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout("connect timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        sock: socket.socket = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return _AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not supported here")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

"""The gate every Capillary call passes: journal, injected faults, then credentials.

A plain ASGI middleware (no per-request objects beyond a dict) so the event-post path stays
lean. `/_sandbox/*` is not Capillary's: no journal and no faults, and instead of Capillary's
credentials it needs the control secret (`Authorization: Bearer <secret>`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sandbox.envelopes import Family, error_body, json_response
from app.sandbox.faults import Fault
from app.sandbox.state import SandboxState
from app.sandbox.times import now_ms

PUBLIC_PATHS = {"/v3/oauth/token/generate"}  # how a client gets a token needs none
DROPPED_BODY_LENGTH = 64  # promised by Content-Length, never delivered


class DroppedConnection(Exception):
    """Raised after a response has begun, so the server breaks the connection mid-answer."""


class CapillaryGate:
    def __init__(self, app: ASGIApp, state: SandboxState, quiet: QuietDroppedConnections) -> None:
        self.app = app
        self.state = state
        self.quiet = quiet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        headers = _headers(scope)
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            if self.state.control.allows(headers.get("authorization")):
                await self.app(scope, receive, send)
                return
            await _answer_control_refusal(scope, send)
            return
        entry: dict[str, Any] = {
            "at": now_ms(),  # formatted when read: the hot path stays cheap
            "method": scope["method"],
            "path": path,
            "query": scope.get("query_string", b"").decode("latin-1"),
            "status": None,
            "idempotency_key": headers.get("idempotency-key"),
            "fault": None,
        }
        self.state.journal.record(entry)
        faults = self.state.faults
        if faults.adds_latency:
            await asyncio.sleep(faults.latency_seconds())
        fault = faults.draw()
        if fault is not None:
            faults.counters.count(fault)
            entry["fault"] = fault.value
        if fault in (Fault.DROP_BEFORE, Fault.DROP_AFTER):
            self.quiet.expect_drop()
        if fault is Fault.DROP_BEFORE:
            await _break_connection(send)
        if fault is Fault.RATE_LIMITED:
            retry_after = str(faults.settings.retry_after_s)
            await _answer(
                entry, scope, send, 429, "Too many requests", {"Retry-After": retry_after}
            )
            return
        if fault is Fault.ERROR:
            status = faults.error_status()
            await _answer(entry, scope, send, status, f"Injected fault: HTTP {status}")
            return
        authorized = path in PUBLIC_PATHS or self.state.credentials.allows(
            headers.get("authorization"), headers.get("x-cap-api-oauth-token")
        )
        if fault is Fault.DROP_AFTER:
            await self._serve(authorized, entry, scope, receive, _discard)
            await _break_connection(send)
        await self._serve(authorized, entry, scope, receive, send)

    async def _serve(
        self, authorized: bool, entry: dict[str, Any], scope: Scope, receive: Receive, send: Send
    ) -> None:
        if authorized:
            await self.app(scope, receive, _status_recorder(entry, send))
        else:
            await _answer(entry, scope, send, 401, "Authentication failed")


def route_path(scope: Scope) -> str:
    """The path inside this app, also when it is mounted under a prefix."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):
        return path[len(root) :] or "/"
    return path


class QuietDroppedConnections(logging.Filter):
    """Keeps the server's log free of the tracebacks our own dropped connections cause.

    Standalone, the logged error carries our DroppedConnection. Behind a parent's
    BaseHTTPMiddleware it arrives as the server's "shorter than Content-Length" error
    instead, so that one is silenced only while a drop is still unaccounted for.
    """

    def __init__(self) -> None:
        super().__init__()
        self.unlogged_drops = 0

    def expect_drop(self) -> None:
        self.unlogged_drops = min(self.unlogged_drops + 1, 1000)

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        ours = _is_dropped_connection(error) or (
            self.unlogged_drops > 0 and "shorter than Content-Length" in str(error)
        )
        if ours:
            self.unlogged_drops = max(self.unlogged_drops - 1, 0)
        return not ours


def _is_dropped_connection(error: BaseException | None) -> bool:
    """True when `error` is, wraps or follows one of our drops (chains can loop: track them)."""
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, DroppedConnection):
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend((current.__cause__, current.__context__))
    return False


async def _break_connection(send: Send) -> None:
    """Promise a body, send one byte of it, and fail: the server closes the connection."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(DROPPED_BODY_LENGTH).encode()),
                # Keeps a parent's GZip middleware from re-framing (and so completing) it.
                (b"content-encoding", b"identity"),
            ],
        }
    )
    # One byte gets the headers past middlewares that wait for a body (GZip).
    await send({"type": "http.response.body", "body": b"{", "more_body": True})
    raise DroppedConnection("connection dropped by the sandbox's fault injection")


async def _answer(
    entry: dict[str, Any],
    scope: Scope,
    send: Send,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> None:
    entry["status"] = status
    response = json_response(error_body(Family.V3, status, message), status, headers)
    await response(scope, _no_body, send)


async def _answer_control_refusal(scope: Scope, send: Send) -> None:
    body = {
        "error": "unauthorized",
        "message": "The sandbox's controls need its control secret: send "
        "'Authorization: Bearer <secret>' (CONTROL_SECRET, or SANDBOX_CONTROL_SECRET standalone).",
    }
    response = json_response(body, 401, {"WWW-Authenticate": "Bearer"})
    await response(scope, _no_body, send)


def _status_recorder(entry: dict[str, Any], send: Send) -> Send:
    async def recording_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            entry["status"] = message["status"]
        await send(message)

    return recording_send


async def _discard(message: Message) -> None:
    return None


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _headers(scope: Scope) -> dict[str, str]:
    wanted = {b"authorization", b"x-cap-api-oauth-token", b"idempotency-key"}
    return {k.decode(): v.decode("latin-1") for k, v in scope["headers"] if k in wanted}

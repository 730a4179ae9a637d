"""NiceGUI's per-browser `app.storage.user`, kept only while a browser is using it.

NiceGUI makes a user storage for every request that arrives without its session cookie (a
health check, a brand's system calling the API, a first visit) and keeps it for the life of
the process; with NICEGUI_REDIS_URL each one holds its own Redis connections. Goalpost keeps
nothing there (the database is the only authority; sign-in has its own cookie,
app/ui/web_session.py), so:

- a request that came without a session (a stranger, a health check, an API call) has its
  fresh, empty storage dropped as soon as it is answered;
- a browser's storage (its requests carry the cookie) is dropped once the browser has been
  quiet for `IDLE_SECONDS`, so a page load's requests share one.

Memory and Redis connections stay bounded by the browsers active in the last few minutes,
however many strangers call. tests/cluster/test_storage.py holds NiceGUI to this.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from http.cookies import CookieError, SimpleCookie
from typing import Any, ClassVar

from nicegui import app as nicegui_app
from nicegui import background_tasks, core

log = logging.getLogger(__name__)

Scope = dict[str, Any]
SESSION_COOKIE = "session"  # Starlette's SessionMiddleware, as NiceGUI sets it up
IDLE_SECONDS = 300.0
SWEEP_SECONDS = 60.0


class DropIdleUserStorage:
    """Pure ASGI middleware, inside NiceGUI's session and request tracking; `sweep_forever`
    (started with the app) lets quiet browsers go."""

    last_seen: ClassVar[dict[str, float]] = {}  # a returning browser's session → when

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http":
                self._after(scope)

    def _after(self, scope: Scope) -> None:
        session_id = (scope.get("session") or {}).get("id")
        if not isinstance(session_id, str):
            return
        if _cookie_session_id(scope) == session_id:
            self.last_seen[session_id] = time.monotonic()
        else:  # a session minted for this request alone
            _drop(session_id)

    @classmethod
    async def sweep_forever(cls) -> None:
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            cls.sweep(now=time.monotonic())

    @classmethod
    def sweep(cls, *, now: float) -> int:
        """Drop the storage of browsers quiet for IDLE_SECONDS; returns how many went."""
        quiet = [s for s, seen in cls.last_seen.items() if now - seen > IDLE_SECONDS]
        for session_id in quiet:
            del cls.last_seen[session_id]
            _drop(session_id)
        return len(quiet)


def _drop(session_id: str) -> None:
    storage = nicegui_app.storage
    users = storage._users  # NiceGUI keeps no public way to let one go
    user = users.get(session_id)
    if user is None or len(user) > 0:
        return
    # A request still being answered (this one is counted until NiceGUI's tracking finishes)
    # keeps using it.
    if storage._active_request_sessions.get(session_id, 0) > 1:
        return
    del users[session_id]
    close = getattr(user, "close", None)
    if close is not None and core.loop is not None:
        background_tasks.create(close(), name=f"close-user-storage-{session_id}")


def _cookie_session_id(scope: Scope) -> str | None:
    """The session id the request's cookie names (read unsigned: it only counts when it
    equals the id SessionMiddleware verified)."""
    header = next((v for k, v in scope.get("headers", []) if k == b"cookie"), None)
    if header is None:
        return None
    try:
        morsel = SimpleCookie(header.decode("latin-1")).get(SESSION_COOKIE)
        if morsel is None:
            return None
        data = morsel.value.split(".", 1)[0]
        found = json.loads(base64.b64decode(data + "=" * (-len(data) % 4)))
    except (CookieError, ValueError, binascii.Error, UnicodeDecodeError):
        return None
    value = found.get("id") if isinstance(found, dict) else None
    return value if isinstance(value, str) else None

"""NiceGUI's per-browser `app.storage.user`, kept only while a request needs it.

NiceGUI makes a user storage for every request that arrives without its session cookie (a
health check, a brand's system calling the API, a first visit) and keeps it for the life of
the process; with NICEGUI_REDIS_URL each one holds its own Redis connections. Goalpost keeps
nothing there (the database is the only authority; sign-in has its own cookie,
app/ui/web_session.py), so once the last request of a session has been answered its empty
storage is dropped and its connections closed: memory and Redis connections stay bounded by
the requests in flight, however many strangers call. tests/cluster/test_storage.py holds
NiceGUI to this.
"""

from __future__ import annotations

import logging
from typing import Any

from nicegui import app as nicegui_app
from nicegui import background_tasks

log = logging.getLogger(__name__)

Scope = dict[str, Any]


class DropIdleUserStorage:
    """Pure ASGI middleware, inside NiceGUI's session and request tracking."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http":
                _drop_if_idle(scope)


def _drop_if_idle(scope: Scope) -> None:
    session = scope.get("session") or {}
    session_id = session.get("id")
    if not isinstance(session_id, str):
        return
    storage = nicegui_app.storage
    users = storage._users  # NiceGUI keeps no public way to let one go
    user = users.get(session_id)
    if user is None or len(user) > 0:
        return
    # This request is still counted until NiceGUI's tracking finishes; anything more is another
    # request of the same session, which still uses the storage.
    if storage._active_request_sessions.get(session_id, 0) > 1:
        return
    del users[session_id]
    close = getattr(user, "close", None)
    if close is not None:
        background_tasks.create(close(), name=f"close-user-storage-{session_id}")

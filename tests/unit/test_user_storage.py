"""Which NiceGUI user storages are let go, and when (app/user_storage.py)."""

from __future__ import annotations

import base64
import json

from nicegui import app as nicegui_app

from app.user_storage import IDLE_SECONDS, DropIdleUserStorage, _cookie_session_id


def cookie_scope(session_id: str | None, *, raw: str | None = None) -> dict:
    if raw is None and session_id is not None:
        raw = base64.b64encode(json.dumps({"id": session_id}).encode()).decode() + ".ts.sig"
    headers = [(b"cookie", f"other=1; session={raw}".encode())] if raw else []
    return {"type": "http", "headers": headers, "session": {"id": session_id or "minted"}}


def test_the_cookie_names_the_session_only_when_it_decodes():
    assert _cookie_session_id(cookie_scope("abc")) == "abc"
    assert _cookie_session_id(cookie_scope(None)) is None
    assert _cookie_session_id(cookie_scope(None, raw="not-base64!.x.y")) is None
    assert _cookie_session_id({"headers": [(b"cookie", b"session")]}) is None


def test_a_stranger_is_forgotten_at_once_and_a_browser_after_it_goes_quiet(monkeypatch):
    monkeypatch.setattr(DropIdleUserStorage, "last_seen", {})  # other tests' browsers stay out
    users = nicegui_app.storage._users
    users.update({"minted": {}, "browser": {}, "busy": {"kept": 1}})
    middleware = DropIdleUserStorage(app=None)
    try:
        middleware._after(cookie_scope(None))  # no cookie: its session was made for it
        middleware._after(cookie_scope("browser"))
        assert "minted" not in users and "browser" in users

        assert middleware.sweep(now=middleware.last_seen["browser"] + IDLE_SECONDS / 2) == 0
        assert "browser" in users
        assert middleware.sweep(now=middleware.last_seen["browser"] + IDLE_SECONDS + 1) == 1
        assert "browser" not in users

        middleware._after(cookie_scope(None) | {"session": {"id": "busy"}})
        assert "busy" in users, "a storage with something in it is never dropped"
    finally:
        for key in ("minted", "browser", "busy"):
            users.pop(key, None)

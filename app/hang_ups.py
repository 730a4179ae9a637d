"""A browser that hangs up mid-answer is no crash.

NiceGUI's middlewares are Starlette `BaseHTTPMiddleware`s, which raise
`RuntimeError("No response returned.")` when the app below them sent nothing, as a file
response does when the browser goes away half-way (an e2e test closing its page, a phone
losing its network). Starlette's outermost error middleware re-raises whatever reaches it, so
uvicorn would log that as "Exception in ASGI application" with a traceback. NiceGUI adds its
middlewares when it starts serving, so no `add_middleware` of ours can sit outside them:
`outermost` wraps the app's whole stack instead, and this pure ASGI middleware takes that one
error: a warning without a traceback, and a plain 500 should anyone still be listening. The
error pages (app/ui/error_pages.py) leave it to us.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI

log = logging.getLogger("goalpost.errors")
_NO_RESPONSE = "No response returned."


def browser_left(error: BaseException) -> bool:
    return type(error) is RuntimeError and str(error) == _NO_RESPONSE


def outermost(app: FastAPI) -> None:
    """QuietHangUps around everything `app` builds, Starlette's error middleware included."""
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: QuietHangUps(build())  # type: ignore[method-assign]


class QuietHangUps:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except RuntimeError as error:
            if not browser_left(error):
                raise
            log.warning("no answer for %s: the browser probably left", scope.get("path"))
            if not started:
                await _plain_500(send)


async def _plain_500(send: Any) -> None:
    try:
        await send({"type": "http.response.start", "status": 500, "headers": []})
        await send({"type": "http.response.body", "body": b""})
    except Exception:  # nobody is left to answer
        return

"""A browser that hangs up mid-answer leaves a warning, not a traceback; any other error of
the app still reaches Starlette's error handling."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

from app.domain.brand import Brand
from app.hang_ups import outermost
from app.ui.error_pages import ErrorPages


async def passing_through(request: Any, call_next: Any) -> Any:
    return await call_next(request)  # as NiceGUI's middlewares do


def app_that(answer: Any) -> FastAPI:
    """`answer` below a BaseHTTPMiddleware, our error pages as the handler, and QuietHangUps
    outermost: the order app/main.py builds."""
    app = FastAPI()
    app.mount("/", answer)
    app.add_middleware(BaseHTTPMiddleware, dispatch=passing_through)
    app.add_exception_handler(Exception, ErrorPages(Brand()).server_error)
    outermost(app)
    return app


async def sends_nothing(scope: Any, receive: Any, send: Any) -> None:
    """What a file response does when the browser has gone: returns without a word."""


async def breaks(scope: Any, receive: Any, send: Any) -> None:
    raise RuntimeError("a real bug")


async def test_a_hang_up_is_a_warning_without_a_traceback(caplog: pytest.LogCaptureFixture):
    transport = httpx.ASGITransport(app=app_that(sends_nothing))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.get("/_nicegui/esm/index.js")

    assert answer.status_code == 500
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [("WARNING", None)]


async def test_any_other_error_still_reaches_starlettes_error_handling(
    caplog: pytest.LogCaptureFixture,
):
    transport = httpx.ASGITransport(app=app_that(breaks))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        with pytest.raises(RuntimeError, match="a real bug"):
            await client.get("/")
    assert [r.levelname for r in caplog.records if r.exc_info] == ["ERROR"]
    caplog.clear()  # the error pages' ERROR line with its reference is the point

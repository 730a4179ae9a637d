"""The relay steps aside while someone is being served, and never for longer than its limit."""

from __future__ import annotations

import asyncio
import time

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from app.foreground import Foreground, MarkServing


async def test_with_nobody_served_the_relay_goes_straight_on():
    started = time.perf_counter()
    await Foreground(quiet_s=0.2).step_aside()
    assert time.perf_counter() - started < 0.05


async def test_after_a_tap_the_relay_waits_until_it_has_been_quiet_a_while():
    foreground = Foreground(quiet_s=0.15, longest_pause_s=5)
    foreground.serving()
    started = time.perf_counter()
    await foreground.step_aside()
    assert 0.12 < time.perf_counter() - started < 1


async def test_a_stream_of_visitors_holds_the_relay_up_no_longer_than_its_longest_pause():
    foreground = Foreground(quiet_s=0.1, longest_pause_s=0.3)

    async def visitors() -> None:
        while True:
            foreground.serving()
            await asyncio.sleep(0.02)

    crowd = asyncio.create_task(visitors())
    try:
        await asyncio.sleep(0)
        started = time.perf_counter()
        await foreground.step_aside()
        waited = time.perf_counter() - started
    finally:
        crowd.cancel()
    assert 0.25 < waited < 1


async def test_page_requests_mark_serving_and_assets_and_the_relay_s_own_calls_do_not():
    foreground = Foreground()

    def answer(request):
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/{path:path}", answer)])
    transport = httpx.ASGITransport(app=MarkServing(app, foreground))
    async with httpx.AsyncClient(transport=transport, base_url="http://goalpost") as client:
        assets = ("/_nicegui/3.18.0/static/vue.js", "/assets/tailwind.abc.css")
        for path in (*assets, "/sandbox/v2/events"):
            assert (await client.get(path)).status_code == 200
            assert foreground._last == float("-inf"), path
        await client.get("/")
    assert foreground._last > float("-inf")

"""The demo clock's endpoint: behind the control secret, and it checks before it moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from app.api.demo_clock import clock_router
from app.clock import Clock
from tests.server import CONTROL_SECRET, control_headers


@pytest.fixture
def clock() -> Clock:
    return Clock(allow_override=True)


@pytest.fixture
async def api(clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(clock_router(clock, control_secret=CONTROL_SECRET))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://demo") as client:
        yield client


@pytest.mark.parametrize("headers", [{}, control_headers("guess"), {"Authorization": "Basic x"}])
async def test_without_the_control_secret_the_clock_is_neither_read_nor_moved(
    api: httpx.AsyncClient, clock: Clock, headers: dict[str, str]
):
    before = clock.now()

    assert (await api.get("/_demo/clock", headers=headers)).status_code == 401
    moved = await api.post("/_demo/clock/advance", params={"days": 3}, headers=headers)

    assert moved.status_code == 401
    assert clock.now() - before < timedelta(days=1)


@pytest.mark.parametrize(
    "params",
    [
        {"days": "1e308"},
        {"days": "inf"},
        {"days": "nan"},
        {"days": "-1"},
        {"days": "ten"},
        {"days": "367"},
        {"hours": "99999999999999999999"},
        {"minutes": "1e400"},
        {"days": "300", "hours": "2400"},  # each within bounds, together more than a step
    ],
)
async def test_an_odd_amount_is_a_4xx_and_the_clock_stays(
    api: httpx.AsyncClient, clock: Clock, params: dict[str, str]
):
    before = clock.now()

    answer = await api.post("/_demo/clock/advance", params=params, headers=control_headers())

    assert answer.status_code == 422
    assert clock.now() - before < timedelta(days=1)


async def test_the_clock_cannot_be_pushed_past_a_century_ahead(api: httpx.AsyncClient):
    for _ in range(99):
        step = await api.post(
            "/_demo/clock/advance", params={"days": 366}, headers=control_headers()
        )
        assert step.status_code == 200

    refused = await api.post(
        "/_demo/clock/advance", params={"days": 366}, headers=control_headers()
    )

    assert refused.status_code == 422
    assert "36525 days" in refused.json()["detail"]


async def test_with_the_secret_a_day_passes(api: httpx.AsyncClient, clock: Clock):
    before = clock.now()

    answer = await api.post("/_demo/clock/advance", params={"days": 1}, headers=control_headers())

    assert answer.status_code == 200
    assert clock.now() - before >= timedelta(days=1)

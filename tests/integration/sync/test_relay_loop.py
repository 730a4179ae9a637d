"""The relay on a thread and loop of its own: it sends everything once over real HTTP, and
however busy it is, the loop that asked (the pages') keeps running."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from app.foreground import Foreground
from app.services.sync_status import outbox_counts
from app.sync.relay_loop import RelayLoop
from tests.integration.sync.conftest import sandbox_client
from tests.integration.sync.support import clock
from tests.integration.sync.test_faults import assert_mirrored_once, challenges_with_logs


async def test_a_backlog_drains_on_the_relay_s_own_loop_each_item_once(engine, sandbox):
    external_ids = challenges_with_logs(engine, challenges=4, logs_each=25)
    made_on: list[threading.Thread] = []

    def make_client():
        made_on.append(threading.current_thread())
        return sandbox_client(sandbox)

    relay = RelayLoop(make_client)
    try:
        report = await relay.drain(engine, now=clock, lease_seconds=30)
        while outbox_counts(engine)["pending"]:  # items that waited on the one before them
            report = await relay.drain(engine, now=clock, lease_seconds=30)
    finally:
        await asyncio.to_thread(relay.stop)

    assert report.dead == 0 and outbox_counts(engine)["sent"] == 1 + 4 * 3 + 100
    assert_mirrored_once(sandbox, external_ids, challenges=4)
    assert all(e["times_received"] == 1 for e in sandbox.events())
    # the client was made on the relay's thread, not the caller's, and closed with it
    assert made_on and made_on[0] is not threading.current_thread()
    assert made_on[0].name == "outbox-relay" and not made_on[0].is_alive()


async def test_the_caller_s_loop_keeps_ticking_while_the_relay_works():
    relay = RelayLoop(lambda: pytest.fail("no client is needed"))

    async def busy() -> str:  # 600 ms of work that never awaits: a blocked loop, if shared
        until = time.perf_counter() + 0.6
        while time.perf_counter() < until:
            sum(range(1_000))
        return threading.current_thread().name

    async def worst_tick_lag() -> float:
        worst = 0.0
        for _ in range(60):
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            worst = max(worst, time.perf_counter() - before - 0.01)
        return worst

    try:
        ran_on, lag = await asyncio.gather(relay.run(busy), worst_tick_lag())
    finally:
        await asyncio.to_thread(relay.stop)

    assert ran_on == "outbox-relay"
    assert lag < 0.2, f"the caller's loop stalled {lag * 1000:.0f} ms"


async def test_a_failure_on_the_relay_s_loop_reaches_the_caller():
    relay = RelayLoop(lambda: pytest.fail("no client is needed"))

    async def fails() -> None:
        raise RuntimeError("upstream exploded")

    try:
        with pytest.raises(RuntimeError, match="upstream exploded"):
            await relay.run(fails)
        assert await relay.run(lambda: asyncio.sleep(0, result="still serving")) == "still serving"
    finally:
        await asyncio.to_thread(relay.stop)
    assert relay.thread is None


async def test_while_someone_is_served_the_relay_waits_then_sends_everything(engine, sandbox):
    challenges_with_logs(engine, challenges=2, logs_each=5)
    foreground = Foreground(quiet_s=0.4, longest_pause_s=5)
    relay = RelayLoop(lambda: sandbox_client(sandbox), foreground=foreground)
    try:
        foreground.serving()  # a tap, just now
        started = time.perf_counter()
        await relay.drain(engine, now=clock, lease_seconds=30)
        waited = time.perf_counter() - started
        while outbox_counts(engine)["pending"]:
            await relay.drain(engine, now=clock, lease_seconds=30)
    finally:
        await asyncio.to_thread(relay.stop)

    assert waited >= 0.35  # nothing was claimed until the tap had been quiet a while
    assert outbox_counts(engine)["sent"] == 1 + 2 * 3 + 10

"""Two relays draining one database at once never send the same thing twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import suppress
from datetime import timedelta

from app.services.sync_status import outbox_counts
from app.sync.relay import drain
from tests.integration.sync.conftest import sandbox_client
from tests.integration.sync.support import clock, settle
from tests.integration.sync.test_faults import assert_mirrored_once, challenges_with_logs


async def test_two_relays_with_their_own_clients_send_each_item_once(engine, sandbox):
    external_ids = challenges_with_logs(engine, challenges=6, logs_each=40)
    sandbox.faults(latency_ms=[1, 5])  # long enough for the two to overlap

    async with sandbox_client(sandbox) as first, sandbox_client(sandbox) as second:
        reports = await asyncio.gather(
            settle(engine, first, concurrency=4, per_stream=10),
            settle(engine, second, concurrency=4, per_stream=10),
        )

    assert all(r.sent > 0 for r in reports), "both relays took part"
    assert sum(r.sent for r in reports) == outbox_counts(engine)["sent"] == 1 + 6 * 3 + 240
    assert_mirrored_once(sandbox, external_ids, challenges=6)
    assert all(e["times_received"] == 1 for e in sandbox.events())
    posts = Counter(
        r["idempotency_key"] for r in sandbox.journal() if r["path"] == "/webhooks/sandbox"
    )
    assert len(posts) == 240 and set(posts.values()) == {1}


async def test_a_relay_that_dies_mid_drain_loses_and_doubles_nothing(engine, sandbox):
    external_ids = challenges_with_logs(engine, challenges=3, logs_each=30)
    sandbox.faults(latency_ms=[15, 25])

    async with sandbox_client(sandbox) as doomed:
        dying = asyncio.create_task(drain(engine, doomed, now=clock, concurrency=3))
        await asyncio.sleep(0.4)
        dying.cancel()
        with suppress(asyncio.CancelledError):
            await dying
    half_way = sandbox.stats()["events_stored"]
    sandbox.faults()
    async with sandbox_client(sandbox) as successor:
        blocked = await drain(engine, successor, now=clock)  # its leases still hold
        after_lease = await settle(engine, successor, now=lambda: clock() + timedelta(seconds=31))

    assert 0 < half_way < 90 and blocked.sent == 0 and after_lease.dead == 0
    assert outbox_counts(engine)["pending"] == 0
    assert_mirrored_once(sandbox, external_ids, challenges=3)

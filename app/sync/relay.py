"""The outbox relay: claim due items, send them in order per stream, record what happened.

Streams (one per challenge) run concurrently; inside a stream an item is sent only after
the one before it was sent. A transient failure reschedules the item with backoff and
stops its stream for this round; a permanent one dead-letters it with a readable reason
and halts the stream until someone retries it. Database work runs in threads and is
batched: one transaction claims many rows, one UPDATE marks the sent event posts.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.engine import Engine

from app.db.engine import background
from app.sync import claims, mapping, senders
from app.sync.backoff import INLINE_ATTEMPTS, INLINE_MAX_WAIT_S, out_of_attempts, retry_delay
from app.sync.claims import Claim, Claimed
from app.sync.client import CapillaryClient
from app.sync.errors import PermanentUpstreamError, TransientUpstreamError
from app.sync.outcomes import Outcome, record

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass
class DrainReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.dead + self.skipped

    def count(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            if outcome.verdict == "sent":
                self.sent += 1
            elif outcome.verdict == "retry":
                self.retried += 1
            elif outcome.verdict == "dead":
                self.dead += 1
            elif outcome.verdict == "skipped":
                self.skipped += 1


async def drain(
    engine: Engine,
    client: CapillaryClient,
    *,
    now: Clock,
    max_items: int = 10_000,
    concurrency: int = 32,
    batch_size: int = 128,
    per_stream: int = 32,
    lease_seconds: int = 30,
    rand: Callable[[], float] = random.random,
    step_aside: Callable[[], Awaitable[None]] | None = None,
) -> DrainReport:
    """Send what is due now, up to about `max_items` items; returns when nothing more is due.

    Up to `concurrency` streams are in flight at once. A stream's run is recorded as soon
    as it ends, so its stream (and the free slot) can be claimed again without waiting
    for slower streams. `step_aside`, awaited before each claim and each send, lets people
    go first (app/foreground.py).
    """
    # Nobody waits on the relay: on SQLite its writes queue behind people's (app/db/engine.py).
    relay = _Relay(
        background(engine),
        client,
        now,
        timedelta(seconds=lease_seconds),
        rand,
        per_stream,
        step_aside or _go_on,
    )
    report = DrainReport()
    running: set[asyncio.Task[None]] = set()
    try:
        return await _pump(relay, report, running, max_items, concurrency, batch_size)
    finally:
        for task in running:  # cancelled (shutdown): what was claimed waits for its lease
            task.cancel()


async def _pump(
    relay: _Relay,
    report: DrainReport,
    running: set[asyncio.Task[None]],
    max_items: int,
    concurrency: int,
    batch_size: int,
) -> DrainReport:
    claimed = 0
    while True:
        free = concurrency - len(running)
        if claimed < max_items and (not running or free >= max(1, concurrency // 4)):
            claim = await relay.claim(min(batch_size, max_items - claimed), free)
            claimed += claim.size
            for run in claim.streams.values():
                running.add(asyncio.create_task(relay.run(claim, run, report)))
        if not running:
            return report
        done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        running -= done
        failed = [task.exception() for task in done if task.exception() is not None]
        if failed:  # the database went away, or a bug: stop; the leases will expire
            raise failed[0]  # type: ignore[misc]


class _Relay:
    def __init__(
        self,
        engine: Engine,
        client: CapillaryClient,
        now: Clock,
        lease: timedelta,
        rand: Callable[[], float],
        per_stream: int,
        step_aside: Callable[[], Awaitable[None]],
    ) -> None:
        self.engine = engine
        self.client = client
        self.now = now
        self.lease = lease
        self.margin = lease / 5  # stop a stream early rather than send on an expired lease
        self.rand = rand
        self.per_stream = per_stream
        self.owner = uuid.uuid4().hex[:16]
        self.event_body = partial(mapping.event_post, prefix=client.options.prefix)
        self.step_aside = step_aside

    async def claim(self, limit: int, max_streams: int) -> Claim:
        await self.step_aside()
        return await asyncio.to_thread(
            claims.claim,
            self.engine,
            owner=self.owner,
            now=self.now(),
            lease=self.lease,
            limit=limit,
            per_stream=self.per_stream,
            event_body=self.event_body,
            max_streams=max_streams,
        )

    async def run(self, claim: Claim, run: list[Claimed], report: DrainReport) -> None:
        """One stream's run, then its outcomes in one transaction."""
        outcomes = await self._send_run(claim, run, report)
        await asyncio.to_thread(
            record, self.engine, owner=self.owner, now=self.now(), outcomes=outcomes
        )
        report.count(outcomes)

    async def _send_run(
        self, claim: Claim, run: list[Claimed], report: DrainReport
    ) -> list[Outcome]:
        """One stream's items in order; stops at the first failure and releases the rest."""
        outcomes: list[Outcome] = []
        for position, item in enumerate(run):
            await self.step_aside()
            if self.now() >= claim.lease_until - self.margin:
                return outcomes + _released(run[position:])
            failed = await self._send_one(claim, item, outcomes, report)
            if failed is not None:
                return [*outcomes, failed, *_released(run[position + 1 :])]
        return outcomes

    async def _send_one(
        self, claim: Claim, item: Claimed, outcomes: list[Outcome], report: DrainReport
    ) -> Outcome | None:
        """Send one item; its outcome when it failed, else None (recorded or queued).

        A transient failure is first retried in place a few times after short waits (same
        key); only then is the item rescheduled in the database with a longer backoff.
        """
        for attempt in range(1, INLINE_ATTEMPTS + 1):
            try:
                delivery = await senders.deliver(self.engine, self.client, item, self.now())
                break
            except TransientUpstreamError as exc:
                wait = retry_delay(attempt, rand=self.rand, retry_after=exc.retry_after)
                deadline = claim.lease_until - self.margin
                if (
                    attempt == INLINE_ATTEMPTS
                    or wait > INLINE_MAX_WAIT_S
                    or self.now() + timedelta(seconds=wait) >= deadline
                ):
                    return self._retry(item, str(exc), exc.retry_after)
                report.retried += 1
                await asyncio.sleep(wait)
            except (PermanentUpstreamError, senders.Unsendable) as exc:
                logger.warning("outbox item %s (%s) dead: %s", item.id, item.kind, exc)
                return Outcome(item.id, "dead", str(exc))
            except Exception as exc:  # a bug must neither stop the relay nor lose the item
                logger.exception("outbox item %s (%s) failed unexpectedly", item.id, item.kind)
                reason = f"Unexpected error in Goalpost: {type(exc).__name__}"
                return self._retry(item, reason, None)
        outcome = Outcome(
            item.id, delivery.verdict, delivery.reason, log_request=delivery.log_request
        )
        if not delivery.urgent:
            outcomes.append(outcome)
            return None
        # The next item of this stream may need what this one learnt (upstream ids).
        await asyncio.to_thread(
            record,
            self.engine,
            owner=claim.owner,
            now=self.now(),
            outcomes=[outcome],
            effects=delivery.effects,
        )
        report.count([outcome])
        return None

    def _retry(self, item: Claimed, reason: str, retry_after: float | None) -> Outcome:
        failures = item.attempts + 1
        if out_of_attempts(failures):
            return Outcome(
                item.id,
                "dead",
                f"Capillary kept failing ({failures} attempts, last: {reason}); "
                "retry once it answers again.",
            )
        delay = retry_delay(failures, rand=self.rand, retry_after=retry_after)
        return Outcome(item.id, "retry", reason, self.now() + timedelta(seconds=delay))


async def _go_on() -> None:
    return None


def _released(items: list[Claimed]) -> list[Outcome]:
    return [Outcome(item.id, "released") for item in items]

"""A frozen period upstream: the platform has no freezes, so it has the period missed; the
totals agree, and reconciliation lists the period as frozen, not as a difference."""

from __future__ import annotations

from datetime import timedelta

from app.services.closing import close_due_periods
from app.services.freezes import buy_freeze
from app.services.logging import log_progress
from app.sync.reconcile import reconcile
from tests.factories import a_challenge, a_person, earned, stored
from tests.integration.sync.support import TZ, clock, settle, today


async def test_a_frozen_day_is_missed_upstream_and_reported_apart(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    earned(engine, person, 100, now=clock())
    water = a_challenge(
        engine, person, now=clock(), start_date=today(), total_periods=7, required_periods=5
    )
    buy_freeze(engine, person_id=person, challenge_id=water, idempotency_key="f", now=clock())
    log_progress(
        engine,
        person_id=person,
        challenge_id=water,
        idempotency_key="day-1",
        now=clock(),
        attributes={"glasses": 8},
    )
    later = clock() + timedelta(days=2)  # the first day achieved, the second missed
    close_due_periods(engine, now=later)
    assert [p[4] for p in stored(engine, water)["periods"][:2]] == ["achieved", "frozen"]
    await settle(engine, client)

    report = await reconcile(engine, client, now=lambda: later)

    assert report.differences == []
    assert (water, 1) in report.frozen
    [customer] = {e["customer_id"] for e in sandbox.events()}
    [group] = [g for g in sandbox.customer_groups(customer) if g["targets"][0]["targetValue"] == 8]
    by_cycle = {t["periodRefCode"]: t["targetAchievedValue"] for t in group["targets"]}
    assert (by_cycle["Cycle_1"], by_cycle["Cycle_2"]) == (8, 0)  # upstream: day 2 missed

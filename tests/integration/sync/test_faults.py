"""Errors, rate limits, latency and dropped connections: everything arrives, exactly once."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from app.services.logging import log_progress
from app.services.sync_status import outbox_counts
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, settle, today


def challenges_with_logs(engine, challenges: int, logs_each: int) -> set[str]:
    """Water challenges of different people; the external ids their logs should get upstream."""
    external_ids = set()
    for _ in range(challenges):
        person = a_person(engine, timezone=TZ, now=clock())
        water = a_challenge(engine, person, now=clock(), start_date=today())
        for n in range(logs_each):
            receipt = log_progress(
                engine,
                person_id=person,
                challenge_id=water,
                idempotency_key=f"{water}-{n}",
                now=clock(),
                attributes={"glasses": 1},
            )
            external_ids.add(f"goalpost-log-{receipt.log_id}")
    return external_ids


def assert_mirrored_once(sandbox, external_ids: set[str], challenges: int) -> None:
    events = sandbox.events()
    stats = sandbox.stats()
    assert Counter(e["external_event_id"] for e in events) == Counter(external_ids)
    assert {k: stats[k] for k in ("target_groups", "promotions", "enrolments", "customers")} == {
        "target_groups": challenges,
        "promotions": challenges,
        "enrolments": challenges,
        "customers": challenges,
    }


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
async def test_two_thousand_logs_get_through_errors_rate_limits_and_latency_exactly_once(
    engine, sandbox, client
):
    external_ids = challenges_with_logs(engine, challenges=40, logs_each=50)
    sandbox.faults(
        error_rate=0.3,
        rate_limit_rate=0.05,
        retry_after_s=1,
        latency_ms=[0, 20],
        seed=7,
    )
    started = time.monotonic()

    report = await settle(engine, client, timeout=90)

    sandbox.faults()
    faults = sandbox.stats()["faults"]
    assert report.dead == 0 and report.retried > 0
    assert faults["errors"] > 500 and faults["rate_limited"] > 50
    # One definition of the event type, then a group, a promotion and an enrolment each.
    assert outbox_counts(engine)["sent"] == 1 + 40 * 3 + 2000
    assert outbox_counts(engine)["dead"] == 0
    assert_mirrored_once(sandbox, external_ids, challenges=40)
    assert all(e["times_received"] == 1 for e in sandbox.events())
    assert time.monotonic() - started < 90
    # A retry carries the key of the first attempt: every failed call's key was answered later.
    journal = sandbox.journal()
    answered = {(r["path"], r["idempotency_key"]) for r in journal if r["fault"] is None}
    failed = [r for r in journal if r["fault"] in ("error", "rate_limited")]
    posts = [r for r in failed if r["path"] == "/webhooks/sandbox"]
    assert len(posts) > 500 and all(r["idempotency_key"].startswith("log:") for r in posts)
    assert all(
        (r["path"], r["idempotency_key"]) in answered
        for r in failed
        if not r["idempotency_key"].startswith("read:")
    )


async def test_connections_dropped_after_the_work_was_done_duplicate_nothing(
    engine, sandbox, client
):
    external_ids = challenges_with_logs(engine, challenges=4, logs_each=25)
    sandbox.faults(drop_rate=0.4, seed=11)

    report = await settle(engine, client, timeout=60)

    sandbox.faults()
    assert report.dead == 0
    assert sandbox.stats()["faults"]["dropped"] > 10
    assert_mirrored_once(sandbox, external_ids, challenges=4)
    assert any(e["times_received"] > 1 for e in sandbox.events())  # resent, counted once

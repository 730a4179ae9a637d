"""Undo is not mirrored; reconciliation expects that, and still notices a real difference."""

from __future__ import annotations

from sqlmodel import Session, select

from app.db.tables import OutboxItem, UpstreamDifference
from app.services.logging import log_progress, undo_log
from app.services.sync_status import outbox_counts
from app.sync.reconcile import reconcile
from app.sync.senders import RETRACT_REASON
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, lost_upstream, settle, today


def drink(engine, person, water, key):
    return log_progress(
        engine,
        person_id=person,
        challenge_id=water,
        idempotency_key=key,
        now=clock(),
        attributes={"glasses": 2},
    )


def differences(engine):
    with Session(engine) as s:
        return s.exec(select(UpstreamDifference)).all()


async def test_undo_before_sending_sends_nothing_and_undo_after_is_recorded_not_mirrored(
    engine, sandbox, client
):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    early, kept, late = (drink(engine, person, water, k) for k in ("a", "b", "c"))

    undo_log(engine, person_id=person, log_id=early.log_id, now=clock())
    await settle(engine, client)
    undo_log(engine, person_id=person, log_id=late.log_id, now=clock())
    report = await settle(engine, client)

    sent = {e["external_event_id"] for e in sandbox.events()}
    assert sent == {f"goalpost-log-{kept.log_id}", f"goalpost-log-{late.log_id}"}
    assert report.skipped == 1
    with Session(engine) as s:
        retract = s.exec(select(OutboxItem).where(OutboxItem.kind == "event.retract")).one()
    assert (retract.status, retract.last_error) == ("skipped", RETRACT_REASON)
    assert outbox_counts(engine)["cancelled"] == 1
    checked = await reconcile(engine, client, now=clock)
    assert (checked.challenges, checked.periods, checked.differences) == (1, 1, [])


async def test_an_event_missing_upstream_is_a_difference_until_it_arrives(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    await settle(engine, client)
    lost = drink(engine, person, water, "lost")
    lost_upstream(engine, lost.log_id)

    missing = await reconcile(engine, client, now=clock)

    [difference] = missing.differences
    assert (difference.challenge_id, difference.period_index) == (water, 0)
    assert (difference.expected_total, difference.upstream_total) == (2, 0)
    assert "Capillary counts 0 in Cycle_1" in difference.note
    [stored] = differences(engine)
    assert (stored.expected_total, stored.upstream_total) == (2, 0)

    body = {
        "event_name": "water_glass",
        "customer_id": f"goalpost-person-{person}",
        "external_event_id": f"goalpost-log-{lost.log_id}",
        "eventDateTime": clock().strftime("%Y-%m-%d %H:%M:%S"),
        "glasses": 2,
    }
    sandbox.call("POST", "/webhooks/sandbox", body).raise_for_status()
    agreed = await reconcile(engine, client, now=clock)

    assert agreed.differences == [] and agreed.cleared == 1 and differences(engine) == []


async def test_an_extra_event_from_another_client_is_reported(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    drink(engine, person, water, "a")
    await settle(engine, client)
    extra = {
        "event_name": "water_glass",
        "customer_id": f"goalpost-person-{person}",
        "external_event_id": "someone-else-1",
        "eventDateTime": clock().strftime("%Y-%m-%d %H:%M:%S"),
        "glasses": 5,
    }
    sandbox.call("POST", "/webhooks/sandbox", extra).raise_for_status()

    report = await reconcile(engine, client, now=clock)

    [difference] = report.differences
    assert (difference.expected_total, difference.upstream_total) == (2, 7)

"""The relay's database side on SQLite and PostgreSQL: leases, stream order, undo, status."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.db.tables import OutboxItem
from app.services.logging import log_progress, undo_log
from app.services.sync_status import (
    outbox_counts,
    read_outbox,
    read_sync_state,
    read_sync_states,
    retry_failed,
)
from app.sync import claims, mapping
from app.sync.outcomes import Outcome, record
from tests.factories import a_challenge, a_person, local

TZ = "Europe/Stockholm"
START = local(TZ, 2026, 3, 2, 8)
LEASE = timedelta(seconds=30)


def claim(engine, owner, now, limit=100):
    return claims.claim(
        engine,
        owner=owner,
        now=now,
        lease=LEASE,
        limit=limit,
        per_stream=50,
        event_body=partial(mapping.event_post, prefix="goalpost"),
    )


def drink(engine, person, challenge, key, at=START):
    return log_progress(
        engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key=key,
        now=at,
        attributes={"glasses": 1},
    )


def items(engine, **where):
    with Session(engine) as s:
        query = select(OutboxItem).order_by(col(OutboxItem.id))
        for name, value in where.items():
            query = query.where(getattr(OutboxItem, name) == value)
        return s.exec(query).all()


def set_status(engine, item_id, status):
    with Session(engine) as s:
        s.execute(update(OutboxItem).where(col(OutboxItem.id) == item_id).values(status=status))
        s.commit()


def test_a_stream_is_claimed_whole_in_order_and_by_one_relay_until_its_lease_ends(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    for n in range(3):
        drink(engine, person, water, f"k{n}")

    first = claim(engine, "relay-a", START)
    second = claim(engine, "relay-b", START + timedelta(seconds=29))
    after_lease = claim(engine, "relay-b", START + timedelta(seconds=31))

    [run] = first.streams.values()
    assert [i.kind for i in run] == [
        "event_type.define",
        "target_group.create",
        "promotion.create",
        "enrolment.create",
        "event.post",
        "event.post",
        "event.post",
    ]
    assert [i.id for i in run] == sorted(i.id for i in run)
    assert run[4].body is not None and run[4].body["customer_id"] == f"goalpost-person-{person}"
    assert second.size == 0
    assert after_lease.size == 7


def test_a_stream_waits_behind_its_dead_or_not_yet_due_head_while_others_go_on(engine):
    first_person, second_person = a_person(engine, now=START), a_person(engine, now=START)
    stuck = a_challenge(engine, first_person, now=START)
    moving = a_challenge(engine, second_person, now=START)
    head = items(engine, challenge_id=stuck)[0]
    set_status(engine, head.id, "dead")

    taken = claim(engine, "relay", START)

    assert list(taken.streams) == [f"challenge:{moving}"]


def test_outcomes_write_only_rows_the_relay_still_holds(engine):
    person = a_person(engine, now=START)
    a_challenge(engine, person, now=START)
    run = next(iter(claim(engine, "relay-a", START).streams.values()))
    later = START + timedelta(seconds=40)
    claim(engine, "relay-b", later)  # relay-a's lease ran out and relay-b took over

    record(engine, owner="relay-a", now=later, outcomes=[Outcome(run[0].id, "dead", "too late")])

    assert items(engine, id=run[0].id)[0].status == "pending"


def test_sent_retried_dead_and_released_items_are_recorded_in_one_go(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    drink(engine, person, water, "a")
    run = next(iter(claim(engine, "relay", START).streams.values()))
    retry_at = START + timedelta(seconds=5)

    record(
        engine,
        owner="relay",
        now=START,
        outcomes=[
            Outcome(run[0].id, "sent"),
            Outcome(run[1].id, "retry", "upstream answered 503", retry_at),
            *[Outcome(i.id, "released") for i in run[2:]],
        ],
    )

    rows = items(engine, challenge_id=water)
    assert [(r.status, r.attempts, r.lease_until) for r in rows[:2]] == [
        ("sent", 1, None),
        ("pending", 1, None),
    ]
    assert rows[1].next_attempt_at == retry_at and rows[1].last_error == "upstream answered 503"
    assert all(r.lease_until is None and r.attempts == 0 for r in rows[2:])


def test_undo_before_the_event_is_sent_cancels_it_and_sends_nothing_back(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    receipt = drink(engine, person, water, "a")

    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)

    post = items(engine, kind="event.post")[0]
    assert post.status == "cancelled" and "Undone before it was sent" in post.last_error
    assert items(engine, kind="event.retract") == []


def test_undo_of_an_event_a_relay_holds_is_recorded_as_a_retract(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    receipt = drink(engine, person, water, "a")
    claim(engine, "relay", START)

    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)

    assert items(engine, kind="event.post")[0].status == "pending"
    assert [r.status for r in items(engine, kind="event.retract")] == ["pending"]


def test_sync_state_is_pending_then_failed_with_the_reason_then_synced_after_retry(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    other = a_challenge(engine, a_person(engine, now=START), now=START)

    pending = read_sync_state(engine, person_id=person, challenge_id=water)
    run = next(iter(claim(engine, "relay", START).streams.values()))
    record(
        engine,
        owner="relay",
        now=START,
        outcomes=[
            Outcome(run[0].id, "sent"),
            Outcome(run[1].id, "dead", "Capillary refused it (310069)"),
            *[Outcome(i.id, "released") for i in run[2:]],
        ],
    )
    failed = read_sync_state(engine, person_id=person, challenge_id=water)
    revived = retry_failed(engine, person_id=person, challenge_id=water, now=START)
    after_retry = read_sync_states(engine, person_id=person)

    assert (pending.state, pending.pending, pending.reason) == ("pending", 4, None)
    assert (failed.state, failed.dead, failed.sent) == ("failed", 1, 1)
    assert failed.reason == "Capillary refused it (310069)"
    assert revived == 1
    assert list(after_retry) == [water] and after_retry[water].state == "pending"
    assert other not in after_retry


def test_the_operator_sees_items_by_status_newest_first_and_counts_of_each(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    receipt = drink(engine, person, water, "a")
    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)

    counts = outbox_counts(engine)
    cancelled = read_outbox(engine, status="cancelled")
    everything = read_outbox(engine, status=None, limit=3, offset=1)

    assert counts == {"pending": 4, "sent": 0, "dead": 0, "skipped": 0, "cancelled": 1}
    assert [(r.kind, r.reason is not None) for r in cancelled] == [("event.post", True)]
    assert [r.kind for r in everything] == [
        "enrolment.create",
        "promotion.create",
        "target_group.create",
    ]

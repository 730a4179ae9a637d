"""Logging, undo and points through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.db.tables import Log, OutboxItem, PointsLedgerEntry
from app.domain.challenge import Measure, Status, Tracking
from app.domain.errors import RuleError
from app.services.dashboard import read_challenge_card, read_dashboard
from app.services.errors import NotFound
from app.services.logging import UNDONE_BEFORE_SENT, log_progress, post_key, undo_log
from tests.factories import a_challenge, a_log, a_person, local

TZ = "Europe/Stockholm"
START = local(TZ, 2026, 3, 2, 8)  # a Monday morning, the water challenge's first day


def drink(engine, person, challenge, glasses, at, key):
    return log_progress(
        engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key=key,
        now=at,
        attributes={"glasses": glasses},
    )


def ledger(engine, person):
    with Session(engine) as s:
        return s.exec(
            select(PointsLedgerEntry)
            .where(PointsLedgerEntry.person_id == person)
            .order_by(PointsLedgerEntry.id)
        ).all()


def test_eight_glasses_achieve_the_day_and_start_a_streak(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)

    drink(engine, person, water, 5, START, "a")
    receipt = drink(engine, person, water, 3, START + timedelta(hours=1), "b")

    card = read_challenge_card(
        engine, person_id=person, challenge_id=water, now=START + timedelta(hours=2)
    )
    assert receipt.period_achieved
    assert card.running.total == 8 and card.running.achieved
    assert card.current_streak == 1 and card.status is Status.ACTIVE


def test_the_same_idempotency_key_twice_records_one_log(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)

    first = drink(engine, person, water, 2, START, "tap-1")
    again = drink(engine, person, water, 2, START, "tap-1")

    assert again.duplicate and again.log_id == first.log_id
    assert (
        read_challenge_card(engine, person_id=person, challenge_id=water, now=START).running.total
        == 2
    )


def test_seven_days_in_a_row_pay_100_points_once(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)

    for day in range(7):
        drink(engine, person, water, 8, START + timedelta(days=day), f"d{day}")
    after_week = START + timedelta(days=7)

    dashboard = read_dashboard(engine, person_id=person, now=after_week)
    again = read_dashboard(engine, person_id=person, now=after_week + timedelta(hours=1))
    assert dashboard.balance == 100 and again.balance == 100
    assert [e.points for e in ledger(engine, person)] == [100]
    assert dashboard.cards[0].status is Status.COMPLETED
    assert dashboard.cards[0].best_streak == 7


def test_undo_that_unachieves_the_completing_day_takes_the_points_back(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    for day in range(6):
        drink(engine, person, water, 8, START + timedelta(days=day), f"d{day}")
    last_day = START + timedelta(days=6)
    final = drink(engine, person, water, 8, last_day, "last")
    assert read_dashboard(engine, person_id=person, now=last_day).balance == 100

    undo_log(engine, person_id=person, log_id=final.log_id, now=last_day + timedelta(minutes=1))

    card = read_challenge_card(
        engine, person_id=person, challenge_id=water, now=last_day + timedelta(minutes=2)
    )
    assert not card.running.achieved and card.status is Status.ACTIVE
    assert [(e.reason, e.points) for e in ledger(engine, person)] == [
        ("challenge_completed", 100),
        ("completion_reversed", -100),
    ]
    drink(engine, person, water, 8, last_day + timedelta(minutes=3), "again")
    assert [e.points for e in ledger(engine, person)] == [100, -100, 100]


def test_undoing_twice_is_the_same_as_once(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START, points_per_period=10)
    receipt = drink(engine, person, water, 8, START, "a")

    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)
    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)

    assert [e.points for e in ledger(engine, person)] == [10, -10]
    assert (
        read_challenge_card(engine, person_id=person, challenge_id=water, now=START).running.total
        == 0
    )


def test_a_missed_day_breaks_the_streak_and_fails_the_week(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    drink(engine, person, water, 8, START, "monday")

    card = read_challenge_card(
        engine, person_id=person, challenge_id=water, now=START + timedelta(days=2)
    )

    assert card.status is Status.FAILED and card.current_streak == 0 and card.best_streak == 1
    with pytest.raises(RuleError, match="failed"):
        drink(engine, person, water, 8, START + timedelta(days=2), "wednesday")


def test_a_log_in_an_ended_period_cannot_be_undone(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START, tracking=Tracking.DEFAULT)
    receipt = drink(engine, person, water, 3, START, "monday")

    with pytest.raises(RuleError, match="ended"):
        undo_log(engine, person_id=person, log_id=receipt.log_id, now=START + timedelta(days=1))


def test_visit_counts_days_not_logs(engine):
    person = a_person(engine, now=START)
    walks = a_challenge(
        engine,
        person,
        now=START,
        name="Walk 3 days a week",
        event_type="walk",
        measure=Measure.VISIT,
        attribute=None,
        target=3,
        frequency="WEEKLY",
        total_periods=2,
        tracking=Tracking.DEFAULT,
        points_per_period=20,
    )

    def log(at, key):
        return log_progress(
            engine,
            person_id=person,
            challenge_id=walks,
            idempotency_key=key,
            now=at,
        )

    log(START, "1")
    second = log(START + timedelta(hours=2), "2")
    log(START + timedelta(days=1), "3")
    undo_log(engine, person_id=person, log_id=second.log_id, now=START + timedelta(days=1))
    receipt = log(START + timedelta(days=3), "4")

    assert receipt.period_total == 3 and receipt.period_achieved
    assert read_dashboard(engine, person_id=person, now=START + timedelta(days=3)).balance == 20


def test_nobody_can_log_or_read_another_persons_challenge(engine):
    owner = a_person(engine, now=START)
    stranger = a_person(engine, now=START)
    water = a_challenge(engine, owner, now=START)
    receipt = drink(engine, owner, water, 1, START, "a")

    with pytest.raises(NotFound):
        drink(engine, stranger, water, 1, START, "b")
    with pytest.raises(NotFound):
        undo_log(engine, person_id=stranger, log_id=receipt.log_id, now=START)
    with pytest.raises(NotFound):
        read_challenge_card(engine, person_id=stranger, challenge_id=water, now=START)
    assert read_dashboard(engine, person_id=stranger, now=START).cards == []


def test_every_log_writes_its_outbox_row_and_an_undo_before_sending_cancels_it(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    receipt = drink(engine, person, water, 1, START, "a")
    undo_log(engine, person_id=person, log_id=receipt.log_id, now=START)

    with Session(engine) as s:
        items = [(o.kind, o.status) for o in s.exec(select(OutboxItem).order_by(OutboxItem.id))]
    assert items == [
        ("event_type.define", "pending"),
        ("target_group.create", "pending"),
        ("promotion.create", "pending"),
        ("enrolment.create", "pending"),
        ("event.post", "cancelled"),  # never sent, so nothing to take back upstream
    ]
    with Session(engine) as s:
        post = s.exec(
            select(OutboxItem).where(OutboxItem.idempotency_key == post_key(receipt.log_id))
        ).one()
    assert post.last_error == UNDONE_BEFORE_SENT


def test_a_log_is_kept_with_its_attributes_and_queued_upstream_as_its_own_event(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)

    receipt = drink(engine, person, water, 3, START, "a")

    with Session(engine) as s:
        log = s.get(Log, receipt.log_id)
        post = s.exec(select(OutboxItem).where(OutboxItem.kind == "event.post")).one()
    assert log is not None and log.attributes == {"glasses": 3}
    assert post.idempotency_key == post_key(receipt.log_id)
    assert post.payload == {"log_id": receipt.log_id}
    assert (post.challenge_id, post.stream) == (water, f"challenge:{water}")


def test_future_and_bad_amounts_are_refused_with_a_reason(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)

    with pytest.raises(RuleError, match="hasn't happened"):
        log_progress(
            engine,
            person_id=person,
            challenge_id=water,
            idempotency_key="f",
            now=START,
            occurred_at=START + timedelta(hours=1),
            attributes={"glasses": 1},
        )
    with pytest.raises(RuleError, match="number"):
        drink(engine, person, water, "lots", START, "x")
    with pytest.raises(RuleError, match="positive"):
        drink(engine, person, water, -2, START, "y")


def test_a_repeated_idempotency_key_returns_the_first_log_and_the_periods_state_now(engine):
    person = a_person(engine, now=START)
    water = a_challenge(engine, person, now=START)
    first = a_log(engine, person, water, at=START, key="tap", glasses=5)
    a_log(engine, person, water, at=START + timedelta(minutes=1), glasses=3)

    again = a_log(engine, person, water, at=START + timedelta(minutes=2), key="tap", glasses=9)

    assert (again.log_id, again.duplicate) == (first.log_id, True)
    assert (again.period_total, again.period_achieved) == (8, True)
    assert (first.duplicate, first.period_total) == (False, 5)

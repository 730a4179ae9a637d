"""Closing due periods: idempotent, lazy on read, and the same whoever does it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.db.tables import Challenge, OutboxItem, Period, PointsLedgerEntry
from app.domain.challenge import Status, Tracking
from app.domain.errors import RuleError
from app.services.challenges import abandon_challenge
from app.services.closing import close_due_periods
from app.services.dashboard import read_challenge_card, read_dashboard
from app.services.logging import log_progress
from tests.factories import (
    a_challenge,
    a_log,
    a_person,
    a_workouts_challenge,
    local,
    stored,
)

TZ = "Europe/Stockholm"
MONDAY = local(TZ, 2026, 3, 2, 8)


def snapshot(engine):
    with Session(engine) as s:
        periods = [
            (p.index, p.outcome, p.total) for p in s.exec(select(Period).order_by(Period.id))
        ]
        challenges = [
            (c.status, c.closed, c.closed_achieved, c.run, c.best_run)
            for c in s.exec(select(Challenge).order_by(Challenge.id))
        ]
        points = [
            e.points for e in s.exec(select(PointsLedgerEntry).order_by(PointsLedgerEntry.id))
        ]
    return periods, challenges, points


def test_closing_twice_changes_nothing(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    for day in (0, 2, 4, 7):
        log_progress(
            engine,
            person_id=person,
            challenge_id=gym,
            idempotency_key=str(day),
            now=MONDAY + timedelta(days=day),
        )
    later = MONDAY + timedelta(days=15)

    first = close_due_periods(engine, now=later)
    after_first = snapshot(engine)
    second = close_due_periods(engine, now=later)

    assert first == 1 and second == 0  # week 1 was closed by the day-7 log already
    assert snapshot(engine) == after_first
    assert after_first[0][:2] == [(0, "achieved", 3.0), (1, "missed", 1.0)]


def test_reading_closes_due_periods_even_when_no_scheduler_ran(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    for day in (0, 1, 2):
        log_progress(
            engine,
            person_id=person,
            challenge_id=gym,
            idempotency_key=str(day),
            now=MONDAY + timedelta(days=day),
        )

    card = read_challenge_card(
        engine, person_id=person, challenge_id=gym, now=MONDAY + timedelta(days=29)
    )

    assert card.status is Status.FAILED  # weeks 2-4 were missed
    assert card.achieved_periods == 1 and card.best_streak == 1 and card.current_streak == 0
    assert read_dashboard(engine, person_id=person, now=MONDAY + timedelta(days=29)).balance == 25


def test_steps_on_five_of_seven_days_complete_with_gaps(engine):
    person = a_person(engine, now=MONDAY)
    steps = a_challenge(
        engine,
        person,
        now=MONDAY,
        name="Steps",
        event_type="steps",
        attribute="steps",
        target=10_000,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=5,
        points_on_completion=70,
    )
    for day in (0, 1, 3, 4, 6):
        log_progress(
            engine,
            person_id=person,
            challenge_id=steps,
            idempotency_key=str(day),
            now=MONDAY + timedelta(days=day),
            attributes={"steps": 10_500},
        )

    card = read_challenge_card(
        engine, person_id=person, challenge_id=steps, now=MONDAY + timedelta(days=8)
    )

    assert card.status is Status.COMPLETED and card.achieved_periods == 5
    assert read_dashboard(engine, person_id=person, now=MONDAY + timedelta(days=8)).balance == 70


def test_a_streak_fails_as_soon_as_it_can_no_longer_be_reached(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, total_periods=7, required_periods=3)
    for day in (0, 1, 3):
        log_progress(
            engine,
            person_id=person,
            challenge_id=water,
            idempotency_key=str(day),
            now=MONDAY + timedelta(days=day),
            attributes={"glasses": 8},
        )

    on_friday = read_challenge_card(
        engine, person_id=person, challenge_id=water, now=MONDAY + timedelta(days=4, hours=1)
    )
    on_saturday = read_challenge_card(
        engine, person_id=person, challenge_id=water, now=MONDAY + timedelta(days=5, hours=1)
    )

    assert on_friday.status is Status.ACTIVE  # Thursday's run of 1 + Fri, Sat, Sun can make 3
    assert on_saturday.status is Status.FAILED  # Friday missed: only Sat and Sun are left
    assert on_saturday.best_streak == 2


def test_abandoning_keeps_earned_points_and_skips_the_rest(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    for day in (0, 1, 2):
        log_progress(
            engine,
            person_id=person,
            challenge_id=gym,
            idempotency_key=str(day),
            now=MONDAY + timedelta(days=day),
        )

    abandon_challenge(engine, person_id=person, challenge_id=gym, now=MONDAY + timedelta(days=3))

    periods, challenges, points = snapshot(engine)
    assert challenges[0][0] == Status.ABANDONED.value and points == [25]
    assert [outcome for _, outcome, _ in periods] == ["skipped"] * 4
    with pytest.raises(RuleError, match="abandoned"):
        log_progress(
            engine,
            person_id=person,
            challenge_id=gym,
            idempotency_key="x",
            now=MONDAY + timedelta(days=3),
        )
    with Session(engine) as s:
        assert (
            s.exec(select(OutboxItem.kind).order_by(OutboxItem.id.desc())).first()
            == "enrolment.delete"
        )


def test_due_periods_close_at_once_and_a_challenge_failing_partway_skips_the_rest(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, required_periods=3)  # 3 of 7 days in a row
    a_log(engine, person, water, at=MONDAY, glasses=8)
    sunday = MONDAY + timedelta(days=6)

    close_due_periods(engine, now=sunday)

    after = stored(engine, water)
    # Friday's miss leaves 2 days for a run of 3: failed when Friday ended, Saturday skipped.
    assert after["status"] == Status.FAILED.value
    assert after["ended_at"] == local(TZ, 2026, 3, 7, 0)
    assert after["counters"] == (5, 1, 0, 1)
    assert [outcome for *_, outcome in after["periods"]] == ["achieved"] + ["missed"] * 4 + [
        "skipped"
    ] * 2
    assert {closed_at for _, _, _, closed_at, _ in after["periods"]} == {sunday}


def test_abandoning_keeps_closed_outcomes_and_closes_the_rest_at_that_moment(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    for day in (0, 1, 2, 7):  # week 1 achieved, and closed by the log in week 2
        a_log(engine, person, gym, at=MONDAY + timedelta(days=day))
    later = MONDAY + timedelta(days=8)

    abandon_challenge(engine, person_id=person, challenge_id=gym, now=later)

    periods = stored(engine, gym)["periods"]
    assert [(index, outcome) for index, *_, outcome in periods] == [
        (0, "achieved"),
        (1, "skipped"),
        (2, "skipped"),
        (3, "skipped"),
    ]
    assert [closed_at for *_, closed_at, _ in periods[1:]] == [later] * 3
    assert close_due_periods(engine, now=later + timedelta(weeks=5)) == 0


def test_a_period_closes_at_the_very_instant_it_ends(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, tracking=Tracking.DEFAULT)
    a_log(engine, person, water, at=MONDAY, glasses=8)

    assert close_due_periods(engine, now=local(TZ, 2026, 3, 3, 0)) == 1
    assert stored(engine, water)["counters"] == (1, 1, 1, 1)

"""What the ledger pays, when, and what it says: per period, on completion, after an undo."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from app.db.tables import Period, PointsLedgerEntry
from app.domain.challenge import Tracking
from app.services.history import read_ledger
from app.services.logging import undo_log
from tests.factories import a_challenge, a_log, a_person, a_workouts_challenge, local, stored

MONDAY = local("Europe/Stockholm", 2026, 3, 2, 8)


def ledger(engine, person):
    """(points, note) oldest first."""
    return [(row.points, row.note) for row in reversed(read_ledger(engine, person_id=person))]


def test_each_achieved_period_of_one_challenge_pays_its_own_points(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)

    for week in range(3):
        for day in range(3):
            a_log(engine, person, gym, at=MONDAY + timedelta(weeks=week, days=day))

    assert ledger(engine, person) == [
        (25, "Workouts: period 1 achieved"),
        (25, "Workouts: period 2 achieved"),
        (25, "Workouts: period 3 achieved"),
    ]


def test_re_achieving_a_period_after_an_undo_pays_again_as_a_new_row(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, tracking=Tracking.DEFAULT, points_per_period=10)
    first = a_log(engine, person, water, at=MONDAY, glasses=8)

    undo_log(engine, person_id=person, log_id=first.log_id, now=MONDAY + timedelta(minutes=1))
    again = a_log(engine, person, water, at=MONDAY + timedelta(minutes=2), glasses=8)

    assert again.period_achieved
    assert ledger(engine, person) == [
        (10, "Water every day: period 1 achieved"),
        (-10, "Water every day: period 1 reopened by an undo"),
        (10, "Water every day: period 1 achieved"),
    ]


def test_a_challenge_completes_at_the_log_that_completes_it_and_an_undo_clears_it(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, total_periods=2, required_periods=2)
    a_log(engine, person, water, at=MONDAY, glasses=8)
    tuesday = MONDAY + timedelta(days=1)
    a_log(engine, person, water, at=tuesday, glasses=4)
    assert stored(engine, water)["completed_at"] is None

    last = a_log(engine, person, water, at=tuesday + timedelta(hours=1), glasses=4)
    assert stored(engine, water)["completed_at"] == tuesday + timedelta(hours=1)
    undo_log(engine, person_id=person, log_id=last.log_id, now=tuesday + timedelta(hours=2))
    assert stored(engine, water)["completed_at"] is None
    a_log(engine, person, water, at=tuesday + timedelta(hours=3), glasses=4)

    assert stored(engine, water)["completed_at"] == tuesday + timedelta(hours=3)
    assert ledger(engine, person) == [
        (100, "Water every day: challenge completed"),
        (-100, "Water every day: completion reversed by an undo"),
        (100, "Water every day: challenge completed"),
    ]


def test_each_ledger_row_names_its_challenge_and_period(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    for day in range(3):
        a_log(engine, person, gym, at=MONDAY + timedelta(days=day))

    with Session(engine) as s:
        (entry,) = s.exec(select(PointsLedgerEntry)).all()
        first_week = s.exec(
            select(Period).where(Period.challenge_id == gym, Period.index == 0)
        ).one()
    assert (entry.person_id, entry.challenge_id, entry.period_id) == (person, gym, first_week.id)


def test_an_undo_that_keeps_a_challenge_completed_keeps_when_it_completed(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, total_periods=2, required_periods=1)
    small = a_log(engine, person, water, at=MONDAY, glasses=4)
    a_log(engine, person, water, at=MONDAY + timedelta(hours=1), glasses=10)

    undo_log(engine, person_id=person, log_id=small.log_id, now=MONDAY + timedelta(hours=2))

    assert stored(engine, water)["completed_at"] == MONDAY + timedelta(hours=1)
    assert [points for points, _ in ledger(engine, person)] == [100]

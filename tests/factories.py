"""Small builders for test data, and what the database holds about a challenge or a ledger."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.tables import Challenge, Period, PointsLedgerEntry
from app.domain.challenge import Frequency, Measure, Tracking
from app.services.challenges import create_challenge
from app.services.logging import LogReceipt, log_progress
from app.services.people import register_person
from tests.unit.specs import water_spec

_emails = itertools.count(1)
_keys = itertools.count(1)


def local(tz: str, *args: int) -> datetime:
    """An aware instant from local wall-clock parts: local('Europe/Stockholm', 2026, 3, 2, 9)."""
    return datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]


def a_person(engine: Engine, *, timezone: str = "Europe/Stockholm", now: datetime) -> int:
    return register_person(
        engine, email=f"person{next(_emails)}@example.com", timezone=timezone, now=now
    )


def a_challenge(engine: Engine, person_id: int, *, now: datetime, **overrides: Any) -> int:
    """A self-made challenge paying what its spec says (the engine's tests fix the amounts;
    tests/integration/test_budget.py covers what the budget makes a challenge pay)."""
    return create_challenge(
        engine, person_id=person_id, spec=water_spec(**overrides), now=now, points_as_set=True
    )


def a_workouts_challenge(engine: Engine, person_id: int, *, now: datetime, **overrides: Any) -> int:
    """3 workouts a week for 4 weeks (COUNT, every period stands alone), 25 points a week."""
    workouts: dict[str, Any] = {
        "name": "Workouts",
        "event_type": "workout",
        "measure": Measure.COUNT,
        "attribute": None,
        "target": 3,
        "frequency": Frequency.WEEKLY,
        "total_periods": 4,
        "tracking": Tracking.DEFAULT,
        "points_per_period": 25,
        "points_on_completion": 0,
    }
    return a_challenge(engine, person_id, now=now, **(workouts | overrides))


def a_log(
    engine: Engine,
    person_id: int,
    challenge_id: int,
    *,
    at: datetime,
    key: str | None = None,
    occurred_at: datetime | None = None,
    **attributes: object,
) -> LogReceipt:
    """One log sent at `at` (about `occurred_at`, if given), with a fresh idempotency key."""
    return log_progress(
        engine,
        person_id=person_id,
        challenge_id=challenge_id,
        idempotency_key=key or f"key-{next(_keys)}",
        now=at,
        occurred_at=occurred_at,
        attributes=attributes,
    )


def stored(engine: Engine, challenge_id: int) -> dict[str, Any]:
    """Everything the database keeps about one challenge: periods, counters and points."""
    with Session(engine) as s:
        c = s.get(Challenge, challenge_id)
        assert c is not None
        periods = s.exec(
            select(Period).where(Period.challenge_id == challenge_id).order_by(col(Period.index))
        ).all()
        points = s.exec(
            select(PointsLedgerEntry)
            .where(PointsLedgerEntry.challenge_id == challenge_id)
            .order_by(col(PointsLedgerEntry.id))
        ).all()
        return {
            "status": c.status,
            "counters": (c.closed, c.closed_achieved, c.run, c.best_run),
            "completed_at": c.completed_at,
            "ended_at": c.ended_at,
            "periods": [(p.index, p.total, p.achieved_at, p.closed_at, p.outcome) for p in periods],
            "points": [(e.reason, e.points, e.note) for e in points],
        }


_earnings = itertools.count(1)


def earned(engine: Engine, person_id: int, points: int, *, now: datetime) -> int:
    """Give a person `points` the way the app does: a one-day challenge (the day of `now` in
    Stockholm) achieved by one log, paying exactly that (under the monthly cap). Returns the
    log's id."""
    n = next(_earnings)
    challenge_id = a_challenge(
        engine,
        person_id,
        now=now,
        name=f"Earning {n}",
        event_type=f"earning_{n}",  # its own type: a log counts toward every challenge on one
        measure=Measure.COUNT,
        attribute=None,
        target=1,
        total_periods=1,
        required_periods=1,
        tracking=Tracking.DEFAULT,
        points_per_period=points,
        points_on_completion=0,
        start_date=now.astimezone(ZoneInfo("Europe/Stockholm")).date(),
    )
    return a_log(engine, person_id, challenge_id, at=now).log_id


def ledger_rows(engine: Engine, person_id: int) -> list[PointsLedgerEntry]:
    """A person's points ledger in the order it was written."""
    with Session(engine) as s:
        return list(
            s.exec(
                select(PointsLedgerEntry)
                .where(PointsLedgerEntry.person_id == person_id)
                .order_by(col(PointsLedgerEntry.id))
            ).all()
        )


def assert_never_below_zero(engine: Engine, person_id: int) -> None:
    """Replayed in order, the person's ledger never takes the balance below zero."""
    running = 0
    for entry in ledger_rows(engine, person_id):
        running += entry.points
        assert running >= 0, f"the balance went to {running} at {entry.entry_key}"

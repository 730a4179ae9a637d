"""Closing periods that have ended: from the scheduler, and lazily before every read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import reading, unit_of_work
from app.db.tables import Challenge, Period
from app.services.period_state import close_due


def close_due_periods(engine: Engine, *, now: datetime, person_id: int | None = None) -> int:
    """Close every ended period (one person's, or everyone's); idempotent. Returns how many."""
    closed = 0
    for challenge_id in due_challenge_ids(engine, now=now, person_id=person_id):
        with unit_of_work(engine) as session:
            challenge = session.exec(
                select(Challenge).where(Challenge.id == challenge_id).with_for_update()
            ).one()
            closed += close_due(session, challenge, now)
    return closed


def due_challenge_ids(engine: Engine, *, now: datetime, person_id: int | None = None) -> list[int]:
    """Challenges with at least one ended period still open (uses the partial index)."""
    query = (
        select(Period.challenge_id)
        .distinct()
        .where(col(Period.closed_at).is_(None), col(Period.ends_at) <= now)
    )
    if person_id is not None:
        query = query.join(Challenge, col(Challenge.id) == Period.challenge_id).where(
            Challenge.person_id == person_id
        )
    with reading(engine) as session:
        return list(session.exec(query).all())

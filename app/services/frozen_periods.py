"""Using a held streak freeze when a period closes missed (app/services/period_state.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.db.tables import Challenge, Period, StreakFreeze


def use_freeze(session: Session, challenge: Challenge, period: Period, now: datetime) -> bool:
    """Spend one held freeze on a period closing missed; False when none is held. The caller
    holds the challenge's lock, and a freeze covers one period (a unique index)."""
    freeze = session.exec(
        select(StreakFreeze)
        .where(
            StreakFreeze.challenge_id == challenge.id, col(StreakFreeze.used_period_id).is_(None)
        )
        .order_by(col(StreakFreeze.id))
        .limit(1)
    ).first()
    if freeze is None:
        return False
    freeze.used_period_id, freeze.used_at = period.id, now
    session.add(freeze)
    return True

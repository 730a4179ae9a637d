"""Translation between stored rows and domain values, and the shared row loaders."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import union_all
from sqlmodel import Session, col, select

from app.db.tables import Challenge, EventType, Period
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.progress import Progress
from app.services.errors import NotFound


def spec_of(challenge: Challenge, event_type_key: str = "") -> ChallengeSpec:
    return _spec(
        challenge.name,
        event_type_key,
        challenge.measure,
        challenge.attribute,
        challenge.target,
        challenge.frequency,
        challenge.every_n_days,
        challenge.total_periods,
        challenge.tracking,
        challenge.required_periods,
        challenge.window,
        challenge.start_date,
        challenge.timezone,
        challenge.points_per_period,
        challenge.points_on_completion,
    )


# Specs are frozen values: one per distinct rule is built once and shared, since a log (and
# more so a batch of checkpoints) asks for the same challenges' specs many times.
@lru_cache(maxsize=4096)
def _spec(
    name: str,
    event_type: str,
    measure: str,
    attribute: str | None,
    target: float,
    frequency: str,
    every_n_days: int,
    total_periods: int,
    tracking: str,
    required_periods: int,
    window: str,
    start_date: date | None,
    timezone: str,
    points_per_period: int,
    points_on_completion: int,
) -> ChallengeSpec:
    return ChallengeSpec(
        name=name,
        event_type=event_type,
        measure=Measure(measure),
        attribute=attribute,
        target=target,
        frequency=Frequency(frequency),
        every_n_days=every_n_days,
        total_periods=total_periods,
        tracking=Tracking(tracking),
        required_periods=required_periods,
        window=Window(window),
        start_date=start_date,
        timezone=timezone,
        points_per_period=points_per_period,
        points_on_completion=points_on_completion,
    )


def progress_of(challenge: Challenge) -> Progress:
    return Progress(challenge.closed, challenge.closed_achieved, challenge.run, challenge.best_run)


def store_progress(challenge: Challenge, progress: Progress) -> None:
    challenge.closed = progress.closed
    challenge.closed_achieved = progress.closed_achieved
    challenge.run = progress.run
    challenge.best_run = progress.best_run


def owned_challenge(
    session: Session, person_id: int, challenge_id: int, *, lock: bool = False
) -> Challenge:
    """The person's challenge, locked for update when asked; NotFound for anyone else's."""
    query = select(Challenge).where(Challenge.id == challenge_id, Challenge.person_id == person_id)
    if lock:
        query = query.with_for_update()
    challenge = session.exec(query).first()
    if challenge is None:
        raise NotFound(f"challenge {challenge_id}")
    return challenge


def owned_challenge_and_type(
    session: Session, person_id: int, challenge_id: int
) -> tuple[Challenge, EventType]:
    """The person's challenge with what it tracks; NotFound for anyone else's."""
    challenge = owned_challenge(session, person_id, challenge_id)
    event_type = session.get(EventType, challenge.event_type_id)
    assert event_type is not None, "a challenge always has its event type"
    return challenge, event_type


def period_at(session: Session, challenge_id: int, instant: datetime) -> Period | None:
    """The period whose span holds `instant` (open stamp cards have no end)."""
    period = session.exec(
        select(Period)
        .where(Period.challenge_id == challenge_id, Period.starts_at <= instant)
        .order_by(col(Period.starts_at).desc())
        .limit(1)
    ).first()
    if period is None or (period.ends_at is not None and instant >= period.ends_at):
        return None
    return period


def periods_holding(
    session: Session, challenge_ids: list[int], instant: datetime
) -> dict[int, Period]:
    """Each challenge's period whose span holds `instant`, in one statement: per challenge the
    latest period started by then (an index seek each, whatever the history), as `period_at`."""
    latest = [
        select(Period.id)
        .where(Period.challenge_id == cid, Period.starts_at <= instant)
        .order_by(col(Period.starts_at).desc())
        .limit(1)
        .subquery()
        for cid in challenge_ids
    ]
    if not latest:
        return {}
    ids = union_all(*(select(sub.c.id) for sub in latest))
    rows = session.exec(select(Period).where(col(Period.id).in_(ids))).all()
    return {p.challenge_id: p for p in rows if p.ends_at is None or instant < p.ends_at}


def period_label(period: Period) -> str:
    return f"period {period.index + 1}"

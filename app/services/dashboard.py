"""Reading a person's state: one card per challenge and the points balance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, or_, select

from app.db.engine import reading
from app.db.tables import Challenge, EventType, Period, PointsLedgerEntry, saved_id
from app.domain.challenge import Frequency, Status
from app.domain.failure import breaking_miss
from app.domain.periods import local_day
from app.domain.progress import standing
from app.services.closing import close_due_periods
from app.services.records import owned_challenge_and_type, progress_of, spec_of

VISIBLE = (Status.ACTIVE.value, Status.COMPLETED.value, Status.FAILED.value)


MissedPeriod = tuple[Frequency, date, int]


@dataclass(frozen=True)
class PeriodView:
    index: int
    starts_at: datetime
    ends_at: datetime | None
    total: float
    target: float
    achieved: bool


@dataclass(frozen=True)
class ChallengeCard:
    challenge_id: int
    name: str
    event_label: str
    unit: str
    measure: str
    attribute: str | None
    status: Status
    running: PeriodView | None  # None before the first period starts, or after the end
    time_left: timedelta | None
    current_streak: int
    best_streak: int
    achieved_periods: int
    periods_needed: int
    total_periods: int
    points_per_period: int
    points_on_completion: int
    # For a failed challenge, the missed period that ended it: (frequency, its first local
    # day, every_n_days), which app.domain.failure.missed_period words in the reader's language.
    failed_period: MissedPeriod | None = None


@dataclass(frozen=True)
class Dashboard:
    balance: int
    cards: list[ChallengeCard]


def read_dashboard(engine: Engine, *, person_id: int, now: datetime) -> Dashboard:
    """Today's state; closes due periods first, so it is right even if no scheduler ran."""
    close_due_periods(engine, now=now, person_id=person_id)
    with reading(engine) as session:
        return dashboard_in(session, person_id, now)


def dashboard_in(session: Session, person_id: int, now: datetime) -> Dashboard:
    """`read_dashboard` in the caller's unit, due periods already closed."""
    rows = session.exec(
        select(Challenge, EventType)
        .join(EventType, col(EventType.id) == Challenge.event_type_id)
        .where(Challenge.person_id == person_id, col(Challenge.status).in_(VISIBLE))
        .order_by(col(Challenge.created_at))
    ).all()
    running = running_periods(session, [saved_id(c) for c, _ in rows], now)
    reasons = failure_reasons(session, [c for c, _ in rows])
    cards = [card(c, e, running.get(saved_id(c)), now, reasons.get(saved_id(c))) for c, e in rows]
    return Dashboard(points_balance(session, person_id), cards)


def read_challenge_card(
    engine: Engine, *, person_id: int, challenge_id: int, now: datetime
) -> ChallengeCard:
    """One challenge's card, for the person who owns it."""
    close_due_periods(engine, now=now, person_id=person_id)
    with reading(engine) as session:
        challenge, event_type = owned_challenge_and_type(session, person_id, challenge_id)
        running = running_periods(session, [challenge_id], now)
        reason = failure_reasons(session, [challenge]).get(challenge_id)
        return card(challenge, event_type, running.get(challenge_id), now, reason)


def read_balance(engine: Engine, *, person_id: int) -> int:
    """The person's points: the sum of their ledger."""
    with reading(engine) as session:
        return points_balance(session, person_id)


def points_balance(session: Session, person_id: int) -> int:
    return int(
        session.exec(
            select(func.coalesce(func.sum(PointsLedgerEntry.points), 0)).where(
                PointsLedgerEntry.person_id == person_id
            )
        ).one()
    )


def card(
    challenge: Challenge,
    event_type: EventType,
    period: Period | None,
    now: datetime,
    failed_period: MissedPeriod | None = None,
) -> ChallengeCard:
    spec = spec_of(challenge, event_type.key)
    running_achieved = period is not None and period.achieved_at is not None
    st = standing(spec, progress_of(challenge), running_achieved=running_achieved)
    status = Status(challenge.status)
    if (
        status is Status.ACTIVE
        and period is None
        and challenge.first_day is not None
        and challenge.closed == 0
    ):
        status = Status.UPCOMING
    view = (
        None
        if period is None
        else PeriodView(
            period.index,
            period.starts_at,
            period.ends_at,
            period.total,
            period.target,
            running_achieved,
        )
    )
    time_left = None if period is None or period.ends_at is None else period.ends_at - now
    return ChallengeCard(
        saved_id(challenge),
        challenge.name,
        event_type.label,
        event_type.unit,
        challenge.measure,
        challenge.attribute,
        status,
        view,
        time_left,
        st.current_streak,
        st.best_streak,
        st.achieved,
        spec.periods_needed,
        spec.total_periods,
        spec.points_per_period,
        spec.points_on_completion,
        failed_period if status is Status.FAILED else None,
    )


def failure_reasons(session: Session, challenges: Sequence[Challenge]) -> dict[int, MissedPeriod]:
    """Why each failed one of `challenges` failed, in its zone; one query for them all."""
    failed = {saved_id(c): c for c in challenges if c.status == Status.FAILED.value}
    if not failed:
        return {}
    closed: dict[int, list[Period]] = {cid: [] for cid in failed}
    for period in session.exec(
        select(Period)
        .where(col(Period.challenge_id).in_(list(failed)), col(Period.outcome).is_not(None))
        .order_by(col(Period.challenge_id), col(Period.index))
    ).all():
        closed[period.challenge_id].append(period)
    reasons: dict[int, MissedPeriod] = {}
    for challenge_id, periods in closed.items():
        spec = spec_of(failed[challenge_id])
        position = breaking_miss(spec, [p.outcome or "" for p in periods])
        if position is not None:
            first_day = local_day(periods[position].starts_at, spec.timezone)
            reasons[challenge_id] = (spec.frequency, first_day, spec.every_n_days)
    return reasons


def running_periods(session: Session, challenge_ids: list[int], now: datetime) -> dict[int, Period]:
    if not challenge_ids:
        return {}
    periods = session.exec(
        select(Period).where(
            col(Period.challenge_id).in_(challenge_ids),
            col(Period.closed_at).is_(None),
            Period.starts_at <= now,
            or_(col(Period.ends_at).is_(None), col(Period.ends_at) > now),
        )
    ).all()
    return {p.challenge_id: p for p in periods}

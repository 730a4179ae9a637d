"""What one log adds to each challenge it feeds: finding them, crediting, taking back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from sqlmodel import Session, col, func, or_, select

from app.db.tables import Challenge, Log, LogCredit, Period, saved_id
from app.domain.challenge import TERMINAL_STATUSES, Measure
from app.domain.measures import delta_on_log, delta_on_undo, log_amount
from app.domain.periods import local_day
from app.services.period_state import move_total
from app.services.records import spec_of


def lock_fed_challenges(
    session: Session, *, person_id: int, event_type_id: int, origin_id: int
) -> list[Challenge]:
    """The origin and every other live challenge of the person on the event type, locked in
    id order (so two logs at once never lock them in opposite orders)."""
    live = col(Challenge.status).not_in([s.value for s in TERMINAL_STATUSES])
    return list(
        session.exec(
            select(Challenge)
            .where(
                Challenge.person_id == person_id,
                Challenge.event_type_id == event_type_id,
                or_(Challenge.id == origin_id, live),
            )
            .order_by(col(Challenge.id))
            .with_for_update()
        ).all()
    )


def credit(
    session: Session,
    challenge: Challenge,
    period: Period,
    log: Log,
    attributes: Mapping[str, object],
    now: datetime,
) -> LogCredit:
    """Count `log` in `period` of `challenge`; refused (RuleError) if it carries no amount
    the challenge's measure can use."""
    amount, day = count_toward(session, challenge, period, log.occurred_at, attributes, now)
    entry = LogCredit(
        log_id=saved_id(log),
        challenge_id=saved_id(challenge),
        period_id=saved_id(period),
        occurred_at=log.occurred_at,
        local_day=day,
        amount=amount,
    )
    session.add(entry)  # flushed with the rest: no read in this log's work needs it first
    return entry


def count_toward(
    session: Session,
    challenge: Challenge,
    period: Period,
    occurred_at: datetime,
    attributes: Mapping[str, object],
    now: datetime,
) -> tuple[float, date]:
    """What `credit` does but keeping the credit: the period's total moves (points follow);
    the log's amount and local day there, for the caller's LogCredit row."""
    spec = spec_of(challenge)
    amount = log_amount(spec.measure, spec.attribute, attributes)
    day = local_day(occurred_at, spec.timezone)
    earlier = (
        active_credits_on(session, saved_id(period), day) if spec.measure is Measure.VISIT else 0
    )
    move_total(
        session,
        challenge,
        period,
        delta_on_log(spec.measure, amount, earlier_logs_that_day=earlier),
        now,
    )
    return amount, day


def withdraw(
    session: Session, challenge: Challenge, period: Period, entry: LogCredit, now: datetime
) -> None:
    """Take a credit back from its running period; points follow if achievement flips."""
    entry.withdrawn_at = now
    session.add(entry)
    session.flush()
    spec = spec_of(challenge)
    others = (
        active_credits_on(session, entry.period_id, entry.local_day)
        if spec.measure is Measure.VISIT
        else 0
    )
    move_total(
        session,
        challenge,
        period,
        delta_on_undo(spec.measure, entry.amount, other_logs_that_day=others),
        now,
    )


def credits_of(session: Session, log_id: int) -> Sequence[LogCredit]:
    return session.exec(
        select(LogCredit).where(LogCredit.log_id == log_id).order_by(col(LogCredit.challenge_id))
    ).all()


def active_credits_on(session: Session, period_id: int, day: object) -> int:
    return session.exec(
        select(func.count())
        .select_from(LogCredit)
        .where(
            LogCredit.period_id == period_id,
            LogCredit.local_day == day,
            col(LogCredit.withdrawn_at).is_(None),
        )
    ).one()

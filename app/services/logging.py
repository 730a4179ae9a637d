"""Logging progress and undoing a log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, Log, Period, saved_id
from app.domain.challenge import Measure, Status, Window
from app.domain.errors import RuleError
from app.domain.measures import delta_on_log, delta_on_undo, log_amount
from app.domain.periods import local_day, plan_periods, start_of_local_day
from app.services.challenges import insert_periods
from app.services.errors import NotFound
from app.services.outbox import cancel_unsent, challenge_stream, enqueue
from app.services.period_state import close_due, move_total
from app.services.records import owned_challenge, period_at, spec_of

UNDONE_BEFORE_SENT = "Undone before it was sent upstream; nothing to mirror."


@dataclass(frozen=True)
class LogReceipt:
    log_id: int
    period_total: float
    period_achieved: bool
    duplicate: bool  # True when the idempotency key had already been used


def log_progress(
    engine: Engine,
    *,
    person_id: int,
    challenge_id: int,
    idempotency_key: str,
    now: datetime,
    occurred_at: datetime | None = None,
    attributes: Mapping[str, object] | None = None,
) -> LogReceipt:
    """Record one log; the same idempotency key twice records it once."""
    occurred_at = occurred_at or now
    attributes = dict(attributes or {})
    with unit_of_work(engine) as session:
        challenge = owned_challenge(session, person_id, challenge_id, lock=True)
        existing = _log_by_key(session, challenge_id, idempotency_key)
        if existing is not None:
            period = session.get(Period, existing.period_id)
            assert period is not None
            return LogReceipt(
                saved_id(existing), period.total, period.achieved_at is not None, True
            )
        close_due(session, challenge, now)
        period = _open_period_for(session, challenge, occurred_at, now)
        spec = spec_of(challenge)
        amount = log_amount(spec.measure, spec.attribute, attributes)
        day = local_day(occurred_at, spec.timezone)
        earlier = (
            _active_logs_on(session, saved_id(period), day) if spec.measure is Measure.VISIT else 0
        )
        log = Log(
            challenge_id=challenge_id,
            period_id=saved_id(period),
            person_id=person_id,
            occurred_at=occurred_at,
            local_day=day,
            amount=amount,
            attributes=attributes,
            idempotency_key=idempotency_key,
            created_at=now,
        )
        session.add(log)
        session.flush()
        move_total(
            session,
            challenge,
            period,
            delta_on_log(spec.measure, amount, earlier_logs_that_day=earlier),
            now,
        )
        enqueue(
            session,
            kind="event.post",
            stream=challenge_stream(challenge_id),
            key=post_key(saved_id(log)),
            payload={"log_id": log.id},
            challenge_id=challenge_id,
            now=now,
        )
        return LogReceipt(saved_id(log), period.total, period.achieved_at is not None, False)


def undo_log(engine: Engine, *, person_id: int, log_id: int, now: datetime) -> None:
    """Take a log back while its period is still running; un-achieving takes points back."""
    with unit_of_work(engine) as session:
        log = session.get(Log, log_id)
        if log is None or log.person_id != person_id:
            raise NotFound(f"log {log_id}")
        challenge = owned_challenge(session, person_id, log.challenge_id, lock=True)
        if log.undone_at is not None:
            return  # undoing twice is the same as once
        close_due(session, challenge, now)
        period = session.get(Period, log.period_id)
        assert period is not None
        if period.closed_at is not None:
            raise RuleError(
                "log", "That period has ended, so its logs are final and can't be undone."
            )
        log.undone_at = now
        session.add(log)
        session.flush()
        spec = spec_of(challenge)
        others = (
            _active_logs_on(session, saved_id(period), log.local_day)
            if spec.measure is Measure.VISIT
            else 0
        )
        move_total(
            session,
            challenge,
            period,
            delta_on_undo(spec.measure, log.amount, other_logs_that_day=others),
            now,
        )
        if cancel_unsent(session, key=post_key(saved_id(log)), reason=UNDONE_BEFORE_SENT):
            return  # nothing went upstream, so nothing needs taking back
        enqueue(
            session,
            kind="event.retract",
            stream=challenge_stream(saved_id(challenge)),
            key=f"log:{log.id}:retract",
            payload={"log_id": log.id},
            challenge_id=challenge.id,
            now=now,
        )


def post_key(log_id: int) -> str:
    """The idempotency key of a log's `event.post` outbox item."""
    return f"log:{log_id}:post"


def _open_period_for(
    session: Session, challenge: Challenge, occurred_at: datetime, now: datetime
) -> Period:
    """The running period a log at `occurred_at` belongs to, or a readable refusal."""
    if occurred_at > now:
        raise RuleError("occurred_at", "You can't log something that hasn't happened yet.")
    if challenge.ended_at is not None or challenge.status == Status.COMPLETED.value:
        raise RuleError(
            "challenge", f"This challenge is {challenge.status}; start a new one to keep going."
        )
    spec = spec_of(challenge)
    if spec.window is Window.CYCLIC_WINDOW and challenge.first_day is None:
        _start_cyclic_window(session, challenge, occurred_at)
    period = period_at(session, saved_id(challenge), occurred_at)
    if period is None:
        if challenge.first_day is not None and occurred_at < start_of_local_day(
            challenge.first_day, spec.timezone
        ):
            raise RuleError(
                "occurred_at",
                f"This challenge starts on {challenge.first_day:%d %B %Y}; log from that day on.",
            )
        raise RuleError("occurred_at", "That time is outside this challenge's periods.")
    if period.closed_at is not None:
        raise RuleError(
            "occurred_at", "That period has ended; you can only log into the running period."
        )
    return period


def _start_cyclic_window(session: Session, challenge: Challenge, occurred_at: datetime) -> None:
    """The first log after enrolment starts the periods, from its local day."""
    spec = spec_of(challenge)
    if occurred_at < challenge.created_at:
        raise RuleError(
            "occurred_at",
            "This challenge starts at your first log after you joined; log something from now on.",
        )
    challenge.first_day = local_day(occurred_at, spec.timezone)
    session.add(challenge)
    insert_periods(session, challenge, plan_periods(spec, challenge.first_day))
    session.flush()


def _log_by_key(session: Session, challenge_id: int, key: str) -> Log | None:
    return session.exec(
        select(Log).where(Log.challenge_id == challenge_id, Log.idempotency_key == key)
    ).first()


def _active_logs_on(session: Session, period_id: int, day: object) -> int:
    return session.exec(
        select(func.count())
        .select_from(Log)
        .where(Log.period_id == period_id, Log.local_day == day, col(Log.undone_at).is_(None))
    ).one()

"""What Capillary's totals should be, from our database: the input of reconciliation."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, EventType, Log, OutboxItem, Period, Person
from app.domain.challenge import Measure
from app.sync.mapping import logged_amount

CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True)
class Expected:
    challenge_id: int
    group_id: int
    totals: dict[int, float]  # period index → what upstream should count
    target_id: int | None = None
    # period index → the sent logs that fall in it: (log id, Capillary's requestId or None)
    events: dict[int, list[tuple[int, str | None]]] = field(default_factory=dict)
    # Periods a streak freeze covered here: upstream, which has no freezes, has them missed.
    frozen: tuple[int, ...] = ()


@dataclass(frozen=True)
class PersonPlan:
    person_id: int
    customer_id: int
    challenges: list[Expected]


@dataclass(frozen=True)
class _SentLog:
    event_type_id: int
    occurred_at: datetime
    value: float  # what the event carried for a SUM target on `attribute`
    attribute: str | None
    log_id: int = 0
    request_id: str | None = None


def load_plans(engine: Engine, *, now: datetime, recent: timedelta) -> list[PersonPlan]:
    """Per enrolled customer: each synced challenge's started periods and expected totals."""
    with unit_of_work(engine) as session:
        rows = session.exec(
            select(Challenge, Person.upstream_customer_id)
            .join(Person, col(Person.id) == Challenge.person_id)
            .where(
                col(Challenge.upstream_group_id).is_not(None),
                col(Person.upstream_customer_id).is_not(None),
                Challenge.status != "abandoned",
                or_(col(Challenge.ended_at).is_(None), col(Challenge.ended_at) >= now - recent),
            )
        ).all()
        enrolled = _enrolled(session, [_id(c) for c, _ in rows])
        synced = [(c, customer) for c, customer in rows if c.id in enrolled]
        if not synced:
            return []
        periods = _started_periods(session, [_id(c) for c, _ in synced], now)
        sent = _sent_logs(session, {c.person_id for c, _ in synced})
    plans: dict[int, PersonPlan] = {}
    for challenge, customer in synced:
        assert customer is not None
        plan = plans.setdefault(challenge.person_id, PersonPlan(challenge.person_id, customer, []))
        logs = [s for s in sent[challenge.person_id] if s.event_type_id == challenge.event_type_id]
        totals, events = _totals(challenge, periods[_id(challenge)], logs)
        assert challenge.upstream_group_id is not None
        plan.challenges.append(
            Expected(
                _id(challenge),
                challenge.upstream_group_id,
                totals,
                challenge.upstream_target_id,
                events,
                tuple(p.index for p in periods[_id(challenge)] if p.outcome == "frozen"),
            )
        )
    return list(plans.values())


def _totals(
    challenge: Challenge, periods: list[Period], logs: list[_SentLog]
) -> tuple[dict[int, float], dict[int, list[tuple[int, str | None]]]]:
    """COUNT, VISIT (distinct local days in the group's zone) or SUM per period, and the
    sent logs that fall in each."""
    measure = Measure(challenge.measure)
    zone = ZoneInfo(challenge.timezone)
    starts = [p.starts_at for p in periods]
    counted: dict[int, float] = {p.index: 0.0 for p in periods}
    days: dict[int, set[date]] = defaultdict(set)
    events: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for log in logs:
        position = bisect_right(starts, log.occurred_at) - 1
        if position < 0:
            continue
        period = periods[position]
        if period.ends_at is not None and log.occurred_at >= period.ends_at:
            continue
        events[period.index].append((log.log_id, log.request_id))
        if measure is Measure.VISIT:
            days[period.index].add(log.occurred_at.astimezone(zone).date())
        elif measure is Measure.SUM:
            counted[period.index] += log.value if log.attribute == challenge.attribute else 0.0
        else:
            counted[period.index] += 1
    for index, seen in days.items():
        counted[index] = float(len(seen))
    return {index: round(total, 6) for index, total in counted.items()}, dict(events)


def _enrolled(session: Session, challenge_ids: list[int]) -> set[int]:
    keys = [f"challenge:{cid}:enrolment.create" for cid in challenge_ids]
    found: set[int] = set()
    for chunk in _chunks(keys):
        found.update(
            cid
            for cid in session.exec(
                select(OutboxItem.challenge_id).where(
                    col(OutboxItem.idempotency_key).in_(chunk), OutboxItem.status == "sent"
                )
            ).all()
            if cid is not None
        )
    return found


def _started_periods(
    session: Session, challenge_ids: list[int], now: datetime
) -> dict[int, list[Period]]:
    periods: dict[int, list[Period]] = defaultdict(list)
    for chunk in _chunks(challenge_ids):
        for period in session.exec(
            select(Period)
            .where(col(Period.challenge_id).in_(chunk), Period.starts_at <= now)
            .order_by(col(Period.starts_at))
        ).all():
            periods[period.challenge_id].append(period)
    return periods


def _sent_logs(session: Session, person_ids: Iterable[int]) -> dict[int, list[_SentLog]]:
    """Every log of these people whose event reached upstream, with what it carried."""
    challenge_ids = list(
        session.exec(
            select(Challenge.id).where(col(Challenge.person_id).in_(list(person_ids)))
        ).all()
    )
    log_ids: list[int] = []
    for ids in _chunks(challenge_ids):
        for payload in session.exec(
            select(OutboxItem.payload).where(
                col(OutboxItem.challenge_id).in_(ids),
                OutboxItem.status == "sent",
                OutboxItem.kind == "event.post",
            )
        ).all():
            log_ids.append(int(payload["log_id"]))
    logs = [
        log
        for chunk in _chunks(log_ids)
        for log in session.exec(select(Log).where(col(Log.id).in_(chunk))).all()
    ]
    types = {
        t.id: t
        for t in session.exec(
            select(EventType).where(col(EventType.id).in_({log.event_type_id for log in logs}))
        ).all()
    }
    sent: dict[int, list[_SentLog]] = defaultdict(list)
    for log in logs:
        event_type = types[log.event_type_id]
        amount = logged_amount(log, event_type)
        sent[log.person_id].append(
            _SentLog(
                log.event_type_id,
                log.occurred_at,
                amount or 0.0,
                event_type.attribute if amount is not None else None,
                _log_id(log),
                log.upstream_request_id,
            )
        )
    return sent


def _chunks(values: list[T]) -> Iterable[list[T]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _log_id(log: Log) -> int:
    assert log.id is not None
    return log.id


def _id(challenge: Challenge) -> int:
    assert challenge.id is not None
    return challenge.id

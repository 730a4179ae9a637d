"""Many logs at one instant in one transaction, as record_log would record them one by one,
with the reads and writes done in bulk: what a batch of API checkpoints needs to be fast.

Each row is one origin challenge and its logs (checkpointAmount N of a COUNT rule is N logs).
A row refused at its first log writes nothing; one refused part-way keeps the logs before and
says so. VISIT rules and cyclic windows that have not started are recorded one log at a time
through record_log (their reads must see each earlier write).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, or_, select

from app.db.tables import Challenge, Log, LogCredit, Period, saved_id
from app.domain.challenge import TERMINAL_STATUSES, Measure, Window
from app.domain.errors import RuleError
from app.domain.measures import log_amount
from app.services.assignments import refusals
from app.services.log_credits import count_toward
from app.services.logging import open_period_for, period_that_counts, post_key, record_log
from app.services.outbox import challenge_stream, enqueue_many, outbox_row
from app.services.period_state import close_due, due_periods
from app.services.records import spec_of


@dataclass(frozen=True)
class LogRow:
    person_id: int
    challenge_id: int
    logs: Sequence[tuple[str, Mapping[str, object]]]  # each log's idempotency key, attributes


def record_rows(session: Session, rows: Sequence[LogRow], now: datetime) -> list[str | None]:
    """Record every row's logs at `now`; per row None, or why (some of) it was refused."""
    if not rows:
        return []
    with session.no_autoflush:
        fed_by = _lock_fed(session, rows)
        everyone = {saved_id(c): c for group in fed_by.values() for c in group}
        if any(_one_at_a_time(c) for c in everyone.values()):
            return [_row_by_row(session, row, now) for row in rows]
        refused = refusals(session, everyone.values(), now)
        ids = sorted(everyone)
        due = due_periods(session, ids, now)
        for cid in ids:
            close_due(session, everyone[cid], now, due[cid])
        holding = _running(session, ids, now)
        answers: list[str | None] = []
        logs: list[dict[str, Any]] = []
        credits: list[list[dict[str, Any]]] = []  # each log's, in the same order
        for row in rows:
            origin = everyone[row.challenge_id]
            if row.challenge_id in refused:
                answers.append(refused[row.challenge_id])
                continue
            fed = [
                c
                for c in fed_by[(row.person_id, origin.event_type_id)]
                if saved_id(c) not in refused and c is not origin
            ]
            answers.append(_record_row(session, row, origin, fed, holding, now, logs, credits))
        local_only = {cid for cid, c in everyone.items() if not c.mirrored}
        _insert(session, logs, credits, now, local_only)
    return answers


def _insert(
    session: Session,
    logs: list[dict[str, Any]],
    credits: list[list[dict[str, Any]]],
    now: datetime,
    local_only: set[int],
) -> None:
    """The logs in one statement (their ids back, in order), then their credits and their
    `event.post` outbox rows (none for a challenge imported to stay local)."""
    if not logs:
        return
    # RETURNING in any order lets the logs go out in a few multi-row INSERTs (one per row
    # otherwise); each comes back by its idempotency key, unique in the batch.
    inserted = session.execute(insert(Log).returning(col(Log.id), col(Log.idempotency_key)), logs)
    id_of = {key: log_id for log_id, key in inserted.all()}
    entries, posts = [], []
    for log, its_credits in zip(logs, credits, strict=True):
        log_id = id_of[log["idempotency_key"]]
        entries += [{**c, "log_id": log_id} for c in its_credits]
        origin = log["challenge_id"]
        if origin in local_only:
            continue
        posts.append(
            outbox_row(
                "event.post",
                challenge_stream(origin),
                post_key(log_id),
                {"log_id": log_id},
                now,
                challenge_id=origin,
            )
        )
    session.execute(insert(LogCredit), entries)
    enqueue_many(session, posts)


def _record_row(
    session: Session,
    row: LogRow,
    origin: Challenge,
    fed: list[Challenge],
    holding: dict[int, Period],
    now: datetime,
    logs: list[dict[str, Any]],
    credits: list[list[dict[str, Any]]],
) -> str | None:
    spec = spec_of(origin)
    for done, (key, attributes) in enumerate(row.logs):
        try:  # every check before the first write, so a refused log leaves nothing
            log_amount(spec.measure, spec.attribute, attributes)
            period = open_period_for(session, origin, now, now, holding)
        except RuleError as refused:
            if done == 0:
                return str(refused)
            return f"{done} of {len(row.logs)} recorded, then refused: {refused}"
        logs.append(
            {
                "person_id": row.person_id,
                "event_type_id": origin.event_type_id,
                "challenge_id": saved_id(origin),
                "occurred_at": now,
                "attributes": dict(attributes),
                "idempotency_key": key,
                "created_at": now,
            }
        )
        its = [_credit(session, origin, period, attributes, now)]
        for other in fed:
            counted_in = period_that_counts(session, other, now, attributes, now, holding)
            if counted_in is not None:
                its.append(_credit(session, other, counted_in, attributes, now))
        credits.append(its)
    return None


def _credit(
    session: Session,
    challenge: Challenge,
    period: Period,
    attributes: Mapping[str, object],
    now: datetime,
) -> dict[str, Any]:
    """The log's credit row for `challenge` (its log id comes once the logs are inserted)."""
    amount, day = count_toward(session, challenge, period, now, attributes, now)
    return {
        "challenge_id": saved_id(challenge),
        "period_id": saved_id(period),
        "occurred_at": now,
        "local_day": day,
        "amount": amount,
    }


def _row_by_row(session: Session, row: LogRow, now: datetime) -> str | None:
    """The careful way: each log through record_log in its own savepoint."""
    for done, (key, attributes) in enumerate(row.logs):
        try:
            with session.begin_nested():
                record_log(
                    session,
                    person_id=row.person_id,
                    challenge_id=row.challenge_id,
                    idempotency_key=key,
                    now=now,
                    attributes=attributes,
                    receipt=False,
                )
        except RuleError as refused:
            if done == 0:
                return str(refused)
            return f"{done} of {len(row.logs)} recorded, then refused: {refused}"
    return None


def _lock_fed(session: Session, rows: Sequence[LogRow]) -> dict[tuple[int, int], list[Challenge]]:
    """Each person's origins and live challenges on the origins' event types, locked in id
    order (as lock_fed_challenges, for every row at once)."""
    origins = {r.challenge_id for r in rows}
    origin_types = session.exec(
        select(Challenge.id, Challenge.event_type_id).where(col(Challenge.id).in_(origins))
    ).all()
    types = {t for _, t in origin_types}
    live = col(Challenge.status).not_in([s.value for s in TERMINAL_STATUSES])
    found = session.exec(
        select(Challenge)
        .where(
            col(Challenge.person_id).in_({r.person_id for r in rows}),
            col(Challenge.event_type_id).in_(types),
            or_(col(Challenge.id).in_(origins), live),
        )
        .order_by(col(Challenge.id))
        .with_for_update()
    ).all()
    grouped: dict[tuple[int, int], list[Challenge]] = {}
    for challenge in found:
        grouped.setdefault((challenge.person_id, challenge.event_type_id), []).append(challenge)
    return grouped


def _running(session: Session, ids: list[int], now: datetime) -> dict[int, Period]:
    """Each challenge's period holding `now` (periods of a challenge never overlap)."""
    found = session.exec(
        select(Period).where(
            col(Period.challenge_id).in_(ids),
            col(Period.starts_at) <= now,
            or_(col(Period.ends_at).is_(None), col(Period.ends_at) > now),
        )
    ).all()
    return {p.challenge_id: p for p in found}


def _one_at_a_time(challenge: Challenge) -> bool:
    unstarted_cycle = challenge.window == Window.CYCLIC_WINDOW.value and challenge.first_day is None
    return challenge.measure == Measure.VISIT.value or unstarted_cycle

"""How far a challenge's upstream mirror has got, retrying what failed, and the operator's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import and_, func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import reading, unit_of_work
from app.db.tables import Challenge, OutboxItem
from app.services.records import owned_challenge

STATUSES = ("pending", "sent", "dead", "skipped", "cancelled")

State = Literal["synced", "pending", "failed"]


@dataclass(frozen=True)
class SyncState:
    state: State
    reason: str | None  # the readable reason of the first dead item, when failed
    pending: int = 0
    sent: int = 0
    dead: int = 0
    skipped: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    stream: str
    challenge_id: int | None
    status: str
    attempts: int
    next_attempt_at: datetime
    reason: str | None
    created_at: datetime
    sent_at: datetime | None
    leased_until: datetime | None


def read_sync_state(engine: Engine, *, person_id: int, challenge_id: int) -> SyncState:
    """Whether the challenge is mirrored upstream, still on its way, or stuck and why."""
    with reading(engine) as session:
        owned_challenge(session, person_id, challenge_id)
        return _states(session, person_id, challenge_id).get(challenge_id, _state({}, None))


def read_sync_states(engine: Engine, *, person_id: int) -> dict[int, SyncState]:
    """Every challenge of the person, by id, in one aggregate query (for Today)."""
    with reading(engine) as session:
        return _states(session, person_id, None)


def retry_failed(engine: Engine, *, person_id: int, challenge_id: int, now: datetime) -> int:
    """Put the challenge's dead items back in line, due now; how many there were."""
    with unit_of_work(engine) as session:
        owned_challenge(session, person_id, challenge_id, lock=True)
        result = session.execute(
            update(OutboxItem)
            .where(col(OutboxItem.challenge_id) == challenge_id, col(OutboxItem.status) == "dead")
            .values(
                status="pending",
                attempts=0,
                next_attempt_at=now,
                last_error=None,
                lease_until=None,
                lease_owner=None,
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def read_outbox(
    engine: Engine, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> list[OutboxRow]:
    """Outbox items, newest first, optionally of one status (for an operator page)."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    query = select(OutboxItem).order_by(col(OutboxItem.id).desc()).offset(offset).limit(limit)
    if status is not None:
        query = query.where(OutboxItem.status == status)
    with reading(engine) as session:
        return [_row(item) for item in session.exec(query).all()]


def outbox_counts(engine: Engine) -> dict[str, int]:
    """How many items are in each status; every status is present."""
    with reading(engine) as session:
        counted = session.exec(
            select(OutboxItem.status, func.count()).group_by(col(OutboxItem.status))
        ).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: int(n) for status, n in counted})
    return counts


def _states(session: Session, person_id: int, challenge_id: int | None) -> dict[int, SyncState]:
    """Counts per challenge and status, plus the first dead item's reason where there is one."""
    query = (
        select(
            Challenge.id,
            OutboxItem.status,
            func.count(col(OutboxItem.id)),
            func.min(col(OutboxItem.id)),
        )
        .select_from(Challenge)
        .outerjoin(OutboxItem, and_(col(OutboxItem.challenge_id) == Challenge.id))
        .where(Challenge.person_id == person_id)
        .group_by(col(Challenge.id), col(OutboxItem.status))
    )
    if challenge_id is not None:
        query = query.where(Challenge.id == challenge_id)
    counts: dict[int, dict[str, int]] = {}
    first_dead: dict[int, int] = {}
    for cid, status, n, first in session.exec(query).all():
        assert cid is not None
        per = counts.setdefault(cid, {})
        if status is not None:
            per[status] = int(n)
        if status == "dead" and first is not None:
            first_dead[cid] = int(first)
    reasons: dict[int, str | None] = {}
    if first_dead:
        rows = session.exec(
            select(OutboxItem.id, OutboxItem.last_error).where(
                col(OutboxItem.id).in_(list(first_dead.values()))
            )
        ).all()
        by_id = dict(rows)
        reasons = {cid: by_id.get(item_id) for cid, item_id in first_dead.items()}
    return {cid: _state(per, reasons.get(cid)) for cid, per in counts.items()}


def _state(counts: dict[str, int], reason: str | None) -> SyncState:
    state: State = "synced"
    if counts.get("dead"):
        state = "failed"
    elif counts.get("pending"):
        state = "pending"
    return SyncState(
        state,
        reason if state == "failed" else None,
        **{status: counts.get(status, 0) for status in STATUSES},
    )


def _row(item: OutboxItem) -> OutboxRow:
    assert item.id is not None
    return OutboxRow(
        item.id,
        item.kind,
        item.stream,
        item.challenge_id,
        item.status,
        item.attempts,
        item.next_attempt_at,
        item.last_error,
        item.created_at,
        item.sent_at,
        item.lease_until,
    )

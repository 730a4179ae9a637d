"""The relay's database work: claim due outbox rows under a lease, and record what happened.

Blocking functions, run in a thread by the relay; each is one short transaction and works
on many rows at once. A claim takes, for each stream whose head (lowest open id) is due and
unleased, the run of due pending items from that head on. PostgreSQL locks the rows with
`FOR UPDATE SKIP LOCKED` while claiming, so two relays never claim the same stream at once;
SQLite's BEGIN IMMEDIATE serialises claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import EventType, Log, OutboxItem

# Written exactly as the partial index's predicate, so PostgreSQL can use the index.
IS_OPEN = text("outbox_item.status IN ('pending', 'dead')")
CHUNK = 500  # ids per IN list, well below SQLite's bound-parameter limit


@dataclass
class Claimed:
    """One leased outbox row; `body` is filled at claim time for event posts."""

    id: int
    kind: str
    stream: str
    key: str
    payload: dict[str, Any]
    attempts: int
    challenge_id: int | None
    body: dict[str, Any] | None = None


@dataclass
class Claim:
    owner: str
    lease_until: datetime
    streams: dict[str, list[Claimed]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(items) for items in self.streams.values())


EventBody = Callable[[Log, EventType], dict[str, Any]]


def claim(
    engine: Engine,
    *,
    owner: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    per_stream: int,
    event_body: EventBody,
    max_streams: int | None = None,
) -> Claim:
    """Lease up to `limit` items, whole runs from the heads of due streams, oldest first."""
    result = Claim(owner, now + lease)
    with unit_of_work(engine) as session:
        heads = _due_heads(session, now, min(limit, max_streams or limit))
        if not heads:
            return result
        candidates = _candidate_ids(session, list(heads), per_stream)
        rows = _lock(session, candidates)
        taken: list[OutboxItem] = []
        for stream, head in heads.items():
            run = _claimable_run(rows.get(stream, []), head, now, candidates[stream])
            taken.extend(run[: max(0, limit - len(taken))])
            if len(taken) >= limit:
                break
        if not taken:
            return result
        for chunk in chunks([saved(r) for r in taken]):
            session.execute(
                update(OutboxItem)
                .where(col(OutboxItem.id).in_(chunk))
                .values(lease_until=result.lease_until, lease_owner=owner)
                .execution_options(synchronize_session=False)
            )
        bodies = _event_bodies(session, taken, event_body)
        for row in taken:
            result.streams.setdefault(row.stream, []).append(
                Claimed(
                    saved(row),
                    row.kind,
                    row.stream,
                    row.idempotency_key,
                    dict(row.payload),
                    row.attempts,
                    row.challenge_id,
                    bodies.get(saved(row)),
                )
            )
    return result


def saved(row: OutboxItem) -> int:
    assert row.id is not None
    return row.id


# --- claiming ---------------------------------------------------------------------------------


def _due_heads(session: Session, now: datetime, limit: int) -> dict[str, int]:
    """Stream → head id, for streams whose head is pending, due and unleased; oldest first."""
    heads = (
        select(OutboxItem.stream, func.min(OutboxItem.id).label("head"))
        .where(IS_OPEN)
        .group_by(col(OutboxItem.stream))
        .subquery()
    )
    query = (
        select(OutboxItem.stream, OutboxItem.id)
        .join(heads, col(OutboxItem.id) == heads.c.head)
        .where(
            OutboxItem.status == "pending",
            OutboxItem.next_attempt_at <= now,
            or_(col(OutboxItem.lease_until).is_(None), col(OutboxItem.lease_until) <= now),
        )
        .order_by(col(OutboxItem.id))
        .limit(limit)
    )
    return {stream: item_id for stream, item_id in session.exec(query).all() if item_id is not None}


def _candidate_ids(session: Session, streams: list[str], per_stream: int) -> dict[str, list[int]]:
    """The first `per_stream` open ids of each stream, read without locks."""
    ranked = (
        select(
            OutboxItem.stream,
            OutboxItem.id,
            func.row_number()
            .over(partition_by=col(OutboxItem.stream), order_by=col(OutboxItem.id))
            .label("rank"),
        )
        .where(col(OutboxItem.stream).in_(streams), IS_OPEN)
        .subquery()
    )
    result: dict[str, list[int]] = defaultdict(list)
    query = (
        select(ranked.c.stream, ranked.c.id)
        .where(ranked.c.rank <= per_stream)
        .order_by(ranked.c.id)
    )
    for stream, item_id in session.execute(query).all():
        result[stream].append(item_id)
    return result


def _lock(session: Session, candidates: dict[str, list[int]]) -> dict[str, list[OutboxItem]]:
    """The candidate rows as they are now, locked; rows another relay holds are left out."""
    ids = [i for run in candidates.values() for i in run]
    rows: dict[str, list[OutboxItem]] = defaultdict(list)
    for chunk in chunks(ids):
        query = (
            select(OutboxItem)
            .where(col(OutboxItem.id).in_(chunk))
            .order_by(col(OutboxItem.id))
            .with_for_update(skip_locked=True)
        )
        for row in session.exec(query).all():
            rows[row.stream].append(row)
    return rows


def _claimable_run(
    rows: list[OutboxItem], head: int, now: datetime, expected: list[int]
) -> list[OutboxItem]:
    """The longest run from the head with no gap, each row pending, due and unleased."""
    run: list[OutboxItem] = []
    by_id = {saved(r): r for r in rows}
    if head not in by_id:
        return run  # the head is locked by another relay, or no longer open
    for item_id in expected:
        row = by_id.get(item_id)
        if row is None or not _ready(row, now):
            break
        run.append(row)
    return run


def _ready(row: OutboxItem, now: datetime) -> bool:
    return (
        row.status == "pending"
        and row.next_attempt_at <= now
        and (row.lease_until is None or row.lease_until <= now)
    )


def _event_bodies(
    session: Session, rows: list[OutboxItem], event_body: EventBody
) -> dict[int, dict[str, Any]]:
    """Webhook bodies for the claimed event posts, from a handful of queries."""
    posts = {saved(r): int(r.payload["log_id"]) for r in rows if r.kind == "event.post"}
    if not posts:
        return {}
    logs = {saved_log(log): log for log in _by_ids(session, Log, posts.values())}
    types = {t.id: t for t in _by_ids(session, EventType, {g.event_type_id for g in logs.values()})}
    bodies: dict[int, dict[str, Any]] = {}
    for item_id, log_id in posts.items():
        log = logs.get(log_id)
        if log is None:
            continue  # the relay dead-letters a post whose log is gone
        bodies[item_id] = event_body(log, types[log.event_type_id])
    return bodies


def _by_ids(session: Session, table: Any, ids: Iterable[int]) -> list[Any]:
    found: list[Any] = []
    for chunk in chunks(sorted(set(ids))):
        found.extend(session.exec(select(table).where(col(table.id).in_(chunk))).all())
    return found


def saved_log(log: Log) -> int:
    assert log.id is not None
    return log.id


def chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])

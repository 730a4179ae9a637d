"""Writing what the relay learnt: sent, retried later, dead, skipped, or handed back.

One transaction per call; only rows the relay still holds (its `lease_owner`, still
pending) are changed, so a relay whose lease ran out cannot overwrite another's work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Table, bindparam, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.db.engine import unit_of_work
from app.db.tables import OutboxItem
from app.sync.claims import chunks

Verdict = Literal["sent", "retry", "dead", "skipped", "released"]


@dataclass(frozen=True)
class Outcome:
    id: int
    verdict: Verdict
    reason: str | None = None
    next_attempt_at: datetime | None = None
    # A sent event: its log and what Capillary called it (the webhook's requestId).
    log_request: tuple[int, str] | None = None


def record(
    engine: Engine,
    *,
    owner: str,
    now: datetime,
    outcomes: Sequence[Outcome],
    effects: Callable[[Session], None] | None = None,
) -> None:
    """Write outcomes of leased rows in one transaction; rows no longer ours stay as they are."""
    if not outcomes and effects is None:
        return
    with unit_of_work(engine) as session:
        if effects is not None:
            effects(session)
        by_verdict: dict[Verdict, list[Outcome]] = defaultdict(list)
        for outcome in outcomes:
            by_verdict[outcome.verdict].append(outcome)
        _apply_sent(session, owner, now, [o.id for o in by_verdict["sent"]])
        _apply_request_ids(session, [o.log_request for o in by_verdict["sent"] if o.log_request])
        _apply_released(session, owner, [o.id for o in by_verdict["released"]])
        for outcome in by_verdict["skipped"] + by_verdict["dead"] + by_verdict["retry"]:
            _apply_one(session, owner, now, outcome)


# --- recording --------------------------------------------------------------------------------
# Plain Core statements on the table: the ORM's bulk-update machinery cost more than the SQL.

OUTBOX: Table = SQLModel.metadata.tables[OutboxItem.__tablename__]
LOG: Table = SQLModel.metadata.tables["log"]
C = OUTBOX.c


def _apply_sent(session: Session, owner: str, now: datetime, ids: list[int]) -> None:
    for chunk in chunks(ids):
        session.execute(
            update(OUTBOX)
            .where(C.id.in_(chunk), C.lease_owner == owner, C.status == "pending")
            .values(
                status="sent",
                sent_at=now,
                attempts=C.attempts + 1,
                last_error=None,
                lease_until=None,
                lease_owner=None,
            )
        )


def _apply_request_ids(session: Session, pairs: list[tuple[int, str]]) -> None:
    if pairs:
        session.execute(
            update(LOG)
            .where(LOG.c.id == bindparam("log_id"))
            .values(upstream_request_id=bindparam("rid")),
            [{"log_id": log_id, "rid": rid} for log_id, rid in pairs],
        )


def _apply_released(session: Session, owner: str, ids: list[int]) -> None:
    for chunk in chunks(ids):
        session.execute(
            update(OUTBOX)
            .where(C.id.in_(chunk), C.lease_owner == owner)
            .values(lease_until=None, lease_owner=None)
        )


def _apply_one(session: Session, owner: str, now: datetime, outcome: Outcome) -> None:
    values: dict[str, Any] = {
        "last_error": (outcome.reason or "")[:2000] or None,
        "lease_until": None,
        "lease_owner": None,
    }
    if outcome.verdict == "skipped":
        values.update(status="skipped", sent_at=now)
    elif outcome.verdict == "dead":
        values.update(status="dead", attempts=C.attempts + 1)
    else:
        values.update(attempts=C.attempts + 1, next_attempt_at=outcome.next_attempt_at)
    session.execute(
        update(OUTBOX)
        .where(C.id == outcome.id, C.lease_owner == owner, C.status == "pending")
        .values(**values)
    )

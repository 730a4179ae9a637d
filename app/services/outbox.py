"""Writing upstream intents into the outbox, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from app.db.tables import OutboxItem


def enqueue(
    session: Session,
    *,
    kind: str,
    stream: str,
    key: str,
    payload: dict[str, Any],
    now: datetime,
    challenge_id: int | None = None,
) -> None:
    """Record one upstream change; `key` is the idempotency key every retry will reuse."""
    session.add(OutboxItem(**outbox_row(kind, stream, key, payload, now, challenge_id)))


def enqueue_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Record many upstream changes (each made by `outbox_row`) in one statement."""
    if rows:
        session.execute(insert(OutboxItem), rows)


def outbox_row(
    kind: str,
    stream: str,
    key: str,
    payload: dict[str, Any],
    now: datetime,
    challenge_id: int | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "stream": stream,
        "idempotency_key": key,
        "payload": payload,
        "challenge_id": challenge_id,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def challenge_stream(challenge_id: int) -> str:
    return f"challenge:{challenge_id}"


def cancel_unsent(session: Session, *, key: str, reason: str) -> bool:
    """Withdraw the item with `key` if no relay has it and it was never sent; True if done.

    The row is locked first, so a relay claiming it at the same moment either sees it
    cancelled or has already leased it (and then this returns False).
    """
    item = session.exec(
        select(OutboxItem).where(OutboxItem.idempotency_key == key).with_for_update()
    ).first()
    if item is None or item.status not in ("pending", "dead") or item.lease_until is not None:
        return False
    item.status = "cancelled"
    item.last_error = reason
    session.add(item)
    return True

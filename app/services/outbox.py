"""Writing upstream intents into the outbox, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

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
    session.add(
        OutboxItem(
            kind=kind,
            stream=stream,
            idempotency_key=key,
            payload=payload,
            challenge_id=challenge_id,
            next_attempt_at=now,
            created_at=now,
        )
    )


def challenge_stream(challenge_id: int) -> str:
    return f"challenge:{challenge_id}"

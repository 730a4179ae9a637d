"""Reading and writing the sign-in failures that `app.domain.sign_in_rules` judges."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, func, select

from app.db.tables import SignInFailure
from app.domain.errors import RuleError
from app.domain.sign_in_rules import (
    ACCOUNT_FAILURES,
    DEVICE_FAILURES,
    FAILURE_WINDOW,
    client_may_try_at,
    lock_lifts_at,
    wait_text,
)

CLIENT_MAX = 64


def refuse_while_throttled(
    session: Session, *, email: str, client: str, device: str | None, now: datetime
) -> None:
    """Raise the refusal a throttled attempt gets, before any password is checked."""
    since = now - FAILURE_WINDOW
    if device is not None:
        lifts = lock_lifts_at(
            _times(session, since, email=email, device=device), limit=DEVICE_FAILURES, now=now
        )
        if lifts is not None:
            raise RuleError.of(
                "password",
                "Too many failed attempts on this device. Wait {wait} and try again.",
                wait=wait_text(lifts, now),
            )
        return
    count, last = session.exec(
        select(func.count(), func.max(SignInFailure.at)).where(
            SignInFailure.client == client[:CLIENT_MAX],
            _from(None),
            SignInFailure.at > since,
        )
    ).one()
    may_try = client_may_try_at(count, last, now=now)
    if may_try is not None:
        raise RuleError.of(
            "password",
            "Too many sign-in attempts from here. Wait {wait} and try again.",
            wait=wait_text(may_try, now),
        )
    lifts = lock_lifts_at(
        _times(session, since, email=email, device=None), limit=ACCOUNT_FAILURES, now=now
    )
    if lifts is not None:
        raise RuleError.of(
            "password",
            "Too many failed attempts for this account from new devices. Wait "
            "{wait}, or sign in on a device you have signed in on before.",
            wait=wait_text(lifts, now),
        )


def record_failure(
    session: Session, *, email: str, client: str, device: str | None, now: datetime
) -> None:
    session.add(SignInFailure(email=email, at=now, client=client[:CLIENT_MAX], device=device))


def forget_failures(session: Session, *, email: str, device: str | None) -> None:
    """After a success: that device's counter (or new devices', without one) starts afresh."""
    session.exec(delete(SignInFailure).where(col(SignInFailure.email) == email, _from(device)))  # type: ignore[call-overload]


def _times(session: Session, since: datetime, *, email: str, device: str | None) -> list[datetime]:
    rows = session.exec(
        select(SignInFailure.at)
        .where(SignInFailure.email == email, _from(device), SignInFailure.at > since)
        .order_by(col(SignInFailure.at).desc())
        .limit(max(ACCOUNT_FAILURES, DEVICE_FAILURES))
    ).all()
    return list(rows)


def _from(device: str | None) -> Any:
    """Failures from that known device, or (None) from devices the account does not know."""
    column = col(SignInFailure.device)
    return column.is_(None) if device is None else column == device

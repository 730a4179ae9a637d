"""One-use links mailed to a person: a random token in the link, only its SHA-256 stored.

A link is used with one UPDATE … WHERE used_at IS NULL: of two instances (or two tabs)
opening it at once, exactly one sees its row change; the other is refused.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.db.tables import AccountToken
from app.services.sessions import TOKEN_MAX, token_hash

Purpose = Literal["reset", "confirm"]


def make_link_token(
    session: Session, *, person_id: int, purpose: Purpose, now: datetime, lifetime: timedelta
) -> tuple[int, str]:
    """A new token for the person, in the caller's transaction: its row id and the token."""
    token = secrets.token_urlsafe(32)  # 256 random bits
    row = AccountToken(
        person_id=person_id,
        purpose=purpose,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id, token


def link_person(session: Session, *, token: str, purpose: Purpose, now: datetime) -> int | None:
    """Whose unused, unexpired link this is; None otherwise. Does not use it."""
    if not _plausible(token):
        return None
    found = session.exec(
        select(AccountToken.person_id).where(
            AccountToken.token_hash == token_hash(token),
            AccountToken.purpose == purpose,
            col(AccountToken.used_at).is_(None),
            AccountToken.expires_at > now,
        )
    ).first()
    return found


def use_link(session: Session, *, token: str, purpose: Purpose, now: datetime) -> int | None:
    """Use the link once, in the caller's transaction: the person's id, or None when it is
    unknown, expired or was used already (by this or any other instance)."""
    person_id = link_person(session, token=token, purpose=purpose, now=now)
    if person_id is None:
        return None
    used = session.exec(  # type: ignore[call-overload]
        update(AccountToken)
        .where(
            col(AccountToken.token_hash) == token_hash(token),
            col(AccountToken.purpose) == purpose,
            col(AccountToken.used_at).is_(None),
            col(AccountToken.expires_at) > now,
        )
        .values(used_at=now)
    )
    return person_id if used.rowcount == 1 else None


def latest_link_at(session: Session, *, person_id: int, purpose: Purpose) -> datetime | None:
    """When the person's newest link of this kind was made."""
    return session.exec(
        select(AccountToken.created_at)
        .where(AccountToken.person_id == person_id, AccountToken.purpose == purpose)
        .order_by(col(AccountToken.created_at).desc())
    ).first()


def _plausible(token: object) -> bool:
    return isinstance(token, str) and 0 < len(token) <= TOKEN_MAX

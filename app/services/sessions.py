"""Signed-in browsers: a random token in the cookie, only its hash in the database.

Every sign-in starts a new session with a new token, so nothing a browser held before
signing in (a planted cookie, say) is ever what is signed in after.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from app.db.engine import reading, unit_of_work
from app.db.tables import WebSession

SESSION_LIFETIME = timedelta(days=30)
TOKEN_MAX = 100  # token_urlsafe(32) is 43 characters; anything much longer is not ours


def start_session(engine: Engine, *, person_id: int, now: datetime) -> str:
    """A new session for the person; the token to put in their cookie."""
    token = secrets.token_urlsafe(32)
    with unit_of_work(engine) as session:
        session.add(
            WebSession(
                token_hash=_hash(token),
                person_id=person_id,
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
    return token


def session_person(engine: Engine, *, token: str | None, now: datetime) -> int | None:
    """Whose session `token` is; None when it is unknown, ended or expired."""
    if not token or len(token) > TOKEN_MAX:
        return None
    with reading(engine) as session:
        found = session.exec(
            select(WebSession.person_id, WebSession.expires_at).where(
                WebSession.token_hash == _hash(token)
            )
        ).first()
    if found is None or found[1] <= now:
        return None
    return found[0]


def end_session(engine: Engine, *, token: str | None, now: datetime) -> None:
    """Sign this browser out; expired sessions of anyone are swept away at the same time."""
    with unit_of_work(engine) as session:
        if token and len(token) <= TOKEN_MAX:
            session.exec(delete(WebSession).where(col(WebSession.token_hash) == _hash(token)))  # type: ignore[call-overload]
        session.exec(delete(WebSession).where(col(WebSession.expires_at) <= now))  # type: ignore[call-overload]


def end_all_sessions(engine: Engine, *, person_id: int, except_token: str | None = None) -> int:
    """Sign the person out everywhere, but for the browser holding `except_token`; how many."""
    with unit_of_work(engine) as session:
        return end_sessions_of(session, person_id=person_id, except_token=except_token)


def end_sessions_of(session: Session, *, person_id: int, except_token: str | None = None) -> int:
    """`end_all_sessions` in the caller's transaction."""
    query = delete(WebSession).where(col(WebSession.person_id) == person_id)
    if except_token:
        query = query.where(col(WebSession.token_hash) != _hash(except_token))
    return int(session.exec(query).rowcount)  # type: ignore[call-overload]


def token_hash(token: str) -> str:
    """What is stored of a token mailed or given to a browser: its SHA-256, in hex."""
    return _hash(token)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

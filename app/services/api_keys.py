"""API keys for the challenges API: created and revoked in the brand console, shown once,
kept only as their SHA-256 (docs/api.md, "Keys")."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import unit_of_work
from app.db.tables import ApiKey, saved_id
from app.domain.errors import RuleError
from app.domain.names import clean_name
from app.services.errors import NotFound

KEY_PREFIX = "gp_"
NAME_MAX = 120
# last_used_at is a hint for the console, not an audit log: written at most once a minute.
USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewKey:
    id: int
    name: str
    key: str  # the only time the whole key exists outside the caller's hands


@dataclass(frozen=True)
class ApiKeyView:
    id: int
    name: str
    prefix: str
    created_by: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def create_api_key(engine: Engine, *, name: str, by: str, now: datetime) -> NewKey:
    """A new key; the returned `key` is shown once and never again."""
    name = clean_name(name)
    if not name:
        raise RuleError.of("name", "Name the key after the system that will use it, e.g. 'CRM'.")
    if len(name) > NAME_MAX:
        raise RuleError.of("name", "Key names can be at most {most} characters.", most=NAME_MAX)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with unit_of_work(engine) as session:
        row = ApiKey(
            name=name,
            prefix=key[:10],
            key_hash=key_hash(key),
            created_by=by,
            created_at=now,
        )
        session.add(row)
        session.flush()
        return NewKey(saved_id(row), name, key)


def list_api_keys(engine: Engine) -> list[ApiKeyView]:
    """Every key, newest first, revoked ones included (they stay listed as revoked)."""
    with unit_of_work(engine) as session:
        rows = session.exec(select(ApiKey).order_by(col(ApiKey.id).desc())).all()
        return [
            ApiKeyView(
                saved_id(r),
                r.name,
                r.prefix,
                r.created_by,
                r.created_at,
                r.revoked_at,
                r.last_used_at,
            )
            for r in rows
        ]


def revoke_api_key(engine: Engine, *, key_id: int, now: datetime) -> None:
    """The key stops working at once; revoking twice is the same as once."""
    with unit_of_work(engine) as session:
        row = session.get(ApiKey, key_id, with_for_update=True)
        if row is None:
            raise NotFound(f"api key {key_id}")
        if row.revoked_at is None:
            row.revoked_at = now
            session.add(row)


def key_for(engine: Engine, presented: str, *, now: datetime) -> int | None:
    """The id of the live key `presented` is, or None (unknown, malformed or revoked)."""
    if not presented.startswith(KEY_PREFIX) or len(presented) > 100:
        return None
    with unit_of_work(engine) as session:
        row = session.exec(select(ApiKey).where(ApiKey.key_hash == key_hash(presented))).first()
        if row is None or row.revoked_at is not None:
            return None
        if row.last_used_at is None or now - row.last_used_at >= USE_RESOLUTION:
            row.last_used_at = now
            session.add(row)
        return saved_id(row)


def key_hash(key: str) -> str:
    # A random 256-bit key needs no slow hash: SHA-256 cannot be reversed to find it.
    return hashlib.sha256(key.encode()).hexdigest()

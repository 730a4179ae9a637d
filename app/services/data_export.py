"""A person's data, all of it, as one JSON document (Settings → "Download my data")."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, col, select

from app.db.engine import unit_of_work
from app.db.tables import (
    Challenge,
    EventType,
    Log,
    Period,
    Person,
    PointsLedgerEntry,
    Redemption,
    Reward,
    StreakFreeze,
)
from app.services.errors import NotFound

FORMAT = "goalpost-export/1"
_PERSON_FIELDS = (
    "public_id",
    "email",
    "display_name",
    "timezone",
    "dark_mode",
    "language",
    "created_at",
)
_NEVER = {"password_hash", "upstream_customer_id", "idempotency_key", "entry_key", "name_key"}


def export_person_data(engine: Engine, *, person_id: int, now: datetime) -> dict[str, Any]:
    """Profile, challenges with their periods, logs, the points ledger, redemptions (with
    their codes, expired ones too) and streak freezes. No password hash, no internal keys."""
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        challenges = session.exec(
            select(Challenge).where(Challenge.person_id == person_id).order_by(col(Challenge.id))
        ).all()
        ids = [c.id for c in challenges]
        periods = session.exec(
            select(Period)
            .where(col(Period.challenge_id).in_(ids))
            .order_by(col(Period.challenge_id), col(Period.index))
        ).all()
        logs = session.exec(
            select(Log).where(Log.person_id == person_id).order_by(col(Log.id))
        ).all()
        used = {c.event_type_id for c in challenges} | {log.event_type_id for log in logs}
        types = {
            t.id: t
            for t in session.exec(select(EventType).where(col(EventType.id).in_(used))).all()
        }
        ledger = session.exec(
            select(PointsLedgerEntry)
            .where(PointsLedgerEntry.person_id == person_id)
            .order_by(col(PointsLedgerEntry.id))
        ).all()
        redemptions = session.exec(
            select(Redemption, Reward.title)
            .join(Reward, col(Reward.id) == Redemption.reward_id)
            .where(Redemption.person_id == person_id)
            .order_by(col(Redemption.id))
        ).all()
        freezes = session.exec(
            select(StreakFreeze)
            .where(StreakFreeze.person_id == person_id)
            .order_by(col(StreakFreeze.id))
        ).all()
    by_challenge: dict[int | None, list[dict[str, Any]]] = {}
    for period in periods:
        by_challenge.setdefault(period.challenge_id, []).append(_plain(period, {"challenge_id"}))
    return {
        "format": FORMAT,
        "exported_at": now.isoformat(),
        "profile": {name: _value(getattr(person, name)) for name in _PERSON_FIELDS},
        "challenges": [
            _plain(c, {"person_id"})
            | {"event_type": types[c.event_type_id].key, "periods": by_challenge.get(c.id, [])}
            for c in challenges
        ],
        "logs": [
            _plain(log, {"person_id"}) | {"event_type": types[log.event_type_id].key}
            for log in logs
        ],
        "ledger": [_plain(e, {"person_id"}) for e in ledger],
        "balance": sum(e.points for e in ledger),
        "redemptions": [
            _plain(r, {"person_id"}) | {"reward": title, "expired": _expired(r, now)}
            for r, title in redemptions
        ],
        "streak_freezes": [_plain(f, {"person_id"}) for f in freezes],
    }


def signed(data: dict[str, Any], secret: str) -> dict[str, Any]:
    """The export with its `signature`: proof that this deployment wrote it, so importing it
    may carry its balance over (docs/rules.md, "Importing history")."""
    return {**data, "signature": export_signature(data, secret)}


def export_signature(data: dict[str, Any], secret: str) -> str:
    """HMAC-SHA256 over the export without its signature, in one canonical JSON form."""
    body = {k: v for k, v in data.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(
        f"goalpost-export:{secret}".encode(), canonical.encode(), hashlib.sha256
    ).hexdigest()


def _plain(row: SQLModel, left_out: set[str]) -> dict[str, Any]:
    return {
        name: _value(value)
        for name, value in row.model_dump().items()
        if name not in left_out and name not in _NEVER and not name.startswith("upstream_")
    }


def _value(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _expired(redemption: Redemption, now: datetime) -> bool:
    return redemption.expires_at is not None and redemption.expires_at <= now

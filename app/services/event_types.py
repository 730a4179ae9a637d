"""The kinds of things people track, shared across the brand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db.tables import EventType


@dataclass(frozen=True)
class EventTypeView:
    key: str
    label: str
    unit: str
    attribute: str | None


def list_event_types(engine: Engine) -> list[EventTypeView]:
    """Every event type, by label, for the challenge builder's picker."""
    with Session(engine) as session:
        rows = session.exec(select(EventType).order_by(EventType.label)).all()
        return [EventTypeView(r.key, r.label, r.unit, r.attribute) for r in rows]

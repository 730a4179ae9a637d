"""Small builders for test data."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from app.services.challenges import create_challenge
from app.services.people import register_person
from tests.unit.specs import water_spec

_emails = itertools.count(1)


def local(tz: str, *args: int) -> datetime:
    """An aware instant from local wall-clock parts: local('Europe/Stockholm', 2026, 3, 2, 9)."""
    return datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]


def a_person(engine: Engine, *, timezone: str = "Europe/Stockholm", now: datetime) -> int:
    return register_person(
        engine, email=f"person{next(_emails)}@example.com", timezone=timezone, now=now
    )


def a_challenge(engine: Engine, person_id: int, *, now: datetime, **overrides: Any) -> int:
    return create_challenge(engine, person_id=person_id, spec=water_spec(**overrides), now=now)

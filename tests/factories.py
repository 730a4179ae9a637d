"""Small builders for test data."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.services.challenges import create_challenge
from app.services.people import register_person

_emails = itertools.count(1)


def local(tz: str, *args: int) -> datetime:
    """An aware instant from local wall-clock parts: local('Europe/Stockholm', 2026, 3, 2, 9)."""
    return datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]


def a_person(engine: Engine, *, timezone: str = "Europe/Stockholm", now: datetime) -> int:
    return register_person(
        engine, email=f"person{next(_emails)}@example.com", timezone=timezone, now=now
    )


def water_spec(**overrides: Any) -> ChallengeSpec:
    """8 glasses of water a day (SUM of glasses), 7 days in a row -> 100 points."""
    spec = ChallengeSpec(
        name="Water every day",
        event_type="water_glass",
        measure=Measure.SUM,
        attribute="glasses",
        target=8,
        frequency=Frequency.DAILY,
        total_periods=7,
        tracking=Tracking.STREAK,
        required_periods=7,
        window=Window.FIXED_CALENDAR_WINDOW,
        start_date=date(2026, 3, 2),
        timezone="Europe/Stockholm",
        points_on_completion=100,
    )
    return replace(spec, **overrides)


def a_challenge(engine: Engine, person_id: int, *, now: datetime, **overrides: Any) -> int:
    return create_challenge(engine, person_id=person_id, spec=water_spec(**overrides), now=now)

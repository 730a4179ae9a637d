"""Small builders for plain domain values: the challenges docs/rules.md walks through."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.challenge import ChallengeSpec
from app.domain.templates import REVIEWS, STEPS, WATER, WORKOUTS

STOCKHOLM = "Europe/Stockholm"
NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"
MONDAY = date(2026, 3, 2)


def utc(*parts: int) -> datetime:
    """An instant from UTC parts: utc(2026, 3, 29, 1)."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def local(timezone: str, *parts: int, fold: int = 0) -> datetime:
    """An instant from wall-clock parts in a zone: local(STOCKHOLM, 2026, 3, 2, 9)."""
    return datetime(*parts, tzinfo=ZoneInfo(timezone), fold=fold)  # type: ignore[misc]


def water_spec(**overrides: Any) -> ChallengeSpec:
    """8 glasses of water a day (SUM of glasses >= 8), 7 days in a row -> 100 points."""
    return replace(WATER.start(timezone=STOCKHOLM, start_date=MONDAY), **overrides)


def steps_spec(**overrides: Any) -> ChallengeSpec:
    """10,000 steps on 5 of 7 days (SUM of steps, gaps allowed)."""
    return replace(STEPS.start(timezone=STOCKHOLM, start_date=MONDAY), **overrides)


def workouts_spec(**overrides: Any) -> ChallengeSpec:
    """3 workouts a week for 4 weeks, 25 points per week."""
    return replace(WORKOUTS.start(timezone=NEW_YORK, start_date=MONDAY), **overrides)


def reviews_spec(**overrides: Any) -> ChallengeSpec:
    """A stamp card: 5 product reviews -> 50 points."""
    return replace(REVIEWS.start(timezone=KOLKATA, start_date=None), **overrides)

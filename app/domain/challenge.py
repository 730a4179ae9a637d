"""The words of a challenge: how it counts, how often, how long and what it pays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Measure(StrEnum):
    """How logs in a period add up (Capillary `targetType`)."""

    COUNT = "COUNT"  # number of logs
    VISIT = "VISIT"  # distinct local days with at least one log
    SUM = "SUM"  # sum of one numeric attribute (Capillary EVENT_ATTRIBUTE + SUM)


class Frequency(StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    EVERY_N_DAYS = "EVERY_N_DAYS"


class Tracking(StrEnum):
    """How achieved periods make a completed challenge (Capillary `trackingType`)."""

    DEFAULT = "DEFAULT"  # every period stands alone; completed when all are achieved
    STREAK = "STREAK"  # N achieved periods in a row
    NON_CONTINUOUS_STREAK = "NON_CONTINUOUS_STREAK"  # N achieved periods anywhere in the window

    @classmethod
    def parse(cls, value: str) -> Tracking:
        """Accept the upstream's plural spellings (STREAKS, NON_CONTINUOUS_STREAKS) too."""
        cleaned = value.strip().upper()
        return cls(cleaned.removesuffix("S") if cleaned.endswith("STREAKS") else cleaned)


class Window(StrEnum):
    """When the periods run (Capillary `targetEvaluationType`)."""

    FIXED_CALENDAR_WINDOW = "FIXED_CALENDAR_WINDOW"  # from the chosen start date
    CYCLIC_WINDOW = "CYCLIC_WINDOW"  # from the local day of the first log
    PERIOD_AGNOSTIC_WINDOW = "PERIOD_AGNOSTIC_WINDOW"  # one open period until reached


class Status(StrEnum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"
    ABANDONED = "abandoned"


TERMINAL_STATUSES = frozenset({Status.COMPLETED, Status.FAILED, Status.ABANDONED})


@dataclass(frozen=True, kw_only=True)
class ChallengeSpec:
    """Everything a person decides when they set a challenge."""

    name: str
    event_type: str
    measure: Measure
    target: float
    frequency: Frequency = Frequency.DAILY
    every_n_days: int = 1
    total_periods: int = 1
    tracking: Tracking = Tracking.DEFAULT
    required_periods: int = 1
    window: Window = Window.FIXED_CALENDAR_WINDOW
    start_date: date | None = None
    timezone: str = "UTC"
    attribute: str | None = None
    points_per_period: int = 0
    points_on_completion: int = 0

    def __post_init__(self) -> None:
        # Callers (forms, API bodies) may pass plain strings; keep the enums honest.
        object.__setattr__(self, "measure", Measure(self.measure))
        object.__setattr__(self, "frequency", Frequency(self.frequency))
        object.__setattr__(self, "tracking", Tracking.parse(str(self.tracking)))
        object.__setattr__(self, "window", Window(self.window))

    @property
    def periods_needed(self) -> int:
        """How many achieved periods complete the challenge."""
        if self.tracking is Tracking.DEFAULT:
            return self.total_periods
        return self.required_periods

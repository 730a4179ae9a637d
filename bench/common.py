"""What the benchmarks share: the person's zone, local instants and percentiles."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

TZ = "Europe/Stockholm"
ZONE = ZoneInfo(TZ)


def at(day: date, hour: int, minute: int = 0, second: float = 0.0) -> datetime:
    """An aware instant at a local wall-clock time in the person's zone."""
    return datetime.combine(day, clock_time(hour, minute), tzinfo=ZONE) + timedelta(seconds=second)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]

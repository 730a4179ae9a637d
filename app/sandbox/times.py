"""Timestamps as Capillary writes them; the sandbox keeps every instant as UTC epoch ms."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def parse_instant_ms(text: str) -> int:
    """ISO 8601 or `yyyy-MM-dd HH:mm:ss`; a value without a zone is UTC. Raises ValueError."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def utc(ms: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)


def iso_z(ms: int) -> str:
    """`2026-11-20T23:00:00.000Z`"""
    return utc(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def iso_seconds_z(ms: int) -> str:
    """`2026-01-13T05:13:18Z`"""
    return utc(ms).strftime("%Y-%m-%dT%H:%M:%SZ")


def capillary_stamp(ms: int) -> str:
    """`2026-01-13T05:13:18.000+0000`, the attribution and enrolment format."""
    return utc(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}+0000"


def local_midnight_ms(day: date, zone: ZoneInfo) -> int:
    """The instant a local day begins, as epoch ms.

    Where a DST jump skips midnight, PEP 495 reads 00:00 with the offset before the jump,
    which is the day's first real instant (01:00 after the jump).
    """
    return int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp() * 1000)


def months_later(day: date, months: int) -> date:
    """The same day of the month `months` later; past the month's end, its last day."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_day = (following - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last_day))


def local_date(ms: int, zone: ZoneInfo) -> date:
    instant = utc(ms)
    if instant.date() == date.max:  # an open-ended period: east of UTC it would overflow
        return date.max
    return instant.astimezone(zone).date()

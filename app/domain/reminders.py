"""When a challenge's reminder is due: a local time of day on chosen days of the week, in the
challenge's zone, at most once a period (docs/rules.md, "Reminders").

The reminder of a period is the first chosen day inside it, at the chosen local time. Local
time follows the zone's rules on that day, so 07:30 in New York is 12:30 UTC in winter and
11:30 UTC from the Sunday the clocks go forward. A time the clocks skip (02:30 on that Sunday)
is sent when they have jumped past it (03:30); a time they pass twice, the first time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.errors import RuleError

EVERY_DAY = frozenset(range(7))  # Monday 0 … Sunday 6, as date.weekday()
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
LONGEST_LOOK = 366  # days of a period searched for its reminder day


@dataclass(frozen=True)
class ReminderRule:
    at: time
    weekdays: frozenset[int] = EVERY_DAY

    @property
    def days_text(self) -> str:
        if self.weekdays == EVERY_DAY:
            return "every day"
        if self.weekdays == frozenset(range(5)):
            return "on weekdays"
        return "on " + ", ".join(DAY_NAMES[d] for d in sorted(self.weekdays))

    def describe(self) -> str:
        return f"{self.at.strftime('%H:%M')} {self.days_text}"


def reminder_rule(at: str, weekdays: set[int] | frozenset[int]) -> ReminderRule:
    """The rule a person set, or a RuleError naming the field to fix."""
    found = _CLOCK.match(at.strip())
    if found is None:
        raise RuleError.of("reminder_time", "Give the time as hours and minutes, like 07:30.")
    days = frozenset(weekdays)
    if not days:
        raise RuleError.of("reminder_days", "Pick at least one day for the reminder.")
    if not days <= EVERY_DAY:
        raise RuleError.of("reminder_days", "Days of the week go from Monday (0) to Sunday (6).")
    return ReminderRule(time(int(found[1]), int(found[2])), days)


def weekdays_from_mask(mask: int) -> frozenset[int]:
    return frozenset(d for d in range(7) if mask & (1 << d))


def mask_of(weekdays: frozenset[int]) -> int:
    return sum(1 << d for d in weekdays)


def reminder_instant(
    rule: ReminderRule, zone: str, starts_at: datetime, ends_at: datetime | None
) -> datetime | None:
    """The UTC instant of the period's reminder: its first chosen day at the chosen time; None
    when no chosen day falls inside the period (or it has no end: an open stamp card)."""
    if ends_at is None:
        return None
    tz = ZoneInfo(zone)
    day: date = starts_at.astimezone(tz).date()
    last: date = ends_at.astimezone(tz).date()
    for _ in range(LONGEST_LOOK):
        if day > last:
            return None
        if day.weekday() in rule.weekdays:
            instant = local_instant(day, rule.at, tz)
            if starts_at <= instant < ends_at:
                return instant
        day += timedelta(days=1)
    return None


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`at` on `day` in `tz`, in UTC. Python reads a wall time with the offset in force just
    before it (fold 0): a time the clocks skip lands just after the jump, a time they pass
    twice is its first occurrence."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)

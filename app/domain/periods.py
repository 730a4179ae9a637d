"""Period boundaries: local calendar days in the person's zone, stored as UTC instants.

A period always starts at a local midnight, so a local day across a DST change
is 23 or 25 hours long (other lengths where a zone shifts by other amounts).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.challenge import ChallengeSpec, Frequency, Window


@dataclass(frozen=True)
class PeriodBounds:
    index: int
    starts_at: datetime  # UTC, inclusive
    ends_at: datetime | None  # UTC, exclusive; None for an open stamp card


def local_day(instant: datetime, timezone: str) -> date:
    """The person's calendar day at an instant."""
    return _aware(instant).astimezone(ZoneInfo(timezone)).date()


def start_of_local_day(day: date, timezone: str) -> datetime:
    """The UTC instant at which a local calendar day begins.

    Where midnight is skipped by a DST jump, zoneinfo reads 00:00 with the offset in
    force before the jump, which is exactly the day's first instant.
    """
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def first_day_of_period(
    first_day: date, frequency: Frequency, every_n_days: int, index: int
) -> date:
    """Local date on which period `index` (0-based) begins."""
    if frequency is Frequency.MONTHLY:
        return add_months(first_day, index)
    return first_day + timedelta(days=index * days_per_period(frequency, every_n_days))


def days_per_period(frequency: Frequency, every_n_days: int) -> int:
    """Length in days of a day-based period; MONTHLY has no fixed length and is refused."""
    if frequency is Frequency.DAILY:
        return 1
    if frequency is Frequency.WEEKLY:
        return 7
    if frequency is Frequency.EVERY_N_DAYS:
        return every_n_days
    raise ValueError("monthly periods have no fixed number of days")


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_bounds(spec: ChallengeSpec, first_day: date, index: int) -> PeriodBounds:
    """Bounds of one calendar period counted from `first_day` in the spec's zone."""
    start = first_day_of_period(first_day, spec.frequency, spec.every_n_days, index)
    end = first_day_of_period(first_day, spec.frequency, spec.every_n_days, index + 1)
    return PeriodBounds(
        index,
        start_of_local_day(start, spec.timezone),
        start_of_local_day(end, spec.timezone),
    )


def plan_periods(spec: ChallengeSpec, first_day: date) -> list[PeriodBounds]:
    """Every period of a calendar-based window (fixed, or cyclic once it has started)."""
    return [period_bounds(spec, first_day, i) for i in range(spec.total_periods)]


def stamp_card_period(enrolled_at: datetime) -> PeriodBounds:
    """The single open period of a period-agnostic window: from enrolment until reached."""
    return PeriodBounds(0, _aware(enrolled_at).astimezone(UTC), None)


def initial_periods(spec: ChallengeSpec, enrolled_at: datetime) -> list[PeriodBounds]:
    """Periods known when a challenge is created; a cyclic window waits for its first log."""
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        return [stamp_card_period(enrolled_at)]
    if spec.window is Window.CYCLIC_WINDOW:
        return []
    assert spec.start_date is not None, "a fixed window needs a start date"
    return plan_periods(spec, spec.start_date)


def period_index_at(spec: ChallengeSpec, first_day: date, instant: datetime) -> int | None:
    """Index of the calendar period holding `instant`, or None outside the window."""
    day = local_day(instant, spec.timezone)
    if day < first_day:
        return None
    if spec.frequency is Frequency.MONTHLY:
        index = (day.year - first_day.year) * 12 + day.month - first_day.month
        if add_months(first_day, index) > day:
            index -= 1
    else:
        index = (day - first_day).days // days_per_period(spec.frequency, spec.every_n_days)
    return index if index < spec.total_periods else None


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return instant


def month_around(instant: datetime, timezone: str) -> tuple[datetime, datetime]:
    """The calendar month holding `instant` in `timezone`: its first instant and the next
    month's, as aware instants (a month across a DST change is an hour shorter or longer)."""
    day = local_day(instant, timezone)
    first = day.replace(day=1)
    return start_of_local_day(first, timezone), start_of_local_day(add_months(first, 1), timezone)

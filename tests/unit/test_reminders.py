"""When a reminder is due: local time of day, days of the week, DST, once a period."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import RuleError
from app.domain.reminders import (
    EVERY_DAY,
    ReminderRule,
    mask_of,
    reminder_instant,
    reminder_rule,
    weekdays_from_mask,
)

NY = "America/New_York"


def day_in(zone: str, y: int, m: int, d: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    start = datetime(y, m, d, tzinfo=tz).astimezone(UTC)
    end = datetime(y, m, d + 1, tzinfo=tz).astimezone(UTC)
    return start, end


def test_seven_thirty_in_new_york_moves_in_utc_the_day_the_clocks_go_forward():
    rule = ReminderRule(time(7, 30))
    before = reminder_instant(rule, NY, *day_in(NY, 2026, 3, 7))
    changed = reminder_instant(rule, NY, *day_in(NY, 2026, 3, 8))  # DST starts at 02:00

    assert before == datetime(2026, 3, 7, 12, 30, tzinfo=UTC)
    assert changed == datetime(2026, 3, 8, 11, 30, tzinfo=UTC)
    assert changed.astimezone(ZoneInfo(NY)).strftime("%H:%M") == "07:30"


def test_and_back_the_day_they_go_back():
    rule = ReminderRule(time(7, 30))
    assert reminder_instant(rule, NY, *day_in(NY, 2026, 11, 1)) == datetime(
        2026, 11, 1, 12, 30, tzinfo=UTC
    )


def test_a_time_the_clocks_skip_is_sent_just_after_the_jump_and_a_repeated_one_first():
    skipped = reminder_instant(ReminderRule(time(2, 30)), NY, *day_in(NY, 2026, 3, 8))
    repeated = reminder_instant(ReminderRule(time(1, 30)), NY, *day_in(NY, 2026, 11, 1))

    assert skipped is not None and skipped.astimezone(ZoneInfo(NY)).strftime("%H:%M") == "03:30"
    assert repeated == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first time


def test_a_weekly_period_is_reminded_on_its_first_chosen_day():
    tz = ZoneInfo("Europe/Stockholm")
    start = datetime(2026, 11, 30, tzinfo=tz).astimezone(UTC)  # a Monday
    end = datetime(2026, 12, 7, tzinfo=tz).astimezone(UTC)
    rule = ReminderRule(time(18, 0), frozenset({2, 4}))  # Wednesday and Friday

    found = reminder_instant(rule, "Europe/Stockholm", start, end)

    assert found == datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # Wednesday 18:00 CET


def test_no_reminder_when_no_chosen_day_falls_in_the_period_or_it_never_ends():
    saturday = day_in(NY, 2026, 12, 5)
    assert reminder_instant(ReminderRule(time(9), frozenset({0})), NY, *saturday) is None
    assert reminder_instant(ReminderRule(time(9)), NY, saturday[0], None) is None


@pytest.mark.parametrize(
    ("at", "days", "field"),
    [
        ("7.30", {0}, "reminder_time"),
        ("24:00", {0}, "reminder_time"),
        ("07:30", set(), "reminder_days"),
        ("07:30", {7}, "reminder_days"),
    ],
)
def test_a_bad_time_or_no_day_is_refused_with_its_field(at, days, field):
    with pytest.raises(RuleError) as refused:
        reminder_rule(at, days)
    assert [e.field for e in refused.value.errors] == [field]


def test_rules_read_back_as_a_person_says_them():
    assert reminder_rule(" 7:05 ", EVERY_DAY).describe() == "07:05 every day"
    assert reminder_rule("18:00", {0, 1, 2, 3, 4}).describe() == "18:00 on weekdays"
    assert reminder_rule("18:00", {5, 6}).describe() == "18:00 on Sat, Sun"
    assert weekdays_from_mask(mask_of(frozenset({1, 6}))) == {1, 6}

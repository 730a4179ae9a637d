"""Period boundaries: local days in the person's zone, stored as UTC instants."""

from __future__ import annotations

import time
from datetime import UTC, date, timedelta
from itertools import pairwise

import pytest

from app.domain.challenge import Frequency, Window
from app.domain.periods import (
    add_months,
    days_per_period,
    initial_periods,
    local_day,
    period_bounds,
    period_index_at,
    plan_periods,
    start_of_local_day,
)
from tests.unit.specs import (
    KOLKATA,
    NEW_YORK,
    STOCKHOLM,
    local,
    reviews_spec,
    utc,
    water_spec,
    workouts_spec,
)


def lengths(periods):
    return [p.ends_at - p.starts_at for p in periods]


# --- frequencies ---


def test_a_daily_challenge_has_one_period_per_local_day():
    periods = plan_periods(water_spec(), date(2026, 3, 2))

    assert [p.index for p in periods] == list(range(7))
    assert periods[0].starts_at == utc(2026, 3, 1, 23)  # midnight in Stockholm (+01:00)
    assert periods[-1].ends_at == utc(2026, 3, 8, 23)
    assert set(lengths(periods)) == {timedelta(hours=24)}


def test_each_period_ends_where_the_next_begins():
    periods = plan_periods(water_spec(total_periods=40), date(2026, 3, 10))

    assert all(a.ends_at == b.starts_at for a, b in pairwise(periods))


def test_a_weekly_challenge_has_seven_day_periods_starting_on_its_first_day():
    periods = plan_periods(workouts_spec(), date(2026, 3, 2))

    assert [local_day(p.starts_at, NEW_YORK) for p in periods] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
    ]


def test_a_week_holding_the_spring_change_in_new_york_is_one_hour_short():
    holding_8_march = period_bounds(workouts_spec(), date(2026, 3, 2), 0)
    next_week = period_bounds(workouts_spec(), date(2026, 3, 2), 1)

    assert holding_8_march.ends_at - holding_8_march.starts_at == timedelta(days=7, hours=-1)
    assert next_week.ends_at - next_week.starts_at == timedelta(days=7)


def test_an_every_n_days_challenge_has_periods_of_n_local_days():
    spec = water_spec(frequency=Frequency.EVERY_N_DAYS, every_n_days=3, total_periods=3)

    periods = plan_periods(spec, date(2026, 3, 2))

    assert [local_day(p.starts_at, STOCKHOLM) for p in periods] == [
        date(2026, 3, 2),
        date(2026, 3, 5),
        date(2026, 3, 8),
    ]
    assert local_day(periods[-1].ends_at, STOCKHOLM) == date(2026, 3, 11)


def test_monthly_periods_from_the_31st_clamp_to_short_months_and_come_back():
    spec = water_spec(frequency=Frequency.MONTHLY, total_periods=4)

    periods = plan_periods(spec, date(2026, 1, 31))

    assert [local_day(p.starts_at, STOCKHOLM) for p in periods] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),  # counted from 31 January, not from 28 February
        date(2026, 4, 30),
    ]
    assert local_day(periods[-1].ends_at, STOCKHOLM) == date(2026, 5, 31)


def test_a_monthly_period_from_the_31st_of_january_reaches_the_29th_of_february_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2028, 1, 31), 13) == date(2029, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


# --- daylight saving time ---


@pytest.mark.parametrize(
    ("timezone", "day", "hours"),
    [
        (STOCKHOLM, date(2026, 3, 29), 23),
        (STOCKHOLM, date(2026, 10, 25), 25),
        (NEW_YORK, date(2026, 3, 8), 23),
        (NEW_YORK, date(2026, 11, 1), 25),
        (STOCKHOLM, date(2026, 3, 30), 24),
        (NEW_YORK, date(2026, 3, 9), 24),
    ],
)
def test_a_local_day_is_as_long_as_the_clock_says(timezone, day, hours):
    spec = water_spec(timezone=timezone, total_periods=1)

    (period,) = plan_periods(spec, day)

    assert period.ends_at - period.starts_at == timedelta(hours=hours)


def test_a_local_day_across_the_spring_dst_change_in_stockholm_is_23_hours():
    (day,) = plan_periods(water_spec(total_periods=1), date(2026, 3, 29))

    assert day.starts_at == utc(2026, 3, 28, 23)  # 00:00 CET (+01:00)
    assert day.ends_at == utc(2026, 3, 29, 22)  # 00:00 CEST (+02:00)


def test_a_local_day_across_the_autumn_dst_change_in_stockholm_is_25_hours():
    (day,) = plan_periods(water_spec(total_periods=1), date(2026, 10, 25))

    assert day.starts_at == utc(2026, 10, 24, 22)
    assert day.ends_at == utc(2026, 10, 25, 23)


def test_a_local_day_across_the_spring_dst_change_in_new_york_is_23_hours():
    (day,) = plan_periods(water_spec(timezone=NEW_YORK, total_periods=1), date(2026, 3, 8))

    assert (day.starts_at, day.ends_at) == (utc(2026, 3, 8, 5), utc(2026, 3, 9, 4))


def test_a_local_day_across_the_autumn_dst_change_in_new_york_is_25_hours():
    (day,) = plan_periods(water_spec(timezone=NEW_YORK, total_periods=1), date(2026, 11, 1))

    assert (day.starts_at, day.ends_at) == (utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))


def test_both_passes_of_the_repeated_autumn_hour_belong_to_the_same_day():
    first = local(STOCKHOLM, 2026, 10, 25, 2, 30, fold=0)
    second = local(STOCKHOLM, 2026, 10, 25, 2, 30, fold=1)

    # (Aware times in a repeated hour never compare equal across zones, hence astimezone.)
    assert first.astimezone(UTC) == utc(2026, 10, 25, 0, 30)
    assert second.astimezone(UTC) == utc(2026, 10, 25, 1, 30)
    assert local_day(first, STOCKHOLM) == local_day(second, STOCKHOLM) == date(2026, 10, 25)


def test_where_midnight_is_skipped_the_day_starts_at_its_first_instant():
    # Santiago jumps from 24:00 on 5 September 2026 straight to 01:00 on the 6th.
    start = start_of_local_day(date(2026, 9, 6), "America/Santiago")

    assert start == utc(2026, 9, 6, 4)  # 01:00 local (-03:00)
    assert local_day(start - timedelta(seconds=1), "America/Santiago") == date(2026, 9, 5)


def test_a_two_hour_dst_shift_gives_a_22_hour_day():
    # Troll station moves from +00 to +02: 23 or 25 hours only holds for one-hour shifts.
    spec = water_spec(timezone="Antarctica/Troll", total_periods=1)

    (day,) = plan_periods(spec, date(2026, 3, 29))

    assert day.ends_at - day.starts_at == timedelta(hours=22)


# --- a person east of UTC by a half hour ---


def test_midnight_in_kolkata_is_18_30_utc_the_day_before():
    assert start_of_local_day(date(2026, 3, 10), KOLKATA) == utc(2026, 3, 9, 18, 30)


def test_a_log_at_19_utc_counts_for_the_next_day_in_kolkata():
    spec = water_spec(timezone=KOLKATA, start_date=date(2026, 3, 9))

    at = utc(2026, 3, 9, 19)

    assert local_day(at, KOLKATA) == date(2026, 3, 10)
    assert period_index_at(spec, date(2026, 3, 9), at) == 1
    assert period_index_at(spec, date(2026, 3, 9), utc(2026, 3, 9, 18, 29)) == 0


# --- finding the period of a log ---


def test_period_index_at_finds_the_period_holding_an_instant():
    spec = workouts_spec()
    first = date(2026, 3, 2)

    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 2, 0)) == 0
    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 8, 23, 59)) == 0
    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 9, 0)) == 1
    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 29, 23, 59)) == 3


def test_an_instant_before_the_first_day_or_after_the_last_period_is_outside_the_window():
    spec = workouts_spec()
    first = date(2026, 3, 2)

    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 1, 23, 59)) is None
    assert period_index_at(spec, first, local(NEW_YORK, 2026, 3, 30, 0)) is None


def test_a_monthly_period_from_the_31st_holds_the_days_up_to_the_next_clamped_start():
    spec = water_spec(frequency=Frequency.MONTHLY, total_periods=3)
    first = date(2026, 1, 31)

    assert period_index_at(spec, first, local(STOCKHOLM, 2026, 2, 27, 12)) == 0
    assert period_index_at(spec, first, local(STOCKHOLM, 2026, 2, 28, 0)) == 1
    assert period_index_at(spec, first, local(STOCKHOLM, 2026, 3, 30, 23)) == 1
    assert period_index_at(spec, first, local(STOCKHOLM, 2026, 3, 31, 0)) == 2


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        local_day(utc(2026, 3, 2).replace(tzinfo=None), STOCKHOLM)


# --- windows ---


def test_a_fixed_window_plans_every_period_from_its_start_date():
    spec = water_spec(start_date=date(2026, 3, 29))

    periods = initial_periods(spec, enrolled_at=utc(2026, 3, 20, 9))

    assert len(periods) == 7
    assert periods[0].starts_at == utc(2026, 3, 28, 23)
    assert periods[1].starts_at == utc(2026, 3, 29, 22)  # summer time from here on


def test_a_cyclic_window_has_no_periods_until_the_first_log():
    spec = water_spec(window=Window.CYCLIC_WINDOW, start_date=None)

    assert initial_periods(spec, enrolled_at=utc(2026, 3, 2, 9)) == []


def test_a_cyclic_window_starts_on_the_local_day_of_the_first_log():
    spec = water_spec(window=Window.CYCLIC_WINDOW, start_date=None, timezone=KOLKATA)
    first_log = utc(2026, 3, 9, 20)  # 01:30 on 10 March in Kolkata

    periods = plan_periods(spec, local_day(first_log, KOLKATA))

    assert periods[0].starts_at == utc(2026, 3, 9, 18, 30)
    assert periods[0].starts_at <= first_log < periods[0].ends_at


def test_a_stamp_card_is_one_open_period_from_enrolment():
    enrolled = local(KOLKATA, 2026, 3, 10, 15, 45)

    (card,) = initial_periods(reviews_spec(), enrolled_at=enrolled)

    assert card.index == 0
    assert card.starts_at == utc(2026, 3, 10, 10, 15)
    assert card.starts_at.tzinfo is not None and card.starts_at.utcoffset() == timedelta(0)
    assert card.ends_at is None


def test_monthly_periods_run_across_two_year_ends():
    spec = water_spec(frequency=Frequency.MONTHLY, total_periods=15)
    first = date(2026, 11, 30)

    starts = [local_day(p.starts_at, STOCKHOLM) for p in plan_periods(spec, first)]

    assert starts[1:4] == [date(2026, 12, 30), date(2027, 1, 30), date(2027, 2, 28)]
    assert starts[12:] == [date(2027, 11, 30), date(2027, 12, 30), date(2028, 1, 30)]
    assert period_index_at(spec, first, local(STOCKHOLM, 2027, 12, 31, 12)) == 13
    assert period_index_at(spec, first, local(STOCKHOLM, 2028, 1, 29, 23)) == 13
    assert period_index_at(spec, first, local(STOCKHOLM, 2028, 2, 1, 12)) == 14
    assert period_index_at(spec, first, local(STOCKHOLM, 2028, 2, 28, 23)) == 14
    assert period_index_at(spec, first, local(STOCKHOLM, 2028, 2, 29, 0)) is None  # 30 Feb, clamped


def test_a_monthly_period_has_no_fixed_number_of_days():
    with pytest.raises(ValueError, match="monthly"):
        days_per_period(Frequency.MONTHLY, 1)


@pytest.fixture
def a_server_in_tokyo(monkeypatch):
    """The machine's own zone is Tokyo's, which must not leak into stored instants."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_periods_are_utc_instants_whatever_the_servers_zone(a_server_in_tokyo):
    (day,) = plan_periods(water_spec(total_periods=1), date(2026, 3, 2))
    (card,) = initial_periods(reviews_spec(), enrolled_at=local(KOLKATA, 2026, 3, 10, 15, 45))

    for instant in (day.starts_at, day.ends_at, card.starts_at):
        assert instant.isoformat().endswith("+00:00")
    assert day.starts_at.isoformat() == "2026-03-01T23:00:00+00:00"

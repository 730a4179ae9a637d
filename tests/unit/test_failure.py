"""Why a failed challenge failed, in the words a person reads."""

from __future__ import annotations

from datetime import date

from app.domain.challenge import Frequency, Tracking
from app.domain.failure import breaking_miss, missed_period
from app.translations import translator
from tests.unit.specs import steps_spec, water_spec, workouts_spec

A, M, F = "achieved", "missed", "frozen"


def test_a_streak_breaks_at_the_miss_after_which_too_few_days_are_left_in_a_row():
    spec = water_spec(total_periods=10, required_periods=7)  # 7 in a row within 10 days

    assert breaking_miss(spec, [A, A, M, A, M]) == 4  # after the first miss 7 still fit


def test_a_freeze_covers_a_miss_so_the_streak_breaks_later():
    spec = water_spec(total_periods=7, required_periods=7)

    assert breaking_miss(spec, [A, F, A, M]) == 3


def test_gaps_allowed_breaks_at_the_miss_that_leaves_too_few_periods():
    spec = steps_spec()  # 5 of 7 days

    assert breaking_miss(spec, [M, A, M, A, M]) == 4


def test_every_period_counts_so_the_first_miss_breaks_a_default_challenge():
    spec = workouts_spec()

    assert spec.tracking is Tracking.DEFAULT
    assert breaking_miss(spec, [A, M, A, A]) == 1


def test_no_miss_and_an_abandoned_run_name_no_breaking_period():
    spec = water_spec()

    assert breaking_miss(spec, [A, A, A]) is None
    assert breaking_miss(spec, [A, "skipped", "skipped"]) is None


def test_a_missed_day_is_named_by_its_weekday_and_date():
    assert missed_period(Frequency.DAILY, date(2026, 12, 8)) == "Missed Tuesday 8 December"


def test_a_missed_week_month_or_run_of_days_is_named_by_where_it_starts():
    assert missed_period(Frequency.WEEKLY, date(2026, 12, 7)) == "Missed the week of 7 December"
    assert missed_period(Frequency.MONTHLY, date(2026, 11, 1)) == "Missed November 2026"
    assert missed_period(Frequency.EVERY_N_DAYS, date(2026, 3, 2), 3) == (
        "Missed the 3 days from 2 March"
    )


def test_a_missed_period_is_named_in_the_readers_language():
    swedish = translator("sv")

    assert missed_period(Frequency.DAILY, date(2026, 12, 8), words=swedish) == (
        "Missade tisdag 8 december"
    )
    assert missed_period(Frequency.WEEKLY, date(2026, 12, 7), words=swedish) == (
        "Missade veckan från 7 december"
    )
    assert missed_period(Frequency.MONTHLY, date(2026, 11, 1), words=swedish) == (
        "Missade november 2026"
    )
    assert missed_period(Frequency.EVERY_N_DAYS, date(2026, 3, 2), 3, words=swedish) == (
        "Missade de 3 dagarna från 2 mars"
    )

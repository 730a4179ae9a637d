"""The budget's pure rules: what a self-made challenge pays, and how an award is capped."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.budget import (
    Budget,
    Grant,
    Pay,
    budget_errors,
    grant,
    most_it_can_pay,
    pay_under_budget,
)
from app.domain.challenge import Tracking, Window
from app.domain.periods import month_around
from tests.unit.specs import local, reviews_spec, steps_spec, water_spec, workouts_spec

BUDGET = Budget(
    points_per_period=10, completion_points_per_period=5, challenge_cap=300, monthly_cap=1000
)


@pytest.mark.parametrize(
    ("spec", "pay"),
    [
        (water_spec(), Pay(10, 35)),  # 7 days in a row: 7 periods needed
        (steps_spec(), Pay(10, 25)),  # 5 of 7 days
        (workouts_spec(), Pay(10, 20)),  # every one of 4 weeks
        (reviews_spec(), Pay(10, 5)),  # a stamp card needs its one period
    ],
)
def test_a_self_made_challenge_pays_by_the_periods_it_needs(spec, pay):
    assert pay_under_budget(BUDGET, spec) == pay


def test_the_most_a_challenge_can_pay_is_every_period_and_completion_within_the_cap():
    assert most_it_can_pay(Pay(10, 35), water_spec(), 300) == 105
    assert most_it_can_pay(Pay(100, 350), water_spec(), 300) == 300
    assert most_it_can_pay(Pay(100, 350), water_spec(), None) == 1050


def test_an_award_within_both_caps_is_paid_in_full():
    assert grant(
        40, month_paid=900, monthly_cap=1000, challenge_paid=200, challenge_cap=300
    ) == Grant(40)
    assert grant(100, month_paid=900, monthly_cap=1000) == Grant(100)


def test_the_tighter_cap_cuts_the_award_and_is_named():
    assert grant(
        40, month_paid=990, monthly_cap=1000, challenge_paid=0, challenge_cap=300
    ) == Grant(10, "(capped at 1000 this month)")
    assert grant(
        40, month_paid=0, monthly_cap=1000, challenge_paid=290, challenge_cap=300
    ) == Grant(10, "(capped at 300 for this challenge)")


def test_a_spent_cap_pays_nothing_and_never_less_than_nothing():
    assert grant(40, month_paid=1200, monthly_cap=1000) == Grant(0, "(capped at 1000 this month)")
    assert grant(
        40, month_paid=0, monthly_cap=1000, challenge_paid=350, challenge_cap=300
    ) == Grant(0, "(capped at 300 for this challenge)")


def test_a_reversal_is_not_capped():
    assert grant(-40, month_paid=5000, monthly_cap=0) == Grant(-40)


def test_an_assignment_has_no_challenge_cap():
    assert grant(500, month_paid=0, monthly_cap=1000, challenge_cap=None) == Grant(500)


def test_budget_amounts_must_be_whole_numbers_from_0_to_a_million():
    bad = Budget(points_per_period=-1, completion_points_per_period=0, challenge_cap=1_000_001)
    assert [e.field for e in budget_errors(bad)] == ["points_per_period", "challenge_cap"]
    assert budget_errors(Budget(points_per_period=0, monthly_cap=1_000_000)) == []


def test_the_month_turns_at_local_midnight():
    starts, ends = month_around(local("Europe/Stockholm", 2026, 4, 1, 0, 30), "Europe/Stockholm")
    assert starts == datetime(2026, 3, 31, 22, tzinfo=UTC)  # summer time: UTC+2
    assert ends == datetime(2026, 4, 30, 22, tzinfo=UTC)
    march = month_around(local("Europe/Stockholm", 2026, 3, 15, 12), "Europe/Stockholm")
    assert march == (datetime(2026, 2, 28, 23, tzinfo=UTC), datetime(2026, 3, 31, 22, tzinfo=UTC))
    assert (
        water_spec().tracking is Tracking.STREAK
        and reviews_spec().window is Window.PERIOD_AGNOSTIC_WINDOW
    )

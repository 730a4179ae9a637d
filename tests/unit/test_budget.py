"""The points budget's pure rules: what a self-made challenge pays, and an award under the caps.

docs/rules.md, "Points budget", names each test below.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.budget import Budget, Grant, describe_pay, grant, most_it_can_pay, pay_under_budget
from app.domain.challenge import Frequency, Tracking, Window
from tests.unit.specs import reviews_spec, water_spec, workouts_spec

BUDGET = Budget(points_per_period=10, completion_points_per_period=5, challenge_cap=300)


def test_a_per_period_challenge_pays_the_budgets_amount_a_period_and_its_completion_by_length():
    spec = water_spec(tracking=Tracking.DEFAULT, total_periods=7)

    pay = pay_under_budget(BUDGET, spec)

    assert (pay.per_period, pay.on_completion) == (10, 5 * 7)


def test_a_streak_pays_only_its_whole_run_the_same_total_as_that_many_periods():
    streak = water_spec(tracking=Tracking.STREAK, total_periods=10, required_periods=7)
    gaps = water_spec(tracking=Tracking.NON_CONTINUOUS_STREAK, total_periods=10, required_periods=7)

    assert pay_under_budget(BUDGET, streak) == pay_under_budget(BUDGET, gaps)
    pay = pay_under_budget(BUDGET, streak)
    assert (pay.per_period, pay.on_completion) == (0, (10 + 5) * 7)


def test_a_stamp_card_pays_on_completion_only():
    spec = reviews_spec()
    assert spec.window is Window.PERIOD_AGNOSTIC_WINDOW

    pay = pay_under_budget(BUDGET, spec)

    assert (pay.per_period, pay.on_completion) == (0, 10 + 5)


def test_a_long_challenge_pays_no_more_than_the_challenge_cap_cutting_completion_first():
    weeks = workouts_spec(frequency=Frequency.WEEKLY, total_periods=25)  # 250 + 125 > 300
    days = water_spec(tracking=Tracking.DEFAULT, total_periods=45)  # 450 > 300 per period alone

    assert pay_under_budget(BUDGET, weeks).per_period == 10
    assert pay_under_budget(BUDGET, weeks).on_completion == 300 - 250
    assert pay_under_budget(BUDGET, days).per_period == 300 // 45
    assert pay_under_budget(BUDGET, days).on_completion == 300 - (300 // 45) * 45


@given(
    per_period=st.integers(0, 2_000),
    completion=st.integers(0, 2_000),
    cap=st.integers(0, 5_000),
    periods=st.integers(1, 400),
    needed=st.integers(1, 400),
    tracking=st.sampled_from(list(Tracking)),
)
def test_no_self_made_challenge_can_be_built_to_pay_past_the_challenge_cap(
    per_period, completion, cap, periods, needed, tracking
):
    budget = Budget(
        points_per_period=per_period, completion_points_per_period=completion, challenge_cap=cap
    )
    spec = water_spec(
        tracking=tracking, total_periods=periods, required_periods=min(needed, periods)
    )

    pay = pay_under_budget(budget, spec)

    assert pay.per_period >= 0 and pay.on_completion >= 0
    assert pay.per_period * spec.total_periods + pay.on_completion <= cap


def test_an_award_within_both_caps_is_paid_in_full():
    assert grant(
        10, month_paid=990, monthly_cap=1000, challenge_paid=0, challenge_cap=300
    ) == Grant(10)


def test_an_award_past_the_monthly_cap_is_cut_to_what_is_left_of_the_month_and_says_so():
    assert grant(50, month_paid=980, monthly_cap=1000) == Grant(20, "(capped at 1000 this month)")
    assert grant(50, month_paid=1200, monthly_cap=1000) == Grant(0, "(capped at 1000 this month)")


def test_an_award_past_the_challenge_cap_is_cut_to_what_is_left_of_the_challenge_and_says_so():
    cut = grant(50, month_paid=0, monthly_cap=1000, challenge_paid=280, challenge_cap=300)

    assert cut == Grant(20, "(capped at 300 for this challenge)")


def test_the_tighter_cap_names_the_cut():
    assert grant(50, month_paid=990, monthly_cap=1000, challenge_paid=280, challenge_cap=300) == (
        Grant(10, "(capped at 1000 this month)")
    )


def test_the_builder_line_says_what_a_challenge_pays_under_the_budget():
    def line(**overrides) -> str:
        spec = water_spec(**overrides)
        pay = pay_under_budget(BUDGET, spec)
        paid = water_spec(
            **overrides, points_per_period=pay.per_period, points_on_completion=pay.on_completion
        )
        return describe_pay(paid, BUDGET)

    assert line(tracking=Tracking.DEFAULT, total_periods=7) == (
        "Pays 10 points per day achieved and 35 on completion (at most 105)"
    )
    assert line(tracking=Tracking.STREAK, total_periods=7, required_periods=7) == (
        "Pays 105 points on completion"
    )
    assert (
        most_it_can_pay(
            pay_under_budget(BUDGET, water_spec(total_periods=90)),
            water_spec(total_periods=90),
            300,
        )
        <= 300
    )

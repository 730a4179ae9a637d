"""The points budget's pure rules: what a self-made challenge pays, and an award under the caps.

docs/rules.md, "Points budget", names each test below.
"""

from __future__ import annotations

from app.domain.budget import Budget, Grant, grant, pay_under_budget
from app.domain.challenge import Tracking
from tests.unit.specs import water_spec

BUDGET = Budget(points_per_period=10, completion_points_per_period=5, challenge_cap=300)


def test_a_per_period_challenge_pays_the_budgets_amount_a_period_and_its_completion_by_length():
    spec = water_spec(tracking=Tracking.DEFAULT, total_periods=7)

    pay = pay_under_budget(BUDGET, spec)

    assert (pay.per_period, pay.on_completion) == (10, 5 * 7)


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

"""How logs add up in a period: COUNT, VISIT and SUM."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.challenge import Measure
from app.domain.errors import INVALID_INPUT, RuleError
from app.domain.measures import (
    add,
    delta_on_log,
    delta_on_undo,
    is_reached,
    log_amount,
    period_total,
)
from tests.unit.journey import Journey
from tests.unit.specs import water_spec, workouts_spec

MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)


# --- COUNT ---


def test_a_count_adds_one_per_log_whatever_its_attributes():
    amount = log_amount(Measure.COUNT, None, {"minutes": 45})

    assert amount == 1
    assert delta_on_log(Measure.COUNT, amount, earlier_logs_that_day=3) == 1
    assert period_total(Measure.COUNT, [(MONDAY, 1), (MONDAY, 1), (TUESDAY, 1)]) == 3


def test_three_workouts_reach_a_count_target_of_three():
    week = Journey(workouts_spec())

    week.log()
    week.log()
    assert not week.achieved
    week.log()

    assert week.total == 3 and week.achieved


# --- VISIT ---


def test_a_visit_counts_the_first_log_of_a_local_day_only():
    assert delta_on_log(Measure.VISIT, 1, earlier_logs_that_day=0) == 1
    assert delta_on_log(Measure.VISIT, 1, earlier_logs_that_day=1) == 0
    assert period_total(Measure.VISIT, [(MONDAY, 1), (MONDAY, 1), (TUESDAY, 1)]) == 2


def test_undoing_the_only_log_of_a_day_takes_that_days_visit_back():
    week = Journey(workouts_spec(measure=Measure.VISIT))
    monday = week.log(day=MONDAY)
    week.log(day=TUESDAY)

    week.undo(monday)

    assert week.total == 1
    assert delta_on_undo(Measure.VISIT, 1, other_logs_that_day=0) == -1


def test_undoing_one_of_two_logs_on_a_day_keeps_that_days_visit():
    week = Journey(workouts_spec(measure=Measure.VISIT))
    first = week.log(day=MONDAY)
    week.log(day=MONDAY)

    week.undo(first)

    assert week.total == 1
    assert delta_on_undo(Measure.VISIT, 1, other_logs_that_day=1) == 0


# --- SUM ---


def test_a_sum_adds_the_logged_attribute():
    day = Journey(water_spec())

    day.log(5)
    day.log(3)

    assert day.total == 8 and day.achieved
    assert period_total(Measure.SUM, [(MONDAY, 5), (MONDAY, 3)]) == 8


def test_a_sum_accepts_a_number_sent_as_text():
    assert log_amount(Measure.SUM, "glasses", {"glasses": "2.5"}) == 2.5


def test_ten_tenths_of_a_glass_reach_a_target_of_one_exactly():
    total = 0.0
    for _ in range(10):
        total = add(total, log_amount(Measure.SUM, "glasses", {"glasses": 0.1}))

    assert total == 1.0 and is_reached(total, 1)
    assert period_total(Measure.SUM, [(MONDAY, 0.1)] * 10) == 1.0


def test_a_period_is_achieved_at_its_target_not_only_above_it():
    assert is_reached(8, 8)
    assert not is_reached(7.999999, 8)


@pytest.mark.parametrize(
    ("attributes", "hint"),
    [
        ({}, "Enter how many glasses to log, for example 2."),
        ({"glasses": None}, "Enter how many glasses to log"),
        ({"glasses": True}, "Enter how many glasses to log"),
        ({"glasses": "two"}, "'two' is not a number; enter the glasses as a number."),
        ({"glasses": 0}, "Log a positive number of glasses; 0 is not."),
        ({"glasses": -2}, "Log a positive number of glasses"),
        ({"glasses": 1e-7}, "Log a positive number of glasses"),  # rounds to nothing
        ({"glasses": float("nan")}, "Log a positive number of glasses"),
        ({"glasses": float("inf")}, "Log a positive number of glasses"),
        ({"glasses": 1_000_001}, "log at most 1,000,000"),
    ],
)
def test_a_sum_log_without_a_usable_amount_is_refused_with_how_to_fix_it(attributes, hint):
    with pytest.raises(RuleError) as refused:
        log_amount(Measure.SUM, "glasses", attributes)

    assert refused.value.code == INVALID_INPUT
    assert refused.value.errors[0].field == "amount"
    assert hint in str(refused.value)

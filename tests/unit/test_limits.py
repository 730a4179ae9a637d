"""Every limit of a challenge, at its boundary and one step beside it.

A refusal is checked for its field, its code and the limit it names, not its wording.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.errors import INVALID_INPUT, RuleError
from app.domain.measures import log_amount
from app.domain.validation import validate_spec
from tests.unit.specs import water_spec, workouts_spec

TODAY = date(2026, 3, 2)


def refusals(spec):
    return [(e.field, e.code) for e in validate_spec(spec, today=TODAY)]


def refusal_naming(spec, field, limit):
    """The one refusal of `spec`, which must be on `field` and name `limit`."""
    (error,) = validate_spec(spec, today=TODAY)
    assert (error.field, error.code) == (field, INVALID_INPUT)
    assert limit in error.message
    return error


def count_spec(**overrides):
    return workouts_spec(**overrides)


def default_water(**overrides):
    """Water with the every-period rule, so the number of periods may be anything."""
    return water_spec(tracking=Tracking.DEFAULT, **overrides)


# --- the target ---


def test_a_target_of_one_is_accepted_and_zero_is_refused():
    assert refusals(count_spec(target=1)) == []
    refusal_naming(count_spec(target=0), "target", "above zero")


def test_a_fractional_sum_target_is_accepted_but_a_fractional_count_is_not():
    assert refusals(water_spec(target=0.5)) == []
    assert refusals(water_spec(target=7.25)) == []
    refusal_naming(count_spec(target=2.5), "target", "whole")


def test_a_target_may_be_one_billion_but_not_more():
    assert refusals(water_spec(target=1_000_000_000)) == []
    refusal_naming(water_spec(target=1_000_000_001), "target", "1,000,000,000")
    refusal_naming(water_spec(target=1_000_000_000.5), "target", "1,000,000,000")


@pytest.mark.parametrize(
    ("frequency", "every_n_days", "days"),
    [
        (Frequency.DAILY, 1, 1),
        (Frequency.WEEKLY, 1, 7),
        (Frequency.MONTHLY, 1, 28),
        (Frequency.EVERY_N_DAYS, 5, 5),
        (Frequency.EVERY_N_DAYS, 365, 365),
    ],
)
def test_a_visit_target_may_equal_the_days_in_a_period_but_not_exceed_them(
    frequency, every_n_days, days
):
    def visits(target):
        return count_spec(
            measure=Measure.VISIT, frequency=frequency, every_n_days=every_n_days, target=target
        )

    assert refusals(visits(days)) == []
    refusal_naming(visits(days + 1), "target", f"at most {days}")


# --- how long a period is and how many there are ---


@pytest.mark.parametrize("days", [2, 365])
def test_a_period_of_every_2_or_every_365_days_is_accepted(days):
    assert refusals(water_spec(frequency=Frequency.EVERY_N_DAYS, every_n_days=days)) == []


@pytest.mark.parametrize("days", [1, 366])
def test_a_period_of_every_1_or_every_366_days_is_refused_naming_2_to_365(days):
    error = refusal_naming(
        water_spec(frequency=Frequency.EVERY_N_DAYS, every_n_days=days), "every_n_days", "365"
    )
    assert "2" in error.message


def test_every_n_days_only_matters_for_an_every_n_days_period():
    assert refusals(water_spec(frequency=Frequency.WEEKLY, every_n_days=0)) == []


def test_a_challenge_may_run_from_1_to_3660_periods():
    assert refusals(default_water(total_periods=1)) == []
    assert refusals(default_water(total_periods=3660)) == []
    refusal_naming(default_water(total_periods=0), "total_periods", "3660")
    refusal_naming(default_water(total_periods=3661), "total_periods", "3660")


def test_a_streak_may_ask_for_1_to_all_of_its_periods():
    assert refusals(water_spec(required_periods=1)) == []
    assert refusals(water_spec(required_periods=7)) == []
    refusal_naming(water_spec(required_periods=0), "required_periods", "7")
    refusal_naming(water_spec(required_periods=8), "required_periods", "7")


def test_the_every_period_rule_ignores_the_required_number():
    assert refusals(default_water(required_periods=99)) == []


# --- points ---


@pytest.mark.parametrize("field", ["points_per_period", "points_on_completion"])
def test_points_may_be_0_to_1_000_000(field):
    assert refusals(water_spec(**{field: 0})) == []
    assert refusals(water_spec(**{field: 1_000_000})) == []
    refusal_naming(water_spec(**{field: -1}), field, "1,000,000")
    refusal_naming(water_spec(**{field: 1_000_001}), field, "1,000,000")


# --- what is tracked: lower case letters, digits and _, from a letter, at most 64 ---


@pytest.mark.parametrize("slug", ["a", "water_glass", "k2", "x" * 64, "a_1_b"])
def test_an_event_type_and_an_attribute_in_slug_form_are_accepted(slug):
    assert refusals(water_spec(event_type=slug, attribute=slug)) == []


@pytest.mark.parametrize("slug", ["", "x" * 65, "2k", "_a", "Water", "water glass", "vatten-glas"])
def test_an_event_type_or_attribute_not_in_slug_form_is_refused_on_its_field(slug):
    assert refusals(water_spec(event_type=slug)) == [("event_type", INVALID_INPUT)]
    assert refusals(water_spec(attribute=slug)) == [("attribute", INVALID_INPUT)]


def test_only_a_sum_needs_an_attribute():
    assert refusals(count_spec(attribute=None)) == []


# --- one log ---


@pytest.mark.parametrize("glasses", [1_000_000, 0.000001, "1000000"])
def test_one_log_may_carry_from_a_millionth_to_a_million(glasses):
    assert log_amount(Measure.SUM, "glasses", {"glasses": glasses}) == float(glasses)


@pytest.mark.parametrize("glasses", [1_000_000.5, 1_000_001, 0.0000004])
def test_one_log_beyond_a_million_or_rounding_to_nothing_is_refused(glasses):
    with pytest.raises(RuleError) as refused:
        log_amount(Measure.SUM, "glasses", {"glasses": glasses})

    (error,) = refused.value.errors
    assert (error.field, error.code) == ("amount", INVALID_INPUT)
    assert "glasses" in error.message

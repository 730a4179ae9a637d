"""Checks a challenge passes before it is stored or sent upstream."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.challenge import Frequency, Measure, Tracking, Window
from app.domain.errors import INVALID_INPUT, NAME_TAKEN, NAME_TOO_LONG
from app.domain.validation import check_log_time, validate_spec
from tests.unit.specs import reviews_spec, steps_spec, water_spec, workouts_spec

TODAY = date(2026, 3, 2)


def errors_of(spec, taken=()):
    return validate_spec(spec, today=TODAY, taken_names=taken)


@pytest.mark.parametrize("spec", [water_spec(), steps_spec(), workouts_spec(), reviews_spec()])
def test_the_documented_example_challenges_are_valid(spec):
    assert errors_of(spec) == []


# --- the name: upstream codes 310008 and 310069 ---


def test_a_name_longer_than_200_characters_is_refused_with_310008_saying_how_long_it_is():
    (error,) = errors_of(water_spec(name="w" * 201))

    assert (error.field, error.code) == ("name", NAME_TOO_LONG)
    assert error.message == "Names can be at most 200 characters; this one has 201. Shorten it."


def test_a_name_of_exactly_200_characters_is_accepted_and_spaces_around_it_do_not_count():
    assert errors_of(water_spec(name="w" * 200)) == []
    assert errors_of(water_spec(name="  " + "w" * 200 + "  ")) == []


def test_a_name_already_taken_in_another_case_is_refused_with_310069_suggesting_another():
    (error,) = errors_of(water_spec(name="water  EVERY day"), taken=["Water every day"])

    assert (error.field, error.code) == ("name", NAME_TAKEN)
    assert "Pick another name, for example 'water EVERY day 2'" in error.message


def test_a_suggested_name_for_a_taken_200_character_name_still_fits():
    name = "w" * 200

    (error,) = errors_of(water_spec(name=name), taken=[name.upper()])

    suggestion = error.message.split("for example '")[1].rstrip("'.")
    assert len(suggestion) == 200


def test_a_blank_name_is_refused_with_300004_and_an_example():
    (error,) = errors_of(water_spec(name="   "))

    assert (error.field, error.code) == ("name", INVALID_INPUT)
    assert "Give your challenge a name, for example" in error.message


# --- everything else: 300004 ---


@pytest.mark.parametrize(
    ("overrides", "field", "hint"),
    [
        ({"event_type": "Water Glass"}, "event_type", "for example 'water_glass'"),
        ({"attribute": None}, "attribute", "for example 'glasses'"),
        ({"target": 0}, "target", "Set a target above zero, for example 8."),
        ({"target": float("nan")}, "target", "Set a target above zero"),
        ({"target": 2_000_000_000}, "target", "Set a target of at most 1,000,000,000."),
        ({"measure": Measure.COUNT, "target": 2.5}, "target", "set a target like 3, not 2.5"),
        ({"measure": Measure.VISIT, "target": 2}, "target", "can be at most 1"),
        (
            {"frequency": Frequency.EVERY_N_DAYS, "every_n_days": 1},
            "every_n_days",
            "Choose a period of 2 to 365 days.",
        ),
        (
            {"total_periods": 0, "tracking": Tracking.DEFAULT},
            "total_periods",
            "A challenge runs for 1 to 3660 periods.",
        ),
        ({"required_periods": 8}, "required_periods", "Ask for between 1 and 7"),
        ({"timezone": "Mars/Olympus"}, "timezone", "use one like 'Europe/Stockholm'"),
        ({"timezone": ""}, "timezone", "use one like 'Europe/Stockholm'"),
        ({"start_date": None}, "start_date", "Pick the day the challenge starts."),
        ({"start_date": date(2026, 3, 1)}, "start_date", "start today or later"),
        (
            {"window": Window.CYCLIC_WINDOW},
            "start_date",
            "leave the start day empty",
        ),
        ({"points_on_completion": -1}, "points_on_completion", "from 0 to 1,000,000"),
        ({"points_per_period": 1_000_001}, "points_per_period", "from 0 to 1,000,000"),
    ],
)
def test_each_broken_rule_names_its_field_code_300004_and_how_to_fix_it(overrides, field, hint):
    (error,) = errors_of(water_spec(**overrides))

    assert (error.field, error.code) == (field, INVALID_INPUT)
    assert hint in error.message


@pytest.mark.parametrize(
    "overrides",
    [{"total_periods": 3}, {"tracking": Tracking.STREAK, "required_periods": 1}],
)
def test_a_stamp_card_is_one_period_with_the_every_period_rule(overrides):
    (error,) = errors_of(reviews_spec(**overrides))

    assert (error.field, error.code) == ("window", INVALID_INPUT)
    assert "set 1 period and the 'every period' rule" in error.message


def test_a_stamp_card_may_ask_for_visits_on_any_number_of_days():
    assert errors_of(reviews_spec(measure=Measure.VISIT, target=5)) == []


def test_a_start_date_of_today_is_accepted():
    assert errors_of(water_spec(start_date=TODAY)) == []


def test_every_problem_is_reported_at_once():
    spec = water_spec(name="", event_type="", target=-1, timezone="Nowhere", start_date=None)

    fields = [e.field for e in errors_of(spec)]

    assert fields == ["name", "event_type", "target", "timezone", "start_date"]


def test_a_log_cannot_be_dated_in_the_future():
    (error,) = check_log_time(date(2026, 3, 3), today=TODAY)

    assert (error.field, error.code) == ("occurred_at", INVALID_INPUT)
    assert "hasn't happened yet" in error.message
    assert check_log_time(TODAY, today=TODAY) == []

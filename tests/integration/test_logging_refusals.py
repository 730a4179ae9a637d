"""A log that cannot count is refused on its field, saying what to do instead."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.challenge import Window
from app.domain.errors import RuleError
from tests.factories import a_challenge, a_log, a_person, a_workouts_challenge, local

MONDAY = local("Europe/Stockholm", 2026, 3, 2, 8)


def refusal(engine, person, challenge, *, at, occurred_at=None):
    """The one refusal of a log, as (field, message)."""
    with pytest.raises(RuleError) as refused:
        a_log(engine, person, challenge, at=at, occurred_at=occurred_at, glasses=8)
    (error,) = refused.value.errors
    return error.field, error.message


def test_a_log_dated_later_than_now_is_refused_on_its_time(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY)

    field, message = refusal(engine, person, water, at=MONDAY, occurred_at=MONDAY + timedelta(1))

    assert field == "occurred_at" and "happened" in message


def test_a_log_into_an_ended_challenge_is_refused_on_the_challenge_naming_its_status(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY)

    field, message = refusal(engine, person, water, at=MONDAY + timedelta(days=2))

    assert field == "challenge" and "failed" in message


def test_a_log_before_the_first_day_is_refused_on_its_time_naming_the_first_day(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, start_date=date(2026, 3, 9))

    field, message = refusal(engine, person, water, at=MONDAY)

    assert field == "occurred_at" and "09 March 2026" in message


def test_a_log_into_a_period_already_closed_is_refused_on_its_time(engine):
    person = a_person(engine, now=MONDAY)
    gym = a_workouts_challenge(engine, person, now=MONDAY)
    next_week = MONDAY + timedelta(weeks=1)

    field, message = refusal(engine, person, gym, at=next_week, occurred_at=MONDAY)

    assert field == "occurred_at" and "running period" in message


def test_a_stamp_card_log_dated_before_joining_is_refused_as_outside_its_periods(engine):
    person = a_person(engine, now=MONDAY)
    card = a_challenge(
        engine,
        person,
        now=MONDAY,
        window=Window.PERIOD_AGNOSTIC_WINDOW,
        start_date=None,
        total_periods=1,
        tracking="DEFAULT",
    )

    field, message = refusal(engine, person, card, at=MONDAY, occurred_at=MONDAY - timedelta(1))

    assert field == "occurred_at" and "outside" in message


def test_a_cyclic_window_log_dated_before_joining_is_refused_saying_from_when(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, window=Window.CYCLIC_WINDOW, start_date=None)

    field, message = refusal(engine, person, water, at=MONDAY, occurred_at=MONDAY - timedelta(1))

    assert field == "occurred_at" and "joined" in message

"""A challenge's words from plain strings, templates a person starts, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.errors import INVALID_INPUT, NAME_TAKEN, FieldError, RuleError
from app.domain.templates import REVIEWS, WATER
from tests.unit.specs import KOLKATA, MONDAY


def test_a_spec_built_from_plain_strings_holds_the_enums():
    spec = ChallengeSpec(
        name="Walks",
        event_type="walk",
        measure="VISIT",
        target=3,
        frequency="WEEKLY",
        tracking="STREAKS",
        window="CYCLIC_WINDOW",
    )

    assert spec.measure is Measure.VISIT
    assert spec.frequency is Frequency.WEEKLY
    assert spec.tracking is Tracking.STREAK
    assert spec.window is Window.CYCLIC_WINDOW


def test_only_the_streak_kinds_may_be_spelled_in_the_plural():
    with pytest.raises(ValueError):
        Tracking.parse("DEFAULTS")


def test_a_template_started_by_a_person_takes_their_zone_start_day_and_name():
    spec = WATER.start(timezone=KOLKATA, start_date=MONDAY, name="My water")

    assert (spec.timezone, spec.start_date, spec.name) == (KOLKATA, MONDAY, "My water")
    assert (spec.target, spec.total_periods, spec.points_on_completion) == (8, 7, 100)


def test_a_template_started_without_a_name_keeps_its_own():
    assert WATER.start(timezone=KOLKATA, start_date=MONDAY).name == "Water every day"


def test_a_stamp_card_template_ignores_a_start_day():
    assert REVIEWS.start(timezone=KOLKATA, start_date=date(2026, 3, 9)).start_date is None


def test_a_refusal_of_several_problems_carries_each_and_reads_as_all_of_them():
    problems = [FieldError("target", "Set a target."), FieldError("timezone", "Pick a zone.")]

    refused = RuleError(errors=problems)

    assert refused.errors == problems
    assert str(refused) == "Set a target.; Pick a zone."


def test_a_refusal_keeps_its_upstream_code_and_its_field():
    taken = RuleError("name", "Pick another name.", code=NAME_TAKEN)

    assert taken.code == NAME_TAKEN
    assert taken.errors == [FieldError("name", "Pick another name.", NAME_TAKEN)]
    assert RuleError("target", "Set a target.").code == INVALID_INPUT


def test_a_refusal_about_no_one_field_names_none():
    assert RuleError(message="Try again.").errors == [FieldError("", "Try again.")]

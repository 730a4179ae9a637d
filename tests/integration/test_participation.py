"""Participation in the brand's definitions: who started, logged, achieved, completed, paid."""

from __future__ import annotations

from datetime import timedelta

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking
from app.domain.definitions import DefinitionRule
from app.services.assignments import start_definition
from app.services.definitions import create_definition, publish_definition
from app.services.logging import undo_log
from app.services.participation import month_start, read_participation
from tests.factories import a_log, a_person, local

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 3, 20)
OPERATOR = "brand@example.com"


def a_stretch_definition(engine, *, now=NOW) -> int:
    """Stretch once a day for 2 days: 10 points a day, 50 on completion."""
    spec = ChallengeSpec(
        name="Stretch twice",
        event_type="stretch",
        measure=Measure.COUNT,
        target=1,
        frequency=Frequency.DAILY,
        total_periods=2,
        tracking=Tracking.DEFAULT,
        points_per_period=10,
        points_on_completion=50,
    )
    definition = create_definition(
        engine, rule=DefinitionRule(spec=spec, icon="self_improvement"), by=OPERATOR, now=now
    )
    publish_definition(engine, definition_id=definition, by=OPERATOR, now=now)
    return definition


def started(engine, definition: int, *, at=NOW) -> tuple[int, int]:
    person = a_person(engine, now=at)
    challenge = start_definition(
        engine, person_id=person, definition_id=definition, now=at, consent=False
    )
    return person, challenge


def figures(engine, definition: int, *, now=NOW):
    participation = read_participation(engine, now=now)
    [row] = [d for d in participation.definitions if d.definition_id == definition]
    return row, participation.month


def test_each_definition_counts_its_funnel_and_the_points_it_paid(engine):
    definition = a_stretch_definition(engine, now=NOW - timedelta(days=1))
    day_one = NOW - timedelta(days=1)
    finisher, finishing = started(engine, definition, at=day_one)
    halfway, halfway_challenge = started(engine, definition, at=day_one)
    started(engine, definition, at=day_one)  # started, never logged
    a_log(engine, finisher, finishing, at=day_one)
    a_log(engine, finisher, finishing, at=NOW)
    a_log(engine, halfway, halfway_challenge, at=day_one)

    row, _ = figures(engine, definition)

    assert (row.name, row.assigned, row.active, row.completed, row.failed) == (
        "Stretch twice",
        3,
        2,
        1,
        0,
    )
    assert (row.logged, row.achieved) == (2, 2)
    assert row.points_paid == 10 + 10 + 50 + 10


def test_an_undo_that_takes_points_back_is_paid_less_and_no_longer_logged(engine):
    definition = a_stretch_definition(engine)
    person, challenge = started(engine, definition)
    receipt = a_log(engine, person, challenge, at=NOW)

    undo_log(engine, person_id=person, log_id=receipt.log_id, now=NOW + timedelta(minutes=1))

    row, month = figures(engine, definition, now=NOW + timedelta(minutes=2))
    assert (row.assigned, row.logged, row.achieved, row.points_paid) == (1, 0, 0, 0)
    assert (month.points_paid, month.people_paid) == (0, 0)


def test_definitions_nobody_started_are_listed_with_zeros(engine):
    definition = a_stretch_definition(engine)

    row, _ = figures(engine, definition)

    assert (row.assigned, row.logged, row.achieved, row.completed, row.points_paid) == (
        0,
        0,
        0,
        0,
        0,
    )


def test_this_months_payout_counts_this_calendar_month_in_utc_and_the_people_paid(engine):
    last_month = local(TZ, 2026, 2, 27, 12)
    definition = a_stretch_definition(engine, now=last_month)
    early, early_challenge = started(engine, definition, at=last_month)
    a_log(engine, early, early_challenge, at=last_month)  # 10 in February
    person, challenge = started(engine, definition)
    a_log(engine, person, challenge, at=NOW)  # 10 in March

    _, month = figures(engine, definition)

    assert month.month_start == month_start(NOW)
    assert month_start(NOW).isoformat() == "2026-03-01T00:00:00+00:00"
    assert (month.points_paid, month.people_paid) == (10, 1)
    assert month.budget.monthly_cap > 0

"""The worked examples of docs/rules.md, played period by period."""

from __future__ import annotations

from app.domain.challenge import Status
from app.domain.periods import local_day, plan_periods
from tests.unit.journey import Journey
from tests.unit.specs import NEW_YORK, reviews_spec, steps_spec, water_spec, workouts_spec

ACTIVE, COMPLETED, FAILED = Status.ACTIVE, Status.COMPLETED, Status.FAILED


def timeline(journey, *periods):
    """Per period: (total, achieved, balance) as it ends, then (streak, status) once closed."""
    rows = []
    for amounts in periods:
        for amount in amounts:
            journey.log(amount)
        row = (journey.total, journey.achieved, journey.balance)
        status = journey.close()
        rows.append((*row, journey.standing.current_streak, status))
    return rows


def test_water_eight_glasses_seven_days_in_a_row_pays_100_points_on_the_seventh_day():
    water = Journey(water_spec())

    week = timeline(water, [3, 3, 2], [4, 4], [2, 6], [8], [5, 3], [10], [4, 4])

    assert week == [
        (8, True, 0, 1, ACTIVE),
        (8, True, 0, 2, ACTIVE),
        (8, True, 0, 3, ACTIVE),
        (8, True, 0, 4, ACTIVE),
        (8, True, 0, 5, ACTIVE),
        (10, True, 0, 6, ACTIVE),
        (8, True, 100, 7, COMPLETED),
    ]


def test_water_the_seventh_glass_of_eight_completes_and_an_undo_takes_the_100_back():
    water = Journey(water_spec())
    water.play(*[[8]] * 6)
    water.log(4)

    last = water.log(4)
    assert (water.standing.status, water.standing.current_streak, water.balance) == (
        COMPLETED,
        7,
        100,
    )

    water.undo(last)
    assert (water.standing.status, water.total, water.balance) == (ACTIVE, 4, 0)

    water.log(4)
    assert [c.points for c in water.ledger] == [100, -100, 100]


def test_water_a_day_below_eight_glasses_fails_the_challenge_when_the_day_ends():
    water = Journey(water_spec())

    assert timeline(water, [8], [3, 4]) == [(8, True, 0, 1, ACTIVE), (7, False, 0, 0, FAILED)]


def test_steps_ten_thousand_on_five_of_seven_days_completes_with_gaps():
    steps = Journey(steps_spec())

    days = timeline(
        steps, [12_000], [3_000], [10_000], [4_000, 6_000], [500], [11_000], [6_000, 4_500]
    )

    assert [(achieved, streak) for _, achieved, _, streak, _ in days] == [
        (True, 1),
        (False, 0),
        (True, 1),
        (True, 2),
        (False, 0),
        (True, 1),
        (True, 2),
    ]
    assert [status for *_, status in days] == [ACTIVE] * 6 + [COMPLETED]
    assert steps.balance == 50
    assert steps.standing.achieved == 5 and steps.standing.best_streak == 2


def test_steps_a_third_missed_day_fails_the_challenge_once_five_are_out_of_reach():
    steps = Journey(steps_spec())

    days = timeline(steps, [10_000], [2_000], [10_000], [3_000], [9_999])

    assert [status for *_, status in days] == [ACTIVE, ACTIVE, ACTIVE, ACTIVE, FAILED]


def test_workouts_three_a_week_for_four_weeks_pays_25_points_a_week():
    workouts = Journey(workouts_spec())

    weeks = timeline(workouts, [1, 1, 1], [1, 1, 1], [1, 1, 1, 1], [1, 1, 1])

    assert weeks == [
        (3, True, 25, 1, ACTIVE),
        (3, True, 50, 2, ACTIVE),
        (4, True, 75, 3, ACTIVE),  # a fourth workout pays nothing more
        (3, True, 100, 4, COMPLETED),
    ]


def test_workouts_a_missed_week_keeps_paying_the_other_weeks_and_fails_at_the_end():
    workouts = Journey(workouts_spec())

    weeks = timeline(workouts, [1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1])

    assert weeks == [
        (2, False, 0, 0, ACTIVE),
        (3, True, 25, 1, ACTIVE),
        (3, True, 50, 2, ACTIVE),
        (3, True, 75, 3, FAILED),
    ]


def test_workouts_the_first_week_in_new_york_is_an_hour_short_for_the_dst_change():
    weeks = plan_periods(workouts_spec(), workouts_spec().start_date)

    hours = [(w.ends_at - w.starts_at).total_seconds() / 3600 for w in weeks]

    assert hours == [167, 168, 168, 168]
    assert local_day(weeks[0].ends_at, NEW_YORK).isoformat() == "2026-03-09"


def test_reviews_a_stamp_card_pays_50_points_on_the_fifth_review_whenever_it_comes():
    card = Journey(reviews_spec())

    for _ in range(4):
        card.log()
    assert (card.total, card.standing.status, card.balance) == (4, ACTIVE, 0)
    card.log()

    assert (card.total, card.standing.status, card.balance) == (5, COMPLETED, 50)

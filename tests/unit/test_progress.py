"""Streaks and status: DEFAULT, STREAK and NON_CONTINUOUS_STREAK."""

from __future__ import annotations

import pytest

from app.domain.challenge import Status, Tracking
from app.domain.progress import Progress, close_period, replay, standing, streaks_by_scan
from tests.unit.journey import Journey
from tests.unit.specs import reviews_spec, steps_spec, water_spec, workouts_spec

HIT, MISS = True, False
ACTIVE, COMPLETED, FAILED = Status.ACTIVE, Status.COMPLETED, Status.FAILED


# --- the counters ---


def test_closing_a_period_folds_it_into_the_counters():
    progress = replay(water_spec(), [HIT, HIT, MISS, HIT])

    assert progress == Progress(closed=4, closed_achieved=3, run=1, best_run=2)
    assert close_period(progress, achieved=True) == Progress(5, 4, 2, 2)
    assert streaks_by_scan([HIT, HIT, MISS, HIT]) == (1, 2)


FROZEN = None  # a missed period a streak freeze covered


def test_a_frozen_period_neither_breaks_nor_grows_the_run():
    progress = replay(water_spec(), [HIT, HIT, FROZEN, HIT])

    assert progress == Progress(closed=4, closed_achieved=3, run=3, best_run=3)
    assert streaks_by_scan([HIT, HIT, FROZEN, HIT]) == (3, 3)


def test_a_frozen_period_uses_up_one_of_the_periods_a_streak_can_still_be_built_in():
    spec = water_spec(total_periods=4, required_periods=3)  # 3 in a row within 4

    assert standing(spec, replay(spec, [HIT, FROZEN])).status is ACTIVE
    assert standing(spec, replay(spec, [FROZEN, FROZEN])).status is FAILED


def test_a_streak_stays_alive_while_todays_period_is_not_yet_achieved():
    progress = replay(water_spec(), [HIT, HIT])

    today = standing(water_spec(), progress, running_achieved=False)

    assert today.current_streak == 2 and today.status is ACTIVE


def test_achieving_the_running_period_extends_the_streak_at_once():
    progress = replay(water_spec(), [HIT, HIT])

    today = standing(water_spec(), progress, running_achieved=True)

    assert (today.current_streak, today.best_streak, today.achieved) == (3, 3, 3)


def test_a_streak_breaks_when_a_period_closes_below_target_but_the_best_is_kept():
    progress = replay(water_spec(total_periods=30), [HIT, HIT, HIT, MISS])

    now = standing(water_spec(total_periods=30), progress)

    assert (now.current_streak, now.best_streak) == (0, 3)


# --- DEFAULT: every period stands alone ---


def test_a_default_challenge_with_a_miss_fails_only_once_its_last_period_has_closed():
    spec = workouts_spec()

    assert standing(spec, replay(spec, [MISS, HIT, HIT])).status is ACTIVE
    assert standing(spec, replay(spec, [MISS, HIT, HIT, HIT])).status is FAILED


def test_a_default_challenge_completes_the_moment_its_last_period_is_achieved():
    workouts = Journey(workouts_spec())
    workouts.play([1, 1, 1], [1, 1, 1], [1, 1, 1])

    workouts.log()
    workouts.log()
    assert workouts.standing.status is ACTIVE
    workouts.log()

    assert workouts.standing.status is COMPLETED


# --- STREAK: N achieved periods in a row ---


def test_a_seven_of_seven_streak_fails_as_soon_as_the_first_day_is_missed():
    water = Journey(water_spec())

    assert water.play([7]) == [FAILED]


def test_a_streak_fails_as_soon_as_too_few_periods_remain_to_make_it():
    spec = water_spec(total_periods=5, required_periods=3)

    assert Journey(spec).play([8], [2], [8]) == [ACTIVE, ACTIVE, ACTIVE]  # 3, 4, 5 still can
    assert Journey(spec).play([8], [8], [2]) == [ACTIVE, ACTIVE, FAILED]  # only 4 and 5 remain


def test_a_streak_completed_early_stays_completed():
    spec = water_spec(total_periods=5, required_periods=3)

    assert Journey(spec).play([8], [8], [8]) == [ACTIVE, ACTIVE, COMPLETED]


# --- NON_CONTINUOUS_STREAK: N achieved periods, gaps allowed ---


def test_a_non_continuous_streak_fails_once_too_few_periods_remain():
    steps = Journey(steps_spec())

    statuses = steps.play([10_000], [0.5], [10_000], [0.5], [0.5])

    assert statuses == [ACTIVE, ACTIVE, ACTIVE, ACTIVE, FAILED]  # 2 achieved + 2 left < 5


def test_a_non_continuous_streak_completes_at_its_nth_achieved_period_gaps_and_all():
    progress = replay(steps_spec(), [HIT, MISS, HIT, MISS, HIT, HIT])

    assert standing(steps_spec(), progress, running_achieved=False).status is ACTIVE
    assert standing(steps_spec(), progress, running_achieved=True).status is COMPLETED


# --- PERIOD_AGNOSTIC_WINDOW: a stamp card ---


def test_a_stamp_card_stays_active_while_open_and_completes_when_reached():
    assert standing(reviews_spec(), Progress()).status is ACTIVE
    assert standing(reviews_spec(), Progress(), running_achieved=True).status is COMPLETED


# --- spelling and counting ---


@pytest.mark.parametrize(
    ("upstream", "tracking"),
    [
        ("STREAKS", Tracking.STREAK),
        ("NON_CONTINUOUS_STREAKS", Tracking.NON_CONTINUOUS_STREAK),
        ("STREAK", Tracking.STREAK),
        (" streaks ", Tracking.STREAK),
        ("DEFAULT", Tracking.DEFAULT),
    ],
)
def test_tracking_accepts_the_upstream_plural_spelling(upstream, tracking):
    assert Tracking.parse(upstream) is tracking


def test_an_unknown_tracking_type_is_refused():
    with pytest.raises(ValueError):
        Tracking.parse("CAPPING")


def test_a_default_challenge_needs_every_period_and_a_streak_its_required_number():
    assert workouts_spec(required_periods=1).periods_needed == 4
    assert steps_spec().periods_needed == 5

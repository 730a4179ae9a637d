"""What a flip of achievement pays, and how an undo takes it back."""

from __future__ import annotations

from app.domain.points import PointsReason, balance, points_for_change, running_balances
from tests.unit.journey import Journey
from tests.unit.specs import reviews_spec, water_spec, workouts_spec


def flip(spec, **states):
    flags = dict(
        period_was_achieved=False,
        period_is_achieved=False,
        was_completed=False,
        is_completed=False,
    )
    return points_for_change(spec, period_label="period 2", **(flags | states))


def test_achieving_a_period_pays_its_points_with_a_note_saying_why():
    (award,) = flip(workouts_spec(), period_is_achieved=True)

    assert award.reason is PointsReason.PERIOD_ACHIEVED
    assert award.points == 25
    assert award.note == "Three workouts a week: period 2 achieved"


def test_an_undo_that_reopens_a_period_takes_its_points_back_with_a_reversing_entry():
    (reversal,) = flip(workouts_spec(), period_was_achieved=True)

    assert reversal.reason is PointsReason.PERIOD_REVERSED
    assert reversal.points == -25
    assert "reopened by an undo" in reversal.note


def test_completing_a_challenge_pays_its_completion_points():
    (award,) = flip(water_spec(), period_is_achieved=True, is_completed=True)

    assert (award.reason, award.points) == (PointsReason.CHALLENGE_COMPLETED, 100)


def test_an_undo_that_uncompletes_a_challenge_reverses_the_completion():
    (reversal,) = flip(water_spec(), period_was_achieved=True, was_completed=True)

    assert (reversal.reason, reversal.points) == (PointsReason.COMPLETION_REVERSED, -100)


def test_a_period_and_a_completion_flipping_together_give_one_entry_each():
    spec = workouts_spec(points_on_completion=40)

    changes = flip(spec, period_is_achieved=True, is_completed=True)

    assert [(c.reason, c.points) for c in changes] == [
        (PointsReason.PERIOD_ACHIEVED, 25),
        (PointsReason.CHALLENGE_COMPLETED, 40),
    ]


def test_nothing_is_paid_when_nothing_flips():
    assert flip(workouts_spec(), period_was_achieved=True, period_is_achieved=True) == []
    assert flip(water_spec(), was_completed=True, is_completed=True) == []


def test_a_challenge_that_pays_nothing_per_period_writes_no_period_entry():
    assert flip(water_spec(), period_is_achieved=True) == []


def test_a_fourth_workout_in_an_achieved_week_pays_nothing_more():
    week = Journey(workouts_spec())
    for _ in range(4):
        week.log()

    assert [c.points for c in week.ledger] == [25]


def test_undoing_one_log_of_a_week_still_above_target_keeps_its_award():
    week = Journey(workouts_spec())
    numbers = [week.log() for _ in range(4)]

    week.undo(numbers[0])

    assert week.achieved and [c.points for c in week.ledger] == [25]


def test_undoing_the_log_that_completed_a_stamp_card_takes_its_50_points_back():
    card = Journey(reviews_spec())
    numbers = [card.log() for _ in range(5)]

    card.undo(numbers[-1])

    assert [c.points for c in card.ledger] == [50, -50]
    assert card.balance == 0


def test_the_balance_is_the_sum_of_the_ledger():
    assert balance([25, 25, -25, 100]) == 125
    assert running_balances([25, 25, -25, 100]) == [25, 50, 25, 125]


def test_the_ledger_says_which_challenge_was_completed():
    (award,) = flip(water_spec(), period_is_achieved=True, is_completed=True)

    assert award.note == "Water every day: challenge completed"


def test_the_ledger_says_an_undo_reversed_the_completion():
    (reversal,) = flip(water_spec(), period_was_achieved=True, was_completed=True)

    assert reversal.note == "Water every day: completion reversed by an undo"

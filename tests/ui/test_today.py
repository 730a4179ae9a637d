"""Today: empty state, one-tap logging, undo, and the balance in the header."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from app.domain.periods import local_day
from app.domain.templates import WATER, WORKOUTS
from app.ui.plain_elements import PlainButton, ProgressBar
from tests.ui import harness
from tests.ui.conftest import ZONE, signed_in, start_challenge


async def test_a_new_person_is_told_how_to_start(user: User):
    await signed_in(user)
    await user.open("/")

    await user.should_see("No challenges yet")
    await user.should_see(marker="start-challenge")


async def test_a_tap_logs_a_glass_and_undo_takes_it_back(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")
    await user.should_see("0 of 8 glasses")

    user.find(marker="log-one").click()
    await user.should_see("1 of 8 glasses")
    user.find(marker="undo").click()  # it takes no points back: one tap, no question
    await user.should_see("0 of 8 glasses")
    await user.should_not_see(marker="undo-dialog")


async def test_someone_signed_out_sees_the_landing_page(user: User):
    await user.open("/")

    await user.should_see("Create an account")


async def test_a_custom_amount_is_logged_from_a_field_that_opens_on_demand(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")
    await user.should_not_see(marker="custom-amount")

    log_an_amount(user, 3)

    await user.should_see("3 of 8 glasses", retries=50)
    assert user.find(marker="custom-amount").elements.pop().value is None  # no double log
    bar = user.find(ProgressBar).elements.pop()
    assert (bar.percent, bar.props["aria-label"]) == (38, "3 of 8 glasses")
    user.find(marker="log-one").click()
    await user.should_see("4 of 8 glasses", retries=50)
    assert bar.percent == 50 and "text-primary" in bar.classes


async def test_reaching_the_target_updates_the_streak_on_the_card(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")
    await user.should_see("0 streak")

    log_an_amount(user, 8)

    await user.should_see("8 of 8 glasses", retries=50)
    await user.should_see("1 streak")
    await user.should_see("1 of 7 achieved")
    bar = user.find(ProgressBar).elements.pop()
    assert bar.percent == 100 and "text-positive" in bar.classes


async def test_the_log_button_names_its_unit_in_the_singular(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")

    button = user.find(marker="log-one").elements.pop()
    assert isinstance(button, PlainButton) and button.tag == "button" and button.text == "+1 glass"
    assert "aria-label" not in button.props  # the name a screen reader hears is the label


async def test_an_undo_that_takes_points_back_asks_first_and_keep_leaves_the_log(user: User):
    person = await signed_in(user)
    start_challenge(person, WORKOUTS, total_periods=2)  # 3 a week, 25 points each week
    await user.open("/")
    for done in (1, 2, 3):
        user.find(marker="log-one").click()
        await user.should_see(f"{done} of 3 workouts", retries=50)

    user.find(marker="undo").click()
    await user.should_see("Undo this log?", retries=50)
    await user.should_see("It takes back 25 points.")
    user.find(marker="keep-log").click()

    await user.should_not_see(marker="undo-dialog", retries=50)
    await user.should_see("3 of 3 workouts")
    await user.should_see("25 pts")
    user.find(marker="undo").click()  # the offer stands after keeping
    await user.should_see(marker="confirm-undo", retries=50)
    user.find(marker="confirm-undo").click()
    await user.should_see("2 of 3 workouts", retries=50)
    await user.should_see("0 pts")


async def test_a_completed_challenge_states_it_once_with_no_time_left(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER, total_periods=1, required_periods=1)
    await user.open("/")

    log_an_amount(user, 8)

    await user.should_see(marker="status", retries=50)
    badge = user.find(marker="status").elements.pop()
    assert [(type(e).__name__, getattr(e, "text", "")) for e in badge.descendants()] == [
        ("Icon", ""),
        ("Label", "Completed"),
    ]
    await user.should_not_see(marker="figures", content=" left")  # no time left
    await user.should_not_see(marker="log-one")


async def test_a_failed_challenge_says_which_missed_day_ended_it(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    first_day = local_day(ctx.clock.now(), ZONE)
    start_challenge(person, WATER)  # 7 days in a row out of 7: the first miss ends it
    ctx.clock.advance(timedelta(days=1))

    await user.open("/")

    await user.should_see("Ended", retries=50)
    await user.should_see(f"Missed {first_day:%A} {first_day.day} {first_day:%B}")
    await user.should_not_see(marker="figures", content=" left")  # no time left


def log_an_amount(user: User, amount: int) -> None:
    user.find(marker="log-amount").click()
    user.find(marker="custom-amount").type(str(amount))
    user.find(marker="log-custom").click()

"""Today: empty state, one-tap logging, undo, and the balance in the header."""

from __future__ import annotations

from nicegui.testing import User

from app.domain.templates import WATER
from tests.ui.conftest import signed_in, start_challenge


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
    user.find(marker="undo").click()
    await user.should_see("0 of 8 glasses")


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
    user.find(marker="log-one").click()
    await user.should_see("4 of 8 glasses", retries=50)


async def test_reaching_the_target_updates_the_streak_on_the_card(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")
    await user.should_see("0 streak")

    log_an_amount(user, 8)

    await user.should_see("8 of 8 glasses", retries=50)
    await user.should_see("1 streak")
    await user.should_see("1 of 7 achieved")


def log_an_amount(user: User, amount: int) -> None:
    user.find(marker="log-amount").click()
    user.find(marker="custom-amount").type(str(amount))
    user.find(marker="log-custom").click()

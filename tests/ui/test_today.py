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

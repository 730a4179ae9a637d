"""Renaming from the challenge page: the dialog, refusals beside the name, the new title."""

from __future__ import annotations

from nicegui.testing import User

from app.domain.templates import STEPS, WATER
from app.services.history import read_challenge_detail
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge


def name_of(person_id: int, challenge_id: int) -> str:
    ctx = harness.ctx()
    detail = read_challenge_detail(
        ctx.engine, person_id=person_id, challenge_id=challenge_id, now=ctx.clock.now()
    )
    return detail.card.name


async def test_a_new_name_is_saved_and_the_page_shows_it(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    await user.open(f"/challenge/{water}")

    user.find(marker="rename").click()
    await user.should_see(marker="rename-name", retries=50)
    user.find(marker="rename-name").clear().type("Hydrate daily")
    user.find(marker="rename-save").click()

    await user.should_see("Renamed to “Hydrate daily”", retries=50)
    assert name_of(person, water) == "Hydrate daily"


async def test_a_name_already_taken_is_refused_beside_the_field(user: User):
    person = await signed_in(user)
    start_challenge(person, STEPS, name="Walk")
    water = start_challenge(person, WATER)
    await user.open(f"/challenge/{water}")

    user.find(marker="rename").click()
    await user.should_see(marker="rename-name", retries=50)
    user.find(marker="rename-name").clear().type("walk")
    user.find(marker="rename-save").click()

    await user.should_see(marker="rename-name", content="already have a challenge", retries=50)
    assert name_of(person, water) == "Water every day"

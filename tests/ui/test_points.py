"""Points: the empty explanation, awards with the running balance, and reversals."""

from __future__ import annotations

import uuid

from nicegui import ui
from nicegui.testing import User

from app.domain.templates import WATER
from app.services.logging import log_progress, undo_log
from app.ui.points import when
from tests.ui import harness
from tests.ui.conftest import ZONE, signed_in, start_challenge


async def test_a_new_person_is_told_how_points_are_earned(user: User):
    await signed_in(user)
    await user.open("/points")

    await user.should_see(marker="empty-ledger", retries=50)
    await user.should_see("You earn points when you reach a challenge's target")
    start = user.find(marker="start-challenge").elements.pop()
    assert isinstance(start, ui.link) and start.props["href"] == "/new"


async def test_points_paid_for_a_day_show_with_the_running_balance(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER, points_per_period=10)
    drink(person, water, glasses=8)

    await user.open("/points")

    await user.should_see(marker="ledger", retries=50)
    assert len(user.find(marker="ledger-row").elements) == 1
    await user.should_see("Water every day")
    await user.should_see("+10 pts")
    await user.should_see("Balance 10")
    today = when(harness.ctx().clock.now(), ZONE).rsplit(",", 1)[0]
    await user.should_see(today)  # the date in the person's zone, without the minute


async def test_an_undo_that_reopens_a_day_shows_the_points_taken_back(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER, points_per_period=10)
    log_id = drink(person, water, glasses=8)
    ctx = harness.ctx()
    undo_log(ctx.engine, person_id=person, log_id=log_id, now=ctx.clock.now())

    await user.open("/points")

    await user.should_see(marker="ledger", retries=50)
    assert len(user.find(marker="ledger-row").elements) == 2
    await user.should_see("reopened by an undo")
    await user.should_see("-10 pts")
    await user.should_see("Balance 0")
    rows = sorted(user.find(marker="ledger-row").elements, key=lambda row: row.id)  # drawn order
    # a rule between entries, none under the last, where the card ends
    assert ["border-b" in row.classes for row in rows] == [True, False]


def drink(person: int, challenge: int, *, glasses: int) -> int:
    ctx = harness.ctx()
    receipt = log_progress(
        ctx.engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
        attributes={"glasses": glasses},
    )
    return receipt.log_id

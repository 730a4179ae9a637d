"""The challenge page sells streak freezes in STREAK challenges, and shows a frozen day."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from app.domain.templates import STEPS, WATER
from app.services.dashboard import read_balance
from app.services.logging import log_progress
from tests.factories import earned
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge


def drink(person: int, challenge: int, key: str) -> None:
    ctx = harness.ctx()
    log_progress(
        ctx.engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key=key,
        now=ctx.clock.now(),
        attributes={"glasses": 8},
    )


async def test_buying_a_freeze_asks_first_then_covers_the_next_missed_day(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    earned(ctx.engine, person, 70, now=ctx.clock.now())
    water = start_challenge(person, WATER, total_periods=10, required_periods=5)
    drink(person, water, "day-1")
    await user.open(f"/challenge/{water}")
    await user.should_see("Streak freezes: 0 of 2 held", retries=50)

    user.find(marker="buy-freeze").click()
    await user.should_see("It costs 50 points; your balance will be 20 points", retries=20)
    user.find(marker="confirm-freeze").click()

    await user.should_see("Streak freezes: 1 of 2 held", retries=50)
    assert read_balance(ctx.engine, person_id=person) == 20
    await user.should_see("A freeze costs 50 points and you have 20 points", retries=20)

    ctx.clock.advance(timedelta(days=2))  # tomorrow missed; the day after is today
    await user.open(f"/challenge/{water}")
    await user.should_see("was covered by a freeze", retries=50)
    await user.should_see("Streak freezes: 0 of 2 held · 1 used", retries=20)
    await user.should_see("1 in a row", retries=20)


async def test_a_challenge_without_a_streak_offers_no_freeze(user: User):
    person = await signed_in(user)
    steps = start_challenge(person, STEPS)
    await user.open(f"/challenge/{steps}")
    await user.should_see(marker="streak-story", retries=50)
    await user.should_not_see(marker="buy-freeze")

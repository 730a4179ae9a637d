"""A refusal a page shows speaks the page's language, with its numbers and nouns in it."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from app.domain.errors import RuleError
from app.domain.templates import WATER
from app.services.accounts import sign_in, sign_up
from tests.factories import earned
from tests.ui import harness
from tests.ui.conftest import PASSWORD, ZONE, signed_in, start_challenge


async def test_the_freeze_panel_says_in_swedish_why_a_freeze_cannot_be_bought(user: User):
    person = await signed_in(user)
    user.http_client.cookies.set("goalpost_language", "sv")
    ctx = harness.ctx()
    earned(ctx.engine, person, 1, now=ctx.clock.now())
    water = start_challenge(person, WATER, total_periods=10, required_periods=5)

    await user.open(f"/challenge/{water}")

    await user.should_see(
        "En frysning kostar 50 poäng och du har 1 poäng: det fattas 49 poäng.", retries=50
    )


async def test_sign_in_says_in_swedish_how_long_to_wait_after_too_many_tries(user: User):
    ctx = harness.ctx()
    now = ctx.clock.now()
    sign_up(ctx.engine, email="ada@example.com", password=PASSWORD, timezone=ZONE, now=now)
    for _ in range(5):
        with pytest.raises(RuleError):
            sign_in(ctx.engine, email="ada@example.com", password="no", now=now, client="192.0.2.9")
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/signin")
    user.find(marker="email").type("ada@example.com")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()

    await user.should_see("från nya enheter. Vänta 15 minuter, eller logga in", retries=50)

"""The landing page a signed-out visitor sees: the brand's own, with its rewards and challenges."""

from __future__ import annotations

from dataclasses import replace

import pytest
from nicegui.testing import User

from app.domain.definitions import DefinitionRule
from app.domain.rewards import RewardRule
from app.domain.templates import WATER
from app.services.definitions import create_definition, publish_definition
from app.services.rewards import create_reward
from tests.ui import harness

BY = "brand@example.com"


@pytest.fixture
def nordic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is built with a demo brand (set before the `user` fixture builds it)."""
    monkeypatch.setenv("BRAND_NAME", "Nordic Fitness")
    monkeypatch.setenv("BRAND_PRIMARY", "#1d4ed8")
    monkeypatch.setenv("BRAND_POINTS_NAME", "Vitality points")


async def test_the_landing_page_shows_the_brand_its_rewards_and_its_challenges(
    nordic: None, user: User
):
    for title, cost in (("Smoothie", 150), ("Gym bag", 900), ("Free coffee", 80)):
        a_reward(title, cost=cost)
    a_reward("Old offer", cost=10, stock=0)  # sold out: not worth showing a visitor
    a_definition("Water with Nordic", "Eight glasses a day.\nMore text the list leaves out.")

    await user.open("/")

    await user.should_see(marker="title", content="Nordic Fitness", retries=50)
    await user.should_see("What your Vitality points are worth")
    costs = {label.text for label in user.find(marker="shelf-cost").elements}
    assert costs == {"80 Vitality points", "150 Vitality points", "900 Vitality points"}
    await user.should_not_see("Old offer")
    await user.should_see("Water with Nordic")
    await user.should_see("Eight glasses a day.")
    await user.should_not_see("More text the list leaves out.")
    await user.should_see(marker="signup")
    await user.should_see(marker="signin")
    await user.should_not_see("people")
    await user.should_not_see("so far")


async def test_at_most_four_rewards_are_previewed(user: User):
    for n in range(6):
        a_reward(f"Reward {n}", cost=100 + n)

    await user.open("/")

    await user.should_see(marker="rewards-preview", retries=50)
    assert len(user.find(marker="shelf-item").elements) == 4


async def test_with_no_rewards_yet_the_page_says_they_are_on_their_way(user: User):
    await user.open("/")

    await user.should_see(marker="no-rewards", retries=50)
    await user.should_see(marker="title", content="Goalpost")
    await user.should_see("What your points are worth")


def a_reward(title: str, *, cost: int, stock: int | None = None) -> int:
    ctx = harness.ctx()
    rule = RewardRule(title=title, cost=cost, stock=stock)
    return create_reward(ctx.engine, rule=rule, by=BY, now=ctx.clock.now())


def a_definition(name: str, description: str) -> int:
    ctx = harness.ctx()
    spec = replace(WATER.start(timezone="UTC", start_date=None), name=name)
    rule = DefinitionRule(spec=spec, description=description, icon="water_drop")
    definition = create_definition(ctx.engine, rule=rule, by=BY, now=ctx.clock.now())
    publish_definition(ctx.engine, definition_id=definition, by=BY, now=ctx.clock.now())
    return definition

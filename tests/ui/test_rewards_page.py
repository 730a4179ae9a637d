"""Rewards: the catalogue in shelf order, redeeming once with a code, refusals, My rewards."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from nicegui import ui
from nicegui.testing import User

from app.domain.rewards import RewardRule
from app.domain.templates import WATER
from app.services.history import read_ledger
from app.services.logging import log_progress
from app.services.redemptions import redeem
from app.services.rewards import create_reward
from app.ui.frame import balance_text
from app.ui.reward_cards import day_text
from tests.ui import harness
from tests.ui.conftest import ZONE, signed_in, start_challenge


async def test_signed_out_the_page_sends_to_sign_in(user: User):
    await user.open("/rewards")

    await user.should_see(marker="email", retries=50)
    await user.should_not_see(marker="catalogue")


async def test_nothing_on_offer_says_so(user: User):
    await signed_in(user)
    await user.open("/rewards")

    await user.should_see(marker="empty-catalogue", retries=50)
    await user.should_see("No rewards on offer yet")
    await user.should_see(marker="no-rewards")


async def test_the_catalogue_shows_what_the_person_can_afford_first(user: User):
    person = await signed_in(user)
    earn(person, 100)
    dear = a_reward("Running jacket", cost=220)
    near = a_reward("Water bottle", cost=101)
    cheap = a_reward("Coffee", cost=40, stock=3)
    mid = a_reward("Shoes discount", cost=80)

    await user.open("/rewards")

    await user.should_see(marker="catalogue", retries=50)
    assert titles(user) == ["Coffee", "Shoes discount", "Water bottle", "Running jacket"]
    await user.should_see(marker=f"redeem-{cheap}")
    await user.should_see(marker=f"redeem-{mid}")
    assert state_of(user, near) == "1 more point"
    assert state_of(user, dear) == "120 more points"
    await user.should_see("Only 3 left")
    await user.should_see("80 points")


async def test_sold_out_and_ended_rewards_stay_on_the_shelf_marked(user: User):
    person = await signed_in(user)
    earn(person, 100)
    ctx = harness.ctx()
    sold_out = a_reward("Last tickets", cost=10, stock=0)
    ending = a_reward("Summer offer", cost=10, active_to=ctx.clock.now() + timedelta(hours=1))
    ctx.clock.advance(timedelta(hours=2))

    await user.open("/rewards")

    await user.should_see(marker="catalogue", retries=50)
    assert state_of(user, sold_out) == "Sold out"
    assert state_of(user, ending) == "Ended"
    assert button(user, f"reward-state-{sold_out}").enabled is False
    assert button(user, f"reward-state-{sold_out}").props["aria-label"] == "Sold out: Last tickets"


async def test_redeeming_confirms_the_cost_then_shows_the_code_and_the_new_balance(user: User):
    person = await signed_in(user)
    earn(person, 100)
    shoes = a_reward("10 % off running shoes", cost=80, code_prefix="RUN-", code_valid_days=92)

    await user.open("/rewards")
    user.find(marker=f"redeem-{shoes}").click()

    await user.should_see(
        "Redeem 10 % off running shoes for 80 points? Your balance will be 20 points."
    )
    user.find(marker="redeem-confirm").click()
    await user.should_see(marker="redeemed", retries=50)
    code = label(user, "code").text
    assert code.startswith("RUN-")
    assert label(user, "code").props["aria-label"] == f"Code {code}"
    expires = harness.ctx().clock.now() + timedelta(days=92)
    await user.should_see(f"Valid until {day_text(expires, ZONE)}")
    assert label(user, "balance").text == balance_text(20)
    user.find(marker="copy-code").click()
    await user.should_see("Code copied")
    user.find(marker="redeem-done").click()
    await user.should_see(marker="my-rewards")
    assert state_of(user, shoes) == "Already redeemed"


async def test_a_double_click_on_confirm_redeems_once(user: User):
    person = await signed_in(user)
    earn(person, 100)
    coffee = a_reward("Coffee", cost=30, per_person_limit=5)

    await user.open("/rewards")
    user.find(marker=f"redeem-{coffee}").click()
    await user.should_see(marker="redeem-confirm")
    confirm = user.find(marker="redeem-confirm")
    confirm.click()
    confirm.click()

    await user.should_see(marker="redeemed", retries=50)
    assert redeemed_rows(person) == 1
    assert label(user, "balance").text == balance_text(70)
    assert len(user.find(marker="my-reward").elements) == 1


async def test_a_balance_spent_meanwhile_is_refused_with_the_reason(user: User):
    person = await signed_in(user)
    earn(person, 100)
    hat = a_reward("Cap", cost=80)
    socks = a_reward("Socks", cost=80)

    await user.open("/rewards")
    user.find(marker=f"redeem-{hat}").click()
    await user.should_see(marker="redeem-confirm")
    ctx = harness.ctx()
    redeem(
        ctx.engine,
        person_id=person,
        reward_id=socks,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
    )
    user.find(marker="redeem-confirm").click()

    await user.should_see("Cap costs 80 points and you have 20 points", retries=50)
    assert redeemed_rows(person) == 1
    assert state_of(user, hat) == "60 more points"  # the page read again
    assert label(user, "balance").text == balance_text(20)
    assert button(user, "redeem-cancel").text == "Close"


async def test_a_reward_with_a_picture_shows_it_in_place_of_the_icon(user: User):
    await signed_in(user)
    a_reward("Yoga mat", cost=500, icon="self_improvement", image_url="https://example.com/mat.jpg")

    await user.open("/rewards")

    await user.should_see(marker="catalogue", retries=50)
    picture = user.find(kind=ui.image).elements.pop()
    assert isinstance(picture, ui.image) and picture.source == "https://example.com/mat.jpg"
    assert picture.props["alt"] == ""  # the title beside it names it
    icons = [e.props.get("name") for e in user.find(kind=ui.icon).elements]
    assert "self_improvement" not in icons and "redeem" in icons  # the nav's own still shows


async def test_an_expired_code_is_greyed_and_labelled_not_hidden(user: User):
    person = await signed_in(user)
    earn(person, 100)
    ctx = harness.ctx()
    voucher = a_reward("Smoothie", cost=10, code_valid_days=1)
    redeem(
        ctx.engine,
        person_id=person,
        reward_id=voucher,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
    )
    expired_at = ctx.clock.now() + timedelta(days=1)
    ctx.clock.advance(timedelta(days=2))

    await user.open("/rewards")

    await user.should_see(marker="my-rewards", retries=50)
    await user.should_see(marker="expired")
    await user.should_see(f"Expired on {day_text(expired_at, ZONE)}")
    assert "text-gray-500" in user.find(marker="my-reward").elements.pop().classes


async def test_a_redemption_shows_on_the_points_page(user: User):
    person = await signed_in(user)
    earn(person, 100)
    ctx = harness.ctx()
    shoes = a_reward("Shoes discount", cost=80)
    redeem(
        ctx.engine,
        person_id=person,
        reward_id=shoes,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
    )

    await user.open("/points")

    await user.should_see("Redeemed: Shoes discount", retries=50)
    await user.should_see("-80 pts")
    await user.should_see("Balance 20")


async def test_the_navigation_leads_to_rewards(user: User):
    await signed_in(user)
    await user.open("/points")

    await user.should_see(marker="nav-rewards", retries=50)
    link = user.find(marker="nav-rewards").elements.pop()
    assert isinstance(link, ui.link) and link.props["href"] == "/rewards"


def earn(person: int, points: int) -> None:
    """Points the way the app pays them: a water challenge's day reached."""
    ctx = harness.ctx()
    water = start_challenge(person, WATER, points_per_period=points)
    log_progress(
        ctx.engine,
        person_id=person,
        challenge_id=water,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
        attributes={"glasses": 8},
    )


def a_reward(title: str, *, cost: int, **rule: Any) -> int:
    ctx = harness.ctx()
    return create_reward(
        ctx.engine,
        rule=RewardRule(title=title, cost=cost, **rule),
        by="brand@example.com",
        now=ctx.clock.now(),
    )


def redeemed_rows(person: int) -> int:
    rows = read_ledger(harness.ctx().engine, person_id=person, limit=50)
    return sum(row.note.startswith("Redeemed: ") for row in rows)


def titles(user: User) -> list[str]:
    shown = sorted(user.find(marker="reward-title").elements, key=lambda e: e.id)
    return [e.text for e in shown if isinstance(e, ui.label)]


def state_of(user: User, reward_id: int) -> str:
    return button(user, f"reward-state-{reward_id}").text


def button(user: User, marker: str) -> ui.button:
    element = user.find(marker=marker).elements.pop()
    assert isinstance(element, ui.button)
    return element


def label(user: User, marker: str) -> ui.label:
    element = user.find(marker=marker).elements.pop()
    assert isinstance(element, ui.label)
    return element

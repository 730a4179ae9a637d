"""Rewards in the brand console: made, refused beside their fields, stocked with codes, ended."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from app.domain.rewards import CodeSource, RewardRule
from app.services.budget import read_budget
from app.services.rewards import create_reward, list_rewards
from tests.ui import harness
from tests.ui.conftest import signed_in

OPERATOR = "brand@example.com"
PAGES = ("/brand/rewards", "/brand/rewards/new", "/brand/rewards/1", "/brand/rewards/abc")


@pytest.fixture
def operators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_EMAILS", OPERATOR)


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def rewards():
    ctx = harness.ctx()
    return list_rewards(ctx.engine, now=ctx.clock.now())


def a_reward(source: CodeSource = CodeSource.GENERATED, codes: str | None = None) -> int:
    ctx = harness.ctx()
    rule = RewardRule(title="Free coffee", cost=150, code_source=source)
    return create_reward(ctx.engine, rule=rule, codes=codes, by=OPERATOR, now=ctx.clock.now())


async def test_an_operator_creates_a_reward_of_generated_codes_and_sees_it_listed(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards")
    await user.should_see(marker="empty", retries=50)
    await user.should_see("No rewards yet.")
    user.find(marker="new-reward").click()
    await user.should_see(marker="title", retries=50)

    type_into(user, "title", "Free smoothie")
    type_into(user, "cost", "250")
    user.find(marker="icon").click()
    user.find("Coffee").click()
    user.find(marker="stock-unlimited").click()  # a new reward starts unlimited
    type_into(user, "stock", "40")
    type_into(user, "code-prefix", "SMOOTH-")
    user.find(marker="save").click()

    await user.should_see(marker="audit", content=f"Changed by {OPERATOR}", retries=50)
    await user.should_see(marker="left", content="40")
    await user.open("/brand/rewards")
    [reward] = rewards()
    await user.should_see(marker=f"reward-{reward.id}", content="Free smoothie", retries=50)
    await user.should_see(marker="status-active")
    await user.should_see(marker=f"cost-{reward.id}", content="250 pts")
    await user.should_see(marker=f"redeemed-{reward.id}", content="0")
    await user.should_see(marker=f"left-{reward.id}", content="40")
    await user.should_see(marker=f"points-spent-{reward.id}", content="0")
    assert (reward.rule.icon, reward.rule.code_prefix) == ("local_cafe", "SMOOTH-")


async def test_an_unlimited_reward_with_no_limit_and_no_expiry_says_so(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards/new")
    await user.should_see(marker="title", retries=50)
    type_into(user, "title", "Sticker")
    type_into(user, "cost", "10")
    for switch in ("no-limit", "never-expires"):  # unlimited stock is where a reward starts
        user.find(marker=switch).click()
    user.find(marker="save").click()

    await user.should_see(marker="left", content="Unlimited", retries=50)
    [reward] = rewards()
    rule = reward.rule
    assert (rule.stock, rule.per_person_limit, rule.code_valid_days) == (None, None, None)


async def test_a_cost_of_zero_is_refused_beside_the_cost(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards/new")
    await user.should_see(marker="title", retries=50)
    type_into(user, "title", "Free smoothie")
    type_into(user, "cost", "0")
    type_into(user, "active-from", "2030-03-10")
    type_into(user, "active-to", "2030-03-01")

    user.find(marker="save").click()

    await user.should_see(marker="cost", content="Enter a cost from 1 to", retries=50)
    await user.should_see(marker="active-to", content="The end must come after the start")
    assert rewards() == []


async def test_uploaded_codes_are_refused_by_line_then_saved_when_clean(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards/new")
    await user.should_see(marker="title", retries=50)
    type_into(user, "title", "Cinema ticket")
    type_into(user, "cost", "500")
    user.find("Upload our codes").click()
    await user.should_see(marker="codes")
    type_into(user, "codes", "A1\n\nB1\nA1\n")

    user.find(marker="save").click()

    await user.should_see(marker="codes-error", content="Line 2 is blank", retries=50)
    await user.should_see(marker="codes-error", content="Line 4 repeats line 1: A1.")
    assert rewards() == []

    type_into(user, "codes", "A1\nB1\nC1\n")
    user.find(marker="save").click()
    await user.should_see(marker="code-source-fixed", content="Upload our codes", retries=50)
    await user.should_see(marker="left", content="3")
    [reward] = rewards()
    assert (reward.left, reward.rule.code_source) == (3, CodeSource.UPLOADED)


async def test_a_file_of_codes_fills_the_codes_box(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards/new")
    await user.should_see(marker="title", retries=50)
    user.find("Upload our codes").click()

    [upload] = user.find(marker="codes-file").elements
    assert isinstance(upload, ui.upload)
    file = ui.upload.SmallFileUpload("codes.csv", "text/csv", b"code\nX1\nX2\n")
    await upload.handle_uploads([file])

    await user.should_see("Read codes.csv", retries=50)
    [box] = user.find(marker="codes").elements
    assert box.value == "code\nX1\nX2\n"  # type: ignore[attr-defined]


async def test_more_codes_are_added_on_edit_and_a_repeat_is_refused(operators: None, user: User):
    reward = a_reward(CodeSource.UPLOADED, "A1\nB1\n")
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/rewards/{reward}")
    await user.should_see(marker="left", content="2", retries=50)

    type_into(user, "add-codes", "C1\nA1\n")
    user.find(marker="add-codes-save").click()
    await user.should_see(
        marker="add-codes-error", content="Line 2: A1 is uploaded already", retries=50
    )

    type_into(user, "add-codes", "C1\nD1\nE1\n")
    user.find(marker="add-codes-save").click()
    await user.should_see(marker="codes-added", content="Added 3 codes.", retries=50)
    await user.should_see(marker="left", content="5")
    await user.should_not_see(marker="add-codes-error")
    assert rewards()[0].left == 5


async def test_a_reward_of_generated_codes_offers_no_codes_box(operators: None, user: User):
    reward = a_reward()
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/rewards/{reward}")
    await user.should_see(marker="code-source-fixed", content="Generate codes", retries=50)
    await user.should_not_see(marker="more-codes")


async def test_end_now_asks_first_then_ends_the_reward(operators: None, user: User):
    reward = a_reward()
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/rewards/{reward}")
    await user.should_see(marker="status-active", retries=50)

    user.find(marker="end").click()
    await user.should_see(marker="end-dialog")
    user.find(marker="end-confirm").click()

    await user.should_see(marker="status-ended", retries=50)
    await user.should_not_see(marker="end")
    assert rewards()[0].availability == "ended"


async def test_a_reward_edits_and_saves(operators: None, user: User):
    reward = a_reward()
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/rewards/{reward}")
    await user.should_see(marker="title", retries=50)

    type_into(user, "title", "Free large coffee")
    type_into(user, "cost", "200")
    user.find(marker="save").click()

    await user.should_see("Saved.", retries=50)
    [view] = rewards()
    assert (view.title, view.rule.cost) == ("Free large coffee", 200)


async def test_a_missing_reward_shows_not_found(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    for page in ("/brand/rewards/99999", "/brand/rewards/abc", "/brand/rewards/-1"):
        await user.open(page)
        await user.should_see(marker="not-found", retries=50)


async def test_someone_not_an_operator_gets_not_found_on_every_rewards_page(
    operators: None, user: User
):
    a_reward()
    await signed_in(user, email="customer@example.com")

    for page in PAGES:
        await user.open(page)
        await user.should_see(marker="not-found", retries=50)
        await user.should_not_see("Brand console")
        await user.should_not_see("Free coffee")


async def test_the_budget_saves_the_freeze_price_and_most_held(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/budget")
    await user.should_see(marker="freeze-price", retries=50)
    await user.should_see("0 turns freezes off")

    type_into(user, "freeze-max-held", "11")
    user.find(marker="save").click()
    await user.should_see(marker="freeze-max-held", content="from 0 (no freezes) to 10", retries=50)

    type_into(user, "freeze-price", "80")
    type_into(user, "freeze-max-held", "3")
    user.find(marker="save").click()
    await user.should_see("Budget saved.", retries=50)
    budget = read_budget(harness.ctx().engine)
    assert (budget.freeze_price, budget.freeze_max_held) == (80, 3)

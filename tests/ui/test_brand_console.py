"""The brand console: definitions drafted, published, ended and reopened; the budget; API keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from nicegui.testing import User

from app.domain.definitions import DefinitionRule
from app.domain.templates import STEPS
from app.services.api_keys import list_api_keys
from app.services.budget import read_budget
from app.services.definitions import (
    create_definition,
    end_definition,
    list_definitions,
    publish_definition,
)
from tests.ui import harness
from tests.ui.conftest import signed_in

OPERATOR = "brand@example.com"
PAGES = (
    "/brand",
    "/brand/definitions/new",
    "/brand/budget",
    "/brand/keys",
    "/brand/participation",
    "/brand/rewards",
    "/brand/rewards/new",
)


@pytest.fixture
def operators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_EMAILS", OPERATOR)


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def choose(user: User, marker: str, option: str) -> None:
    user.find(marker=marker).click()
    user.find(option).click()


def newest_definition():
    ctx = harness.ctx()
    return list_definitions(ctx.engine, now=ctx.clock.now(), count=1).items[0]


async def test_an_operator_drafts_fixes_publishes_ends_and_reopens_a_definition(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/definitions/new")
    await user.should_see(marker="save", retries=50)
    type_into(user, "name", "Brand stretch")
    type_into(user, "event-type", "stretch")
    type_into(user, "event-label", "stretch")
    type_into(user, "event-unit", "stretches")
    type_into(user, "target", "0")
    type_into(user, "icon", "self_improvement")

    user.find(marker="save").click()

    await user.should_see(marker="target", content="Set a target above zero", retries=50)
    type_into(user, "target", "2")
    type_into(user, "description", "Stretch twice a day.\nYour back will thank you.")
    user.find(marker="save").click()
    await user.should_see(marker="publish", retries=50)
    await user.should_see(marker="status-draft")
    await user.should_see(marker="audit", content=f"Created by {OPERATOR}")

    user.find(marker="publish").click()
    await user.should_see(marker="status-active", retries=50)
    await user.should_see(marker="rule-locked")
    assert newest_definition().rule.spec.target == 2

    user.find(marker="end").click()
    await user.should_see(marker="end-dialog")
    user.find(marker="end-confirm").click()
    await user.should_see(marker="status-ended", retries=50)

    user.find(marker="reopen").click()
    await user.should_see(marker="reopen-dialog")
    user.find(marker="reopen-confirm").click()  # no new end: it runs on
    await user.should_see(marker="status-active", retries=50)
    assert newest_definition().status == "Active"


async def test_the_list_filters_by_status_and_says_when_there_is_nothing(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)

    await user.open("/brand?status=Active")
    await user.should_see("Water every day", retries=50)
    assert len(user.find(marker="definition-row").elements) == 4

    await user.open("/brand?status=Draft")
    await user.should_see(marker="empty", retries=50)
    await user.should_not_see("Water every day")


async def test_someone_not_an_operator_gets_not_found_on_every_console_page(
    operators: None, user: User
):
    await signed_in(user, email="customer@example.com")

    for page in PAGES:
        await user.open(page)
        await user.should_see(marker="not-found", retries=50)
        await user.should_not_see("Brand console")


async def test_the_budget_saves_and_refuses_bad_values_beside_their_field(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/budget")
    await user.should_see(marker="example", content="it pays", retries=50)

    type_into(user, "points-per-period", "20")
    type_into(user, "monthly-cap", "2000000")
    user.find(marker="save").click()

    await user.should_see(marker="monthly-cap", content="from 0 to 1,000,000", retries=50)
    assert read_budget(harness.ctx().engine).points_per_period == 10
    type_into(user, "monthly-cap", "800")
    type_into(user, "challenge-cap", "1000")
    await user.should_see(marker="example", content="140 for the days + 35 on completion = 175")
    user.find(marker="save").click()
    await user.should_see("Budget saved.", retries=50)
    budget = read_budget(harness.ctx().engine)
    assert (budget.points_per_period, budget.monthly_cap, budget.challenge_cap) == (20, 800, 1000)


async def test_a_key_is_shown_once_listed_by_its_prefix_and_revoked(operators: None, user: User):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/keys")
    await user.should_see(marker="no-keys", retries=50)
    await user.should_see(marker="api-docs")

    type_into(user, "key-name", "CRM")
    user.find(marker="create-key").click()

    await user.should_see(marker="shown-once", content="will not be shown again", retries=50)
    [key] = list_api_keys(harness.ctx().engine)
    shown = next(iter(user.find(marker="key-value").elements)).text
    assert shown.startswith(key.prefix) and len(shown) > 30
    user.find(marker="key-done").click()
    await user.should_see(f"CRM · {key.prefix}…", retries=50)
    await user.should_not_see(shown)

    user.find(marker=f"revoke-{key.id}").click()
    user.find(marker="revoke-confirm").click()
    await user.should_see(marker=f"revoked-{key.id}", retries=50)
    [revoked] = list_api_keys(harness.ctx().engine)
    assert revoked.revoked_at is not None


async def test_participation_shows_each_definition_and_this_months_payout(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)

    await user.open("/brand/participation")

    await user.should_see(marker="month-paid", content="0 points to 0 people", retries=50)
    await user.should_see(marker="month-cap", content="1,000 points per person")
    await user.should_see(marker="funnel")
    await user.should_see("Water every day")
    assert len(user.find(marker="participation-row").elements) == 4


def a_published_definition() -> int:
    ctx = harness.ctx()
    spec = STEPS.start(timezone="UTC", start_date=None)
    rule = DefinitionRule(spec=replace(spec, name="Brand steps"), icon="directions_walk")
    definition = create_definition(ctx.engine, rule=rule, by=OPERATOR, now=ctx.clock.now())
    publish_definition(ctx.engine, definition_id=definition, by=OPERATOR, now=ctx.clock.now())
    return definition


async def test_a_published_definition_edits_its_texts_and_shows_its_rule_read_only(
    operators: None, user: User
):
    definition = a_published_definition()
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/definitions/{definition}")
    await user.should_see(marker="rule-locked", retries=50)
    [target] = user.find(marker="target").elements
    assert target.props.get("readonly") is True

    type_into(user, "name", "Brand steps, spring")
    type_into(user, "description", "Walk more this spring.")
    user.find(marker="save").click()

    await user.should_see("Saved.", retries=50)
    view = newest_definition()
    assert (view.name, view.rule.description, view.rule.spec.target) == (
        "Brand steps, spring",
        "Walk more this spring.",
        10_000,
    )


async def test_reopening_takes_an_end_in_the_future_or_none(operators: None, user: User):
    ctx = harness.ctx()
    definition = a_published_definition()
    end_definition(ctx.engine, definition_id=definition, by=OPERATOR, now=ctx.clock.now())
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/definitions/{definition}")
    await user.should_see(marker="status-ended", retries=50)

    user.find(marker="reopen").click()
    type_into(user, "reopen-until", (ctx.clock.now() - timedelta(days=2)).date().isoformat())
    user.find(marker="reopen-confirm").click()
    await user.should_see(marker="reopen-until", content="end in the future", retries=50)
    later = (ctx.clock.now() + timedelta(days=30)).date()
    type_into(user, "reopen-until", later.isoformat())
    user.find(marker="reopen-confirm").click()

    await user.should_see(marker="status-active", retries=50)
    scheduled_to = newest_definition().rule.scheduled_to
    assert scheduled_to is not None and scheduled_to.date() == later

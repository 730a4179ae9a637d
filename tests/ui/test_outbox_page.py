"""The operators' outbox page: counts per status, the items, and who may see it."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from app.domain.templates import WATER
from tests.ui.conftest import sign_in_with_the_form, signed_in, start_challenge

OPERATOR = "ops@example.com"


@pytest.fixture
def operators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_EMAILS", f"someone@example.com, {OPERATOR.upper()}")


async def test_an_operator_sees_what_waits_to_go_upstream(operators: None, user: User):
    person = await signed_in(user, email=OPERATOR)
    start_challenge(person, WATER)  # the target group, promotion, enrolment, event definition

    await user.open("/operator/outbox?status=pending")

    await user.should_see(marker="count-pending", content="pending · 4", retries=50)
    await user.should_see(marker="count-dead", content="dead · 0")
    assert len(user.find(marker="outbox-row").elements) == 4
    await user.should_see("target_group.create")
    await user.should_see(marker="upstream", content="sync is off")
    await user.should_see("close_periods · every 60 s")
    # One instance on SQLite leads what must run once; nothing in these tests runs elsewhere.
    await user.should_see(marker="leader-close_periods", content="Led by ")
    await user.should_see(marker="leader-close_periods", content="(this instance)")


async def test_the_default_view_lists_failures_and_says_when_there_are_none(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)

    await user.open("/operator/outbox")

    await user.should_see(marker="outbox-empty", content="Nothing dead", retries=50)


async def test_someone_not_on_the_operator_list_sees_the_not_found_page(
    operators: None, user: User
):
    person = await signed_in(user, email="customer@example.com")
    start_challenge(person, WATER)

    await user.open("/operator/outbox?status=pending")

    await user.should_see(marker="not-found", retries=50)
    await user.should_not_see("target_group.create")
    await user.should_not_see("Sync outbox")


async def test_in_test_and_production_an_empty_operator_list_lets_nobody_in(user: User):
    await signed_in(user, email="first@example.com")  # the first account, in ENVIRONMENT=test

    await user.open("/operator/outbox")

    await user.should_see(marker="not-found", retries=50)


@pytest.fixture
def development(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("ENVIRONMENT", "development")
    return monkeypatch


@pytest.fixture
def dev_operator(development: pytest.MonkeyPatch) -> None:
    development.setenv("DEV_OPERATOR_EMAILS", OPERATOR)


async def test_in_development_dev_operator_emails_name_the_operators(
    dev_operator: None, user: User
):
    await signed_in(user, email="first@example.com")
    await user.open("/operator/outbox")
    await user.should_see(marker="not-found", retries=50)

    await user.open("/signout")
    await signed_in(user, email=OPERATOR)
    await user.open("/operator/outbox")
    await user.should_see(marker="outbox-empty", retries=50)


async def test_in_development_with_nobody_named_the_first_account_is_the_operator(
    development: pytest.MonkeyPatch, user: User
):
    await signed_in(user, email="first@example.com")
    await user.open("/signout")
    await signed_in(user, email="second@example.com")
    await user.open("/operator/outbox")
    await user.should_see(marker="not-found", retries=50)

    await user.open("/signout")
    await sign_in_with_the_form(user, "first@example.com")
    await user.open("/operator/outbox")
    await user.should_see(marker="outbox-empty", retries=50)

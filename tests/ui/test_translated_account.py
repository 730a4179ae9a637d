"""Points, Rewards, Settings, the account pages and the landing page speak only through the
catalog (tests/ui/untranslated.py), and in Swedish once it is chosen."""

from __future__ import annotations

import uuid

import pytest
from nicegui.testing import User

from app.services.redemptions import redeem
from app.services.sessions import start_session
from app.ui.settings_page import zone_names
from tests.fixtures.imports import LOOP_CHECKMARKS
from tests.ui import harness
from tests.ui.conftest import PASSWORD, signed_in
from tests.ui.test_import_history import _upload
from tests.ui.test_rewards_page import a_reward, earn
from tests.ui.untranslated import pseudo, untranslated  # noqa: F401  (pseudo is a fixture)

# "Main" is the frame's navigation label, app/ui/frame.py: translated on the Today branch.
PERSON = ("Ada", "ada@example.com", "Goalpost", "Main")
REWARDS = ("Coffee", "Running jacket", "Shoes discount")
WATER = "Water every day"  # the WATER template's name, the person's challenge
# IANA zone names are data; each language's name is in its own words, in every language.
SETTINGS = (*PERSON, *zone_names(), "English", "Svenska")
HABITS = ("Meditate", "Read", "Floss", "Loop Habit Tracker", "Checkmarks.csv")


@pytest.mark.usefixtures("pseudo")
async def test_points_empty_speaks_only_through_the_catalog(user: User):
    await signed_in(user)
    await user.open("/points")
    await user.should_see(marker="empty-ledger", retries=50)

    assert untranslated(user, data=PERSON) == []


@pytest.mark.usefixtures("pseudo")
async def test_points_with_awards_and_a_redemption_speak_only_through_the_catalog(
    user: User,
):
    person = await signed_in(user)
    earn(person, 100)
    spend(person, a_reward("Coffee", cost=40))

    await user.open("/points")
    await user.should_see(marker="ledger", retries=50)

    assert untranslated(user, data=(*PERSON, *REWARDS, WATER)) == []


@pytest.mark.usefixtures("pseudo")
async def test_rewards_empty_speaks_only_through_the_catalog(user: User):
    await signed_in(user)
    await user.open("/rewards")
    await user.should_see(marker="empty-catalogue", retries=50)

    assert untranslated(user, data=PERSON) == []


@pytest.mark.usefixtures("pseudo")
async def test_rewards_on_offer_and_the_redeem_dialog_speak_only_through_the_catalog(
    user: User,
):
    person = await signed_in(user)
    earn(person, 100)
    coffee = a_reward("Coffee", cost=40, stock=3)
    a_reward("Running jacket", cost=220)

    await user.open("/rewards")
    await user.should_see(marker="catalogue", retries=50)
    assert untranslated(user, data=(*PERSON, *REWARDS)) == []

    user.find(marker=f"redeem-{coffee}").click()
    await user.should_see(marker="redeem-question", retries=50)
    assert untranslated(user, data=(*PERSON, *REWARDS)) == []

    user.find(marker="redeem-confirm").click()
    await user.should_see(marker="redeemed", retries=50)
    codes = tuple(e.text for e in user.find(marker="code").elements)
    assert untranslated(user, data=(*PERSON, *REWARDS, *codes)) == []


@pytest.mark.usefixtures("pseudo")
async def test_rewards_after_redeeming_speak_only_through_the_catalog(
    user: User,
):
    person = await signed_in(user)
    earn(person, 100)
    code = spend(person, a_reward("Coffee", cost=40, code_valid_days=30))

    await user.open("/rewards")
    await user.should_see(marker="my-rewards", retries=50)

    assert untranslated(user, data=(*PERSON, *REWARDS, code)) == []


async def test_points_in_swedish(user: User):
    person = await signed_in(user)
    earn(person, 100)
    spend(person, a_reward("Coffee", cost=1))
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/points")

    await user.should_see("Poäng", retries=50)
    await user.should_see("Saldo 99")
    await user.should_see("Inlöst: Coffee")
    await user.should_see(f"{WATER}: period 1 klarad")
    await user.should_see("+100 p")
    await user.should_see("-1 p")
    await user.should_see("dec. 2026")  # the day in Swedish: "fre 4 dec. 2026, 02:00"


async def test_rewards_in_swedish(user: User):
    person = await signed_in(user)
    earn(person, 100)
    a_reward("Running jacket", cost=1100)
    a_reward("Shoes discount", cost=101)
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/rewards")

    await user.should_see("Belöningar", retries=50)
    await user.should_see("1\N{NO-BREAK SPACE}100 poäng")
    await user.should_see("1 poäng till")
    await user.should_see("Mina belöningar")


@pytest.mark.usefixtures("pseudo")
async def test_settings_speak_only_through_the_catalog(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    start_session(ctx.engine, person_id=person, now=ctx.clock.now())  # another device

    await user.open("/settings")
    await user.should_see(marker="current-password", retries=50)
    assert untranslated(user, data=SETTINGS) == []

    user.find(marker="save").click()
    user.find(marker="dark-mode").click()
    await user.should_see(marker="email-not-confirmed")
    user.find(marker="send-confirmation").click()
    user.find(marker="current-password").type(PASSWORD)
    user.find(marker="new-password").type("a brand new passphrase")
    user.find(marker="change-password").click()
    await user.should_see("other session was signed out", retries=50)
    assert untranslated(user, data=SETTINGS) == []


@pytest.mark.usefixtures("pseudo")
async def test_settings_import_speaks_only_through_the_catalog(user: User):
    await signed_in(user)
    await user.open("/settings")

    await _upload(user, "Checkmarks.csv", LOOP_CHECKMARKS)
    await user.should_see(marker="import-confirm", retries=50)
    assert untranslated(user, data=(*SETTINGS, *HABITS)) == []

    user.find(marker="import-confirm").click()
    await user.should_see(marker="import-summary", retries=50)
    assert untranslated(user, data=(*SETTINGS, *HABITS)) == []


@pytest.mark.usefixtures("pseudo")
async def test_settings_leaving_dialog_speaks_only_through_the_catalog(user: User):
    await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="delete-account", retries=50)

    user.find(marker="delete-account").click()
    await user.should_see(marker="delete-account-what-happens", retries=50)
    assert untranslated(user, data=SETTINGS) == []


async def test_settings_in_swedish(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    start_session(ctx.engine, person_id=person, now=ctx.clock.now())
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/settings")
    await user.should_see("Inställningar", retries=50)
    await user.should_see("Radera mitt konto")
    user.find(marker="current-password").type(PASSWORD)
    user.find(marker="new-password").type("a brand new passphrase")
    user.find(marker="change-password").click()

    await user.should_see("1 annan session loggades ut", retries=50)


async def test_an_import_preview_in_swedish(user: User):
    await signed_in(user)
    user.http_client.cookies.set("goalpost_language", "sv")
    await user.open("/settings")

    await _upload(user, "Checkmarks.csv", LOOP_CHECKMARKS)

    await user.should_see("Från Loop Habit Tracker: 2 att importera", retries=50)
    await user.should_see("02 mars 2026 – 05 mars 2026, 3 loggar")
    await user.should_see("Utelämnat: 'Floss': inga gjorda dagar")


def spend(person: int, reward: int) -> str:
    """Redeem `reward` through the service; its code."""
    ctx = harness.ctx()
    redeemed = redeem(
        ctx.engine,
        person_id=person,
        reward_id=reward,
        idempotency_key=uuid.uuid4().hex,
        now=ctx.clock.now(),
    )
    assert redeemed is not None
    return redeemed.reward.code

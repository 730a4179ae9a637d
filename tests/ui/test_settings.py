"""Settings: name, time zone and dark mode are saved; errors sit beside the field."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from app.services.accounts import read_profile
from tests.ui import harness
from tests.ui.conftest import signed_in


async def test_saving_settings_keeps_the_name_zone_and_dark_mode(user: User):
    person = await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="display-name", retries=50)

    user.find(marker="display-name").clear().type("Ada L.")
    user.find(marker="timezone").click()
    user.find("America/New_York").click()
    user.find(marker="dark-mode").click()
    user.find(marker="save").click()

    await user.should_see("Settings saved", retries=50)
    profile = read_profile(harness.ctx().engine, person_id=person)
    assert (profile.display_name, profile.timezone, profile.dark_mode) == (
        "Ada L.",
        "America/New_York",
        True,
    )


async def test_dark_mode_is_saved_the_moment_it_is_switched(user: User):
    person = await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="dark-mode", retries=50)

    user.find(marker="dark-mode").click()

    await user.should_see("Dark mode on, saved", retries=50)
    assert read_profile(harness.ctx().engine, person_id=person).dark_mode
    assert any(theme.value for theme in user.find(kind=ui.dark_mode).elements)


async def test_a_zone_that_does_not_exist_is_refused_beside_the_field(user: User):
    person = await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="timezone", retries=50)

    user.find(marker="timezone").clear()
    user.find(marker="save").click()

    await user.should_see("is not a time zone", retries=50)
    assert read_profile(harness.ctx().engine, person_id=person).timezone == "Europe/Stockholm"


async def test_sign_out_leaves_for_the_sign_in_page(user: User):
    await signed_in(user)
    await user.open("/settings")

    user.find(marker="sign-out").click()

    await user.should_see("Welcome back", retries=50)


async def test_download_my_data_gives_the_persons_data_as_json(user: User):
    await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="download-data", retries=50)

    user.find(marker="download-data").click()

    response = await user.download.next(timeout=5)
    data = response.json()
    assert data["format"] == "goalpost-export/1"
    assert data["profile"]["email"] == "ada@example.com"
    assert {"challenges", "logs", "ledger", "redemptions", "streak_freezes"} <= set(data)


async def test_the_email_address_is_shown_once(user: User):
    await signed_in(user)
    await user.open("/settings")

    await user.should_see("E-mail: ada@example.com", retries=50)
    shown = [e for e in user.find(ui.label).elements if "ada@example.com" in e.text]
    assert len(shown) == 1
